/**
 * Sharing benchmark, on the drop-in build (rollup.config.mjs, built here into a temporary folder) in
 * Debian's Chromium (puppeteer-core, no browser download). Prints `BENCH {json}` lines that
 * scripts/bench.mjs collects into one table:
 *   - bytes a page with `<pex-call>` and `<pex-share>` fetches before any PDF is added (pdf.js must
 *     not be among them), and what adding the first PDF fetches (pdf.js and its worker),
 *   - time from adding a 100-page PDF to its first slide on the wire: the deck's stream is sent over
 *     a loopback RTCPeerConnection and the clock stops when the receiving side decodes a frame of
 *     page 1's colour (cold: first PDF of a fresh browser profile; warm: pdf.js already loaded),
 *   - memory of a 100-page deck (every thumbnail made, the current slide streaming): JS heap and
 *     resident memory of all Chromium processes, each after a forced garbage collection.
 * Figures only; nothing here passes or fails.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import { CHROME, CHROMIUM_ARGS, report } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

/** The drop-in bundles, built with the project's rollup config into `dir/pex`. */
async function buildDropIn(dir: string): Promise<void> {
  const configs = (await import(pathToFileURL(join(root, 'rollup.config.mjs')).href))
    .default as RollupOptions[];
  for (const config of configs) {
    const bundle = await rollup({ ...config, onwarn: () => undefined });
    await bundle.write({ ...(config.output as OutputOptions), dir: join(dir, 'pex'), sourcemap: false });
    await bundle.close();
  }
}

// The harness (not counted as library bytes): a PDF writer and the measurements.
const HARNESS = `
import { makePdf, COLOURS, sampleColour, near } from '${root}test/browser/fixtures/slide-files.ts';

const pdf = (pages) => new File([makePdf(pages)], 'bench-' + pages + '.pdf', { type: 'application/pdf' });
window.benchPdf = pdf;

/** A loopback call: what pc1 sends as video, pc2 receives and plays. */
async function loopback() {
  const pc1 = new RTCPeerConnection({ iceServers: [] });
  const pc2 = new RTCPeerConnection({ iceServers: [] });
  pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
  pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
  const tr = pc1.addTransceiver('video', { direction: 'sendonly' });
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  document.body.append(video);
  pc2.ontrack = (e) => { video.srcObject = new MediaStream([e.track]); video.play().catch(() => {}); };
  await pc1.setLocalDescription();
  await pc2.setRemoteDescription(pc1.localDescription);
  await pc2.setLocalDescription();
  await pc1.setRemoteDescription(pc2.localDescription);
  await new Promise((resolve) => {
    const check = () => (pc1.connectionState === 'connected' ? resolve() : setTimeout(check, 20));
    check();
  });
  return { sender: tr.sender, video, close: () => { pc1.close(); pc2.close(); video.remove(); } };
}

/** Time (ms) from adding a PDF of \`pages\` pages to the receiver decoding a frame of page 1. */
window.benchFirstSlide = async (pages) => {
  const { SlideDeck } = await import('/pex/pex-all.js');
  const call = await loopback();
  const file = pdf(pages);
  const want = COLOURS[0];
  const t0 = performance.now();
  const deck = new SlideDeck();
  let tAdded = 0;
  await deck.add([file]);
  tAdded = performance.now() - t0;
  const stream = deck.captureStream();
  let tDrawn = 0;
  void deck.draw(0).then(() => (tDrawn = performance.now() - t0));
  await call.sender.replaceTrack(stream.getVideoTracks()[0]);
  const t1 = await new Promise((resolve) => {
    const onFrame = () => {
      if (call.video.videoWidth > 0 && near(sampleColour(call.video, 160, 90, 0.5, 0.25), want, 60)) {
        resolve(performance.now() - t0);
      } else call.video.requestVideoFrameCallback(onFrame);
    };
    call.video.requestVideoFrameCallback(onFrame);
  });
  call.close();
  deck.dispose();
  return { total: t1, added: tAdded, drawn: tDrawn, slides: pages };
};

/** A 100-page deck, fully prepared, streaming; kept on window so it is not collected. */
window.benchDeck = async (pages) => {
  const { SlideDeck } = await import('/pex/pex-all.js');
  const deck = new SlideDeck();
  await deck.add([pdf(pages)]);
  await deck.idle();
  deck.captureStream();
  deck.go(Math.floor(pages / 2));
  await deck.idle();
  window.keptDeck = deck;
  return deck.slides.filter((s) => s.thumbnail).length;
};
window.benchReady = true;
`;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html',
  '.map': 'application/json',
};

