// Self-contained bundles for a `<script type="module">` drop-in, served from /pex/ by `npm start`:
//   pex-components.js  — every element (no SDK, no pdfjs)
//   pexip-infinity.js  — Pexip's client SDK as one chunk, imported by the call service when a call
//                        starts (its module-level signals make one instance per call necessary).
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
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
// `new URL('./pdf.worker.min.mjs', import.meta.url)`. Emit it next to the bundle in dist/pex, and
// next to services/slides/pdf.js in dist/lib (tsc, which runs first, does not copy it).
const PDF_WORKER = 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs';
const pdfWorker = {
  name: 'pex-pdf-worker',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'pdf.worker.min.mjs', source: readFileSync(PDF_WORKER) });
  },
  writeBundle() {
    if (existsSync('dist/lib/services/slides')) {
      copyFileSync(PDF_WORKER, 'dist/lib/services/slides/pdf.worker.min.mjs');
    }
  },
};

const plugins = () => [
  sdkChunk,
  nodeResolve({ browser: true }),
  commonjs({ include: ['**/node_modules/sdp-transform/**'] }),
  esbuild({ tsconfig: 'tsconfig.json', target: 'es2022' }),
  // Whitespace in Lit's html`` and css`` templates is most of their size.
  minifyHtml({ include: ['src/**'] }),
  terser({ format: { comments: false } }),
];

export default [
  {
    // pex-components.js loads each element when the page uses its tag; pex-all.js registers all.
    input: { 'pex-components': 'src/autoloader.ts', 'pex-all': 'src/index.ts' },
    output: { dir: 'dist/pex', format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [...plugins(), pdfWorker],
  },
  {
    input: { 'pexip-infinity': 'src/services/infinity/sdk.ts' },
    output: { dir: 'dist/pex', format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: plugins(),
  },
];
