/** Events about other participants, raised once per call by the call service on its `<pex-call>`. */
import type { ParticipantView } from '../services/types.js';
import { eventInit } from './init.js';

/**
 * A Host asked to disconnect a participant (from a roster, or `CallService.kick`); cancel it
 * (preventDefault) to keep them (e.g. a portal that wants its own confirmation).
 */
export class PexDisconnectRequestEvent extends Event {
  static readonly type = 'pex-disconnect-request';
  constructor(readonly participant: ParticipantView) {
    super(PexDisconnectRequestEvent.type, eventInit(true));
  }
}

/** Someone new is waiting to join a locked conference (told to Hosts only). */
export class PexParticipantWaitingEvent extends Event {
  static readonly type = 'pex-participant-waiting';
  constructor(readonly participant: ParticipantView) {
    super(PexParticipantWaitingEvent.type, eventInit());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-disconnect-request': PexDisconnectRequestEvent;
    'pex-participant-waiting': PexParticipantWaitingEvent;
  }
}
