/**
 * The node's media: one werift peer connection per participant call (ICE on loopback, DTLS-SRTP,
 * Opus and VP8), and per conference a selective forwarder that behaves like an MCU in
 * voice-switched mode:
 *
 * - Main video to each participant = the most recent active speaker other than themselves; with
 *   nobody else sending video, their own picture (self view). Which participant a receiver is shown
 *   is announced to that receiver alone with a `layout` event, `participants: [<uuid shown>]` — so a
 *   client can label the picture, and `participants[0] === me` means "this is your own picture".
 * - Audio to each participant = the current active speaker's audio (loudest-speaker forwarding), or
 *   when they are the speaker themselves, the previous speaker's. Why not a real mix: mixing means
 *   decoding and re-encoding Opus for every participant every 20 ms — a codec library, a jitter buffer
 *   and a mixing clock, and with a JS/wasm Opus most of a core for eight people on this 2-core
 *   machine, plus added latency. Forwarding keeps the browser's own packets (no added delay, FEC
 *   intact, O(1) per packet); its limit — one talker heard at a time — is the classic voice-switched
 *   trade-off, softened by switching audio on the first ~100 ms of speech.
 * - Speech is detected from the `ssrc-audio-level` header extension (speaker.ts); switches ask the
 *   new source for a keyframe (PLI) and cut over on it (rtp.ts), so a switch shows within a second.
 * - Presentation: the presenter's slides line is relayed in full motion to every receiver whose
 *   slides line is `recvonly` and whose `rx_presentation_policy` is ALLOW; stills.ts turns it into
 *   JPEG stills (`presentation_frame` + `presentation.jpeg` / `presentation_high.jpeg`).
 */
import { randomUUID } from 'node:crypto';
import {
  RtcpPayloadSpecificFeedback,
  RTCPeerConnection,
  type RTCRtpTransceiver,
  RTP_EXTENSION_URI,
  useAudioLevelIndication,
  useFIR,
  useNACK,
  useOPUS,
  usePLI,
  useSdesMid,
  useTransportWideCC,
  useTWCC,
  useVP8,
} from 'werift';
import type { Clock, TimerHandle } from '../clock.js';
import type { Conference, NodeState, Participant } from '../model.js';
import { type Direction, fixAnswer, mirror, type OfferSection, parseOffer } from './sdp.js';
import { Forwarder, InboundStream } from './rtp.js';
import { SpeakerDetector } from './speaker.js';
import { findFfmpeg, StillEncoder, type StillFrame } from './stills.js';

/** The only address the node's media sockets bind to and announce. */
export const MEDIA_ADDRESS = '127.0.0.1';
/** Highest `b=AS` (kbps) the node accepts; it also answers `bandwidth_in/out` with this. */
export const MAX_BANDWIDTH_KBPS = 1864;
const TICK_MS = 100;
/** After a call ends without the participant leaving, `has_media` goes false after this delay. */
const MEDIA_GONE_DELAY_MS = 1500;
const STILLS_KEPT = 8;
/** Payload-specific feedback formats (RFC 4585 PLI, RFC 5104 FIR). */
const PLI_FMT = 1;
const FIR_FMT = 4;

export interface MediaOptions {
  log?: (message: string) => void;
  /** ffmpeg for presentation stills: a path, `null` to switch stills off, undefined to look it up. */
  ffmpegPath?: string | null;
}

type Slot = 'audio' | 'video' | 'slides';
type Rtp = Parameters<InboundStream['push']>[0];
type RtpHandler = (rtp: Rtp, ext?: Record<string, unknown>) => void;

const sends = (d: Direction | undefined): boolean => d === 'sendonly' || d === 'sendrecv';
const receives = (d: Direction | undefined): boolean => d === 'recvonly' || d === 'sendrecv';

/** One participant's media call: a werift peer connection and its forwarders. */
export class MediaCall {
  readonly uuid = randomUUID();
  readonly pc: RTCPeerConnection;
  offer: OfferSection[] = [];
  /** Direction the node answered per slot (from the node's point of view). */
  readonly answered: Partial<Record<Slot, Direction>> = {};
  readonly tx: Partial<Record<Slot, RTCRtpTransceiver>> = {};
  readonly inbound: Partial<Record<Slot, InboundStream>> = {};
  readonly out: Partial<Record<Slot, Forwarder>> = {};
  readonly #subscribedTracks = new WeakSet<object>();
  readonly #trackHandler = new Map<Slot, RtpHandler>();
  readonly #disposers: (() => void)[] = [];
  acked = false;
  closed = false;
  dtmf = '';
  statistics: unknown;
  readonly startedAt = performance.now();
  /** Participant currently shown as main video (for the `layout` event). */
  shown: string | undefined;
  #negotiating: Promise<unknown> = Promise.resolve();

