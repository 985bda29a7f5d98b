/**
 * The conference model of the local node: conferences, participants, tokens and the events every
 * state change implies. The HTTP layer (`api.ts`) only validates input and calls into this.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CallTypeCap, NodeConfig, RoomConfig, ServiceConfig } from './config.js';
import { ApiError, Reasons } from './errors.js';
import { type EventStream, serialise } from './event-stream.js';
import { type Clock, systemClock, type TimerHandle } from './clock.js';
import { PinLimiter, RateLimiter } from './limits.js';
import type { MediaHooks } from './media/hooks.js';

export type Role = 'chair' | 'guest';
export type ServiceType = 'conference' | 'waiting_room' | 'connecting';
export type DialProtocol = 'sip' | 'h323' | 'rtmp' | 'mssip';

const YES_NO = (b: boolean): 'YES' | 'NO' => (b ? 'YES' : 'NO');

/** URL-safe opaque token (base64url, so it survives being put into a URL unencoded). */
export const mintToken = (): string => randomBytes(24).toString('base64url');

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

/** One DTMF request the node accepted, kept per conference so tests can tell the two paths apart. */
export interface DtmfRecord {
  /**
   * `call`: into the sender's own media call (`participants/<own>/calls/<call>/dtmf`, what a gateway
   * or IVR hears); `participant`: toward a participant (`participants/<uuid>/dtmf`).
   */
  kind: 'call' | 'participant';
  /** Sender's uuid and display name. */
  from: string;
  fromName: string;
  /** Addressed participant's uuid and display name (the sender itself for `call`). */
  to: string;
  toName: string;
  /** The media call the digits went into (`call` only). */
  callUuid?: string;
  digits: string;
}

/** DTMF records kept per conference (oldest dropped first). */
const MAX_DTMF_RECORDS = 200;

/** One chat message the node accepted, kept per conference so tests can tell which endpoint it used. */
export interface ChatRecord {
  /**
   * `conference`: to everyone (`conferences/<alias>/message`); `participant`: privately to one
   * participant (`participants/<uuid>/message`).
   */
  kind: 'conference' | 'participant';
  /** Sender's uuid and display name. */
  from: string;
  fromName: string;
  /** The addressed participant's uuid and display name (`participant` only). */
  to?: string;
  toName?: string;
  payload: string;
}

/** How a participant left, kept per conference so tests can tell a release from an expiry. */
export interface DepartureRecord {
  displayName: string;
  /** The reason sent to the participant (`Timer expired awaiting token refresh`, a kick…), or `released`. */
  reason: string;
}

/** Chat records kept per conference (oldest dropped first). */
const MAX_CHAT_RECORDS = 200;

export class Conference {
  readonly participants = new Map<string, Participant>();
  locked = false;
  guestsMuted = false;
  explicitlyStarted = false;
  presenterUuid: string | undefined;
  /** DTMF sent in this conference, oldest first (see {@link NodeState.dtmfLog}). */
  readonly dtmf: DtmfRecord[] = [];
  /** Chat messages sent in this conference, oldest first (see {@link NodeState.chatLog}). */
  readonly chat: ChatRecord[] = [];
  /** Who left and why, oldest first (see {@link NodeState.departureLog}). */
  readonly departures: DepartureRecord[] = [];
  #lastStatus = '';
  /** `started` when the host-wait timers were last settled for everyone. */
  #settledStarted: boolean | undefined;
  /** Participants of kind `client` (the conference ends with its last one). */
  #clients = 0;

  constructor(
    readonly config: RoomConfig,
    readonly node: NodeState,
  ) {}

  get alias(): string {
    return this.config.alias;
  }

  /** Records DTMF from `from` toward `to` (the participant itself, or into its call with `callUuid`). */
  recordDtmf(from: Participant, to: Participant, digits: string, callUuid?: string): void {
    this.dtmf.push({
      kind: callUuid === undefined ? 'participant' : 'call',
      from: from.uuid,
      fromName: from.displayName,
      to: to.uuid,
      toName: to.displayName,
      ...(callUuid === undefined ? {} : { callUuid }),
      digits,
    });
    if (this.dtmf.length > MAX_DTMF_RECORDS) this.dtmf.splice(0, this.dtmf.length - MAX_DTMF_RECORDS);
  }

