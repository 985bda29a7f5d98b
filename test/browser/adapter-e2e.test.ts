/**
 * The SDK adapter end to end (real SDK, real local node, one iframe per person): DTMF into the call
 * versus toward a participant, call statistics against `RTCPeerConnection.getStats()`, the SDK's
 * console output, and full-motion presentation for a control-only viewer.
 */
import { expect } from '@open-wc/testing';
import { type CallPage, usePages } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';
import { COLOURS, near, pdfFile, sampleColour } from './fixtures/slide-files.js';
import { getLogLevel, setLogLevel } from '../../src/index.js';
import { createSdkLogger } from '../../src/services/log.js';
import type { DtmfRecord } from '../../conferencing-node/model.js';
import { dtmfLog } from './fixtures/node-records.js';

/** Polls the node until it has recorded at least `n` DTMF requests in `alias`. */
async function dtmfRecorded(alias: string, n: number, timeoutMs = 8000): Promise<DtmfRecord[]> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const log = await dtmfLog(alias);
    if (log.length >= n) return log;
    if (performance.now() > end) {
      throw new Error(`the node recorded ${JSON.stringify(log)}; expected ${n} records`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The keypad panel of the call's toolbar (opened if needed). */
async function toolbarKeypad(p: CallPage): Promise<ShadowRoot> {
  if (!p.root.querySelector('pex-dialpad')) await p.click('Keypad');
  const pad = await waitFor(() => p.root.querySelector('pex-dialpad'), 'the toolbar keypad');
  await (pad as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return pad.shadowRoot!;
}

function press(pad: ShadowRoot, key: string): void {
  const b = [...pad.querySelectorAll('button')].find((x) => x.textContent?.trim() === key);
  if (!b) throw new Error(`no keypad key ${key}`);
  b.click();
}

describe('SDK adapter against the local node: DTMF', () => {
  const open = usePages();

  it('the toolbar keypad sends DTMF into the call; the roster keypad to the dialled participant', async () => {
    const ann = await open();
    await ann.join('meet.alice', 'Ann', 'audio');
    await ann.phaseIs('in-call');
    await waitFor(() => ann.participant('Ann')?.hasMedia, 'the node to see Ann’s media');
    const me = ann.participant('Ann')!.uuid;

    const pad = await toolbarKeypad(ann);
    press(pad, '1');
    press(pad, '#');
    const intoCall = await dtmfRecorded('meet.alice', 2);
    for (const r of intoCall) {
      expect(r.kind, JSON.stringify(r)).to.equal('call');
      expect(r.from).to.equal(me);
      expect(r.callUuid).to.be.a('string').and.not.equal('');
    }
    expect(intoCall.map((r) => r.digits).join('')).to.equal('1#');
    expect(ann.alert()).to.equal('');

    // Dial a far end and key digits at it from its roster row.
    await ann.click('Conference menu');
    await ann.click('Add a participant');
    await ann.fill('destination', 'sip:ivr@example.com');
    await ann.click('Call');
    const name = await waitFor(() => {
      const p = ann.call.service.participants
        .get()
        .list.find((x) => x.uri.includes('ivr@example.com') && !x.isCalling);
      return p?.displayName;
    }, 'the far end to answer');
    await ann.rosterClick(name, 'Keypad');
    const details = await ann.rosterDetails(name);
    const rosterPad = await waitFor(() => details.querySelector('pex-dialpad'), 'the roster keypad');
    await rosterPad.updateComplete;
    press(rosterPad.shadowRoot!, '4');
    press(rosterPad.shadowRoot!, '2');
    const all = await dtmfRecorded('meet.alice', 4);
    const toIvr = all.slice(2);
    const ivr = ann.call.service.participants.get().list.find((x) => x.displayName === name)!.uuid;
    for (const r of toIvr) {
      expect(r.kind, JSON.stringify(r)).to.equal('participant');
      expect(r.to).to.equal(ivr);
      expect(r.from).to.equal(me);
      expect(r.callUuid).to.equal(undefined);
    }
    expect(toIvr.map((r) => r.digits).join('')).to.equal('42');
    // Nothing of it went into Ann's own call.
    expect(all.filter((r) => r.kind === 'call')).to.have.length(2);

    await ann.rosterClick(name, 'Disconnect');
    await waitFor(() => !ann.participant(name), 'the far end to be disconnected');
  });

  it('a control-only participant has no call to send DTMF into: a clear error, nothing sent', async () => {
    const cy = await open();
    await cy.join('meet.alice', 'Cy', 'none');
    await cy.phaseIs('in-call');
    const pad = await toolbarKeypad(cy);
    press(pad, '5');
    await waitFor(() => /no call to do this in/.test(cy.alert()), 'the no-call message');
    expect(await dtmfLog('meet.alice')).to.deep.equal([]);
  });
});

/** Records the peer connections the SDK creates in a participant's frame (before it joins). */
function capturePeerConnections(p: CallPage): RTCPeerConnection[] {
  const win = p.frame.contentWindow as Window & typeof globalThis;
  const made: RTCPeerConnection[] = [];
  const Original = win.RTCPeerConnection;
  win.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      made.push(this);
    }
  } as typeof RTCPeerConnection;
  return made;
}

/** The statistics panel as `{"Audio received": {"Codec": "opus", …}, …}`. */
function statsPanel(p: CallPage): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const panel = p.root.querySelector('[part="stats"]');
  for (const h of panel?.querySelectorAll('h3') ?? []) {
    const fields: Record<string, string> = {};
    const dl = h.nextElementSibling;
    for (const dt of dl?.querySelectorAll('dt') ?? []) {
      fields[dt.textContent!.trim()] = dt.nextElementSibling!.textContent!.trim();
    }
    out[h.textContent!.replace(/\s+/g, ' ').trim()] = fields;
  }
  return out;
}