  constructor(
    readonly participant: Participant,
    readonly room: RoomMedia,
    readonly audioOnly: boolean,
  ) {
    this.pc = new RTCPeerConnection({
      iceServers: [],
      iceUseIpv4: false,
      iceUseIpv6: false,
      iceAdditionalHostAddresses: [MEDIA_ADDRESS],
      iceInterfaceAddresses: { udp4: MEDIA_ADDRESS },
      bundlePolicy: 'max-bundle',
      codecs: {
        audio: [useOPUS()],
        video: [useVP8({ rtcpFeedback: [useNACK(), usePLI(), useFIR(), useTWCC()] })],
      },
      headerExtensions: {
        audio: [useSdesMid(), useAudioLevelIndication()],
        video: [useSdesMid(), useTransportWideCC()],
      },
    });
    const sub = this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed') {
        room.engine.log(`media: call of ${participant.displayName} failed (ICE/DTLS)`);
      }
    });
    this.#disposers.push(() => sub.unSubscribe());
  }

  /** Applies an offer (initial or `update`) and returns the answer SDP; one at a time. */
  negotiate(sdp: string): Promise<string> {
    const run = this.#negotiating.then(() => this.#negotiate(sdp));
    this.#negotiating = run.catch(() => undefined);
    return run;
  }

  async #negotiate(sdp: string): Promise<string> {
    if (this.closed) throw new Error('call closed');
    const offer = parseOffer(sdp);
    // Directions first on the transceivers that exist already: werift only registers the
    // incoming SSRCs of a line whose direction (at setRemoteDescription) lets it receive.
    for (const section of offer) {
      const t = this.#transceiverFor(section);
      if (t && section.purpose !== 'other') t.setDirection(this.#directionFor(section));
    }
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    this.offer = offer;
    for (const section of offer) {
      const t = this.#transceiverFor(section);
      if (!t || section.purpose === 'other') continue;
      const slot: Slot = section.purpose;
      if (this.tx[slot] && this.tx[slot] !== t) continue; // one line per purpose
      const dir = this.#directionFor(section);
      t.setDirection(dir);
      this.answered[slot] = dir;
      if (!this.tx[slot]) this.#attach(slot, t);
      this.#subscribeTracks(slot, t);
    }
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    await this.#gathered();
    const local = this.pc.localDescription?.sdp ?? answer.sdp;
    this.room.reroute();
    return fixAnswer(local, {
      offer,
      maxBandwidth: MAX_BANDWIDTH_KBPS,
      candidateAddresses: [MEDIA_ADDRESS],
    });
  }

  /** Keyframe requests from the client about what the node sends it: pass them to the source. */
  #onRtcp(packet: { type: number; feedback?: unknown }): void {
    if (packet.type !== RtcpPayloadSpecificFeedback.type) return;
    const fb = packet.feedback as { count?: number; mediaSsrc?: number; fir?: { ssrc: number }[] };
    const ssrcs =
      fb.count === PLI_FMT ? [fb.mediaSsrc] : fb.count === FIR_FMT ? (fb.fir ?? []).map((e) => e.ssrc) : [];
    for (const slot of ['video', 'slides'] as const) {
      const t = this.tx[slot];
      if (t && ssrcs.includes(t.sender.ssrc)) this.out[slot]?.keyframeRequested();
    }
  }

  #transceiverFor(section: OfferSection): RTCRtpTransceiver | undefined {
    if (section.mid === undefined) return undefined;
    return this.pc.getTransceivers().find((t) => t.mid === section.mid);
  }

  /** What the node answers on a line: the mirror image, limited by the room and the floor. */
  #directionFor(section: OfferSection): Direction {
    let dir: Direction = section.rejected ? 'inactive' : mirror(section.direction);
    if (this.audioOnly && section.purpose !== 'audio') dir = 'inactive';
    if (section.purpose === 'slides' && dir === 'sendrecv') {
      dir = this.room.conference.presenterUuid === this.participant.uuid ? 'recvonly' : 'sendonly';
    }
    return dir;
  }

  async addCandidate(candidate: string, mid: string | undefined): Promise<void> {
    if (this.closed || candidate.trim() === '') return; // end-of-candidates
    const c = candidate.startsWith('candidate:') ? candidate : candidate.replace(/^a=/, '');
    // Only loopback candidates: the node's media never leaves the machine.
    const address = c.split(' ')[4];
    if (address !== MEDIA_ADDRESS) return;
    await this.pc.addIceCandidate({ candidate: c, sdpMid: mid ?? null }).catch(() => undefined);
  }

  get hasVideo(): boolean {
    return !this.audioOnly && (sends(this.answered.video) || receives(this.answered.video));
  }

  /** Ends everything this call holds: forwarders, streams, the peer connection and its sockets. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const f of Object.values(this.out)) f?.close();
    for (const s of Object.values(this.inbound)) s?.close();
    for (const d of this.#disposers.splice(0)) d();
    await this.pc.close().catch(() => undefined);
  }

  #attach(slot: Slot, t: RTCRtpTransceiver): void {
    this.tx[slot] = t;
    const kind = slot === 'audio' ? 'audio' : 'video';
    let ssrc = 0;
    const stream = new InboundStream(this.participant.uuid, kind, kind === 'audio' ? 48000 : 90000, () => {
      if (ssrc && !this.closed) t.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
    });
    this.inbound[slot] = stream;
    const fwd = new Forwarder(t.sender, kind, () => t.sender.transport?.state === 'connected');
    this.out[slot] = fwd;
    // A receiver's PLI/FIR: werift routes it by the feedback's *sender* SSRC, i.e. often to one of
    // our receivers rather than to the sender it is about, so listen everywhere and match mediaSsrc.
    for (const source of [t.sender.onRtcp, t.receiver.onRtcp]) {
      const sub = source.subscribe((packet) => this.#onRtcp(packet));
      this.#disposers.push(() => sub.unSubscribe());
    }
    if (slot === 'video') {
      fwd.onSwitched = (source) => this.room.shownChanged(this, source?.owner);
    }
    this.#trackHandler.set(slot, (rtp, ext) => {
      ssrc = rtp.header.ssrc;
      if (slot === 'audio') {
        const level = ext?.[RTP_EXTENSION_URI.audioLevelIndication] as { level: number } | undefined;
        if (level && !this.participant.isMuted) this.room.speakers.level(this.participant.uuid, level.level);
      }
      stream.push(rtp);
    });
    const added = t.onTrack.subscribe(() => this.#subscribeTracks(slot, t));
    this.#disposers.push(() => added.unSubscribe());
  }

  #subscribeTracks(slot: Slot, t: RTCRtpTransceiver): void {
    const handler = this.#trackHandler.get(slot);
    if (!handler) return;
    for (const track of [t.receiver.track, ...t.receiver.tracks]) {
      if (this.#subscribedTracks.has(track)) continue;
      this.#subscribedTracks.add(track);
      const sub = track.onReceiveRtp.subscribe((rtp, ext) => {
        if (!this.closed) handler(rtp, ext as Record<string, unknown> | undefined);
      });
      this.#disposers.push(() => sub.unSubscribe());
    }
  }

  /** Waits (briefly) until werift has its host candidate, so the answer carries it. */
  async #gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 2000);
      const sub = this.pc.iceGatheringStateChange.subscribe((s) => {
        if (s === 'complete') done();
      });
      function done(): void {
        clearTimeout(timer);
        sub.unSubscribe();
        resolve();
      }
    });
  }
}