  /** Records a chat message from `from`, to everyone or (`to`) privately to one participant. */
  recordChat(from: Participant, payload: string, to?: Participant): void {
    this.chat.push({
      kind: to === undefined ? 'conference' : 'participant',
      from: from.uuid,
      fromName: from.displayName,
      ...(to === undefined ? {} : { to: to.uuid, toName: to.displayName }),
      payload,
    });
    if (this.chat.length > MAX_CHAT_RECORDS) this.chat.splice(0, this.chat.length - MAX_CHAT_RECORDS);
  }

  /** Guests exist only in rooms with a host PIN; such a "hosted" room waits for a Host. */
  get hosted(): boolean {
    return this.config.hostPin !== undefined;
  }

  get started(): boolean {
    if (!this.hosted || this.explicitlyStarted) return true;
    for (const p of this.participants.values()) {
      if (p.isHost && p.admitted && p.hasMedia) return true;
    }
    return false;
  }

  get hasAdmittedHost(): boolean {
    for (const p of this.participants.values()) if (p.isHost && p.admitted) return true;
    return false;
  }

  statusJSON(started = this.started): Record<string, unknown> {
    return {
      locked: this.locked,
      guests_muted: this.guestsMuted,
      started,
      all_muted: false,
      presentation_allowed: true,
      direct_media: false,
      live_captions_available: false,
      breakout_rooms: false,
      guests_can_unmute: false,
      guests_can_present: this.config.guestsCanPresent,
      classification: { levels: {}, current: null },
    };
  }

  /**
   * Sends an event to every admitted participant (optionally except one). The data is serialised
   * once, whatever the size of the room.
   */
  broadcast(event: string, data: unknown, except?: Participant): void {
    let json: string | undefined;
    for (const p of this.participants.values()) {
      if (p !== except && p.admitted && p.streams.size > 0) p.sendText(event, (json ??= serialise(data)));
    }
  }

  /** Tells everyone who may see it that `p` changed: admitted participants and `p` itself. */
  publish(p: Participant): void {
    const json = p.jsonText();
    for (const other of this.participants.values()) {
      if (other.admitted || other === p) other.sendText('participant_update', json);
    }
    this.node.media?.participantChanged(p);
    this.#statusChanged(p);
  }

  /** Sends `conference_update` when the status really changed, and settles every host-wait timer. */
  statusChanged(): void {
    this.#statusChanged('all');
  }