/** The fields of `RTCStatsReport` entries the test reads (plus what it adds: codec and remote). */
interface Report {
  id: string;
  type: string;
  timestamp: number;
  kind?: string;
  mid?: string;
  localId?: string;
  codecId?: string;
  mimeType?: string;
  packetsLost?: number;
  packetsReceived?: number;
  packetsSent?: number;
  bytesReceived?: number;
  bytesSent?: number;
  jitter?: number;
  frameWidth?: number;
  frameHeight?: number;
  framesPerSecond?: number;
  codecName?: string;
  remotePacketsLost?: number;
  remoteJitter?: number;
}

/** The main (first) audio and video lines' RTP stats of a peer connection, from `pc.getStats()`. */
async function rtpStats(pc: RTCPeerConnection): Promise<Record<string, Report | undefined>> {
  const all = new Map<string, Report>();
  (await pc.getStats()).forEach((r: Report) => all.set(r.id, r));
  const mids: Record<string, string | null | undefined> = {};
  for (const t of pc.getTransceivers()) {
    const kind = t.receiver.track.kind;
    if (!(kind in mids)) mids[kind] = t.mid;
  }
  const find = (type: string, kind: string): Report | undefined =>
    [...all.values()].find((r) => r.type === type && r.kind === kind && r.mid === mids[kind]);
  const out: Record<string, Report | undefined> = {};
  for (const kind of ['audio', 'video']) {
    const inbound = find('inbound-rtp', kind);
    const outbound = find('outbound-rtp', kind);
    const remote = [...all.values()].find(
      (r) => r.type === 'remote-inbound-rtp' && r.localId === outbound?.id,
    );
    const codec = (r?: Report): string | undefined =>
      all.get(String(r?.codecId))?.mimeType?.replace(/^(audio|video)\//, '');
    out[`${kind} in`] = inbound && { ...inbound, codecName: codec(inbound) };
    out[`${kind} out`] = outbound && {
      ...outbound,
      codecName: codec(outbound),
      remotePacketsLost: remote?.packetsLost ?? 0,
      remoteJitter: remote?.jitter ?? 0,
    };
  }
  return out;
}

/** A displayed figure with its unit (`"12 kbps"` → 12); anything else fails. */
function num(text: string | undefined, unit: string, what: string): number {
  const m = new RegExp(`^(-?[\\d.]+) ${unit}$`).exec(text ?? '');
  if (!m) throw new Error(`${what}: expected a figure in ${unit}, got ${String(text)}`);
  return Number(m[1]);
}

describe('SDK adapter against the local node: statistics', () => {
  const open = usePages();

  it('every figure of "Statistics" matches RTCPeerConnection.getStats(), in kbps, ms and %', async () => {
    const ada = await open();
    const ben = await open();
    const pcs = capturePeerConnections(ben);
    await ada.join('meet.alice', 'Ada', 'video');
    await ada.phaseIs('in-call');
    await ben.join('meet.alice', 'Ben', 'video');
    await ben.phaseIs('in-call');
    const video = await waitFor(() => ben.root.querySelector<HTMLVideoElement>('video.main'), 'video');
    await waitFor(() => video.videoWidth > 0 && video.currentTime > 0, 'Ben to see video');
    const pc = await waitFor(() => pcs.find((p) => p.connectionState === 'connected'), 'Ben’s call');

    // The node drops every 10th audio packet it sends Ben: about 10 % loss on "Audio received".
    expect(
      await (await fetch('/__local-node__/audio-loss?conference=meet.alice&name=Ben&every=10')).json(),
    ).to.equal(true);
    await ben.click('Statistics');
    const lossShown = (): number => {
      const t = statsPanel(ben)['Audio received']?.['Packet loss'];
      return t ? Number(t.split(' ')[0]) : 0;
    };
    await waitFor(() => lossShown() >= 3, 'the audio loss to show (about 10 %)', 15000);

    // Bracket what the panel shows between two getStats() snapshots: before, then after the panel
    // has been refreshed from newer samples (each refresh changes the growing "Packets lost").
    const before = await rtpStats(pc);
    const lostText = (): string | undefined => statsPanel(ben)['Audio received']?.['Packets lost'];
    for (let i = 0; i < 3; i++) {
      const seen = lostText();
      await waitFor(() => lostText() !== seen, 'the panel to refresh', 5000);
    }
    const shown = statsPanel(ben);
    const after = await rtpStats(pc);

    const rows: [string, string][] = [
      ['Audio received', 'audio in'],
      ['Video received', 'video in'],
      ['Audio sent', 'audio out'],
      ['Video sent', 'video out'],
    ];
    const between = (v: number, a: number, b: number, slack: number, what: string): void => {
      expect(v, what).to.be.within(Math.min(a, b) - slack, Math.max(a, b) + slack);
    };
    for (const [title, key] of rows) {
      const row = shown[title];
      const s0 = before[key]!;
      const s1 = after[key]!;
      expect(row, `${title} in ${JSON.stringify(shown)}`).to.exist;
      expect(s1, `getStats ${key}`).to.exist;
      const what = (f: string): string => `${title}: ${f} ${JSON.stringify(row)}`;
      expect(row!['Codec'], what('codec')).to.equal(s1.codecName);

      const inbound = key.endsWith('in');
      const bytes = (s: Report): number => Number(inbound ? s.bytesReceived : s.bytesSent);
      // The panel shows one second's rate (a ramping encoder varies): within 4× of the average over
      // the bracket, which still catches bytes-for-bits (8×) or bit/s-for-kbps (1000×).
      const kbps = ((bytes(s1) - bytes(s0)) * 8) / (s1.timestamp - s0.timestamp);
      const shownKbps = num(row!['Bitrate'], 'kbps', what('bitrate'));
      expect(shownKbps, what('bitrate vs getStats ' + kbps.toFixed(0))).to.be.within(kbps / 4, kbps * 4);

      const lost = (s: Report): number => Number(inbound ? s.packetsLost : s.remotePacketsLost);
      const shownLost = Number(row!['Packets lost']);
      between(shownLost, lost(s0), lost(s1), 0, what('packets lost'));
      const pct = (s: Report): number => {
        const total = Number(inbound ? s.packetsReceived : s.packetsSent) + lost(s);
        return total ? (100 * lost(s)) / total : 0;
      };
      between(num(row!['Packet loss'], '%', what('loss')), pct(s0), pct(s1), 0.5, what('loss %'));

      // The SDK reports jitter for audio only (its video metrics have none): none is shown then.
      const jitter = (s: Report): number => 1000 * Number(inbound ? s.jitter : s.remoteJitter);
      if (key.startsWith('audio') || row!['Jitter'] !== undefined) {
        between(num(row!['Jitter'], 'ms', what('jitter')), jitter(s0), jitter(s1), 15, what('jitter ms'));
      }

      if (key.startsWith('video')) {
        const res = (s: Report): string => `${String(s.frameWidth)}x${String(s.frameHeight)}`;
        expect([res(s0), res(s1)], what('resolution')).to.include(row!['Resolution']);
        const fps = (s: Report): number => Number(s.framesPerSecond ?? 0);
        between(num(row!['Frame rate'], 'fps', what('fps')), fps(s0), fps(s1), 5, what('fps'));
      }
    }
    // Lines that carry nothing get no rows: nobody presents.
    expect(Object.keys(shown)).to.have.members(rows.map(([title]) => title));
    const audioLoss = num(shown['Audio received']!['Packet loss'], '%', 'audio loss');
    expect(audioLoss, 'the simulated 10 % loss').to.be.within(5, 12);
  });
});

/** Console lines written in a participant's frame, and the tokens its requests carried. */
interface ConsoleSpy {
  lines: { level: string; text: string }[];
  tokens: Set<string>;
}

/** Records the frame's console and the `token` header of its requests (before it joins). */
function spyOnFrame(p: CallPage): ConsoleSpy {
  const win = p.frame.contentWindow as Window & typeof globalThis;
  const spy: ConsoleSpy = { lines: [], tokens: new Set() };
  for (const level of ['log', 'info', 'debug', 'warn', 'error', 'trace'] as const) {
    const original = win.console[level].bind(win.console);
    win.console[level] = (...args: unknown[]) => {
      const text = args
        .map((a) => {
          if (typeof a === 'string') return a;
          try {
            return JSON.stringify(a);
          } catch {
            return String(a);
          }
        })
        .join(' ');
      spy.lines.push({ level, text });
      original(...args);
    };
  }
  const fetch = win.fetch.bind(win);
  win.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await fetch(input, init);
    const token = new Headers(init?.headers).get('token');
    if (token) spy.tokens.add(token);
    if (String(input instanceof Request ? input.url : input).endsWith('/request_token')) {
      const body = (await res
        .clone()
        .json()
        .catch(() => undefined)) as { result?: { token?: string } } | undefined;
      if (body?.result?.token) spy.tokens.add(body.result.token);
    }
    return res;
  };
  return spy;
}