/** Media of one conference: its calls, speaker detection, forwarding choices and stills. */
export class RoomMedia {
  readonly calls = new Map<Participant, MediaCall>();
  readonly speakers = new SpeakerDetector();
  #tick: TimerHandle | undefined;
  #stills: StillEncoder | undefined;
  #stillsFrom: InboundStream | undefined;
  #stillsUnsub: (() => void) | undefined;
  readonly frames = new Map<number, StillFrame>();
  #frameSeq = 0;
  #lastStage = '';
  #presenter: string | undefined;
  #ticks = 0;

  constructor(
    readonly engine: MediaEngine,
    readonly conference: Conference,
  ) {}

  add(call: MediaCall): void {
    this.calls.set(call.participant, call);
    this.speakers.add(call.participant.uuid);
    if (!this.#tick) this.#tick = this.engine.clock.setInterval(() => this.#onTick(), TICK_MS);
  }

  remove(call: MediaCall): void {
    if (this.calls.get(call.participant) !== call) return;
    this.calls.delete(call.participant);
    this.speakers.remove(call.participant.uuid);
    if (this.calls.size === 0) {
      this.engine.clock.clearTimer(this.#tick);
      this.#tick = undefined;
    }
    this.reroute();
    this.#sendStage();
  }

  /** Who each receiver gets on each line; called after every change that could alter it. */
  reroute(): void {
    // Held participants (locked conference, or Guests before a Host starts it) get no media and
    // are nobody's source, as on a real node where they see a "waiting" screen.
    const started = this.conference.started;
    const member = (c: MediaCall): boolean =>
      !c.closed && c.participant.admitted && (started || c.participant.isHost);
    for (const c of this.calls.values()) {
      if (member(c)) continue;
      for (const f of Object.values(c.out)) f?.setSource(undefined);
    }
    const calls = [...this.calls.values()].filter(member);
    const order = this.#speakerOrder(calls);
    const presenter = this.conference.presenterUuid;
    const presenterCall = calls.find((c) => c.participant.uuid === presenter);
    const slides =
      presenterCall && receives(presenterCall.answered.slides) ? presenterCall.inbound.slides : undefined;
    for (const r of calls) {
      const me = r.participant.uuid;
      // Main video: most recent speaker other than me who sends video; alone: myself.
      if (r.out.video && sends(r.answered.video)) {
        const others = order.filter((c) => c !== r && sends(c.answered.video) && !c.participant.isVideoMuted);
        const pick = others[0] ?? (sends(r.answered.video) && receives(r.answered.video) ? r : undefined);
        r.out.video.setSource(pick?.inbound.video);
      } else {
        r.out.video?.setSource(undefined);
      }
      // Audio: the current (or, for the speaker, the previous) speaker; never my own.
      if (r.out.audio && sends(r.answered.audio)) {
        const pick = order.find((c) => c !== r && receives(c.answered.audio) && !c.participant.isMuted);
        r.out.audio.setSource(pick?.inbound.audio);
      }
      // Slides: the presenter's, to receivers that asked for them and are allowed them.
      const wantsSlides = sends(r.answered.slides) && r.participant.rxPresentation && me !== presenter;
      r.out.slides?.setSource(wantsSlides ? slides : undefined);
    }
    this.#updateStills(slides);
  }

  /** Floor moved (take/release/leave): forward the new presenter, or nothing. */
  presenterChanged(): void {
    const now = this.conference.presenterUuid;
    if (now === this.#presenter) return;
    this.#presenter = now;
    // Cut the old presenter off right away (the new one shows from its first keyframe).
    for (const c of this.calls.values()) c.out.slides?.setSource(undefined);
    this.#stopStills();
    this.frames.clear();
    this.reroute();
  }

  /** A receiver's main video now shows `owner`: tell that receiver (`layout`, see the header). */
  shownChanged(call: MediaCall, owner: string | undefined): void {
    if (call.shown === owner || owner === undefined) return;
    call.shown = owner;
    call.participant.send('layout', {
      view: '1:0',
      participants: [owner],
      requested_layout: { primary_screen: { chair_layout: '1:0', guest_layout: '1:0' } },
      overlay_text_enabled: false,
    });
  }

  async close(): Promise<void> {
    this.engine.clock.clearTimer(this.#tick);
    this.#tick = undefined;
    await this.#stopStills();
  }

  /** Calls ordered: active speaker, earlier speakers (most recent first), then by call start. */
  #speakerOrder(calls: MediaCall[]): MediaCall[] {
    const byUuid = new Map<string, MediaCall>(calls.map((c) => [c.participant.uuid, c]));
    const ordered: MediaCall[] = [];
    for (const id of this.speakers.history) {
      const c = byUuid.get(id);
      if (c) ordered.push(c);
    }
    const rest = calls.filter((c) => !ordered.includes(c)).sort((a, b) => a.startedAt - b.startedAt);
    return [...ordered, ...rest];
  }

  #onTick(): void {
    const now = performance.now();
    for (const c of this.calls.values()) {
      const a = c.inbound.audio;
      if (!a || c.participant.isMuted || now - a.lastPacketAt > 2 * TICK_MS) {
        this.speakers.silence(c.participant.uuid);
      }
    }
    const { changed, activeChanged } = this.speakers.evaluate(now);
    for (const id of changed) {
      const c = [...this.calls.values()].find((x) => x.participant.uuid === id);
      if (!c) continue;
      c.participant.isSpeaking = this.speakers.isSpeaking(id);
      this.conference.publish(c.participant);
    }
    // Re-check routes now and then too: admissions and a conference starting change who is a member.
    if (activeChanged || ++this.#ticks % 10 === 0) this.reroute();
    if (changed.length > 0 || activeChanged) this.#sendStage();
  }

  /** `stage`: everyone with media, in speaker order, `vad` 100 while speaking. */
  #sendStage(): void {
    const order = this.#speakerOrder([...this.calls.values()]);
    const stage = order.map((c, i) => ({
      participant_uuid: c.participant.uuid,
      stage_index: i,
      vad: this.speakers.isSpeaking(c.participant.uuid) ? 100 : 0,
    }));
    const text = JSON.stringify(stage);
    if (text === this.#lastStage) return;
    this.#lastStage = text;
    this.conference.broadcast('stage', stage);
  }

  #updateStills(slides: InboundStream | undefined): void {
    if (slides === this.#stillsFrom) return;
    void this.#stopStills();
    const ffmpeg = this.engine.ffmpeg;
    if (!slides || !ffmpeg) return;
    this.#stillsFrom = slides;
    const presenterUuid = slides.owner;
    const encoder = new StillEncoder(
      ffmpeg,
      (frame) => this.#onStill(frame, presenterUuid),
      () => slides.requestKeyframe(500),
      (m) => this.engine.log(m),
    );
    this.#stills = encoder;
    this.#stillsUnsub = slides.subscribe((rtp) => encoder.push(rtp));
    slides.requestKeyframe(0);
  }

  #onStill(frame: StillFrame, presenterUuid: string): void {
    if (this.conference.presenterUuid !== presenterUuid) return;
    const id = ++this.#frameSeq;
    this.frames.set(id, frame);
    for (const old of this.frames.keys()) {
      if (this.frames.size <= STILLS_KEPT) break;
      this.frames.delete(old);
    }
    // SSE `id:` is the frame id (for an app's own EventSource) and so is the payload's lastEventId
    // (which is where SDK 20 reads it from).
    const idText = String(id);
    for (const p of this.conference.participants.values()) {
      if (!p.admitted || p.uuid === presenterUuid || !p.rxPresentation) continue;
      for (const s of p.streams) s.send('presentation_frame', { lastEventId: idText }, idText);
    }
  }

  #stopStills(): Promise<void> {
    this.#stillsUnsub?.();
    this.#stillsUnsub = undefined;
    this.#stillsFrom = undefined;
    const s = this.#stills;
    this.#stills = undefined;
    return s ? s.close() : Promise.resolve();
  }
}

/** All media of the node. `NodeState` calls into it through {@link MediaHooks}. */
export class MediaEngine {
  readonly rooms = new Map<Conference, RoomMedia>();
  readonly calls = new Map<string, MediaCall>();
  readonly #timers = new Set<TimerHandle>();
  readonly #closing = new Set<Promise<void>>();
  readonly ffmpeg: string | undefined;
  readonly log: (m: string) => void;
  /** The node's clock: the media tick and the media-gone delay run on it. */
  readonly clock: Clock;
  #closed = false;

