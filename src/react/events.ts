/**
 * The React callback props of each wrapper (`onPexJoin` → `pex-join`, …): the events each element
 * fires, as listed by its class's `@event` tags, typed by the event classes in `src/events/`.
 */
import type { EventName } from '@lit/react';
import type { PexDialpad } from '../components/dialpad/pex-dialpad.js';
import type { PexSettings } from '../components/settings/pex-settings.js';
import type {
  PexChatSendEvent,
  PexDisconnectRequestEvent,
  PexErrorEvent,
  PexJoinEvent,
  PexLeaveEvent,
  PexLeaveRequestEvent,
  PexParticipantWaitingEvent,
  PexPresentEvent,
  PexPresentRequestEvent,
  PexSlideErrorEvent,
  PexSlideEvent,
  PexStateChangeEvent,
  PexToggleEvent,
} from '../events/index.js';

/** `pex-dtmf` from `<pex-dialpad>`: the key pressed. */
export type PexDtmfEvent = CustomEvent<{ digits: string }>;
/** `pex-settings-change` from `<pex-settings>`: every setting, as saved. */
export type PexSettingsChangeEvent = CustomEvent<{ settings: ReturnType<PexSettings['store']['get']> }>;
/** `pex-close` from `<pex-dialpad>`: the close button was pressed. */
export type PexCloseEvent = Event & { target: PexDialpad | null };

const onError = 'pex-error' as EventName<PexErrorEvent>;
const onToggle = 'pex-toggle' as EventName<PexToggleEvent>;

export const callEvents = {
  onPexStateChange: 'pex-state-change' as EventName<PexStateChangeEvent>,
  onPexJoin: 'pex-join' as EventName<PexJoinEvent>,
  onPexLeaveRequest: 'pex-leave-request' as EventName<PexLeaveRequestEvent>,
  onPexLeave: 'pex-leave' as EventName<PexLeaveEvent>,
  onPexError: onError,
  onPexPresentRequest: 'pex-present-request' as EventName<PexPresentRequestEvent>,
  onPexPresent: 'pex-present' as EventName<PexPresentEvent>,
  onPexDisconnectRequest: 'pex-disconnect-request' as EventName<PexDisconnectRequestEvent>,
  onPexParticipantWaiting: 'pex-participant-waiting' as EventName<PexParticipantWaitingEvent>,
  onPexChatSend: 'pex-chat-send' as EventName<PexChatSendEvent>,
};

export const rosterEvents = {
  onPexDisconnectRequest: 'pex-disconnect-request' as EventName<PexDisconnectRequestEvent>,
  onPexParticipantWaiting: 'pex-participant-waiting' as EventName<PexParticipantWaitingEvent>,
  onPexToggle: onToggle,
  onPexError: onError,
};

export const chatEvents = {
  onPexChatSend: 'pex-chat-send' as EventName<PexChatSendEvent>,
  onPexToggle: onToggle,
  onPexError: onError,
};

export const shareEvents = {
  onPexPresentRequest: 'pex-present-request' as EventName<PexPresentRequestEvent>,
  onPexPresent: 'pex-present' as EventName<PexPresentEvent>,
  onPexSlide: 'pex-slide' as EventName<PexSlideEvent>,
  onPexSlideError: 'pex-slide-error' as EventName<PexSlideErrorEvent>,
  onPexError: onError,
};

export const settingsEvents = {
  onPexSettingsChange: 'pex-settings-change' as EventName<PexSettingsChangeEvent>,
};

export const dialpadEvents = {
  onPexDtmf: 'pex-dtmf' as EventName<PexDtmfEvent>,
  onPexClose: 'pex-close' as EventName<PexCloseEvent>,
};