  /**
   * Sends `conference_update` when the status really changed; settles the host-wait timers of
   * everyone when `started` changed (or with `all`), else only of the participant that changed —
   * so that a join or a departure costs O(1) here, not a pass over the room.
   */
  #statusChanged(changed: Participant | 'all' | 'none'): void {
    const started = this.started;
    const status = this.statusJSON(started);
    const text = serialise(status);
    if (text !== this.#lastStatus) {
      this.#lastStatus = text;
      for (const p of this.participants.values()) p.sendText('conference_update', text);
    }
    if (changed === 'all' || started !== this.#settledStarted) {
      this.#settledStarted = started;
      for (const p of this.participants.values()) this.#settleWait(p, started);
    } else if (changed !== 'none') {
      this.#settleWait(changed, started);
    }
  }

  /** Starts or stops `p`'s host-wait timer (waiting room, or a Guest before the conference started). */
  #settleWait(p: Participant, started: boolean): void {
    const mustWait = p.serviceType === 'waiting_room' || (!started && !p.isHost && p.kind === 'client');
    if (mustWait && !p.waitTimer) {
      p.waitTimer = this.node.clock.setTimeout(
        () => this.remove(p, Reasons.hostWaitTimeout),
        this.node.config.hostWaitSeconds * 1000,
      );
    } else if (!mustWait && p.waitTimer) {
      this.node.clock.clearTimer(p.waitTimer);
      p.waitTimer = undefined;
    }
  }

  /**
   * Full roster sync for one stream (or every stream of a participant): each participant is
   * serialised once, however many streams get the sync.
   */
  sync(p: Participant, stream?: EventStream): void {
    const targets = stream ? [stream] : [...p.streams];
    if (targets.length === 0) return;
    const creates: string[] = [];
    if (p.admitted) for (const other of this.participants.values()) creates.push(other.jsonText());
    else creates.push(p.jsonText());
    const nothing = serialise(null);
    const status = serialise(this.statusJSON());
    const presenter = this.presenterUuid ? this.participants.get(this.presenterUuid) : undefined;
    const presenting =
      presenter && presenter !== p && p.admitted ? serialise(presentationStart(presenter)) : undefined;
    for (const s of targets) {
      s.sendText('participant_sync_begin', nothing);
      for (const json of creates) s.sendText('participant_create', json);
      s.sendText('participant_sync_end', nothing);
      s.sendText('conference_update', status);
      if (presenting !== undefined) s.sendText('presentation_start', presenting);
    }
  }

  add(p: Participant): void {
    this.participants.set(p.uuid, p);
    if (p.kind === 'client') this.#clients++;
    let json: string | undefined;
    for (const other of this.participants.values()) {
      if (other !== p && other.admitted && other.streams.size > 0) {
        other.sendText('participant_create', (json ??= p.jsonText()));
      }
    }
    this.#statusChanged(p);
  }

  admit(p: Participant): void {
    if (p.admitted) return;
    p.serviceType = 'conference';
    if (this.guestsMuted && !p.isHost) p.isMuted = true;
    const json = p.jsonText();
    for (const other of this.participants.values()) {
      if (other !== p && other.admitted) other.sendText('participant_update', json);
    }
    // The newcomer saw only itself while waiting: give it the whole roster now, then its own
    // update (the SDK emits onServiceType/onMe for self only on participant_update).
    this.sync(p);
    p.sendText('participant_update', json);
    this.#statusChanged(p);
  }

  /** Removes a participant; with a reason, it is told why (`disconnect` event) first. */
  remove(p: Participant, reason?: string): void {
    if (!this.participants.has(p.uuid)) return;
    this.participants.delete(p.uuid);
    if (p.kind === 'client') this.#clients--;
    this.departures.push({ displayName: p.displayName, reason: reason ?? 'released' });
    if (this.departures.length > MAX_CHAT_RECORDS) this.departures.shift();
    const clock = this.node.clock;
    clock.clearTimer(p.expiryTimer);
    clock.clearTimer(p.waitTimer);
    clock.clearTimer(p.dialTimer);
    this.node.forgetTokens(p);
    if (reason) p.send('disconnect', { reason });
    for (const s of p.streams) s.close();
    p.streams.clear();
    if (this.presenterUuid === p.uuid) {
      this.presenterUuid = undefined;
      this.broadcast('presentation_stop', {});
    }
    this.node.media?.participantLeft(p);
    this.broadcast('participant_delete', { uuid: p.uuid });
    if (p.kind === 'client' && this.#clients === 0) {
      // Dialled-out endpoints do not keep a conference alive on their own (nor does a failed call
      // still shown in the roster): the conference ends with its last client.
      for (const o of [...this.participants.values()]) this.remove(o);
    }
    if (this.participants.size === 0) {
      // The conference ends with its last participant; the next one starts a fresh one.
      this.locked = false;
      this.guestsMuted = false;
      this.explicitlyStarted = false;
      this.dtmf.length = 0;
      this.chat.length = 0;
      this.#lastStatus = '';
      this.#settledStarted = undefined;
      return;
    }
    if (this.hosted && p.isHost && p.admitted && !this.hasAdmittedHost) {
      // Every Guest goes, dialled-out ones included (they would keep a host-less conference alive).
      const guests = [...this.participants.values()].filter((g) => !g.isHost);
      if (guests.length > 0 && this.wasStartedBy(p)) {
        for (const g of guests) this.remove(g, Reasons.hostsDeparted);
        return;
      }
    }
    this.#statusChanged('none');
  }

  /** Ends the conference for everyone; Guests go first so that they hear `reason`, not "hosts departed". */
  end(reason: string): void {
    const all = [...this.participants.values()].sort((a, b) => Number(a.isHost) - Number(b.isHost));
    for (const p of all) this.remove(p, reason);
  }

  /** A departing Host ends a hosted conference for Guests once it had started. */
  private wasStartedBy(p: Participant): boolean {
    return this.explicitlyStarted || p.hasMedia;
  }

  takeFloor(p: Participant): void {
    const previous = this.presenterUuid ? this.participants.get(this.presenterUuid) : undefined;
    if (previous === p) return;
    this.presenterUuid = p.uuid;
    // Everyone but the new presenter hears of it, the previous presenter included (floor stealing).
    this.broadcast('presentation_start', presentationStart(p), p);
    if (previous) this.publish(previous);
    this.publish(p);
    this.node.media?.floorChanged(this);
  }

  releaseFloor(p: Participant): void {
    if (this.presenterUuid !== p.uuid) return;
    this.presenterUuid = undefined;
    this.broadcast('presentation_stop', {}, p);
    this.publish(p);
    this.node.media?.floorChanged(this);
  }

  count(): number {
    return this.participants.size;
  }
}

