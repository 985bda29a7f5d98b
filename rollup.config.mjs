// Self-contained bundles for a `<script type="module">` drop-in, served from /pex/ by `npm start`:
//   pex-components.js  — every element (no SDK, no pdfjs)
//   pexip-infinity.js  — Pexip's client SDK as one chunk, imported by the call service when a call
//                        starts (its module-level signals make one instance per call necessary).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import minifyHtml from '@lit-labs/rollup-plugin-minify-html-literals';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

// load.ts imports the SDK chunk by URL (one module instance per call) in the drop-in build.
const sdkChunk = {
  name: 'pex-sdk-chunk',
  transform(code, id) {
    if (!id.endsWith('/src/services/infinity/load.ts')) return null;
    const marker = 'const SDK_CHUNK: string | null = null;';
    if (!code.includes(marker)) this.error('SDK_CHUNK marker missing in load.ts');
    return {
      code: code.replace(marker, "const SDK_CHUNK: string | null = './pexip-infinity.js';"),
      map: null,
    };
  },
};

// pdf.js's worker (loaded only when a PDF is shared) is found next to the module that loads pdf.js:
// `new URL('./pdf.worker.min.mjs', import.meta.url)`. Emit it next to the bundle in dist/pex
// (scripts/build.mjs puts one next to services/slides/pdf.js in dist/lib).
const PDF_WORKER = createRequire(import.meta.url).resolve('pdfjs-dist/build/pdf.worker.min.mjs');
/** Where `npm run build` writes (`PEX_DIST`, by default `dist`). */
const DIST = process.env.PEX_DIST ?? 'dist';
const pdfWorker = {
  name: 'pex-pdf-worker',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'pdf.worker.min.mjs', source: readFileSync(PDF_WORKER) });
  },
};

/**
 * Source maps for what a debugger of the drop-in needs: this library's chunks (minified, mapped back to
 * src/ with the sources inlined). A chunk that is almost all third-party code (Pexip's SDK, pdf.js:
 * already minified or readable in their own packages) ships without a map, which would be most of the
 * package's size.
 */
const ownMapsOnly = {
  name: 'pex-own-maps-only',
  generateBundle(_options, bundle) {
    for (const [fileName, file] of Object.entries(bundle)) {
      if (file.type !== 'chunk' || !bundle[`${fileName}.map`]) continue;
      const sizes = Object.entries(file.modules).map(([id, m]) => [id, m.renderedLength]);
      const total = sizes.reduce((sum, [, n]) => sum + n, 0);
      const thirdParty = (id) => /^(\.\.|node_modules)[\\/]/.test(relative(process.cwd(), id));
      const ours = sizes.reduce((sum, [id, n]) => (thirdParty(id) ? sum : sum + n), 0);
      if (ours >= total * 0.1) continue;
      delete bundle[`${fileName}.map`];
      file.code = file.code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    }
  },
};

/**
 * Groups modules into the files a browser fetches together: `pex-core` (Lit and what every element
 * needs before joining), `pex-in-call` (loaded when a call starts: the room, the call's engine, the
 * SDK adapter, the roster's and chat's in-call halves). The rest is split by rollup as imported.
 */
const CORE = [
  '/node_modules/lit/',
  '/node_modules/lit-html/',
  '/node_modules/lit-element/',
  '/node_modules/@lit/reactive-element/',
  '/node_modules/@lit/context/',
  '/node_modules/@lit/localize/',
  '/src/styles/',
  '/src/controllers/',
  '/src/internal/',
  '/src/events/',
  '/src/i18n/localization',
  '/src/i18n/locale-codes',
  '/src/services/errors',
  '/src/services/store',
  '/src/services/context',
  '/src/services/settings',
  '/src/services/shared-settings',
  '/src/services/link-rules',
  '/src/services/panels',
  '/src/services/call-state',
  '/src/components/shared/call-panel',
];
const IN_CALL = [
  '/src/components/call/call-room',
  '/src/components/call/call-prompts',
  '/src/components/call/presentation-window',
  '/src/services/call-engine',
  '/src/services/domain-events',
  '/src/services/log',
  '/src/services/infinity/adapter',
  '/src/services/infinity/reconnect',
  '/src/services/infinity/stills',
  '/src/services/infinity/load',
  '/src/components/roster/roster-body',
  '/src/controllers/virtual-list',
  '/src/components/chat/chat-body',
  '/src/components/chat/linkify',
];
const SHARED =
  /\/(decorators|directives)\/|directive-helpers|\/decorators\.js$|\/src\/services\/(share-error|media\/(open-media|media-errors))\.ts$/;
/** Each element's own module (its shell) stays in its element's file, whatever else imports it. */
const ELEMENT = /\/src\/components\/(call|roster|chat)\/(?:pex-)?\1(\.styles)?\.ts$/;
const DEVICE_CHECK = [
  '/src/components/call/device-check',
  '/src/components/shared/device-select',
  '/src/services/media/level-meter',
];
function chunkOf(id) {
  const path = id.replace(/\\/g, '/');
  const element = ELEMENT.exec(path);
  if (element) return `pex-${element[1]}-element`;
  if (path.endsWith('/src/services/call-service.ts')) return 'pex-core';
  if (DEVICE_CHECK.some((p) => path.includes(p))) return 'pex-device-check';
  if (IN_CALL.some((p) => path.includes(p))) return 'pex-in-call';
  // Used both in a call and by elements a page may show before joining (share, settings): a chunk of
  // their own, so neither pulls the other in (rollup puts a manual chunk's dependencies in it).
  if (SHARED.test(path)) return 'pex-shared';
  // The events of elements loaded later (the keypad, the settings panel) go with them.
  if (/\/src\/events\/(dialpad|settings)-events/.test(path)) return undefined;
  if (CORE.some((p) => path.includes(p))) return 'pex-core';
  return undefined;
}

const plugins = () => [
  sdkChunk,
  nodeResolve({ browser: true }),
  commonjs({ include: ['**/node_modules/sdp-transform/**'] }),
  esbuild({ tsconfig: 'tsconfig.json', target: 'es2022' }),
  // Whitespace in Lit's html`` and css`` templates is most of their size.
  minifyHtml({ include: ['src/**'] }),
  // module: the output is ES modules (top-level names may be mangled); two compress passes.
  terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
];

export default [
  {
    // pex-components.js loads each element when the page uses its tag; pex-all.js registers all.
    input: { 'pex-components': 'src/autoloader.ts', 'pex-all': 'src/index.ts' },
    output: {
      dir: join(DIST, 'pex'),
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      // Fewer, larger files compress better: what every page needs before joining is one chunk, what
      // a call needs is another (see chunkOf).
      manualChunks: chunkOf,
    },
    plugins: [...plugins(), pdfWorker, ownMapsOnly],
  },
  {
    input: { 'pexip-infinity': 'src/services/infinity/sdk.ts' },
    output: { dir: join(DIST, 'pex'), format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [...plugins(), ownMapsOnly],
  },
];
