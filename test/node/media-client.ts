/**
 * A scripted media client for node tests: a werift peer connection that offers what the official SDK
 * offers (audio, video `a=content:main`, video `a=content:slides`, `b=AS` on video lines), and plain
 * HTTP helpers on fresh connections (no pooled sockets, so resource counts stay exact).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RTCPeerConnection,
  type RTCRtpTransceiver,
  RtpHeader,
  RtpPacket,
  useAudioLevelIndication,
  useNACK,
  useOPUS,
  usePLI,
  useSdesMid,
  useVP8,
} from 'werift';
import { joinSdp, splitSdp } from '../../conferencing-node/media/sdp.js';
import type { RunningNode } from '../../conferencing-node/server.js';

const PREFIX = '/api/client/v2/conferences/';

export interface Reply {
  status: number;
  type: string | undefined;
  body: any;
  raw: Buffer;
}

/** One request on its own connection. */
export function http(
  node: RunningNode,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      {
        host: '127.0.0.1',
        port: node.port,
        path: `${PREFIX}${path}`,
        method,
        agent: false,
        headers: {
          ...(text !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }
            : {}),
          ...(opts.token ? { token: opts.token } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const type = res.headers['content-type'];
          let body: unknown;
          if (type === 'application/json') body = JSON.parse(raw.toString('utf8'));
          resolve({ status: res.statusCode ?? 0, type, body, raw });
        });
      },
    );
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

export interface SseEvent {
  event: string;
  id: string;
  data: any;
}

/** An event stream on its own connection; `close()` ends it. */
export class Events {
  readonly events: SseEvent[] = [];
  #close: () => void = () => undefined;

  static open(node: RunningNode, alias: string, token: string): Promise<Events> {
    const e = new Events();
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: node.port, path: `${PREFIX}${alias}/events?token=${token}`, agent: false },
        (res) => {
          let buf = '';
          res.on('data', (d: Buffer) => {
            buf += d.toString();
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const frame = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const ev: Partial<SseEvent> = {};
              for (const line of frame.split('\n')) {
                if (line.startsWith('event: ')) ev.event = line.slice(7);
                else if (line.startsWith('id: ')) ev.id = line.slice(4);
                else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
              }
              if (ev.event) e.events.push(ev as SseEvent);
            }
          });
          res.on('error', () => undefined);
          resolve(e);
        },
      );
      req.on('error', reject);
      req.end();
      e.#close = () => req.destroy();
    });
  }

  async next(event: string, pred: (d: any) => boolean = () => true, timeoutMs = 8000): Promise<SseEvent> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.event === event && pred(e.data));
      if (found) return found;
      if (Date.now() > end) throw new Error(`timed out waiting for ${event}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.#close();
  }
}

/** Adds what the SDK's offer has and werift's does not: content labels and `b=AS`. */
export function sdkLikeOffer(sdp: string, bandwidth?: number): string {
  const { session, sections } = splitSdp(sdp);
  const out = sections.map((lines, i) => {
    // Chromium offers an inactive line with port 9; werift writes 0.
    const result = [lines[0]!.replace(/^(m=\w+) 0 /, '$1 9 '), ...lines.slice(1)];
    const mid = result.findIndex((l) => l.startsWith('a=mid:'));
    result.splice(mid + 1, 0, `a=content:${i === 2 ? 'slides' : 'main'}`);
    if (bandwidth !== undefined && result[0]!.startsWith('m=video')) {
      result.splice(result.findIndex((l) => l.startsWith('c=')) + 1, 0, `b=AS:${bandwidth}`);
    }
    return result;
  });
  return joinSdp(session, out);
}

export class MediaClient {
  readonly pc = new RTCPeerConnection({
    iceServers: [],
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    bundlePolicy: 'max-bundle',
    codecs: { audio: [useOPUS()], video: [useVP8({ rtcpFeedback: [useNACK(), usePLI()] })] },
    headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()], video: [useSdesMid()] },
  });
  readonly audio: RTCRtpTransceiver;
  readonly video: RTCRtpTransceiver;
  readonly slides: RTCRtpTransceiver;
  /** Packets received per line. */
  readonly received = { audio: [] as RtpPacket[], video: [] as RtpPacket[], slides: [] as RtpPacket[] };
  callUuid = '';
  answer = '';

  constructor(
    readonly node: RunningNode,
    readonly alias: string,
    readonly token: string,
    readonly uuid: string,
  ) {
    this.audio = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.video = this.pc.addTransceiver('video', { direction: 'sendrecv' });
    this.slides = this.pc.addTransceiver('video', { direction: 'inactive' });
    for (const k of ['audio', 'video', 'slides'] as const) {
      this[k].onTrack.subscribe((track) => {
        track.onReceiveRtp.subscribe((rtp) => this.received[k].push(rtp));
      });
    }
  }

  async offer(bandwidth?: number): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((r) => {
        const s = this.pc.iceGatheringStateChange.subscribe((st) => {
          if (st === 'complete') {
            s.unSubscribe();
            r();
          }
        });
      });
    }
    return sdkLikeOffer(this.pc.localDescription!.sdp, bandwidth);
  }

  path(rest: string): string {
    return `${this.alias}/participants/${this.uuid}/${rest}`;
  }

  /** `POST calls` with an SDK-like offer; applies the answer; does not ack. */
  async call(bandwidth?: number): Promise<Reply> {
    const r = await http(this.node, 'POST', this.path('calls'), {
      token: this.token,
      body: { call_type: 'WEBRTC', sdp: await this.offer(bandwidth), media_type: 'video' },
    });
    if (r.status === 200) {
      this.callUuid = r.body.result.call_uuid;
      this.answer = r.body.result.sdp;
      await this.pc.setRemoteDescription({ type: 'answer', sdp: this.answer });
    }
    return r;
  }

  command(command: string, body: unknown = {}): Promise<Reply> {
    return http(this.node, 'POST', this.path(`calls/${this.callUuid}/${command}`), {
      token: this.token,
      body,
    });
  }

  /** Renegotiates (`update`) after a direction change, applying the answer. */
  async update(): Promise<string> {
    const r = await this.command('update', { sdp: await this.offer(), fecc_supported: false });
    if (r.status !== 200) throw new Error(`update: ${r.status} ${JSON.stringify(r.body)}`);
    await this.pc.setRemoteDescription({ type: 'answer', sdp: r.body.result });
    await this.command('ack');
    return r.body.result as string;
  }

  async connected(timeoutMs = 8000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.pc.connectionState !== 'connected') {
      if (Date.now() > end) throw new Error(`not connected: ${this.pc.connectionState}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    return this.pc.close();
  }
}

