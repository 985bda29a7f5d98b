/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Does a page grow with every call? The demo page's elements (`<pex-call>` with `<pex-roster>`,
 * `<pex-chat>`, `<pex-share>` and `<pex-settings>` following it; production code bundled from src
 * with esbuild): the call joins `meet.alice` on the local node with video (Chromium's fake camera and microphone), waits for
 * the first remote frame, leaves, and does it again: 50 join/leave cycles in one page. After cycle 1
 * and after the last one, with garbage collected (CDP `HeapProfiler.collectGarbage`), it reads:
 *   - the JS heap in use (`Runtime.getHeapUsage`),
 *   - event listeners: all JS ones (`Memory.getDOMCounters`) and those on window and document
 *     (`DOMDebugger.getEventListeners`),
 *   - live objects of the call's kinds (`Runtime.queryObjects`): RTCPeerConnection, MediaStream,
 *     MediaStreamTrack, EventSource,
 *   - timers still pending (setTimeout / setInterval counted by a wrapper installed before the page).
 * Goal: the figures after cycle 50 within 5 % of those after cycle 1. Prints `BENCH {json}` rows for
 * scripts/bench.mjs. Figures only. `BENCH_CYCLES` overrides the number of cycles; `BENCH_SNAPSHOT=<file>`
 * writes heap snapshots after cycle 1 (`<file>.1`), the last one (`<file>`) and the remounts
 * (`<file>.remount`), to see what retains a leak.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type CDPSession, type Page } from 'puppeteer-core';
import { startNode } from '../conferencing-node/server.js';
import { CHROME, CHROMIUM_ARGS, report, writeBenchPage } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CYCLES = Number(process.env['BENCH_CYCLES'] ?? 50);
const TARGET = 'within 5 % of cycle 1';
/** Through the device check before every join (the default setting), unless BENCH_PREVIEW=0. */
const PREVIEW = process.env['BENCH_PREVIEW'] !== '0';
/**
 * How long the page rests before each measurement (BENCH_SETTLE_MS): Chromium itself keeps the
 * result of a getUserMedia() promise (its MediaStream and tracks) for some seconds after it settled
 * (a C++ ScriptPromiseResolverWithTracker root, not the page's code); after 20 s they are gone.
 */
const SETTLE_MS = Number(process.env['BENCH_SETTLE_MS'] ?? 20_000);
/** Then this many cycles with a new `<pex-call>` each (a framework remounting it). */
const REMOUNTS = Number(process.env['BENCH_REMOUNTS'] ?? 10);

const dir = mkdtempSync(join(tmpdir(), 'pex-cycles-bench-'));
await writeBenchPage(
  dir,
  {
    code: ['call', 'roster', 'chat', 'share', 'settings']
      .map((e) => `import '${root}src/components/${e}/pex-${e}.ts';`)
      .join('\n'),
    name: 'call-cycles-entry.ts',
  },
  {
    title: 'call cycles',
    body: `<pex-call id="call" conference="meet.alice" name="Cycles" media="video"></pex-call>
  <aside><pex-roster call="call"></pex-roster><pex-chat call="call"></pex-chat>
  <pex-share call="call"></pex-share><pex-settings call="call"></pex-settings></aside>`,
  },
);

/**
 * Page scripts as plain text (tsx would add helpers to functions passed to page.evaluate): a count
 * of pending timers, installed before any page script runs, and one join/leave cycle.
 */
