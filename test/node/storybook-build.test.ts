/// <reference lib="dom" />
/**
 * The built Storybook is the catalogue (issue 13): `storybook build` runs offline into a temporary
 * folder, and the built catalogue is read back — its `index.json` lists a Docs page (autodocs) and
 * stories for each of the six elements, and, served from 127.0.0.1 and opened in Chromium, each
 * element's Docs page shows its attributes from custom-elements.json with controls, its stories'
 * argTypes are those attributes with a control that changes the element, every story asks the a11y
 * addon to fail on any violation, and the addon's own axe run on one story per element (what its
 * panel shows) finds none. The pages may fetch nothing but the served folder.
 *
 * One build and one browser for every check; the temporary folder is removed afterwards.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROME, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { serveDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TAGS = ['pex-call', 'pex-roster', 'pex-chat', 'pex-share', 'pex-settings', 'pex-dialpad'] as const;

interface IndexEntry {
  type: 'docs' | 'story';
  id: string;
  title: string;
  name: string;
  tags?: string[];
  importPath: string;
}

/** The preview's `storyFinished` event: the story's status and the addons' reports on it. */
interface StoryFinished {
  storyId: string;
  status: string;
  reporters: {
    type: string;
    status: string;
    result: { violations?: { id: string; help: string; nodes: { target: unknown }[] }[]; error?: unknown };
  }[];
}

/** The attributes of each element, as custom-elements.json (the docs' source) declares them. */
function manifestAttributes(): Map<string, string[]> {
  const cem = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[];
  };
  const out = new Map<string, string[]>();
  for (const mod of cem.modules) {
    for (const d of mod.declarations ?? []) {
      if (d.tagName)
        out.set(
          d.tagName,
          (d.attributes ?? []).map((a) => a.name),
        );
    }
  }
  return out;
}

