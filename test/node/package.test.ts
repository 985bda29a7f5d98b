/// <reference lib="dom" />
/**
 * The package a portal team installs: `npm pack` of a private build, installed into a scratch
 * project and used three ways — a plain HTML page with the drop-in bundle, a Vite + TypeScript app
 * importing one element, and a React 19 app through `pex-components/react`.
 *
 * No network: the work tree (without node_modules, .git, dist) is copied to a staging folder in the
 * system's temporary folder (its node_modules a link to the repository's), built there with `npm run
 * build`'s script (the work tree's own dist is left alone) and packed with `npm pack --ignore-scripts`
 * (the `files` field decides what goes in: src/, test/, stories/ are in the staging folder and must
 * stay out). The tarball is extracted as `node_modules/pex-components` of a scratch project made in
 * the repository's `node_modules/.cache/`, so its own dependencies (lit, react, vite) resolve from the
 * repository's node_modules exactly as they would from an installed project's, with nothing fetched.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROME, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { serveDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TAGS = ['pex-call', 'pex-roster', 'pex-chat', 'pex-share', 'pex-settings', 'pex-dialpad'];
const work = join(root, 'node_modules', '.cache', `pex-pack-test-${process.pid}`);
/** The copy that is built and packed (not under node_modules, where the build would not transpile src/). */
const stage = join(tmpdir(), `pex-pack-stage-${process.pid}`);
const app = join(work, 'app');
const pkgDir = join(app, 'node_modules', 'pex-components');

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

let packed: PackResult;
let server: Server;
let base: string;
let browser: Browser;

/** Runs a command to completion; its output (a compiler's report) in the error when it fails. */
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${[cmd, ...args].join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Copies the work tree as a fresh checkout would have it (no dependencies, no build). */
function copyCheckout(to: string): void {
  const skip = new Set(['node_modules', '.git', 'dist', 'storybook-static']);
  for (const name of readdirSync(root)) {
    if (!skip.has(name)) cpSync(join(root, name), join(to, name), { recursive: true });
  }
}

/** Loads `path` and collects what went wrong there: page errors, console errors, failed requests. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  await page.goto(`${base}/${path}`, { waitUntil: 'load' });
  return { page, problems };
}

/** Vite's production build of `dir` (index.html there), run in this process; returns every bundled module id. */
async function viteBuild(dir: string): Promise<string[]> {
  const { build } = await import('vite');
  const modules: string[] = [];
  await build({
    root: dir,
    base: './',
    configFile: false,
    logLevel: 'error',
    build: { outDir: join(dir, 'dist'), emptyOutDir: true },
    plugins: [
      {
        name: 'record-modules',
        generateBundle(_options, bundle) {
          for (const file of Object.values(bundle)) {
            if (file.type === 'chunk') modules.push(...Object.keys(file.modules));
          }
        },
      },
    ],
  });
  return modules.map((m) => m.replace(/\\/g, '/'));
}

/** `tsc --noEmit` on a scratch app (the compiler's report on failure). */
function typeCheck(dir: string): void {
  run(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'],
    dir,
  );
}

/** A scratch app's strict TypeScript settings, as a Vite template has them. */
const tsconfig = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
      ...extra,
    },
    include: ['src'],
  });

