/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What a visitor downloads on the demo page (`demo/index.html`: `<pex-call>`, `<pex-roster>`,
 * `<pex-chat>`, `<pex-share>` and `<pex-settings>`, one drop-in script), measured from the outside:
 * the drop-in build (`npm run build`, dist/pex) served with the demo by the local node, loaded in
 * Debian's Chromium (puppeteer-core, no browser download), summing every script response.
 *
 * The local node serves files uncompressed (no `Content-Encoding`), so each script is counted as
 * the gzip of its body (`zlib.gzipSync`, default level) — what a compressing web server would send.
 * The window is 1366×768 (a common laptop): the drop-in loads `<pex-call>` at once and the other tags
 * when they come into view, so the demo's share and settings panels (closed `<details>`) load when
 * opened. Rows: before joining (every tag on the page, nothing pressed), after joining control-only, and after
 * joining with (fake) camera and microphone in a fresh browser context.
 * `BENCH_VERBOSE=1` lists each file on stderr; `BENCH_SKIP_BUILD=1` measures the existing dist/pex.
 * Figures only.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Page } from 'puppeteer-core';
import { startNode } from '../conferencing-node/server.js';
import { CHROME, CHROMIUM_ARGS, report } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// BENCH_SKIP_BUILD=1 measures the dist/pex already built (while cutting weight, build once per change).
if (!process.env['BENCH_SKIP_BUILD']) {
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
// A private copy of the bundles, so another build in the same tree cannot change them mid-run.
const pexDir = mkdtempSync(join(tmpdir(), 'pex-demo-weight-'));
cpSync(join(root, 'dist', 'pex'), pexDir, { recursive: true });

const node = await startNode({
  staticRoutes: [
    { prefix: '/pex/', dir: pexDir },
    { prefix: '/', dir: join(root, 'demo') },
  ],
});
// A common laptop window: what is in view (or near it) decides which tags load before joining.
const browser = await puppeteer.launch({
  executablePath: CHROME,
  headless: true,
  args: [...CHROMIUM_ARGS],
  defaultViewport: { width: 1366, height: 768 },
});

/** Every script the page fetched: URL → gzip bytes of its body. */
function watchScripts(page: Page): { files: Map<string, number>; sum(): number; compressed: boolean } {
  const files = new Map<string, number>();
  const state = {
    files,
    compressed: false,
    sum: () => [...files.values()].reduce((a, b) => a + b, 0),
  };
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    if (res.headers()['content-encoding']) state.compressed = true;
    const url = new URL(res.url());
    res
      .buffer()
      .then((body) => files.set(url.pathname + url.search, gzipSync(body).length))
      .catch(() => undefined); // redirects or aborted responses carry no body
  });
  return state;
}

/** Everything on the page has rendered its first state and the network is quiet. */
async function settle(page: Page): Promise<void> {
  await page.waitForNetworkIdle({ idleTime: 500 });
  await page.evaluate(async () => {
    // Elements out of view (the demo's closed <details>) load only when shown: the network is quiet,
    // so whatever loaded has loaded; wait for those to render.
    const tags = ['pex-call', 'pex-roster', 'pex-chat', 'pex-share', 'pex-settings'].filter((t) =>
      customElements.get(t),
    );
    for (const t of tags) {
      const el = document.querySelector(t) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
      await el?.updateComplete;
    }
  });
  await page.waitForNetworkIdle({ idleTime: 500 });
}

