/**
 * The boundary between the call service and the wire protocol. The only implementation talking to
 * Pexip is `infinity/adapter.ts` (over the official SDK); tests may provide their own.
 */
import type { CallError } from './errors.js';
import type { MediaMode, ParticipantView, PinPrompt, Role, StreamStats } from './types.js';

export interface JoinRequest {
  alias: string;
  displayName: string;
  mediaMode: MediaMode;
  stream: MediaStream | undefined;
  /** kbps; 0 = the node's default. */
  bandwidth: number;
  pin?: string;
  extension?: string;
  /** One-time token from a transfer. */
  token?: string;
  /** Node origin, e.g. `https://pexip.example.com`; default: the page's origin. */
  node?: string;
}

export interface JoinedInfo {
  conferenceName: string;
  chatEnabled: boolean;
  guestsCanPresent: boolean;
  role: Role;
  waiting: boolean;
}

export interface IncomingMessage {
  id: string;
  at: number;
  senderUuid: string;
  senderName: string;
  text: string;
  direct: boolean;
}

/** What the transport reports back; the call service turns it into state. */
export interface TransportSink {
  pinRequired(prompt: PinPrompt): void;
  extensionRequired(): void;
  joined(info: JoinedInfo): void;
  joinFailed(error: CallError): void;
  serviceType(waiting: boolean): void;
  participants(list: readonly Omit<ParticipantView, 'isMe'>[], meUuid: string | undefined): void;
  conferenceStatus(status: { locked: boolean; guestsMuted: boolean; started: boolean }): void;
  message(m: IncomingMessage): void;
  myselfMuted(muted: boolean): void;
  remoteStream(stream: MediaStream | undefined): void;
  presentationStream(stream: MediaStream | undefined): void;
  transfer(to: { alias: string; token: string }): void;
  /** Whether our own presentation is being sent (false when someone else took the floor). */
  presenting(sending: boolean): void;
  /** A new still image (JPEG) of the presentation being received (see `Transport.followStills`). */
  presentationStill(image: Blob): void;
  disconnected(error: CallError | undefined): void;
  /**
   * Signalling (the event stream, token refreshes) is being re-established (`reconnecting`), or
   * works again; `gap`: it was down, so events such as chat messages may have been missed (the
   * roster is resent in full by the node on every reconnect).
   */
  connection(state: { reconnecting: boolean; gap: boolean }): void;
}

export interface DialRequest {
  destination: string;
  protocol: 'sip' | 'h323' | 'mssip' | 'rtmp' | 'auto';
  role: Role;
}

export interface Transport {
  join(request: JoinRequest): Promise<void>;
  leave(): Promise<void>;
  /**
   * The page is going away (`pagehide`): release the token with a request that outlives the page
   * (`fetch` with `keepalive`), so the others see us leave at once. Optional; synchronous.
   */
  releaseOnUnload?(): void;
  /** Changes what we send: new media mode and stream (e.g. control-only → video). */
  restart(mediaMode: MediaMode, stream: MediaStream | undefined, bandwidth: number): Promise<void>;
  /** Sends a new camera/microphone stream in the running call. */
  replaceStream(stream: MediaStream): Promise<void>;
  sendMessage(text: string, toUuid?: string): Promise<void>;
  muteSelf(muted: boolean): Promise<void>;
  muteCameraSelf(muted: boolean): Promise<void>;
  lock(locked: boolean): Promise<void>;
  muteGuests(muted: boolean): Promise<void>;
  startConference(): Promise<void>;
  disconnectAll(): Promise<void>;
  dial(request: DialRequest): Promise<void>;
  admit(uuid: string): Promise<void>;
  kick(uuid: string): Promise<void>;
  muteParticipant(uuid: string, muted: boolean): Promise<void>;
  setRole(uuid: string, role: Role): Promise<void>;
  transfer(uuid: string, alias: string, role: Role, pin: string): Promise<void>;
  sendDtmf(digits: string, uuid?: string): Promise<void>;
  setRxPresentation(uuid: string, allow: boolean): Promise<void>;
  /** Starts sending `stream` as the presentation (takes the floor). */
  present(stream: MediaStream): Promise<void>;
  stopPresenting(): Promise<void>;
  /**
   * Follows the still images of a presentation someone else gives (about one a second), reported
   * through `TransportSink.presentationStill`; `false` stops. Optional: without it only full-motion
   * presentation is shown.
   */
  followStills?(on: boolean): void;
  /**
   * For a participant joined control-only: opens (`true`) or ends (`false`) a receive-only
   * presentation call, so full-motion presentation arrives through `presentationStream`. Does
   * nothing when a media call (which carries presentation already) is up. Optional.
   */
  receivePresentation?(on: boolean): Promise<void>;
  /** Call statistics for the overlay (bitrates, loss); empty without media. */
  stats(): Promise<StreamStats[]>;
  /** Server version string from the node. */
  readonly serverVersion: string;
}

export type TransportFactory = (sink: TransportSink) => Promise<Transport>;
