/**
 * RTP plumbing of the node's selective forwarding: an inbound stream (one track a participant sends)
 * fans out to forwarders (one per outgoing m-line of each receiver). A forwarder rewrites SSRC (done
 * by werift's sender), sequence numbers and timestamps so that every receiver sees one continuous
 * stream even when the node switches whom it forwards; video switches wait for a keyframe of the new
 * source (asked for with a PLI) so the picture never breaks up.
 */
import { RtpHeader, RtpPacket, type RTCRtpSender } from 'werift';

/** Where a forwarded packet goes (werift's `RTCRtpSender`, or a stub in tests). */
export type PacketSink = Pick<RTCRtpSender, 'sendRtp'>;

/** A VP8 RTP payload: where the VP8 payload header starts, and whether the packet starts a frame. */
export function vp8Descriptor(payload: Buffer): { offset: number; frameStart: boolean } | undefined {
  if (payload.length < 1) return undefined;
  const b0 = payload[0]!;
  let offset = 1;
  if (b0 & 0x80) {
    // X: extension byte I L T K
    if (payload.length < 2) return undefined;
    const x = payload[1]!;
    offset = 2;
    if (x & 0x80) offset += payload.length > offset && payload[offset]! & 0x80 ? 2 : 1; // I: PictureID
    if (x & 0x40) offset += 1; // L: TL0PICIDX
    if (x & 0x30) offset += 1; // T or K: TID/KEYIDX
  }
  if (offset > payload.length) return undefined;
  const start = (b0 & 0x10) !== 0 && (b0 & 0x07) === 0;
  return { offset, frameStart: start };
}

/** True for the first packet of a VP8 keyframe (P bit of the VP8 payload header clear). */
export function isVp8KeyframeStart(payload: Buffer): boolean {
  const d = vp8Descriptor(payload);
  if (!d || !d.frameStart || d.offset >= payload.length) return false;
  return (payload[d.offset]! & 0x01) === 0;
}

/** Width and height from a VP8 keyframe (the frame's first bytes after the payload descriptor). */
export function vp8KeyframeSize(frame: Buffer): { width: number; height: number } | undefined {
  if (frame.length < 10 || (frame[0]! & 0x01) !== 0) return undefined;
  if (frame[3] !== 0x9d || frame[4] !== 0x01 || frame[5] !== 0x2a) return undefined;
  return { width: frame.readUInt16LE(6) & 0x3fff, height: frame.readUInt16LE(8) & 0x3fff };
}

type Listener = (rtp: RtpPacket) => void;

/** One track a participant sends to the node (main audio, main video or slides). */
export class InboundStream {
  readonly #listeners = new Set<Listener>();
  lastPacketAt = 0;
  packets = 0;
  #lastPli = 0;

  constructor(
    readonly owner: string,
    readonly kind: 'audio' | 'video',
    readonly clockRate: number,
    /** Asks the sender for a keyframe (PLI); rate-limited here. */
    private readonly pli: () => void,
  ) {}