  constructor(
    readonly state: NodeState,
    options: MediaOptions = {},
  ) {
    this.log = options.log ?? ((m) => console.error(m));
    this.clock = state.clock;
    this.ffmpeg = options.ffmpegPath === null ? undefined : (options.ffmpegPath ?? findFfmpeg());
    if (options.ffmpegPath !== null && !this.ffmpeg) {
      this.log(
        'media: no ffmpeg found (npm package @ffmpeg-installer/ffmpeg, PEX_FFMPEG or ffmpeg on PATH): ' +
          'presentation stills are off; full-motion presentation works.',
      );
    }
  }

  room(conf: Conference): RoomMedia {
    let r = this.rooms.get(conf);
    if (!r) {
      r = new RoomMedia(this, conf);
      this.rooms.set(conf, r);
    }
    return r;
  }

  callOf(p: Participant): MediaCall | undefined {
    return this.rooms.get(p.conference)?.calls.get(p);
  }

  /**
   * Test-only (browser tests, through the wtr plugin): drops every `every`-th audio packet sent to
   * `p` (simulated network loss; 0 stops it). False when `p` has no call carrying audio.
   */
  simulateAudioLoss(p: Participant, every: number): boolean {
    const audio = this.callOf(p)?.out.audio;
    if (!audio) return false;
    audio.dropEvery = Math.max(0, Math.floor(every));
    return true;
  }