// The timeout only guards against a hang: the build takes 10–60 s on a busy 2-core machine.
describe('the built Storybook catalogue (storybook build, offline)', { timeout: 600_000 }, () => {
  let out: string;
  let entries: IndexEntry[];
  let server: Server;
  let base: string;
  let browser: Browser;
  const attributes = manifestAttributes();

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'pex-storybook-'));
    // `npm run build-storybook`'s command, into the temporary folder; the run fails on any error.
    await new Promise<void>((done, fail) =>
      execFile(
        process.execPath,
        [
          join(root, 'node_modules', 'storybook', 'dist', 'bin', 'dispatcher.js'),
          'build',
          '--disable-telemetry',
          '-o',
          out,
        ],
        {
          cwd: root,
          env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', NO_COLOR: '1' },
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) =>
          error ? fail(new Error(`storybook build failed:\n${stdout}${stderr}`)) : done(),
      ),
    );
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      entries: Record<string, IndexEntry>;
    };
    entries = Object.values(index.entries);
    server = await serveDir(out);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: [...CHROMIUM_ARGS] });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  /**
   * Opens a page of the built preview and collects what went wrong there: page errors, requests
   * that failed or were refused, and any request that leaves the served folder (the catalogue is
   * offline). The channel's `storyFinished` events (with the addons' reports) are recorded.
   */
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      // (The browser's own favicon.ico request for a top-level page is no part of the catalogue.)
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()}: ${r.url()}`);
    });
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const url = r.url();
      if (/^(https?|wss?):/.test(url) && !url.startsWith(`${base}/`)) {
        problems.push(`outside request: ${url}`);
        void r.abort();
      } else {
        void r.continue();
      }
    });
    // Before any script: catch the addons channel as the preview creates it. (A string: tsx would
    // add its `__name` helper to a function, which the page does not have.)
    await page.evaluateOnNewDocument(`{
      const finished = (window.__pexFinished = []);
      let channel;
      Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
        configurable: true,
        get: () => channel,
        set: (c) => {
          channel = c;
          c?.on('storyFinished', (e) => finished.push(e));
        },
      });
    }`);
    await page.goto(`${base}/${path}`, { waitUntil: 'load' });
    return { page, problems };
  }

  const ofElement = (tag: string): IndexEntry[] => entries.filter((e) => e.title === `Elements/${tag}`);
  const storiesOf = (tag: string): IndexEntry[] => ofElement(tag).filter((e) => e.type === 'story');

  test('index.json lists, for each of the six elements, a Docs page (autodocs) and its stories', () => {
    for (const tag of TAGS) {
      const docs = ofElement(tag).filter((e) => e.type === 'docs');
      assert.equal(docs.length, 1, `${tag}: one Docs entry`);
      assert.ok(docs[0]!.tags?.includes('autodocs'), `${tag}: the Docs page is autodocs`);
      assert.equal(docs[0]!.id, `elements-${tag}--docs`);
      assert.ok(storiesOf(tag).length > 0, `${tag}: has stories`);
      for (const s of storiesOf(tag)) {
        assert.ok(s.id.startsWith(`elements-${tag}--`), `${s.id} belongs to ${tag}`);
      }
      assert.ok(attributes.get(tag)?.length, `${tag} is in custom-elements.json with attributes`);
    }
  });

  for (const tag of TAGS) {
    test(`${tag}: the Docs page shows the manifest's attributes, each with a control`, async () => {
      const { page, problems } = await open(`iframe.html?id=elements-${tag}--docs&viewMode=docs`);
      try {
        await page.waitForFunction(
          () => document.querySelectorAll('#storybook-docs .docblock-argstable tbody tr').length > 0,
          { timeout: 60_000 },
        );
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll('#storybook-docs .docblock-argstable tbody tr')].map((tr) => ({
            name: tr.querySelector('td:first-child')?.textContent?.trim() ?? '',
            // The controls column: an input, or a "Set string"-style button that makes one.
            control: !!tr.querySelector('td:last-child :is(input, select, textarea, button)'),
          })),
        );
        const title = await page.evaluate(() => document.querySelector('#storybook-docs h1')?.textContent);
        assert.equal(title?.trim(), tag, 'the Docs page is titled with the element');
        for (const name of attributes.get(tag)!) {
          const row = rows.find((r) => r.name === name || r.name === `${name}*`);
          assert.ok(row, `${tag} Docs: the attributes table lists "${name}"`);
          assert.ok(row.control, `${tag} Docs: "${name}" has a control`);
        }
        assert.deepEqual(problems, [], `${tag} Docs page loads cleanly and offline`);
      } finally {
        await page.close();
      }
    });
  }

  for (const tag of TAGS) {
    test(`${tag}: controls from the manifest change the element; the a11y addon (test: error) finds no violation`, async () => {
      const first = storiesOf(tag)[0]!;
      const { page, problems } = await open(`iframe.html?id=${first.id}&viewMode=story`);
      try {
        // The addon's axe run ends the story (afterEach), then the preview reports it finished.
        const finished = await page.waitForFunction(
          (id) =>
            ((window as unknown as { __pexFinished: StoryFinished[] }).__pexFinished ?? []).find(
              (e) => e.storyId === id,
            ),
          { timeout: 60_000 },
          first.id,
        );
        const report = (await finished.jsonValue())!;
        const a11y = report.reporters.find((r) => r.type === 'a11y');
        assert.ok(a11y, `${first.id}: the a11y addon ran axe on the story`);
        assert.equal(a11y.result.error, undefined, `${first.id}: axe ran without error`);
        assert.deepEqual(
          (a11y.result.violations ?? []).map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => String(n.target)).join('; ')})`,
          ),
          [],
          `${first.id}: no accessibility violations`,
        );
        assert.equal(a11y.status, 'passed');
        assert.equal(report.status, 'success', `${first.id} finished without error`);

        // Every story of the element asks the a11y addon to fail on any violation; the argTypes
        // (the controls panel) of the story shown hold the manifest's attributes, each with a control.
        // (A story that renders something else, e.g. <pex-call> on the share page, has none.)
        const stories = await page.evaluate(
          async (ids: string[]) => {
            const preview = (window as unknown as Record<string, any>)['__STORYBOOK_PREVIEW__'];
            const out: {
              id: string;
              a11yTest: unknown;
              argTypes: Record<string, { control: unknown; category: unknown }>;
            }[] = [];
            for (const storyId of ids) {
              const story = await preview.storyStoreValue.loadStory({ storyId });
              const argTypes: Record<string, { control: unknown; category: unknown }> = {};
              for (const [k, v] of Object.entries(story.argTypes as Record<string, any>)) {
                argTypes[k] = { control: v.control ?? null, category: v.table?.category ?? null };
              }
              out.push({ id: storyId, a11yTest: story.parameters?.a11y?.test, argTypes });
            }
            return out;
          },
          storiesOf(tag).map((s) => s.id),
        );
        for (const story of stories) {
          assert.equal(story.a11yTest, 'error', `${story.id}: parameters.a11y.test is 'error'`);
        }
        const shown = stories.find((s) => s.id === first.id)!;
        for (const name of attributes.get(tag)!) {
          const argType = shown.argTypes[name];
          assert.ok(argType, `${first.id}: argTypes has the attribute "${name}"`);
          assert.equal(argType.category, 'attributes', `${first.id}: "${name}" is an attribute`);
          assert.ok(argType.control, `${first.id}: "${name}" has a control`);
        }

        // Changing a control (as the panel does) changes the element's attribute.
        await page.evaluate(
          (storyId) =>
            (window as unknown as Record<string, any>)['__STORYBOOK_ADDONS_CHANNEL__'].emit(
              'updateStoryArgs',
              { storyId, updatedArgs: { theme: 'dark' } },
            ),
          first.id,
        );
        await page.waitForFunction(
          (t) => document.querySelector(`#storybook-root ${t}`)?.getAttribute('theme') === 'dark',
          { timeout: 30_000 },
          tag,
        );
        assert.deepEqual(problems, [], `${first.id} loads cleanly and offline`);
      } finally {
        await page.close();
      }
    });
  }
});
