/**
 * Still images of the presentation (the legacy `presentation_frame` / `presentation.jpeg` path):
 * the presenter's VP8 slides stream is depacketized here, written as IVF into one ffmpeg process per
 * presentation, and ffmpeg writes one full-size and one ≤ 640 px wide JPEG about once a second.
 *
 * Why ffmpeg, and which one: decoding VP8 needs a real decoder, and none exists in pure JS. The
 * project installs `@ffmpeg-installer/ffmpeg` (devDependency) whose per-platform package
 * (`@ffmpeg-installer/linux-x64`) SHIPS a static ffmpeg binary inside the npm tarball — nothing is
 * downloaded at install or run time, `npm ci` is all it takes, and its native VP8 decoder and MJPEG
 * encoder cost a few % of one core for one presentation. A wasm build would need a browser-style
 * loader and is several times slower; Debian's `ffmpeg` would need root and ~300 MB of packages.
 * Lookup order: `PEX_FFMPEG` (a path, or `off`), the npm package, then `ffmpeg` on PATH (Debian's).
 * Without any, full-motion presentation still works and stills are switched off with one log line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { RtpPacket } from 'werift';
import { vp8Descriptor, vp8KeyframeSize } from './rtp.js';

/** Low-resolution stills are at most this wide (legacy clients picked them below 512 kbps). */
export const LOW_MAX_WIDTH = 640;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The ffmpeg to use, or undefined (stills off). */
export function findFfmpeg(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['PEX_FFMPEG'];
  if (configured === 'off') return undefined;
  if (configured) return executable(configured) ? configured : undefined;
  try {
    const require = createRequire(import.meta.url);
    const path = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    if (existsSync(path)) {
      // npm may skip the package's `chmod u+x` install script (npm 11 without allowScripts).
      if (!executable(path)) chmodSync(path, 0o755);
      if (executable(path)) return path;
    }
  } catch {
    // not installed for this platform
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, 'ffmpeg');
    if (dir && existsSync(candidate) && executable(candidate)) return candidate;
  }
  return undefined;
}

/** Splits a byte stream of concatenated JPEG images (what ffmpeg's image2pipe writes). */
export class JpegSplitter {
  #buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    const out: Buffer[] = [];
    for (;;) {
      const end = jpegEnd(this.#buf);
      if (end === undefined) break;
      if (end < 0) {
        this.#buf = Buffer.alloc(0); // not JPEG data: resynchronise on the next chunk
        break;
      }
      out.push(Buffer.from(this.#buf.subarray(0, end)));
      this.#buf = this.#buf.subarray(end);
    }
    return out;
  }
}

/** Length of the first complete JPEG in `b`; undefined if incomplete, -1 if `b` is not a JPEG. */
export function jpegEnd(b: Buffer): number | undefined {
  if (b.length < 2) return undefined;
  if (b[0] !== 0xff || b[1] !== 0xd8) return -1;
  let i = 2;
  for (;;) {
    if (i + 2 > b.length) return undefined;
    if (b[i] !== 0xff) return -1;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) return i + 2;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (i + 4 > b.length) return undefined;
    const len = b.readUInt16BE(i + 2);
    i += 2 + len;
    if (marker !== 0xda) continue;
    // Entropy-coded data: 0xFF is stuffed (FF00) or a restart marker; anything else ends it.
    for (;;) {
      if (i + 1 >= b.length) return undefined;
      if (b[i] === 0xff) {
        const next = b[i + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
          i += 2;
          continue;
        }
        break;
      }
      i++;
    }
  }
}

/** Reassembles VP8 frames from RTP packets; frames with a lost packet are dropped. */
export class Vp8Depacketizer {
  #parts: Buffer[] = [];
  #frameTs: number | undefined;
  #expectSeq: number | undefined;
  #broken = false;

  /** Returns a complete frame (with its RTP timestamp) when `rtp` completes one. */
  push(rtp: RtpPacket): { frame: Buffer; timestamp: number; lost: boolean } | undefined {
    const h = rtp.header;
    const d = vp8Descriptor(rtp.payload);
    let lost = false;
    if (this.#expectSeq !== undefined && h.sequenceNumber !== this.#expectSeq) {
      this.#broken = true;
      lost = true;
    }
    this.#expectSeq = (h.sequenceNumber + 1) & 0xffff;
    if (!d) return undefined;
    if (d.frameStart) {
      this.#parts = [];
      this.#frameTs = h.timestamp;
      this.#broken = lost;
    } else if (h.timestamp !== this.#frameTs) {
      this.#broken = true;
    }
    this.#parts.push(rtp.payload.subarray(d.offset));
    if (!h.marker) return undefined;
    const parts = this.#parts;
    this.#parts = [];
    if (this.#broken || parts.length === 0)
      return { frame: Buffer.alloc(0), timestamp: h.timestamp, lost: true };
    return { frame: Buffer.concat(parts), timestamp: h.timestamp, lost };
  }
}

function ivfHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(32);
  b.write('DKIF', 0, 'ascii');
  b.writeUInt16LE(0, 4);
  b.writeUInt16LE(32, 6);
  b.write('VP80', 8, 'ascii');
  b.writeUInt16LE(width, 12);
  b.writeUInt16LE(height, 14);
  b.writeUInt32LE(1000, 16); // time base denominator: pts in milliseconds
  b.writeUInt32LE(1, 20);
  return b;
}

function ivfFrame(frame: Buffer, ptsMs: number): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt32LE(frame.length, 0);
  h.writeBigUInt64LE(BigInt(ptsMs), 4);
  return Buffer.concat([h, frame]);
}

