/**
 * The SDK's call statistics as the statistics panel's rows.
 *
 * @module
 */
import type { InfinityClient } from '@pexip/infinity';
import type { StreamStats } from '../types.js';

type Latest = NonNullable<InfinityClient['latestStats']>;
type Metrics = Latest['inbound']['audio'];

/**
 * The SDK's newest per-stream figures (`@pexip/peer-connection-stats`, sampled once a second from
 * each transceiver's `getStats()`), in display units: its bitrate is in bit/s (shown in kbps), its
 * jitter in seconds (ms), its loss a ratio of all packets (%), its codec a MIME type (`video/VP8`).
 */
export function statsRows(s: Latest | undefined): StreamStats[] {
  if (!s) return [];
  const rows: StreamStats[] = [];
  const add = (
    stream: StreamStats['stream'],
    direction: StreamStats['direction'],
    m: (Metrics & { resolution?: string; framesPerSecond?: number }) | undefined,
  ): void => {
    // A line that carries nothing (e.g. presentation while nobody presents) has no real figures:
    // the SDK then reports zeros with no codec.
    if (!m || (!m.codec && !m.packetsTransmitted)) return;
    rows.push({
      stream,
      direction,
      ...(m.bitrate !== undefined ? { bitrateKbps: Math.round(m.bitrate / 1000) } : {}),
      packetsLost: m.packetsLost,
      ...(m.totalPercentageLost !== undefined ? { lossPercent: m.totalPercentageLost * 100 } : {}),
      ...(m.codec ? { codec: m.codec.replace(/^(audio|video)\//, '') } : {}),
      ...(m.jitter !== undefined ? { jitterMs: Math.round(m.jitter * 1000) } : {}),
      ...(m.resolution ? { resolution: m.resolution } : {}),
      ...(m.framesPerSecond !== undefined ? { fps: m.framesPerSecond } : {}),
    });
  };
  add('audio', 'in', s.inbound.audio);
  add('video', 'in', s.inbound.video);
  add('presentation', 'in', s.inbound.preso);
  add('audio', 'out', s.outbound.audio);
  add('video', 'out', s.outbound.video);
  add('presentation', 'out', s.outbound.preso);
  return rows;
}
