/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What a page pays for `<pex-call>`, measured on the drop-in build (dist/pex) served by the local node
 * and loaded in Debian's Chromium (puppeteer-core, no browser download):
 *   - gzip bytes of library code fetched to render the join form (must not include the SDK or pdfjs),
 *   - gzip bytes of library code fetched once a video call is up,
 *   - time from clicking Join to the first remote video frame (the node shows a lone participant
 *     their own picture, so one participant is enough).
 * Prints `BENCH {json}` lines for scripts/bench.mjs. Figures only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { startNode } from '../conferencing-node/server.js';
import { CHROME, CHROMIUM_ARGS, report } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const pageDir = mkdtempSync(join(tmpdir(), 'pex-call-bench-'));
writeFileSync(
  join(pageDir, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
  <script type="module" src="/pex/pex-components.js"></script></head>
  <body><pex-call conference="meet.alice" name="Bench" media="video"></pex-call></body></html>`,
);
const node = await startNode({
  staticRoutes: [
    { prefix: '/pex/', dir: join(root, 'dist', 'pex') },
    { prefix: '/bench/', dir: pageDir },
  ],
});
const browser = await puppeteer.launch({
  executablePath: CHROME,
  headless: true,
  args: [...CHROMIUM_ARGS],
});

try {
  const page = await browser.newPage();
  const fetched = new Map<string, number>();
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/pex/') || !url.pathname.endsWith('.js')) return;
    try {
      fetched.set(url.pathname + url.search, gzipSync(await res.buffer()).length);
    } catch {
      // redirects or aborted responses carry no body
    }
  });
  const sum = (): number => [...fetched.values()].reduce((a, b) => a + b, 0);
  // No preview: the figure is what the form itself costs.
  await page.evaluateOnNewDocument(() => {
    localStorage.setItem(
      'pex-components:settings',
      JSON.stringify({ v: 1, settings: { previewBeforeJoining: false } }),
    );
  });
  await page.goto(`${node.url}/bench/index.html`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() =>
    Boolean(document.querySelector('pex-call')?.shadowRoot?.querySelector('form')),
  );
  const formBytes = sum();
  const sdkBeforeJoin = [...fetched.keys()].some((k) => k.includes('pexip-infinity') || k.includes('pdf'));
  report('join form: library JS (gzip)', formBytes, 'bytes', '≤ 25600');
  if (process.env['BENCH_VERBOSE']) console.error([...fetched].map(([k, v]) => `${v} ${k}`).join('\n'));
  report('join form: SDK or pdfjs fetched', sdkBeforeJoin ? 1 : 0, 'files', '0');

  const ms = await page.evaluate(async () => {
    const call = document.querySelector('pex-call') as HTMLElement & { shadowRoot: ShadowRoot };
    const button = [...call.shadowRoot.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Join',
    );
    const start = performance.now();
    button!.click();
    for (;;) {
      const video = call.shadowRoot.querySelector<HTMLVideoElement>('video.main');
      if (video && video.videoWidth > 0 && video.currentTime > 0) return performance.now() - start;
      if (performance.now() - start > 20_000) return -1;
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  report('join click → first remote frame', Math.round(ms), 'ms', '≤ 1000');
  await new Promise((r) => setTimeout(r, 500));
  report('video call: library JS incl. SDK (gzip)', sum(), 'bytes', '≤ 133120');
  await page.evaluate(() =>
    (document.querySelector('pex-call') as unknown as { leave(b: boolean): Promise<void> }).leave(true),
  );
} finally {
  await browser.close();
  await node.close();
  rmSync(pageDir, { recursive: true, force: true });
}
