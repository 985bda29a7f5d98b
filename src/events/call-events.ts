/**
 * The call's own events, raised once per call by the call service on its `<pex-call>` (whichever
 * elements are mounted, whichever button started it).
 */
import type { CallError } from '../services/errors.js';
import type { CallPhase } from '../services/types.js';
import { eventInit } from './init.js';

/** The call's phase changed (`idle`, `connecting`, `needs-pin`, …, `in-call`, `ended`). */
export class PexStateChangeEvent extends Event {
  static readonly type = 'pex-state-change';
  constructor(
    readonly phase: CallPhase,
    readonly previous: CallPhase,
  ) {
    super(PexStateChangeEvent.type, eventInit());
  }
}

/** We are in the conference (past PIN, lock and host-wait screens). */
export class PexJoinEvent extends Event {
  static readonly type = 'pex-join';
  constructor(
    readonly alias: string,
    readonly conferenceName: string,
  ) {
    super(PexJoinEvent.type, eventInit());
  }
}

/** The person asked to leave; cancel it (preventDefault) to keep them in the call. */
export class PexLeaveRequestEvent extends Event {
  static readonly type = 'pex-leave-request';
  constructor() {
    super(PexLeaveRequestEvent.type, eventInit(true));
  }
}

/** The call ended; `error` says why when it was not the person's own choice. */
export class PexLeaveEvent extends Event {
  static readonly type = 'pex-leave';
  constructor(readonly error: CallError | undefined) {
    super(PexLeaveEvent.type, eventInit());
  }
}

/** Something failed (join, a command, devices); `error.message` is localised and user-facing. */
export class PexErrorEvent extends Event {
  static readonly type = 'pex-error';
  constructor(readonly error: CallError) {
    super(PexErrorEvent.type, eventInit());
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