function presentationStart(p: Participant): Record<string, string> {
  return { presenter_name: p.displayName, presenter_uri: p.uri, presenter_uuid: p.uuid };
}

interface TokenEntry {
  participant: Participant;
  expiresAt: number;
}

interface OneTimeToken {
  conference: Conference;
  role: Role;
  expiresAt: number;
}

/** The whole node: its rooms, the tokens it minted and its abuse limiters. */
export class NodeState {
  readonly conferences = new Map<string, Conference>();
  readonly #tokens = new Map<string, TokenEntry>();
  readonly #oneTime = new Map<string, OneTimeToken>();
  /** Wrong PINs per source address and target conference, shared by every path that checks a PIN. */
  readonly pins: PinLimiter;
  /** Request rate per participant (every token it was given) and per source address. */
  readonly tokenRates: RateLimiter;
  readonly addressRates: RateLimiter;
  clientsEnabled: boolean;
  /** The media engine (calls, forwarding, stills), attached by server.ts. */
  media: MediaHooks | undefined;

  constructor(
    readonly config: NodeConfig,
    /** Time and timers of the whole node (tests inject a ManualClock to skip ahead instead of sleeping). */
    readonly clock: Clock = systemClock,
  ) {
    const now = (): number => clock.now();
    const c = config;
    this.pins = new PinLimiter(
      () => c.pinRetries,
      () => c.pinRetryWindowSeconds * 1000,
      now,
    );
    this.tokenRates = new RateLimiter(
      () => c.requestsPerSecondPerToken,
      () => c.requestBurstPerToken,
      now,
    );
    this.addressRates = new RateLimiter(
      () => c.requestsPerSecondPerAddress,
      () => c.requestBurstPerAddress,
      now,
    );
    this.clientsEnabled = config.clientsEnabled;
    for (const s of config.services) {
      if (s.type === 'room') this.conferences.set(s.alias, new Conference(s, this));
    }
  }

  /** Milliseconds since the epoch, by the node's clock. */
  now(): number {
    return this.clock.now();
  }

  get tokenLifetimeMs(): number {
    return this.config.tokenExpiresSeconds * 1000;
  }

  /** Finds a service by alias: case-insensitive, with or without `@domain`, `sip:` tolerated. */
  findService(raw: string): ServiceConfig | undefined {
    let a = raw.trim().toLowerCase();
    if (a.startsWith('sip:')) a = a.slice(4);
    const suffix = `@${this.config.domain}`;
    if (a.endsWith(suffix)) a = a.slice(0, -suffix.length);
    return this.config.services.find((s) => s.alias === a);
  }

  conferenceFor(alias: string): Conference | undefined {
    const s = this.findService(alias);
    return s?.type === 'room' ? this.conferences.get(s.alias) : undefined;
  }

  issueToken(p: Participant): { token: string; expires: string } {
    const token = mintToken();
    const now = this.now();
    const expiresAt = now + this.tokenLifetimeMs;
    // Tokens this participant was given earlier and that have expired (refreshed ones after their
    // grace) are dropped here, so a long call does not pile them up.
    for (const old of p.tokens) {
      const entry = this.#tokens.get(old);
      if (!entry || entry.expiresAt <= now) {
        this.#tokens.delete(old);
        p.tokens.delete(old);
      }
    }
    this.#tokens.set(token, { participant: p, expiresAt });
    p.tokens.add(token);
    p.expiresAt = expiresAt;
    this.clock.clearTimer(p.expiryTimer);
    p.expiryTimer = this.clock.setTimeout(() => {
      if (this.now() >= p.expiresAt) p.conference.remove(p, Reasons.tokenExpired);
    }, this.tokenLifetimeMs + 50);
    return { token, expires: String(this.config.tokenExpiresSeconds) };
  }

