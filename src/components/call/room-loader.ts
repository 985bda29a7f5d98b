import type { CallRoom } from './call-room.js';
import type { CallRoomHost } from './call-room-part.js';

/**
 * `<pex-call>`'s in-call UI (call-room.ts), loaded with `import()` once, when joining starts, so a
 * page that only shows the join form does not download it. Until it is there, the call shows the
 * connecting panel; a failed download (e.g. offline) is tried again the next time the call moves on.
 */
export class RoomLoader {
  readonly #host: CallRoomHost;
  #room: CallRoom | undefined;
  #loading: Promise<void> | undefined;

  constructor(host: CallRoomHost) {
    this.#host = host;
  }

  /** The in-call UI, once loaded. */
  get room(): CallRoom | undefined {
    return this.#room;
  }

  /** The download in progress, if any (the element's `updateComplete` waits for it). */
  get loading(): Promise<void> | undefined {
    return this.#loading;
  }

  /** Loads the in-call UI (once); the element re-renders when it is there. */
  load(): Promise<void> {
    this.#loading ??= import('./call-room.js').then(
      ({ CallRoom }) => {
        this.#room = new CallRoom(this.#host);
        this.#host.element.requestUpdate();
      },
      (e: unknown) => {
        this.#loading = undefined;
        console.error('pex-call: could not load the in-call UI', e);
      },
    );
    return this.#loading;
  }
}
