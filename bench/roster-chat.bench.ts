/**
 * Rendering benchmark of <pex-roster> and <pex-chat> in Debian's Chromium (puppeteer-core, no browser
 * download), with a CallService over a scripted in-page transport (no node needed). Prints
 * `BENCH {json}` lines that scripts/bench.mjs collects into one table:
 *   - roster of 1,000: first render (attach → rows laid out), and the longest task while the roster
 *     changes 100 times a second (PerformanceObserver 'longtask', plus each update's own work),
 *   - chat of 10,000: time per appended message (append → laid out and scrolled to the bottom).
 * Figures only; nothing here passes or fails.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME, report as row, writeBenchPage } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One row, to two decimals. */
function report(name: string, value: number, unit: string, target: string): void {
  row(name, value, unit, target, 2);
}

// The page: the two elements (production Lit), a CallService and a transport the page scripts.
const ENTRY = `
import '${root}src/components/roster/pex-roster.ts';
import '${root}src/components/chat/pex-chat.ts';
import { CallService } from '${root}src/services/call-service.ts';
import { FakeTransport, participant } from '${root}test/browser/fixtures/fake-transport.ts';

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function callWith(list) {
  let t;
  const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
  await service.join({ alias: 'bench', displayName: 'Me', mediaMode: 'none' });
  t.sink.joined({ conferenceName: 'Bench', chatEnabled: true, guestsCanPresent: true, role: 'host', waiting: false });
  t.sink.conferenceStatus({ locked: false, guestsMuted: false, started: true });
  if (list) t.sink.participants(list, 'me');
  return { service, t };
}

function people(n) {
  const list = [participant({ uuid: 'me', displayName: 'Me', role: 'host' })];
  for (let i = 0; i < n; i++) {
    list.push(participant({ uuid: 'u' + i, displayName: 'Participant ' + i, role: i % 7 ? 'guest' : 'host', isMuted: i % 3 === 0 }));
  }
  return list;
}

/** Waits until the element has no pending update, then forces layout. */
async function settled(el) {
  while (!(await el.updateComplete));
  return el.getBoundingClientRect().height;
}

window.benchRosterFirstRender = async (n, runs) => {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const { service } = await callWith(people(n));
    const el = document.createElement('pex-roster');
    el.service = service;
    await frame();
    const t0 = performance.now();
    document.body.append(el);
    await settled(el);
    if (!el.shadowRoot.querySelector('.row')) throw new Error('no rows');
    times.push(performance.now() - t0);
    el.remove();
    await frame();
  }
  return median(times);
};

window.benchRosterUpdates = async (n, perSecond, seconds) => {
  const list = people(n);
  const { service, t } = await callWith(list);
  const el = document.createElement('pex-roster');
  el.service = service;
  document.body.append(el);
  await settled(el);
  await frame();
  const longTasks = [];
  const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
  po.observe({ type: 'longtask' });
  let current = list;
  let worst = 0;
  let count = 0;
  await new Promise((done) => {
    const timer = setInterval(async () => {
      const t0 = performance.now();
      // One person starts or stops speaking, another is muted or unmuted (new snapshot each time).
      const i = 1 + Math.floor(Math.random() * n);
      const j = 1 + Math.floor(Math.random() * n);
      current = current.slice();
      current[i] = { ...current[i], isSpeaking: !current[i].isSpeaking };
      current[j] = { ...current[j], isMuted: !current[j].isMuted };
      t.sink.participants(current, 'me');
      await settled(el);
      worst = Math.max(worst, performance.now() - t0);
      if (++count >= perSecond * seconds) {
        clearInterval(timer);
        done();
      }
    }, 1000 / perSecond);
  });
  await frame();
  po.disconnect();
  el.remove();
  return { worst, longTasks, count };
};

window.benchChatAppend = async (n, appends) => {
  const { service, t } = await callWith(people(3));
  let seq = 0;
  const message = (text) => ({ id: 'm' + ++seq, at: Date.now(), senderUuid: 'u1', senderName: 'Participant 1', text, direct: false });
  for (let i = 0; i < n; i++) t.sink.message(message('Message ' + i + ' with a link https://example.com/' + i));
  const el = document.createElement('pex-chat');
  el.service = service;
  const t0 = performance.now();
  document.body.append(el);
  await settled(el);
  const first = performance.now() - t0;
  await frame();
  const times = [];
  for (let i = 0; i < appends; i++) {
    const s = performance.now();
    t.sink.message(message('Appended ' + i + ' — see https://example.com/a.png'));
    await settled(el);
    times.push(performance.now() - s);
    if (i % 10 === 0) await frame();
  }
  el.remove();
  return { first, perMessage: times.reduce((a, b) => a + b, 0) / times.length, median: median(times), total: service.chat.get().messages.length };
};
`;

const dir = mkdtempSync(join(tmpdir(), 'pex-bench-'));
try {
  await writeBenchPage(
    dir,
    { code: ENTRY, name: 'roster-chat-entry.ts' },
    { title: 'bench', body: '', bodyAttributes: 'style="width: 360px"' },
  );
  // Module scripts need http: a tiny static server on loopback for the two files.
  const server = createServer((req, res) => {
    const file = req.url?.startsWith('/bench.js') ? 'bench.js' : 'index.html';
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(readFileSync(join(dir, file)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const browser = await puppeteer.launch({
    executablePath: CHROME,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 800 });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction("'benchChatAppend' in window");

    const first = (await page.evaluate('benchRosterFirstRender(1000, 7)')) as number;
    report('roster 1,000: first render', first, 'ms', '≤ 50 ms');

    const up = (await page.evaluate('benchRosterUpdates(1000, 100, 5)')) as {
      worst: number;
      longTasks: number[];
      count: number;
    };
    const longest = Math.max(up.worst, ...up.longTasks);
    report(`roster 1,000: longest task, ${up.count} updates at 100/s`, longest, 'ms', 'no task > 50 ms');
    report('roster 1,000: long tasks (> 50 ms) during the updates', up.longTasks.length, 'count', '0');

    const chat = (await page.evaluate('benchChatAppend(10000, 200)')) as {
      first: number;
      perMessage: number;
      median: number;
      total: number;
    };
    report('chat 10,000: time per appended message (mean)', chat.perMessage, 'ms', '≤ 2 ms');
    report('chat 10,000: time per appended message (median)', chat.median, 'ms', '≤ 2 ms');
    report('chat 10,000: first render', chat.first, 'ms', '');
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