  /** The participant a still-valid token belongs to. */
  participantFor(token: string | undefined): Participant | undefined {
    if (!token) return undefined;
    const entry = this.#tokens.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.#tokens.delete(token);
      entry.participant.tokens.delete(token);
      return undefined;
    }
    return entry.participant;
  }

  /**
   * A token was refreshed: it keeps working for `refreshGraceSeconds` (requests already in flight
   * carry it), then it is refused like an invalid token.
   */
  retireToken(token: string): void {
    const entry = this.#tokens.get(token);
    if (!entry) return;
    entry.expiresAt = Math.min(entry.expiresAt, this.now() + this.config.refreshGraceSeconds * 1000);
  }

  /** At most this many participants in a room: its own `maxParticipants`, else the node default. */
  maxParticipantsOf(c: Conference): number {
    return c.config.maxParticipants ?? this.config.maxParticipants;
  }

  /** Forgets every token of `p` (it left): O(its own tokens), not a pass over the node's. */
  forgetTokens(p: Participant): void {
    for (const t of p.tokens) this.#tokens.delete(t);
    p.tokens.clear();
  }

  issueOneTimeToken(conference: Conference, role: Role): string {
    const now = this.now();
    for (const [t, e] of this.#oneTime) if (e.expiresAt <= now) this.#oneTime.delete(t);
    const token = mintToken();
    this.#oneTime.set(token, { conference, role, expiresAt: now + 60_000 });
    return token;
  }

  redeemOneTimeToken(token: string, conference: Conference | undefined): OneTimeToken | undefined {
    const entry = this.#oneTime.get(token);
    if (entry && entry.conference !== conference) return undefined;
    this.#oneTime.delete(token);
    return entry && entry.expiresAt > this.now() ? entry : undefined;
  }

  /**
   * With `failed`, counts a wrong PIN; true once the address has used up its retries for this
   * conference (see {@link NodeState.pins}, which every PIN-checking path shares).
   */
  pinLockedOut(address: string, alias: string, failed: boolean): boolean {
    return failed ? this.pins.fail(address, alias) : this.pins.lockedOut(address, alias);
  }

  /**
   * Test-only accessor (node tests, and browser tests through the wtr plugin's
   * `/__local-node__/dtmf?conference=<alias>`): the DTMF the conference received, oldest first.
   */
  dtmfLog(alias: string): DtmfRecord[] {
    return [...(this.conferenceFor(alias)?.dtmf ?? [])];
  }

  /**
   * Test-only accessor (node tests, and browser tests through the wtr plugin's
   * `/__local-node__/chat?conference=<alias>`): the chat messages the conference accepted, oldest first.
   */
  chatLog(alias: string): ChatRecord[] {
    return [...(this.conferenceFor(alias)?.chat ?? [])];
  }

  /**
   * Test-only accessor (browser tests through `/__local-node__/departures?conference=<alias>`): who
   * left the conference and why (`released` for a released token), oldest first.
   */
  departureLog(alias: string): DepartureRecord[] {
    return [...(this.conferenceFor(alias)?.departures ?? [])];
  }

  effectiveCallType(c: Conference): CallTypeCap {
    return c.config.callType;
  }

  /**
   * Test-only (browser tests through the wtr plugin's `/__local-node__/fault?mode=restart`): a crash
   * and restart as far as one conference's clients can tell. Its participants, their tokens and
   * their event streams are forgotten without a word (no `disconnect` event), so their old tokens
   * are refused (403 `Invalid token`) from now on; the other conferences are left alone.
   */
  crashConference(alias: string): number {
    const c = this.conferenceFor(alias);
    if (!c) return 0;
    const all = [...c.participants.values()];
    // Streams first: nobody hears of the departures that follow.
    for (const p of all) {
      for (const s of p.streams) s.close();
      p.streams.clear();
    }
    for (const p of all) c.remove(p);
    return all.length;
  }

  /** Ends every conference (node shutdown): each participant is told, streams closed, timers cleared. */
  shutdown(): void {
    for (const c of this.conferences.values()) c.end(Reasons.shutdown);
    this.#tokens.clear();
    this.#oneTime.clear();
    this.pins.clear();
    this.tokenRates.clear();
    this.addressRates.clear();
  }
}

export function assertHost(p: Participant): void {
  if (!p.admitted) throw new ApiError(403, Reasons.waiting);
  if (!p.isHost) throw new ApiError(403, Reasons.hostOnly);
}

export function assertAdmitted(p: Participant): void {
  if (!p.admitted) throw new ApiError(403, Reasons.waiting);
}
