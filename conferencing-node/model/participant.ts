/** A participant of the local node's conference model, and the checks on who may act. */
import { randomUUID } from 'node:crypto';
import type { TimerHandle } from '../clock.js';
import { ApiError, Reasons } from '../errors.js';
import { type EventStream, serialise } from '../event-stream.js';
import type { Conference } from './conference.js';

export type Role = 'chair' | 'guest';
export type ServiceType = 'conference' | 'waiting_room' | 'connecting';
export type DialProtocol = 'sip' | 'h323' | 'rtmp' | 'mssip';

const YES_NO = (b: boolean): 'YES' | 'NO' => (b ? 'YES' : 'NO');

export class Participant {
  readonly uuid = randomUUID();
  readonly streams = new Set<EventStream>();
  /** Tokens issued to this participant and not yet forgotten (see {@link NodeState.forgetTokens}). */
  readonly tokens = new Set<string>();
  role: Role;
  serviceType: ServiceType;
  protocol: 'api' | 'webrtc' | DialProtocol = 'api';
  hasMedia = false;
  isMuted = false;
  isClientMuted = false;
  isVideoMuted = false;
  buzzTime = 0;
  spotlight = 0;
  overlayText = '';
  rxPresentation = true;
  isStreaming = false;
  isVideoCall = false;
  isAudioOnlyCall = false;
  /** Voice activity from the media engine (node extension field `is_speaking`). */
  isSpeaking = false;
  /** DTMF digits this participant was sent (a simulated endpoint "hears" them). */
  dtmfReceived = '';
  /** Last valid token expiry (ms since epoch); the participant is dropped once it passes. */
  expiresAt = 0;
  expiryTimer?: TimerHandle;
  waitTimer?: TimerHandle;
  dialTimer?: TimerHandle;
  /** Seconds since the epoch when the participant arrived. */
  readonly startTime: number;

  constructor(
    readonly conference: Conference,
    readonly displayName: string,
    role: Role,
    readonly kind: 'client' | 'dialout',
    /** Alias the client used in its URLs (differs from the room alias after a Virtual Reception). */
    readonly requestAlias: string,
    readonly callTag = '',
    readonly uri = '',
    readonly callDirection: 'in' | 'out' = 'in',
  ) {
    this.role = role;
    this.serviceType = 'conference';
    this.startTime = conference.node.now() / 1000;
  }

  get admitted(): boolean {
    return this.serviceType === 'conference';
  }

  get isHost(): boolean {
    return this.role === 'chair';
  }

  /** The full participant object, identical in events and in `GET participants`. */
  toJSON(): Record<string, unknown> {
    const presenting = this.conference.presenterUuid === this.uuid;
    return {
      uuid: this.uuid,
      display_name: this.displayName,
      overlay_text: this.overlayText,
      role: this.role,
      service_type: this.serviceType,
      protocol: this.protocol,
      has_media: this.hasMedia,
      is_muted: YES_NO(this.isMuted),
      is_client_muted: this.isClientMuted,
      is_video_muted: this.isVideoMuted,
      is_presenting: YES_NO(presenting),
      is_audio_only_call: YES_NO(this.isAudioOnlyCall),
      is_video_call: YES_NO(this.isVideoCall),
      is_speaking: this.isSpeaking,
      buzz_time: this.buzzTime,
      spotlight: this.spotlight,
      start_time: this.startTime,
      call_direction: this.callDirection,
      rx_presentation_policy: this.rxPresentation ? 'ALLOW' : 'DENY',
      mute_supported: 'YES',
      disconnect_supported: 'YES',
      transfer_supported: YES_NO(this.kind === 'client'),
      fecc_supported: 'NO',
      presentation_supported: YES_NO(this.kind === 'client'),
      encryption: 'On',
      uri: this.uri,
      local_alias: this.conference.alias,
      vendor: this.kind === 'client' ? 'Pexip Infinity Connect (local node)' : 'Simulated endpoint',
      call_tag: this.callTag,
      api_url: '',
      external_node_uuid: '',
      is_external: false,
      is_streaming_conference: this.isStreaming,
      is_video_silent: false,
      is_main_video_dropped_out: false,
      is_conjoined: false,
      is_transferring: false,
      is_idp_authenticated: false,
      needs_presentation_in_mix: false,
      supports_direct_chat: false,
      can_receive_personal_mix: false,
      receive_from_video_mix: { mix_name: 'main', timestamp: 0 },
    };
  }

  /** The participant object as JSON text (one serialisation, sent to any number of streams). */
  jsonText(): string {
    return serialise(this.toJSON());
  }

  send(event: string, data: unknown): void {
    if (this.streams.size > 0) this.sendText(event, serialise(data));
  }

  /** Sends an event whose data is already JSON text to every stream of this participant. */
  sendText(event: string, json: string): void {
    for (const s of this.streams) s.sendText(event, json);
  }
}

export function assertHost(p: Participant): void {
  if (!p.admitted) throw new ApiError(403, Reasons.waiting);
  if (!p.isHost) throw new ApiError(403, Reasons.hostOnly);
}

export function assertAdmitted(p: Participant): void {
  if (!p.admitted) throw new ApiError(403, Reasons.waiting);
}
