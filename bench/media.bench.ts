/**
 * Media benchmark of the local conferencing node: Debian's Chromium (no browser download) driven by
 * puppeteer-core, one iframe per participant (each with its own @pexip/infinity instance), the node
 * in its own process. Prints `BENCH {json}` lines that scripts/bench.mjs collects into one table:
 *   - call start → first remote video frame (a second participant joining a first),
 *   - speaker switch: a new speaker starts → a silent observer's main video shows them,
 *   - node CPU and memory with 8 media participants in one VMR.
 * Figures only; nothing here passes or fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { CHROME, CHROMIUM_ARGS, report } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const support = join(root, 'bench', 'support');
const ARGS = [...CHROMIUM_ARGS];
const CLK_TCK = 100;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  fn: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Builds the static files: the frame page and the SDK as one ES module. */
async function staticDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pex-bench-'));
  await build({
    entryPoints: [join(root, 'node_modules/@pexip/infinity/dist/index.js')],
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'sdk.js'),
    minify: true,
    logLevel: 'silent',
  });
  for (const f of ['frame.html', 'frame.js']) copyFileSync(join(support, f), join(dir, f));
  return dir;
}

async function startNodeProcess(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(support, 'bench-node.ts')], {
    cwd: root,
    env: { ...process.env, BENCH_STATIC: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (l) => resolve((JSON.parse(l) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`node exited ${code}`)));
  });
  return { child, url };
}

/** CPU seconds (user + system) and resident memory (MB) of a process, from /proc. */
function usage(pid: number): { cpu: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpu, rssMb: rssKb / 1024 };
}

let hostCounter = 0;

interface Participant {
  frame: Frame;
  state: () => Promise<{
    firstFrameAt: number;
    callStartAt: number;
    colours: { at: number; rgb: number[] }[];
    connected: boolean;
    errors: string[];
  }>;
}

async function participant(
  page: Page,
  url: string,
  alias: string,
  name: string,
  rgb: number[],
  size: [number, number, number, boolean?] = [320, 240, 15],
): Promise<Participant> {
  // Each participant on its own host name (*.localhost is loopback and a secure context): the
  // browser allows 6 connections per host, and every participant keeps an event stream open.
  const host = `p${++hostCounter}.localhost`;
  const handle = await page.evaluateHandle(
    (src: string) => {
      const doc = (globalThis as any).document;
      const f = doc.createElement('iframe');
      f.src = src;
      f.width = '160';
      f.height = '120';
      doc.body.append(f);
      return f;
    },
    `${url.replace('127.0.0.1', host)}/bench/frame.html`,
  );
  const frame = (await (handle as any).asElement().contentFrame()) as Frame;
  await frame.waitForFunction('window.benchReady === true', { timeout: 60000, polling: 100 });
  await frame.evaluate(
    (a: string, n: string, c: number[], z: unknown[]) =>
      (globalThis as any).bench.join(a, n, c, ...z) as Promise<void>,
    alias,
    name,
    rgb,
    size,
  );
  return { frame, state: () => frame.evaluate(() => (globalThis as any).bench.state) };
}

const nearest = (rgb: number[], palette: number[][]): number => {
  let best = -1;
  let bestD = Infinity;
  palette.forEach((p, i) => {
    const d = p.reduce((s, v, k) => s + (v - rgb[k]!) ** 2, 0);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
};

async function firstFrame(browser: Browser, url: string): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.goto(`${url}/bench/frame.html`);
    const a = await participant(page, url, 'meet.quiet', 'First', [200, 40, 40]);
    await until(async () => (await a.state()).firstFrameAt > 0, 'the first participant’s picture');
    const b = await participant(page, url, 'meet.quiet', 'Second', [40, 40, 200]);
    const s = await until(async () => {
      const st = await b.state();
      return st.firstFrameAt > 0 && st;
    }, 'the second participant’s first frame');
    times.push(s.firstFrameAt - s.callStartAt);
    for (const p of [a, b]) await p.frame.evaluate(() => (globalThis as any).bench.leave());
    await page.close();
  }
  report('call start → first remote frame (median of 3)', median(times), 'ms', '< 1500');
}