  /** A new call for `p` (replacing any previous one: the SDK restarts calls with the same token). */
  async startCall(p: Participant, offerSdp: string): Promise<{ call: MediaCall; answer: string }> {
    if (this.#closed) throw new Error('node shutting down');
    const previous = this.callOf(p);
    if (previous) await this.endCall(previous, false);
    const audioOnly = p.conference.config.callType === 'audio';
    const room = this.room(p.conference);
    const call = new MediaCall(p, room, audioOnly);
    this.calls.set(call.uuid, call);
    room.add(call);
    try {
      return { call, answer: await call.negotiate(offerSdp) };
    } catch (e) {
      await this.endCall(call, false);
      throw e;
    }
  }

  /** The client acknowledged the answer: it now has media (roster update, may start the conference). */
  acked(call: MediaCall): void {
    const p = call.participant;
    if (call.closed || p.conference.participants.get(p.uuid) !== p) return;
    const first = !call.acked;
    call.acked = true;
    if (first) this.#announcePresentation(p);
    const video = call.hasVideo;
    const changed = !p.hasMedia || p.protocol !== 'webrtc' || p.isVideoCall !== video;
    p.protocol = 'webrtc';
    p.hasMedia = true;
    p.isVideoCall = video;
    p.isAudioOnlyCall = !video;
    if (changed) p.conference.publish(p);
  }

  /**
   * A new call of `p` while someone else presents: tell `p` again. SDK 20 opens a restarted call
   * (escalation, or a control-only viewer's receive-only presentation call) with its slides line
   * inactive and only turns it to `recvonly` on a `presentation_start`, which `p` heard before the
   * call existed; without this the presentation would never reach that call.
   */
  #announcePresentation(p: Participant): void {
    const presenterUuid = p.conference.presenterUuid;
    const presenter = presenterUuid ? p.conference.participants.get(presenterUuid) : undefined;
    if (!presenter || presenter === p || !p.admitted) return;
    p.send('presentation_start', {
      presenter_name: presenter.displayName,
      presenter_uri: presenter.uri,
      presenter_uuid: presenter.uuid,
    });
  }