// The timeout only guards against a hang: a build on a busy 2-core machine can take minutes.
describe('the npm package (pack, install offline, use three ways)', { timeout: 600_000 }, () => {
  before(async () => {
    rmSync(work, { recursive: true, force: true });
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    mkdirSync(work, { recursive: true });
    copyCheckout(stage);
    symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
    // `npm run build` in the copy (its node_modules are the repository's, found up the folder tree).
    run(process.execPath, ['scripts/build.mjs'], stage);
    const out = run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--offline', '--pack-destination', work],
      stage,
    );
    packed = (JSON.parse(out) as PackResult[])[0]!;
    // What `npm install <tarball>` puts in node_modules: the tarball's `package/` folder. The scratch
    // project has its own package.json, so `pex-components` is the installed copy (not the work
    // tree, which a resolver walking up from node_modules/.cache would otherwise take as "self").
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'portal', private: true, type: 'module' }),
    );
    execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', join(app, 'node_modules')]);
    renameSync(join(app, 'node_modules', 'package'), pkgDir);
    server = await serveDir(work);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: [...CHROMIUM_ARGS] });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    // PEX_PACK_KEEP=1 keeps the scratch project (and the tarball) to look at.
    if (!process.env['PEX_PACK_KEEP']) rmSync(work, { recursive: true, force: true });
    rmSync(stage, { recursive: true, force: true });
  });

  test('the tarball holds the library, its types, the React wrappers and the drop-in; no sources, tests or third-party maps', () => {
    const paths = packed.files.map((f) => f.path);
    const top = new Set(['package.json', 'README.md', 'LICENSE', 'custom-elements.json']);
    const stray = paths.filter(
      (p) => !top.has(p) && !p.startsWith('dist/lib/') && !p.startsWith('dist/pex/'),
    );
    assert.deepEqual(stray, [], 'only dist/lib, dist/pex and the package files');
    assert.deepEqual(
      paths.filter((p) => /\.(test|stories|bench)\.|(^|\/)(test|stories|bench)\//.test(p)),
      [],
      'no tests, stories or benches',
    );
    assert.deepEqual(
      paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')),
      [],
      'no TypeScript sources',
    );
    for (const tag of TAGS) {
      const name = tag.slice(4);
      for (const f of [`dist/lib/components/${name}/${tag}.js`, `dist/lib/components/${name}/${tag}.d.ts`]) {
        assert.ok(paths.includes(f), `${f} is in the tarball`);
      }
      for (const f of [`dist/lib/react/${tag}.js`, `dist/lib/react/${tag}.d.ts`]) {
        assert.ok(paths.includes(f), `${f} is in the tarball`);
      }
    }
    for (const f of ['dist/lib/react/index.js', 'dist/lib/react/index.d.ts', 'dist/pex/pex-components.js']) {
      assert.ok(paths.includes(f), `${f} is in the tarball`);
    }
    // Source maps: only for the drop-in's own (minified) chunks, each next to its script and carrying
    // its sources (a map pointing at src/ files the package does not have helps no debugger).
    const maps = paths.filter((p) => p.endsWith('.map'));
    assert.ok(maps.length > 0, 'the drop-in has source maps');
    for (const map of maps) {
      assert.ok(map.startsWith('dist/pex/'), `${map}: only the drop-in bundle has maps`);
      assert.ok(paths.includes(map.slice(0, -4)), `${map} maps a shipped script`);
      const json = JSON.parse(readFileSync(join(pkgDir, map), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      assert.equal(
        json.sourcesContent?.filter((s) => s !== null).length,
        json.sources.length,
        `${map} inlines its sources`,
      );
      assert.ok(
        json.sources.some((s) => s.includes('/src/')),
        `${map} maps this library's code`,
      );
    }
    assert.ok(!paths.includes('dist/pex/pexip-infinity.js.map'), "no map of Pexip's SDK bundle");
  });

  test('(a) a plain HTML page with the drop-in bundle defines the six elements', async () => {
    const exportsMap = (
      JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
    ).exports;
    const bundle = exportsMap['./bundle'];
    assert.equal(typeof bundle, 'string');
    const dir = join(app, 'html');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Portal</title>
<script type="module" src="../node_modules/pex-components/${(bundle as string).replace(/^\.\//, '')}"></script>
</head><body>${TAGS.map((t) => `<${t}></${t}>`).join('\n')}</body></html>`,
    );
    const { page, problems } = await open('app/html/index.html');
    try {
      await page.waitForFunction(
        (tags: string[]) => tags.every((t) => customElements.get(t)),
        { timeout: 20_000 },
        TAGS,
      );
      // Upgraded and rendered: each element has drawn its shadow root.
      const rendered = await page.evaluate(
        (tags: string[]) =>
          tags.filter((t) => (document.querySelector(t)?.shadowRoot?.childElementCount ?? 0) > 0),
        TAGS,
      );
      assert.deepEqual(rendered, TAGS);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('(b) a Vite + TypeScript app importing one element: types resolve, the build holds only that element', async () => {
    const dir = join(app, 'vite-ts');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig());
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Roster</title></head>
<body><script type="module" src="./src/main.ts"></script></body></html>`,
    );
    writeFileSync(
      join(dir, 'src', 'main.ts'),
      `import 'pex-components/components/roster/pex-roster.js';
import type { PexRoster } from 'pex-components/components/roster/pex-roster.js';
import type { PexToggleEvent } from 'pex-components';

// The tag is typed (HTMLElementTagNameMap), its properties and events too.
const roster: PexRoster = document.createElement('pex-roster');
roster.collapsed = true;
// @ts-expect-error collapsed is a boolean: the package's types are real, not any.
roster.collapsed = 'yes';
roster.addEventListener('pex-toggle', (e: PexToggleEvent) => console.log(e.open));
document.body.append(roster);
`,
    );
    typeCheck(dir);
    const modules = await viteBuild(dir);
    assert.deepEqual(
      modules.filter((m) => m.startsWith(join(root, 'dist'))),
      [],
      'nothing from the work tree',
    );
    const inPackage = modules.filter((m) => m.startsWith(pkgDir + '/'));
    assert.ok(
      inPackage.some((m) => m.endsWith('/dist/lib/components/roster/pex-roster.js')),
      `the build holds <pex-roster>: ${inPackage.join(', ')}`,
    );
    // <pex-roster> brings the <pex-dialpad> it opens for a participant (DTMF); nothing of <pex-call>,
    // <pex-chat>, <pex-share> or <pex-settings> (their folders) is in the build.
    const others = inPackage.filter((m) => /\/dist\/lib\/components\/(call|chat|share|settings)\//.test(m));
    assert.deepEqual(others, [], 'no other element in the build');
    const js = readdirSync(join(dir, 'dist', 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, 'dist', 'assets', f), 'utf8'))
      .join('\n');
    assert.match(js, /["'`]pex-roster["'`]/);
  });

  test('(c) a React 19 app through pex-components/react: typed props and callbacks, builds, renders, events arrive', async () => {
    const dir = join(app, 'react');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig({ jsx: 'react-jsx', types: ['react', 'react-dom'] }));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>React portal</title></head>
<body><div id="root"></div><script type="module" src="./src/main.tsx"></script></body></html>`,
    );
    writeFileSync(
      join(dir, 'src', 'main.tsx'),
      `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PexCall, PexDialpad } from 'pex-components/react';
import type { PexDtmfEvent, PexJoinEvent } from 'pex-components';
import { Meeting } from './readme.js';

function App() {
  const [digits, setDigits] = useState('');
  const onDtmf = (e: PexDtmfEvent) => setDigits((d) => d + e.digits);
  return (
    <main>
      <PexCall
        conference="meet.alice"
        name="Portal user"
        confirmDisconnect={true}
        onPexJoin={(e: PexJoinEvent) => console.log(e.conferenceName)}
        onPexLeave={(e) => console.log(e.error?.message)}
      />
      <PexDialpad label="Keypad" onPexDtmf={onDtmf} />
      <output id="digits">{digits}</output>
    </main>
  );
}

// @ts-expect-error autoJoin is a boolean: the wrappers' props are typed.
export const wrongProp = <PexCall autoJoin="yes" />;
// @ts-expect-error pex-dtmf carries digits, not a PexJoinEvent.
export const wrongCallback = <PexDialpad onPexDtmf={(e: PexJoinEvent) => e.alias} />;
// The README's React example, as written there.
export const readme = <Meeting alias="meet.alice" />;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
    );
    const example = /```tsx\n([\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'));
    assert.ok(example, 'the README has a React example');
    writeFileSync(join(dir, 'src', 'readme.tsx'), example[1]!);
    typeCheck(dir);
    const modules = await viteBuild(dir);
    assert.deepEqual(
      modules.filter((m) => m.startsWith(join(root, 'dist'))),
      [],
      'nothing from the work tree',
    );
    const fromPackage = modules.filter((m) => m.startsWith(pkgDir + '/'));
    assert.ok(
      fromPackage.some((m) => m.endsWith('/dist/lib/react/pex-dialpad.js')),
      fromPackage.join(', '),
    );
    // The wrappers the app does not use (and elements nothing uses) are left out.
    // PexCall brings the roster, chat, sharing and keypad it shows itself; PexSettings is not used.
    assert.deepEqual(
      fromPackage.filter((m) =>
        /\/dist\/lib\/(react\/pex-(chat|share|settings)\.js|components\/settings\/)/.test(m),
      ),
      [],
      'no unused wrapper or element in the build',
    );
    const { page, problems } = await open('app/react/dist/index.html');
    try {
      await page.waitForFunction(
        () => Boolean(customElements.get('pex-call') && customElements.get('pex-dialpad')),
        { timeout: 20_000 },
      );
      // Props were set as element properties, and both elements upgraded and rendered.
      const call = await page.evaluate(() => {
        const el = document.querySelector('pex-call') as HTMLElement & {
          conference: string;
          confirmDisconnect: boolean;
        };
        return {
          conference: el.conference,
          confirm: el.confirmDisconnect,
          rendered: Boolean(el.shadowRoot?.childElementCount),
        };
      });
      assert.deepEqual(call, { conference: 'meet.alice', confirm: true, rendered: true });
      // A key pressed on the keypad reaches the React callback (pex-dtmf → onPexDtmf → state → DOM).
      await page.waitForFunction(() =>
        document.querySelector('pex-dialpad')?.shadowRoot?.querySelector('[part~="key"]'),
      );
      const keys = await page.evaluate(() =>
        [
          ...document
            .querySelector('pex-dialpad')!
            .shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="key"]'),
        ].map((b) => b.textContent?.trim() ?? ''),
      );
      for (const key of ['4', '2']) {
        const index = keys.findIndex((k) => k.startsWith(key));
        assert.ok(index >= 0, `the keypad has a ${key} key (${keys.join(' ')})`);
        await page.evaluate((i: number) => {
          const buttons = document
            .querySelector('pex-dialpad')!
            .shadowRoot!.querySelectorAll('[part~="key"]');
          (buttons[i] as HTMLButtonElement).click();
        }, index);
      }
      await page.waitForFunction(() => document.getElementById('digits')?.textContent === '42', {
        timeout: 5_000,
      });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('every event an element documents (@event) has its callback on the React wrapper', async () => {
    const events = (await import(join(pkgDir, 'dist', 'lib', 'react', 'events.js'))) as Record<
      string,
      Record<string, string>
    >;
    for (const tag of TAGS) {
      const name = tag.slice(4);
      const documented = documentedEvents(tag);
      const map = events[`${name}Events`];
      assert.ok(map, `${name}Events exported`);
      assert.deepEqual([...new Set(Object.values(map))].sort(), documented, `<${tag}>'s callbacks`);
      for (const [prop, type] of Object.entries(map)) {
        const expected =
          'on' +
          type
            .split('-')
            .map((w) => w[0]!.toUpperCase() + w.slice(1))
            .join('');
        assert.equal(prop, expected, `${type} → ${expected}`);
      }
    }
  });
});

/**
 * The events `<tag>` fires itself: the `@event` tags in the JSDoc of its class (the file with
 * `@tagname <tag>`), less those the JSDoc says are raised on the call's `<pex-call>` (`PexCall`'s).
 */
function documentedEvents(tag: string): string[] {
  const dir = join(root, 'src', 'components');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (!new RegExp(`@tagname ${tag}\\b`).test(text)) continue;
    const events = [...text.matchAll(/@event (pex-[a-z-]+)([^@]*?)(?=\n \* @|\n \*\/|\n \*\n)/g)]
      .filter((m) => tag === 'pex-call' || !/raised\b[^.]*<pex-call>/i.test(m[2]!.replace(/\s*\*\s*/g, ' ')))
      .map((m) => m[1]!);
    return [...new Set(events)].sort();
  }
  throw new Error(`no class with @tagname ${tag}`);
}