/** VP8 frames (from the project's ffmpeg's libvpx), sent as RTP on a transceiver. */
export class Vp8Source {
  #seq = 1000;
  #i = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly frames: Buffer[]) {}

  /** Encodes `seconds` of ffmpeg's test picture; undefined without ffmpeg. */
  static make(ffmpeg: string | undefined, width: number, height: number, seconds = 2): Vp8Source | undefined {
    if (!ffmpeg) return undefined;
    const dir = mkdtempSync(join(tmpdir(), 'pex-vp8-'));
    try {
      const out = join(dir, 'v.ivf');
      const r = spawnSync(ffmpeg, [
        ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi'],
        ...['-i', `testsrc=size=${width}x${height}:rate=15`, '-t', String(seconds)],
        ...['-c:v', 'libvpx', '-b:v', '300k', '-g', '15', '-f', 'ivf', out],
      ]);
      if (r.status !== 0) return undefined;
      const ivf = readFileSync(out);
      const frames: Buffer[] = [];
      for (let off = 32; off + 12 <= ivf.length;) {
        const size = ivf.readUInt32LE(off);
        frames.push(ivf.subarray(off + 12, off + 12 + size));
        off += 12 + size;
      }
      return new Vp8Source(frames);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Sends frames in a loop at 15 fps until stop(). */
  start(t: RTCRtpTransceiver): void {
    this.stop();
    const send = (): void => {
      const frame = this.frames[this.#i++ % this.frames.length]!;
      const ts = (this.#i * 6000) >>> 0;
      for (let off = 0; off < frame.length; off += 1000) {
        const chunk = frame.subarray(off, off + 1000);
        const header = new RtpHeader({
          payloadType: 96,
          sequenceNumber: this.#seq++ & 0xffff,
          timestamp: ts,
          marker: off + 1000 >= frame.length,
        });
        const payload = Buffer.concat([Buffer.from([off === 0 ? 0x10 : 0x00]), chunk]);
        t.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
      }
    };
    this.#timer = setInterval(send, 66);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Width and height from a JPEG's SOF marker. */
export function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const m = b[i + 1]!;
    if (m >= 0xc0 && m <= 0xc3) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + b.readUInt16BE(i + 2);
  }
  return undefined;
}