  /** Ends a call; with `roster`, the participant (if still there) shows no media shortly after. */
  endCall(call: MediaCall, roster: boolean): Promise<void> {
    this.calls.delete(call.uuid);
    const room = this.rooms.get(call.participant.conference);
    room?.remove(call);
    const done = call.close().finally(() => this.#closing.delete(done));
    this.#closing.add(done);
    if (roster) {
      const p = call.participant;
      const timer = this.clock.setTimeout(() => {
        this.#timers.delete(timer);
        if (p.conference.participants.get(p.uuid) !== p || this.callOf(p)) return;
        p.hasMedia = false;
        p.protocol = 'api';
        p.isVideoCall = false;
        p.isAudioOnlyCall = false;
        p.isSpeaking = false;
        p.conference.publish(p);
      }, MEDIA_GONE_DELAY_MS);
      this.#timers.add(timer);
    }
    return done;
  }

  // ---- hooks called by the model -------------------------------------------------------------

  participantLeft(p: Participant): void {
    const call = this.callOf(p);
    if (call) void this.endCall(call, false);
    const room = this.rooms.get(p.conference);
    if (room) room.presenterChanged();
  }

  participantChanged(p: Participant): void {
    const room = this.rooms.get(p.conference);
    if (room && room.calls.size > 0) room.reroute();
  }

  floorChanged(conf: Conference): void {
    this.rooms.get(conf)?.presenterChanged();
  }

  /** Latest (or the given) still of the conference's presentation. */
  still(conf: Conference, id: number | undefined): StillFrame | undefined {
    const room = this.rooms.get(conf);
    if (!room) return undefined;
    if (id !== undefined && room.frames.has(id)) return room.frames.get(id);
    if (id !== undefined && !Number.isFinite(id)) return undefined;
    return [...room.frames.values()].at(-1);
  }

  /** Closes every call, ffmpeg process and timer; resolves when all sockets are closed. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) this.clock.clearTimer(t);
    this.#timers.clear();
    for (const call of [...this.calls.values()]) void this.endCall(call, false);
    await Promise.all([...this.rooms.values()].map((r) => r.close()));
    this.rooms.clear();
    await Promise.all([...this.#closing]);
  }
}