const PAGE_SCRIPT = `
(() => {
  const live = new Set();
  const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
  window.setTimeout = function (fn, ms, ...args) {
    const id = st.call(window, function (...a) {
      live.delete(id);
      if (typeof fn === 'function') fn.apply(this, a);
    }, ms, ...args);
    live.add(id);
    return id;
  };
  window.clearTimeout = function (id) { live.delete(id); ct.call(window, id); };
  window.setInterval = function (fn, ms, ...args) {
    const id = si.call(window, fn, ms, ...args);
    live.add(id);
    return id;
  };
  window.clearInterval = function (id) { live.delete(id); ci.call(window, id); };
  window.__pendingTimers = function () { return live.size; };

  async function until(what, ok, ms = 20000) {
    const start = performance.now();
    while (!ok()) {
      if (performance.now() - start > ms) {
        const call = document.querySelector('pex-call');
        return 'timed out waiting for ' + what + ' (' + call.service.conference.get().phase + '): ' +
          call.shadowRoot.textContent.replace(/\\s+/g, ' ').slice(0, 400);
      }
      await new Promise((r) => st.call(window, r, 20));
    }
    return undefined;
  }
  /** One cycle: Join, first remote frame, Leave, the call ended; an error text or undefined. */
  window.__cycle = async function () {
    const call = document.querySelector('pex-call');
    const joinButton = () =>
      [...call.shadowRoot.querySelectorAll('button')].find((b) => ['Join', 'Join again'].includes(b.textContent.trim()));
    let e = await until('the join form', () => !!joinButton());
    if (e) return e;
    const formJoin = joinButton();
    formJoin.click();
    // With the setting previewBeforeJoining on, the device check comes next: its own Join.
    e = await until('the device check or the call', () => {
      const phase = call.service.conference.get().phase;
      return (phase !== 'idle' && phase !== 'ended') || (!formJoin.isConnected && !!joinButton());
    });
    if (e) return e;
    if (joinButton()) {
      // The check's Join is enabled once the devices are open.
      e = await until('the device check to open the devices', () => !joinButton()?.disabled);
      if (e) return e;
      joinButton().click();
    }
    e = await until('the first remote frame', () => {
      const video = call.shadowRoot.querySelector('video.main');
      return !!video && video.videoWidth > 0 && video.currentTime > 0;
    });
    if (e) return e;
    await call.leave(true);
    e = await until('the call to end', () => call.service.conference.get().phase === 'ended');
    await call.updateComplete;
    return e;
  };
  /** The same with a new <pex-call> in place of the old one (a framework remounting it). */
  window.__remountCycle = async function () {
    const old = document.querySelector('pex-call');
    const fresh = document.createElement('pex-call');
    for (const a of old.attributes) fresh.setAttribute(a.name, a.value);
    old.replaceWith(fresh);
    await customElements.whenDefined('pex-call');
    return window.__cycle();
  };
})();
`;

interface Figures {
  heapKb: number;
  jsListeners: number;
  windowDocListeners: number;
  peerConnections: number;
  mediaStreams: number;
  tracks: number;
  eventSources: number;
  timers: number;
  callServices: number;
}

/** Live objects whose prototype is `proto` (an expression evaluated in the page). */
async function liveObjects(cdp: CDPSession, proto: string): Promise<number> {
  const prototype = await cdp.send('Runtime.evaluate', { expression: proto });
  return countByPrototype(cdp, prototype.result.objectId!);
}

async function countByPrototype(cdp: CDPSession, prototypeObjectId: string): Promise<number> {
  const proto = { result: { objectId: prototypeObjectId } };
  const objects = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId! });
  const count = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objects.objectId!,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: objects.objects.objectId! });
  await cdp.send('Runtime.releaseObject', { objectId: proto.result.objectId! });
  return count.result.value as number;
}

async function listenersOn(cdp: CDPSession, expression: string): Promise<number> {
  const target = await cdp.send('Runtime.evaluate', { expression });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
    objectId: target.result.objectId!,
  });
  await cdp.send('Runtime.releaseObject', { objectId: target.result.objectId! });
  return listeners.length;
}

async function measure(page: Page, cdp: CDPSession): Promise<Figures> {
  // Timers and promise jobs of the call that just ended settle first, then everything collectable goes.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return {
    heapKb: heap.usedSize / 1024,
    jsListeners: counters.jsEventListeners,
    windowDocListeners: (await listenersOn(cdp, 'window')) + (await listenersOn(cdp, 'document')),
    peerConnections: await liveObjects(cdp, 'RTCPeerConnection.prototype'),
    mediaStreams: await liveObjects(cdp, 'MediaStream.prototype'),
    tracks: await liveObjects(cdp, 'MediaStreamTrack.prototype'),
    eventSources: await liveObjects(cdp, 'EventSource.prototype'),
    timers: (await page.evaluate('window.__pendingTimers()')) as number,
    callServices: await liveObjects(cdp, "Object.getPrototypeOf(document.querySelector('pex-call').service)"),
  };
}

/** A heap snapshot as text (Chrome DevTools opens it; ids are stable within the session). */
async function takeSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const add = (e: { chunk: string }): number => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', add);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', add);
  return chunks.join('');
}

/**
 * KB of JavaScript objects in a heap snapshot: everything but compiled code (which V8 keeps adding
 * as it optimises the functions a cycle runs, and which `Runtime.getHeapUsage` counts) and Blink's
 * native objects (DevTools' own network and media records among them).
 */