/** A call with media that lasts until its video has played for `seconds`. */
async function callWithMedia(p: CallPage, name: string, seconds: number): Promise<void> {
  await p.join('meet.alice', name, 'video');
  await p.phaseIs('in-call');
  const video = await waitFor(() => p.root.querySelector<HTMLVideoElement>('video.main'), 'video');
  await waitFor(() => video.currentTime >= seconds, `${seconds} s of video`, 20000);
  await p.call.service.leave();
  await p.phaseIs('ended').catch(() => undefined);
}

const SECRETS = (spy: ConsoleSpy, text: string): string[] => [...spy.tokens].filter((t) => text.includes(t));

describe('SDK adapter against the local node: console output', () => {
  const open = usePages();
  afterEach(() => {
    localStorage.removeItem('pex-components:log');
    setLogLevel(undefined);
  });

  it('a call with media writes no info/debug lines, no token and no SDP to the console', async () => {
    const p = await open();
    const spy = spyOnFrame(p);
    await callWithMedia(p, 'Quinn', 5);
    expect(spy.tokens.size, 'tokens seen').to.be.greaterThan(0);
    const chatty = spy.lines.filter((l) => !['warn', 'error'].includes(l.level));
    expect(chatty, JSON.stringify(chatty.slice(0, 5))).to.deep.equal([]);
    // A healthy call warns about nothing either (the SDK's "signal without observer" notes are debug).
    const sdk = spy.lines.filter((l) => l.text.startsWith('pex-components (SDK):'));
    expect(sdk.map((l) => l.text)).to.deep.equal([]);
    for (const l of spy.lines) {
      expect(SECRETS(spy, l.text), l.text).to.deep.equal([]);
      expect(l.text).not.to.match(/v=0|a=candidate/);
    }
  });

  it('with localStorage["pex-components:log"] = "debug", the SDK’s lines appear (tokens still redacted)', async () => {
    localStorage.setItem('pex-components:log', 'debug');
    const p = await open();
    const spy = spyOnFrame(p);
    await callWithMedia(p, 'Vera', 2);
    const sdk = spy.lines.filter(
      (l) => ['info', 'debug'].includes(l.level) && l.text.startsWith('pex-components (SDK):'),
    );
    expect(sdk.length, 'SDK info/debug lines').to.be.greaterThan(10);
    // Lines from @pexip/peer-connection too (its own logger), with the SDP for support.
    expect(spy.lines.some((l) => /v=0/.test(l.text))).to.equal(true);
    for (const l of spy.lines) expect(SECRETS(spy, l.text), l.text).to.deep.equal([]);
  });

  it('setLogLevel() from the package entry overrides the localStorage switch', () => {
    const lines: string[] = [];
    const original = console.debug;
    console.debug = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      const log = createSdkLogger(() => ['secret-token-123']);
      expect(getLogLevel()).to.equal('warn');
      log.debug({ sdp: 'v=0' }, 'quiet by default');
      localStorage.setItem('pex-components:log', 'debug');
      expect(getLogLevel()).to.equal('debug');
      setLogLevel('error');
      log.debug({}, 'still quiet');
      setLogLevel('debug');
      log.debug({ token: 'secret-token-123' }, 'now verbose');
      expect(() => setLogLevel('loud' as never)).to.throw(TypeError);
    } finally {
      console.debug = original;
    }
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include('now verbose').and.include('[redacted]').and.not.include('secret-token-123');
  });
});

