/**
 * Typed events of the pex-* elements. All bubble and are composed (they cross shadow roots);
 * "request" events are cancelable so a host page can veto the action.
 */
import type { CallError } from '../services/errors.js';
import type { CallPhase } from '../services/types.js';
import type { ParticipantView } from '../services/types.js';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** The call's phase changed (`idle`, `connecting`, `needs-pin`, …, `in-call`, `ended`). */
export class PexStateChangeEvent extends Event {
  static readonly type = 'pex-state-change';
  constructor(
    readonly phase: CallPhase,
    readonly previous: CallPhase,
  ) {
    super(PexStateChangeEvent.type, init());
  }
}

/** We are in the conference (past PIN, lock and host-wait screens). */
export class PexJoinEvent extends Event {
  static readonly type = 'pex-join';
  constructor(
    readonly alias: string,
    readonly conferenceName: string,
  ) {
    super(PexJoinEvent.type, init());
  }
}

/** The person asked to leave; cancel it (preventDefault) to keep them in the call. */
export class PexLeaveRequestEvent extends Event {
  static readonly type = 'pex-leave-request';
  constructor() {
    super(PexLeaveRequestEvent.type, init(true));
  }
}

/** The call ended; `error` says why when it was not the person's own choice. */
export class PexLeaveEvent extends Event {
  static readonly type = 'pex-leave';
  constructor(readonly error: CallError | undefined) {
    super(PexLeaveEvent.type, init());
  }
}

/** Something failed (join, a command, devices); `error.message` is localised and user-facing. */
export class PexErrorEvent extends Event {
  static readonly type = 'pex-error';
  constructor(readonly error: CallError) {
    super(PexErrorEvent.type, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-state-change': PexStateChangeEvent;
    'pex-join': PexJoinEvent;
    'pex-leave-request': PexLeaveRequestEvent;
    'pex-leave': PexLeaveEvent;
    'pex-error': PexErrorEvent;
  }
}

/**
 * A Host asked to disconnect a participant from the roster; cancel it (preventDefault) to keep them
 * (e.g. a portal that wants its own confirmation).
 */
export class PexDisconnectRequestEvent extends Event {
  static readonly type = 'pex-disconnect-request';
  constructor(readonly participant: ParticipantView) {
    super(PexDisconnectRequestEvent.type, init(true));
  }
}

/** Someone new is waiting to join a locked conference (told to Hosts only). */
export class PexParticipantWaitingEvent extends Event {
  static readonly type = 'pex-participant-waiting';
  constructor(readonly participant: ParticipantView) {
    super(PexParticipantWaitingEvent.type, init());
  }
}

/** The person is about to send a chat message; cancel it (preventDefault) to stop it being sent. */
export class PexChatSendEvent extends Event {
  static readonly type = 'pex-chat-send';
  constructor(readonly text: string) {
    super(PexChatSendEvent.type, init(true));
  }
}

/** A panel (roster, chat) was collapsed or expanded by the person. */
export class PexToggleEvent extends Event {
  static readonly type = 'pex-toggle';
  constructor(readonly open: boolean) {
    super(PexToggleEvent.type, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-disconnect-request': PexDisconnectRequestEvent;
    'pex-participant-waiting': PexParticipantWaitingEvent;
    'pex-chat-send': PexChatSendEvent;
    'pex-toggle': PexToggleEvent;
  }
}

// Sharing (<pex-share>). Imports are hoisted; this one sits here so the file only grows at the end.
import type { SlideError } from '../services/slides/errors.js';

/** What a person presents from `<pex-share>`: the screen, or slides made from images and PDFs. */
export type PexPresentSource = 'screen' | 'slides';

/**
 * The person asked to present (screen or slides); cancel it (preventDefault) to stop it, e.g. a
 * portal that only allows slides.
 */
export class PexPresentRequestEvent extends Event {
  static readonly type = 'pex-present-request';
  constructor(readonly source: PexPresentSource) {
    super(PexPresentRequestEvent.type, init(true));
  }
}

/**
 * Presenting started or stopped. `reason` says why it stopped: `stopped` (by the person or the
 * browser's own "Stop sharing"), `taken-over` (someone else presented), `ended` (the call ended).
 */
export class PexPresentEvent extends Event {
  static readonly type = 'pex-present';
  constructor(
    readonly presenting: boolean,
    readonly source: PexPresentSource | undefined,
    readonly reason: 'started' | 'stopped' | 'taken-over' | 'ended' = presenting ? 'started' : 'stopped',
  ) {
    super(PexPresentEvent.type, init());
  }
}

/** The current slide changed (`index` from 0, of `count`). */
export class PexSlideEvent extends Event {
  static readonly type = 'pex-slide';
  constructor(
    readonly index: number,
    readonly count: number,
  ) {
    super(PexSlideEvent.type, init());
  }
}

/** Some added files could not become slides (or were scaled down); each error has a localised message. */
export class PexSlideErrorEvent extends Event {
  static readonly type = 'pex-slide-error';
  constructor(readonly errors: readonly SlideError[]) {
    super(PexSlideErrorEvent.type, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-present-request': PexPresentRequestEvent;
    'pex-present': PexPresentEvent;
    'pex-slide': PexSlideEvent;
    'pex-slide-error': PexSlideErrorEvent;
  }
}