function jsObjectsKb(text: string): number {
  const snap = JSON.parse(text) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, sizeAt, width] = [fields.indexOf('type'), fields.indexOf('self_size'), fields.length];
  let bytes = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!];
    if (type !== 'code' && type !== 'native' && type !== 'synthetic') bytes += snap.nodes[i + sizeAt]!;
  }
  return bytes / 1024;
}

/** The snapshot's JS-object figure; the snapshot itself goes to `file` when one is given. */
async function snapshotKb(cdp: CDPSession, file: string | undefined): Promise<number> {
  const text = await takeSnapshot(cdp);
  if (file) writeFileSync(file, text);
  return jsObjectsKb(text);
}

async function cycle(page: Page, remount = false): Promise<void> {
  const error = (await page.evaluate(remount ? 'window.__remountCycle()' : 'window.__cycle()')) as
    string | undefined;
  if (error) throw new Error(error);
}

const node = await startNode({ staticRoutes: [{ prefix: '/bench/', dir }] });
const browser = await puppeteer.launch({
  executablePath: CHROME,
  headless: true,
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage();
  if (!PREVIEW) {
    await page.evaluateOnNewDocument(() => {
      localStorage.setItem(
        'pex-components:settings',
        JSON.stringify({ v: 1, settings: { previewBeforeJoining: false } }),
      );
    });
  }
  await page.evaluateOnNewDocument(PAGE_SCRIPT);
  await page.goto(`${node.url}/bench/index.html`, { waitUntil: 'load' });
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  const snapshot = process.env['BENCH_SNAPSHOT'];
  await cycle(page);
  const first = await measure(page, cdp);
  const firstKb = await snapshotKb(cdp, snapshot && `${snapshot}.1`);
  const t0 = performance.now();
  for (let i = 2; i <= CYCLES; i++) {
    await cycle(page);
    if (process.env['BENCH_VERBOSE'] && i % 10 === 0) console.error(`cycle ${i}`, await measure(page, cdp));
  }
  const perCycle = (performance.now() - t0) / Math.max(1, CYCLES - 1);
  const last = await measure(page, cdp);
  const lastKb = await snapshotKb(cdp, snapshot);
  const rows: [keyof Figures, string, string][] = [
    ['heapKb', 'JS heap in use (incl. compiled code)', 'KB'],
    ['jsListeners', 'JS event listeners', 'count'],
    ['windowDocListeners', 'listeners on window and document', 'count'],
    ['peerConnections', 'live RTCPeerConnection', 'count'],
    ['mediaStreams', 'live MediaStream', 'count'],
    ['tracks', 'live MediaStreamTrack', 'count'],
    ['eventSources', 'live EventSource', 'count'],
    ['timers', 'pending timers', 'count'],
  ];
  for (const [key, label, unit] of rows) {
    report(`call cycles: ${label} after cycle 1`, first[key], unit, '');
    report(`call cycles: ${label} after cycle ${CYCLES}`, last[key], unit, TARGET);
  }
  report('call cycles: JS objects (heap snapshot) after cycle 1', firstKb, 'KB', '');
  report(`call cycles: JS objects (heap snapshot) after cycle ${CYCLES}`, lastKb, 'KB', TARGET);
  report(
    `call cycles: heap growth per cycle incl. compiled code (1 → ${CYCLES})`,
    (last.heapKb - first.heapKb) / Math.max(1, CYCLES - 1),
    'KB',
    '',
  );
  report('call cycles: time per join/leave cycle', perCycle, 'ms', '');

  // A framework remounting the element: every call on a new <pex-call>; the old ones must go.
  for (let i = 1; i <= REMOUNTS; i++) await cycle(page, true);
  const remounted = await measure(page, cdp);
  if (snapshot) await snapshotKb(cdp, `${snapshot}.remount`);
  const label = `after ${REMOUNTS} cycles on a new <pex-call> each`;
  report(`call cycles: live CallService ${label}`, remounted.callServices, 'count', '1');
  report(`call cycles: live RTCPeerConnection ${label}`, remounted.peerConnections, 'count', '0');
  report(
    `call cycles: listeners on window and document ${label}`,
    remounted.windowDocListeners,
    'count',
    TARGET,
  );
  report(`call cycles: JS event listeners ${label}`, remounted.jsListeners, 'count', TARGET);
} finally {
  await browser.close();
  await node.close();
  rmSync(dir, { recursive: true, force: true });
}