describe('SDK adapter against the local node: full motion for a control-only viewer', function () {
  this.timeout(120000);
  const open = usePages();

  it('a control-only viewer switches to full motion (real frames), and back to stills ends that call', async () => {
    const a = await open();
    const b = await open();
    await a.join('meet.alice', 'Alma', 'video');
    await a.phaseIs('in-call', 20000);
    await b.join('meet.alice', 'Bruno', 'none');
    await b.phaseIs('in-call', 20000);

    // Alma presents a PDF whose first page is a solid, known colour.
    const share = await a.sharePanel();
    await share.addFiles([pdfFile(2, 'full-motion.pdf')]);
    await a.shareClick('Start presenting');
    await waitFor(() => a.call.service.presentation.get().sending, 'Alma presenting', 20000);
    await waitFor(() => b.presentationView()?.localName === 'img', 'Bruno: stills', 20000);
    expect(a.participant('Bruno')?.hasMedia).to.equal(false, 'control-only: no call yet');

    await b.click('View full motion presentation');
    const video = await waitFor(
      () => {
        const v = b.presentationView();
        return v?.localName === 'video' && (v as HTMLVideoElement).videoWidth > 0
          ? (v as HTMLVideoElement)
          : undefined;
      },
      'Bruno: a playing presentation video',
      30000,
    );
    await waitFor(
      () => near(sampleColour(video, 320, 180, 0.5, 0.25), COLOURS[0]!, 60),
      `Bruno: the slide's colour in the video (${sampleColour(video, 320, 180, 0.5, 0.25).join(',')})`,
      20000,
    );
    // The node sees Bruno's (receive-only) call.
    await waitFor(() => a.participant('Bruno')?.hasMedia, 'Bruno’s presentation call at the node');
    expect(b.call.service.media.get().local).to.equal(undefined, 'still no camera or microphone');

    // Back to stills: the still images return and the call ends.
    await b.click('View still image presentation');
    await waitFor(() => b.presentationView()?.localName === 'img', 'Bruno: stills again', 20000);
    await waitFor(() => a.participant('Bruno')?.hasMedia === false, 'Bruno’s call ended', 20000);
    await a.click('Stop presenting');
  });
});
