/** The starting state of a call's stores, shared by the call service and its engine. */
import type { ConferenceState, PresentationState } from './types.js';

export const initialConference: ConferenceState = {
  phase: 'idle',
  alias: '',
  conferenceName: '',
  displayName: '',
  mediaMode: 'video',
  role: undefined,
  forceGuest: false,
  locked: false,
  guestsMuted: false,
  started: true,
  chatEnabled: true,
  guestsCanPresent: true,
  pinPrompt: undefined,
  error: undefined,
  reconnecting: false,
};

export const initialPresentation: PresentationState = {
  presenterUuid: undefined,
  presenterName: undefined,
  stream: undefined,
  sending: false,
  still: undefined,
  mode: 'still',
  source: undefined,
  local: undefined,
  takenOver: false,
};

/** Host controls apply: the node made us Host and the link did not withhold them (`forceguest`). */
export function hasHostControls(c: ConferenceState): boolean {
  return c.role === 'host' && !c.forceGuest;
}
