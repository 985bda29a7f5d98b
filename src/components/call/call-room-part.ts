import type { CallService } from '../../services/call-service.js';
import type { PexCall } from './call.js';

/** What the room needs from `<pex-call>` beyond the element's public API. */
export interface CallRoomHost {
  /** The element the room renders into. */
  readonly element: PexCall;
  /** Runs a command; a failure becomes the visible notice and a `pex-error` event. */
  run(action: () => Promise<unknown>): Promise<void>;
  /** The visible notice (a failed command, a blocked pop-out window). */
  notice(): string;
  /** Shows a notice. */
  showNotice(text: string): void;
  /** Adds media to a control-only call ("Join with video"), through the device check when wanted. */
  escalate(mode: 'video' | 'audio'): void;
  /** A command is running. */
  busy(): boolean;
}

/**
 * One concern of the in-call room (stage, toolbar, Host menu, statistics…): it renders into
 * `<pex-call>`'s shadow root (so every `part` stays one of `<pex-call>`'s own, styled from the page
 * with `pex-call::part(…)`), keeps its own UI state, and re-renders the element when that changes.
 */
export abstract class RoomPart<S extends object> {
  /** The element the room renders into. */
  protected readonly call: PexCall;
  /** The call's service (the same as `<pex-call>`'s). */
  protected readonly service: CallService;

  constructor(
    protected readonly host: CallRoomHost,
    protected readonly s: S,
  ) {
    this.call = host.element;
    this.service = host.element.service;
  }

  /** Changes this part's state and re-renders the element. */
  protected set(patch: Partial<S>): void {
    Object.assign(this.s, patch);
    this.call.requestUpdate();
  }
}