export interface StillFrame {
  high: Buffer;
  low: Buffer;
}

/**
 * Turns one presenter's slides stream into JPEG stills. Feed it the stream's RTP packets; it asks
 * for a keyframe (`needKeyframe`) whenever it cannot decode, and calls `onFrame` about once a second.
 */
export class StillEncoder {
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #size: { width: number; height: number } | undefined;
  readonly #depack = new Vp8Depacketizer();
  #needKey = true;
  #firstTs: number | undefined;
  #lastTs = 0;
  #ptsBase = 0;
  #lastPts = -1;
  #closed = false;
  #highQ: Buffer[] = [];
  #lowQ: Buffer[] = [];
  stderrTail = '';
  restarts = 0;

  constructor(
    private readonly ffmpeg: string,
    private readonly onFrame: (f: StillFrame) => void,
    private readonly needKeyframe: () => void,
    private readonly log: (m: string) => void,
  ) {}

  push(rtp: RtpPacket): void {
    if (this.#closed) return;
    const r = this.#depack.push(rtp);
    if (!r) return;
    if (r.lost || r.frame.length === 0) {
      this.#needKey = true;
      this.needKeyframe();
      return;
    }
    const size = vp8KeyframeSize(r.frame);
    if (size) {
      if (!this.#size || size.width !== this.#size.width || size.height !== this.#size.height) {
        this.#restart(size);
      }
      this.#needKey = false;
    } else if (this.#needKey || !this.#child) {
      this.needKeyframe();
      return;
    }
    this.#write(r.frame, r.timestamp);
  }

  /** Stops ffmpeg; resolves once the process is gone. */
  close(): Promise<void> {
    this.#closed = true;
    this.#stop();
    return this.#exited;
  }

  #write(frame: Buffer, timestamp: number): void {
    const child = this.#child;
    if (!child?.stdin || child.stdin.destroyed) return;
    if (this.#firstTs === undefined) {
      this.#firstTs = timestamp;
      this.#lastTs = timestamp;
    }
    // Unwrap the 32-bit 90 kHz RTP clock into milliseconds since the decoder started.
    const delta = (timestamp - this.#lastTs) | 0;
    this.#lastTs = timestamp;
    this.#ptsBase += delta;
    const pts = Math.max(this.#lastPts + 1, Math.round(this.#ptsBase / 90));
    this.#lastPts = pts;
    const ok = child.stdin.write(ivfFrame(frame, pts));
    if (!ok) {
      // ffmpeg is behind: skip until it drained and the next keyframe (never feed a broken chain).
      this.#needKey = true;
    }
  }

  #restart(size: { width: number; height: number }): void {
    this.#stop();
    this.#size = size;
    this.#firstTs = undefined;
    this.#ptsBase = 0;
    this.#lastPts = -1;
    this.#highQ = [];
    this.#lowQ = [];
    this.restarts++;
    const filter =
      `[0:v]fps=1,split=2[hi][lo0];` + `[lo0]scale=w=min(${LOW_MAX_WIDTH}\\,iw):h=-2:flags=bilinear[lo]`;
    const args = [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
      ...['-probesize', '32', '-analyzeduration', '0'],
      ...['-f', 'ivf', '-i', 'pipe:0', '-filter_complex', filter],
      ...['-map', '[hi]', '-c:v', 'mjpeg', '-q:v', '3', '-pix_fmt', 'yuvj420p', '-f', 'image2pipe', 'pipe:1'],
      ...['-map', '[lo]', '-c:v', 'mjpeg', '-q:v', '4', '-pix_fmt', 'yuvj420p', '-f', 'image2pipe', 'pipe:3'],
    ];
    const child = spawn(this.ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('close', () => resolve()));
    child.once('error', (e) => this.log(`presentation stills: cannot run ${this.ffmpeg}: ${e.message}`));
    child.stdin?.on('error', () => undefined);
    const high = new JpegSplitter();
    const low = new JpegSplitter();
    child.stdout?.on('data', (c: Buffer) => this.#emit(high.push(c), this.#highQ));
    const lowPipe = child.stdio[3] as NodeJS.ReadableStream | null;
    lowPipe?.on('data', (c: Buffer) => this.#emit(low.push(c), this.#lowQ));
    child.stderr?.on('data', (c: Buffer) => {
      this.stderrTail = (this.stderrTail + c.toString()).slice(-2000);
    });
    child.stdin?.write(ivfHeader(size.width, size.height));
  }

  #emit(images: Buffer[], queue: Buffer[]): void {
    queue.push(...images);
    while (this.#highQ.length > 0 && this.#lowQ.length > 0) {
      const f = { high: this.#highQ.shift()!, low: this.#lowQ.shift()! };
      if (!this.#closed) this.onFrame(f);
    }
  }

  #stop(): void {
    const child = this.#child;
    this.#child = undefined;
    if (!child) return;
    child.stdin?.destroy();
    child.stdout?.destroy();
    (child.stdio[3] as (NodeJS.ReadableStream & { destroy?: () => void }) | null)?.destroy?.();
    child.stderr?.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