  subscribe(l: Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  push(rtp: RtpPacket): void {
    this.lastPacketAt = performance.now();
    this.packets++;
    // A snapshot: a listener may (un)subscribe others while handling this very packet (a switch).
    for (const l of [...this.#listeners]) l(rtp);
  }

  requestKeyframe(minIntervalMs = 250): void {
    const now = performance.now();
    if (this.kind !== 'video' || now - this.#lastPli < minIntervalMs) return;
    this.#lastPli = now;
    this.pli();
  }

  close(): void {
    this.#listeners.clear();
  }
}

const seqDiff = (a: number, b: number): number => ((a - b + 0x18000) & 0xffff) - 0x8000;

/**
 * Feeds one outgoing m-line of one receiver from a chosen inbound stream, switching between sources
 * without breaking sequence numbers or timestamps.
 */
export class Forwarder {
  #source: InboundStream | undefined;
  #pending: InboundStream | undefined;
  #unsubSource: (() => void) | undefined;
  #unsubPending: (() => void) | undefined;
  #pendingSince = 0;
  // Output state.
  #started = false;
  #lastOutSeq = 0;
  #lastOutTs = 0;
  #lastOutAt = 0;
  #seqOffset = 0;
  #tsOffset = 0;
  /** Input sequence number the current mapping started at (older packets are dropped). */
  #firstInSeq = 0;
  #needsKeyframe = false;
  packetsSent = 0;
  switches = 0;
  /**
   * Test hook (simulated network loss): every `dropEvery`-th packet is numbered but not sent, so the
   * receiver counts it as lost. 0 (the default) sends everything.
   */
  dropEvery = 0;
  #dropCount = 0;
  /** Called when a switch has really happened (the new source's first packet went out). */
  onSwitched: ((source: InboundStream | undefined) => void) | undefined;

  constructor(
    readonly sink: PacketSink,
    readonly kind: 'audio' | 'video',
    /** False until the sink can really send (DTLS up): packets before that would be lost. */
    private readonly ready: () => boolean = () => true,
  ) {}

  get source(): InboundStream | undefined {
    return this.#source;
  }

  /** The source being switched to, waiting for its keyframe. */
  get pending(): InboundStream | undefined {
    return this.#pending;
  }

  /** Forward `next` from now on (video: from its next keyframe; until then the old source goes on). */
  setSource(next: InboundStream | undefined): void {
    if (next === this.#source) {
      this.#clearPending();
      return;
    }
    if (next === undefined) {
      this.#clearPending();
      this.#detachSource();
      this.onSwitched?.(undefined);
      return;
    }
    if (this.kind === 'audio') {
      this.#clearPending();
      this.#attach(next);
      return;
    }
    if (next === this.#pending) {
      // Still waiting: ask again if the keyframe is late.
      if (performance.now() - this.#pendingSince > 400) next.requestKeyframe(400);
      return;
    }
    this.#clearPending();
    this.#pending = next;
    this.#pendingSince = performance.now();
    this.#unsubPending = next.subscribe((rtp) => this.#onPending(next, rtp));
    next.requestKeyframe(0);
  }

  /** The receiver lost the picture (PLI/FIR from it): pass the request on to the source. */
  keyframeRequested(): void {
    (this.#pending ?? this.#source)?.requestKeyframe();
  }

  close(): void {
    this.#clearPending();
    this.#detachSource();
    this.onSwitched = undefined;
  }

  #onPending(stream: InboundStream, rtp: RtpPacket): void {
    if (!this.ready() || !isVp8KeyframeStart(rtp.payload)) {
      if (performance.now() - this.#pendingSince > 400) stream.requestKeyframe(400);
      return;
    }
    this.#clearPending();
    this.#attach(stream, rtp);
  }

  #attach(stream: InboundStream, first?: RtpPacket): void {
    this.#detachSource();
    this.#source = stream;
    this.#needsKeyframe = this.kind === 'video' && first === undefined;
    if (this.#needsKeyframe) stream.requestKeyframe(0);
    let mapped = false;
    let inSsrc: number | undefined;
    const handle = (rtp: RtpPacket): void => {
      if (mapped && rtp.header.ssrc !== inSsrc) {
        // The sender restarted its track (new SSRC, new numbering): map again, from a keyframe.
        mapped = false;
        this.#needsKeyframe = this.kind === 'video';
      }
      if (!mapped) {
        // Start only once the receiver can get it, and (video) on a keyframe it will really get.
        if (!this.ready()) {
          if (this.kind === 'video') this.#needsKeyframe = true;
          return;
        }
        inSsrc = rtp.header.ssrc;
        if (this.#needsKeyframe && !isVp8KeyframeStart(rtp.payload)) {
          stream.requestKeyframe(500);
          return;
        }
        this.#needsKeyframe = false;
        this.#map(stream, rtp);
        mapped = true;
        this.switches++;
        this.onSwitched?.(stream);
      }
      this.#send(rtp);
    };
    this.#unsubSource = stream.subscribe(handle);
    if (first) handle(first);
  }

  /** Chooses offsets so that `rtp` follows the last packet sent, whoever sent that. */
  #map(stream: InboundStream, rtp: RtpPacket): void {
    const h = rtp.header;
    this.#firstInSeq = h.sequenceNumber;
    if (!this.#started) {
      this.#seqOffset = 0;
      this.#tsOffset = 0;
      this.#started = true;
      return;
    }
    const elapsedMs = Math.max(1, performance.now() - this.#lastOutAt);
    const tsStep = Math.max(1, Math.round((elapsedMs * stream.clockRate) / 1000));
    this.#seqOffset = (this.#lastOutSeq + 1 - h.sequenceNumber) & 0xffff;
    this.#tsOffset = (this.#lastOutTs + tsStep - h.timestamp) >>> 0;
  }

  #send(rtp: RtpPacket): void {
    const h = rtp.header;
    if (seqDiff(h.sequenceNumber, this.#firstInSeq) < 0) return; // from before the switch
    if (rtp.payload.length === 0) {
      // Padding only (bandwidth probing): not forwarded; keep the outgoing numbering gap-free.
      this.#seqOffset = (this.#seqOffset - 1) & 0xffff;
      return;
    }
    const seq = (h.sequenceNumber + this.#seqOffset) & 0xffff;
    const ts = (h.timestamp + this.#tsOffset) >>> 0;
    const header = new RtpHeader({
      marker: h.marker,
      payloadType: h.payloadType,
      sequenceNumber: seq,
      timestamp: ts,
      ssrc: h.ssrc,
      extensions: [],
    });
    this.#lastOutSeq = seq;
    this.#lastOutTs = ts;
    this.#lastOutAt = performance.now();
    if (this.dropEvery > 0 && ++this.#dropCount % this.dropEvery === 0) return;
    this.packetsSent++;
    this.sink.sendRtp(new RtpPacket(header, rtp.payload)).catch(() => undefined);
  }

  #clearPending(): void {
    this.#unsubPending?.();
    this.#unsubPending = undefined;
    this.#pending = undefined;
  }

  #detachSource(): void {
    this.#unsubSource?.();
    this.#unsubSource = undefined;
    this.#source = undefined;
  }
}
