/**
 * One participant's media call: a werift peer connection (ICE on loopback, DTLS-SRTP, Opus and VP8),
 * what the node answered on each line, and the streams and forwarders of each line (engine.ts says
 * how the conference routes between calls).
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
import type { Participant } from '../model.js';
import type { RoomMedia } from './room.js';
import { type Direction, fixAnswer, mirror, type OfferSection, parseOffer } from './sdp.js';
import { Forwarder, InboundStream } from './rtp.js';

/** The only address the node's media sockets bind to and announce. */
export const MEDIA_ADDRESS = '127.0.0.1';
/** Highest `b=AS` (kbps) the node accepts; it also answers `bandwidth_in/out` with this. */
export const MAX_BANDWIDTH_KBPS = 1864;
/** Payload-specific feedback formats (RFC 4585 PLI, RFC 5104 FIR). */
const PLI_FMT = 1;
const FIR_FMT = 4;

export type Slot = 'audio' | 'video' | 'slides';
type Rtp = Parameters<InboundStream['push']>[0];
type RtpHandler = (rtp: Rtp, ext?: Record<string, unknown>) => void;

export const sends = (d: Direction | undefined): boolean => d === 'sendonly' || d === 'sendrecv';
export const receives = (d: Direction | undefined): boolean => d === 'recvonly' || d === 'sendrecv';

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