/** Resident memory (MB) of the browser and all its child processes. */
function chromiumRssMb(browserPid: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const tree = new Set([browserPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

async function gc(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await page.evaluate('new Promise((r) => setTimeout(r, 300))');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Bytes the server sent (gzip, as a web server would), per path, since the last reset. */
const served = new Map<string, number>();

async function bytesBeforeAndAfterPdf(browser: Browser, base: string): Promise<void> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  served.clear();
  await page.goto(`${base}/share.html`);
  await page.waitForFunction(
    "customElements.get('pex-share') && customElements.get('pex-call') && window.benchReady",
  );
  await page.evaluate('new Promise((r) => setTimeout(r, 1000))');
  // The library's files only (not the page or the benchmark's harness).
  const library = (): [string, number][] => [...served].filter(([u]) => u.startsWith('/pex/'));
  const sum = (xs: [string, number][]): number => xs.reduce((s, [, n]) => s + n, 0);
  const before = library();
  report(
    'page with <pex-call> + <pex-share>: bytes fetched before a PDF is added (gzip)',
    sum(before) / 1024,
    'kB',
    '',
  );
  report('pdf.js files among them', before.filter(([u]) => /\/pdf[-.]/.test(u)).length, 'count', '0');
  await page.evaluate(
    "document.querySelector('pex-share').deck.add([window.benchPdf(3)]).then(() => document.querySelector('pex-share').deck.idle())",
  );
  const added = library().filter(([u]) => !before.some(([b]) => b === u));
  report(
    `adding the first PDF then fetches ${added.map(([u]) => u.replace('/pex/', '')).join(' + ')} (gzip)`,
    sum(added) / 1024,
    'kB',
    '',
  );
  await context.close();
}

async function firstSlide(browser: Browser, base: string): Promise<void> {
  type Result = { total: number; added: number; drawn: number };
  // Cold: a fresh profile (empty cache), the first PDF of the page.
  const cold: Result[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${base}/blank.html`);
    await page.waitForFunction('window.benchReady === true');
    cold.push((await page.evaluate('benchFirstSlide(100)')) as Result);
    await context.close();
  }
  report(
    'add a 100-page PDF → first slide on the wire, cold (median of 3)',
    median(cold.map((r) => r.total)),
    'ms',
    '≤ 500',
  );
  report('  of which: PDF opened, 100 slides listed (cold)', median(cold.map((r) => r.added)), 'ms', '');
  report('  of which: page 1 drawn at 1920×1080 (cold)', median(cold.map((r) => r.drawn)), 'ms', '');
  // Warm: pdf.js and its worker already loaded on the page.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${base}/blank.html`);
  await page.waitForFunction('window.benchReady === true');
  await page.evaluate('benchFirstSlide(3)');
  const warm: Result[] = [];
  for (let i = 0; i < 5; i++) warm.push((await page.evaluate('benchFirstSlide(100)')) as Result);
  report(
    'add a 100-page PDF → first slide on the wire, warm (median of 5)',
    median(warm.map((r) => r.total)),
    'ms',
    '≤ 500',
  );
  await context.close();
}

async function memory(browser: Browser, base: string): Promise<void> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${base}/blank.html`);
  await page.waitForFunction('window.benchReady === true');
  // Load the library and pdf.js first, so only the deck is measured.
  await page.evaluate(
    "import('/pex/pex-all.js').then((m) => { const d = new m.SlideDeck(); return d.add([window.benchPdf(1)]).then(() => d.dispose()); })",
  );
  await gc(page);
  const pid = browser.process()!.pid!;
  const heap0 = await heapMb(page);
  const rss0 = chromiumRssMb(pid);
  const thumbs = (await page.evaluate('benchDeck(100)')) as number;
  await gc(page);
  const heap1 = await heapMb(page);
  const rss1 = chromiumRssMb(pid);
  report(`100-page deck (${thumbs} thumbnails, streaming): JS heap`, heap1 - heap0, 'MB', '');
  report('100-page deck: Chromium resident memory (all processes)', rss1 - rss0, 'MB', '');
  await context.close();
}

const dir = mkdtempSync(join(tmpdir(), 'pex-share-bench-'));
try {
  console.error('bench: building the drop-in bundles…');
  await buildDropIn(dir);
  await build({
    stdin: { contents: HARNESS, resolveDir: root, loader: 'ts', sourcefile: 'share-harness.ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    outfile: join(dir, 'harness.js'),
    external: ['/pex/*'],
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'share.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>share bench</title></head><body>
<pex-call id="call"></pex-call><pex-share call="call"></pex-share>
<script type="module" src="/pex/pex-components.js"></script><script type="module" src="/harness.js"></script>
</body></html>`,
  );
  writeFileSync(
    join(dir, 'blank.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>share bench</title></head><body>
<script type="module" src="/harness.js"></script></body></html>`,
  );
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = join(dir, path);
    if (!file.startsWith(dir) || path === '/') {
      res.writeHead(404);
      res.end();
      return;
    }
    try {
      const body = gzipSync(readFileSync(file));
      served.set(path, (served.get(path) ?? 0) + body.length);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-encoding': 'gzip',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: ARGS });
  try {
    await bytesBeforeAndAfterPdf(browser, base);
    await firstSlide(browser, base);
    await memory(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