const PALETTE = [
  [220, 30, 30],
  [30, 200, 40],
  [30, 40, 220],
  [230, 220, 40],
  [200, 40, 200],
  [40, 210, 210],
  [240, 240, 240],
  [120, 120, 120],
];

async function speakerSwitch(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`${url}/bench/frame.html`);
  const a = await participant(page, url, 'meet.alice', 'A', PALETTE[0]!);
  const b = await participant(page, url, 'meet.alice', 'B', PALETTE[1]!);
  const o = await participant(page, url, 'meet.alice', 'Observer', PALETTE[2]!);
  await until(async () => (await o.state()).firstFrameAt > 0, 'the observer’s picture');
  const shown = async (): Promise<number> => {
    const last = (await o.state()).colours.at(-1);
    return last ? nearest(last.rgb, PALETTE) : -1;
  };
  const speak = (p: Participant, on: boolean): Promise<number> =>
    p.frame.evaluate((v: boolean) => (globalThis as any).bench.speak(v) as number, on);
  const times: number[] = [];
  // B talks first so that the observer shows B; then turns alternate, 6 measured switches.
  await speak(b, true);
  await until(async () => (await shown()) === 1, 'the observer to show B');
  await sleep(1500);
  for (let i = 0; i < 6; i++) {
    const [next, prev, idx] = i % 2 === 0 ? ([a, b, 0] as const) : ([b, a, 1] as const);
    await speak(prev, false);
    const t0 = await speak(next, true);
    const at = await until(async () => {
      const c = (await o.state()).colours.filter((x) => x.at >= t0 && nearest(x.rgb, PALETTE) === idx);
      return c[0]?.at;
    }, 'the observer to show the new speaker');
    times.push(at - t0);
    await sleep(1500);
  }
  await speak(a, false);
  await speak(b, false);
  report(
    'speaker switch: speech starts → observer shows speaker (median of 6)',
    median(times),
    'ms',
    '< 1000',
  );
  report('speaker switch, slowest of 6', Math.max(...times), 'ms', '< 1000');
  for (const p of [a, b, o]) await p.frame.evaluate(() => (globalThis as any).bench.leave());
  await page.close();
}

async function eightParticipants(browser: Browser, url: string, pid: number): Promise<void> {
  const idle = usage(pid);
  report('node memory (RSS), idle', idle.rssMb, 'MB', 'info');
  const page = await browser.newPage();
  await page.goto(`${url}/bench/frame.html`);
  const people: Participant[] = [];
  for (let i = 0; i < 8; i++)
    people.push(await participant(page, url, 'meet.alice', `P${i + 1}`, PALETTE[i]!));
  for (const p of people) await until(async () => (await p.state()).firstFrameAt > 0, 'every picture', 30000);
  // Chromium's fake microphones beep, so speakers keep changing while the node is measured for 10 s.
  await sleep(3000);
  const t1 = usage(pid);
  const w1 = performance.now();
  await sleep(10_000);
  const t2 = usage(pid);
  const seconds = (performance.now() - w1) / 1000;
  report(
    'node CPU, 8 media participants in one VMR (160×120 at 10 fps each)',
    ((t2.cpu - t1.cpu) / seconds) * 100,
    '% of one core',
    '< 100',
  );
  report('node memory (RSS), 8 media participants', t2.rssMb, 'MB', '< 500');
  const errors = (await Promise.all(people.map((p) => p.state()))).flatMap((s) => s.errors);
  if (errors.length) console.error(`media bench: participant errors: ${errors.join('; ')}`);
  for (const p of people)
    await p.frame.evaluate(() => (globalThis as any).bench.leave()).catch(() => undefined);
  await page.close();
}

async function main(): Promise<void> {
  const dir = await staticDir();
  const { child, url } = await startNodeProcess(dir);
  // Wide enough that every participant's frame is on screen (off-screen frames are throttled).
  const browser = await puppeteer.launch({
    executablePath: CHROME,
    headless: true,
    args: ARGS,
    defaultViewport: { width: 1600, height: 900 },
  });
  try {
    await firstFrame(browser, url);
    await speakerSwitch(browser, url);
    await eightParticipants(browser, url, child.pid!);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
