/**
 * The React callback props of each wrapper (`onPexJoin` → `pex-join`, …), typed by the event classes
 * in `src/events/`: the events each element fires itself, as its class's `@event` tags list them.
 * Events about the call (join, leave, errors, presenting, participants, chat sends) are raised once
 * per call on its `<pex-call>`, so their callbacks are on `PexCall`, whichever element started them.
 */
import type { EventName } from '@lit/react';
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
import type { PexCloseEvent, PexDtmfEvent } from '../events/dialpad-events.js';
import type { PexSettingsChangeEvent } from '../events/settings-events.js';

const onPexToggle = 'pex-toggle' as EventName<PexToggleEvent>;

export const callEvents = {
  onPexStateChange: 'pex-state-change' as EventName<PexStateChangeEvent>,
  onPexJoin: 'pex-join' as EventName<PexJoinEvent>,
  onPexLeaveRequest: 'pex-leave-request' as EventName<PexLeaveRequestEvent>,
  onPexLeave: 'pex-leave' as EventName<PexLeaveEvent>,
  onPexError: 'pex-error' as EventName<PexErrorEvent>,
  onPexPresentRequest: 'pex-present-request' as EventName<PexPresentRequestEvent>,
  onPexPresent: 'pex-present' as EventName<PexPresentEvent>,
  onPexDisconnectRequest: 'pex-disconnect-request' as EventName<PexDisconnectRequestEvent>,
  onPexParticipantWaiting: 'pex-participant-waiting' as EventName<PexParticipantWaitingEvent>,
  onPexChatSend: 'pex-chat-send' as EventName<PexChatSendEvent>,
};

export const rosterEvents = { onPexToggle };

export const chatEvents = { onPexToggle };

export const shareEvents = {
  onPexSlide: 'pex-slide' as EventName<PexSlideEvent>,
  onPexSlideError: 'pex-slide-error' as EventName<PexSlideErrorEvent>,
};

export const settingsEvents = {
  onPexSettingsChange: 'pex-settings-change' as EventName<PexSettingsChangeEvent>,
};

export const dialpadEvents = {
  onPexDtmf: 'pex-dtmf' as EventName<PexDtmfEvent>,
  onPexClose: 'pex-close' as EventName<PexCloseEvent>,
};