/** Fills the join form as a person would and presses Join (and Join again on a device check). */
async function joinCall(page: Page, media: 'none' | 'video'): Promise<void> {
  await page.evaluate(async (media: string) => {
    type Call = HTMLElement & {
      shadowRoot: ShadowRoot;
      updateComplete: Promise<unknown>;
      service: { conference: { get(): { phase: string } } };
    };
    const call = document.querySelector('pex-call') as Call;
    const root = call.shadowRoot;
    // (No named helper functions in here: tsx would wrap them in a __name() the page lacks.)
    for (const [name, value] of [
      ['conference', 'meet.alice'],
      ['name', `Weight ${media}`],
    ]) {
      const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value!;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    root.querySelector<HTMLInputElement>(`input[name="media"][value="${media}"]`)!.click();
    await call.updateComplete;
    const deadline = performance.now() + 20_000;
    while (call.service.conference.get().phase === 'idle' && performance.now() < deadline) {
      const button = [...root.querySelectorAll<HTMLButtonElement>('button')].find(
        (b) => /^Join/.test(b.textContent?.trim() ?? '') && !b.disabled,
      );
      button?.click();
      await new Promise((r) => setTimeout(r, 250));
    }
  }, media);
  await page.waitForFunction(
    () =>
      (
        document.querySelector('pex-call') as unknown as {
          service: { conference: { get(): { phase: string } } };
        }
      ).service.conference.get().phase === 'in-call',
    { timeout: 20_000 },
  );
  if (media === 'video') {
    await page.waitForFunction(
      () => {
        const v = document
          .querySelector('pex-call')
          ?.shadowRoot?.querySelector<HTMLVideoElement>('video.main');
        return Boolean(v && v.videoWidth > 0);
      },
      { timeout: 20_000 },
    );
  }
  await settle(page);
}

async function leave(page: Page): Promise<void> {
  await page.evaluate(() =>
    (
      document.querySelector('pex-call') as unknown as { service: { leave(): Promise<void> } }
    ).service.leave(),
  );
}

function verbose(label: string, files: Map<string, number>): void {
  if (!process.env['BENCH_VERBOSE']) return;
  console.error(`${label}:`);
  for (const [k, v] of [...files].sort((a, b) => b[1] - a[1]))
    console.error(`  ${String(v).padStart(7)} ${k}`);
}

try {
  // Control only: before joining, then in the call, on one page.
  const page = await browser.newPage();
  const seen = watchScripts(page);
  await page.goto(`${node.url}/`, { waitUntil: 'networkidle0' });
  await settle(page);
  verbose('demo page before joining', seen.files);
  report('demo page before joining: script (gzip)', seen.sum(), 'bytes', '≤ 25000', 0);
  await joinCall(page, 'none');
  verbose('demo page in a control-only call', seen.files);
  report('demo page in a call, control only: script (gzip)', seen.sum(), 'bytes', '≤ 130000', 0);
  await leave(page);
  if (seen.compressed) console.error('note: the node compressed a script; gzip of the decoded body counted');

  // With camera and microphone (Chromium's fake devices), in a fresh context: nothing cached.
  const context = await browser.createBrowserContext();
  const mediaPage = await context.newPage();
  const seenMedia = watchScripts(mediaPage);
  await mediaPage.goto(`${node.url}/`, { waitUntil: 'networkidle0' });
  await settle(mediaPage);
  await joinCall(mediaPage, 'video');
  verbose('demo page in a video call', seenMedia.files);
  report('demo page in a call, video: script (gzip)', seenMedia.sum(), 'bytes', '≤ 130000', 0);
  await leave(mediaPage);
  await context.close();

  // For comparison (no target): before joining with the demo's share and settings panels opened,
  // whose elements load when shown and are not split into a shell and an in-call half.
  const openContext = await browser.createBrowserContext();
  const openPage = await openContext.newPage();
  const seenOpen = watchScripts(openPage);
  await openPage.goto(`${node.url}/`, { waitUntil: 'networkidle0' });
  await openPage.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await settle(openPage);
  verbose('demo page before joining, every panel open', seenOpen.files);
  report('demo page before joining, share and settings open: script (gzip)', seenOpen.sum(), 'bytes', '', 0);
  await openContext.close();
} finally {
  await browser.close();
  await node.close();
  rmSync(pexDir, { recursive: true, force: true });
}
