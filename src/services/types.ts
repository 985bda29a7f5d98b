/** The call's state slices, as components see them: plain, immutable data (no SDK types). */
import type { CallError } from './errors.js';

/** How a person joins: camera and microphone, microphone only, or conference control only. */
export type MediaMode = 'video' | 'audio' | 'none';

export type Role = 'host' | 'guest';

export type CallPhase =
  | 'idle'
  | 'connecting'
  | 'needs-pin'
  | 'needs-extension'
  | 'waiting-room'
  | 'waiting-for-host'
  | 'in-call'
  | 'ended';

export interface PinPrompt {
  /** The room has a Host PIN. */
  hostPin: boolean;
  /** Guests need a PIN too; when false, an empty PIN joins as Guest. */
  guestPin: boolean;
}

export interface ConferenceState {
  phase: CallPhase;
  /** Alias as the person asked for it. */
  alias: string;
  conferenceName: string;
  displayName: string;
  mediaMode: MediaMode;
  role: Role | undefined;
  /** Host controls are withheld (link parameter `forceguest`). */
  forceGuest: boolean;
  locked: boolean;
  guestsMuted: boolean;
  started: boolean;
  chatEnabled: boolean;
  guestsCanPresent: boolean;
  pinPrompt: PinPrompt | undefined;
  /** Why the call ended or the last join failed. */
  error: CallError | undefined;
  /** Signalling to the node was lost and is being re-established (the call itself goes on). */
  reconnecting: boolean;
}

export interface ParticipantView {
  uuid: string;
  displayName: string;
  role: Role;
  isMe: boolean;
  /** Held at a locked conference. */
  isWaiting: boolean;
  /** Being called (dial-out that has not answered). */
  isCalling: boolean;
  /** A streaming or recording device. */
  isStreaming: boolean;
  isSpeaking: boolean;
  isMuted: boolean;
  isCameraMuted: boolean;
  isPresenting: boolean;
  handRaised: boolean;
  hasMedia: boolean;
  isExternal: boolean;
  canMute: boolean;
  canDisconnect: boolean;
  canTransfer: boolean;
  /** Receives presentation (Host can switch it off for endpoints). */
  rxPresentation: boolean;
  protocol: string;
  uri: string;
  overlayText: string;
  callDirection: 'in' | 'out';
}

export interface ParticipantsState {
  list: readonly ParticipantView[];
  meUuid: string | undefined;
}

export interface ChatMessage {
  id: string;
  at: number;
  senderUuid: string;
  senderName: string;
  text: string;
  isMine: boolean;
  direct: boolean;
  /** Set when sending failed; the text is kept so nothing is lost. */
  failed?: boolean;
  /** Recipient of a direct message we sent (so a retry goes to the same person). */
  toUuid?: string;
  /** That recipient's name when the message was sent (shown with the message). */
  toName?: string;
  /**
   * Not a message: a marker where messages may be missing (signalling was lost and re-established);
   * its text, sender and recipient are empty.
   */
  gap?: boolean;
}

/** Who a private chat message goes to. */
export interface ChatRecipient {
  uuid: string;
  name: string;
}

export interface ChatState {
  messages: readonly ChatMessage[];
  /** Who the next message goes to, privately (`CallService.setChatRecipient`); absent = everyone. */
  to?: ChatRecipient | undefined;
  /** The private recipient left the call (their name): the next message goes to everyone. */
  recipientLeft?: string | undefined;
}

export interface MediaState {
  local: MediaStream | undefined;
  remote: MediaStream | undefined;
  micMuted: boolean;
  cameraMuted: boolean;
}

/** How presentations from others are shown: still images (about one a second) or full motion. */
export type PresentationMode = 'still' | 'full';

/** What we present: the screen, a slide deck, or a stream the page gave. */
export type PresentationSource = 'screen' | 'slides' | 'stream';

export interface PresentationState {
  /** Someone else's presentation being received. */
  presenterUuid: string | undefined;
  presenterName: string | undefined;
  stream: MediaStream | undefined;
  /** We are presenting. */
  sending: boolean;
  /** The newest still image of the presentation received: an object URL (revoked when replaced). */
  still: string | undefined;
  /** How presentations from others are shown (set with `CallService.setPresentationMode`). */
  mode: PresentationMode;
  /** What we present, while we do. */
  source: PresentationSource | undefined;
  /** The stream we present, while we do (for a preview). */
  local: MediaStream | undefined;
  /** Someone else took over our presentation (cleared when we present again). */
  takenOver: boolean;
}

/** One row of the call statistics overlay. */
export interface StreamStats {
  stream: 'audio' | 'video' | 'presentation';
  direction: 'in' | 'out';
  bitrateKbps?: number;
  packetsLost?: number;
  lossPercent?: number;
  codec?: string;
  jitterMs?: number;
  resolution?: string;
  fps?: number;
}
