// `npm run build`: unbundled ESM + .d.ts (dist/lib, React wrappers in dist/lib/react) and the drop-in
// bundles (dist/pex), from the current folder's sources; tsc and rollup run side by side.
// `PEX_DIST=<dir>` builds into another folder (the pack test and the package-size bench build there,
// leaving the work tree's dist alone).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Resolved like any import, so a copy of the project whose node_modules is a link builds too.
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const rollup = join(require.resolve('rollup/package.json'), '..', 'dist', 'bin', 'rollup');
const out = process.env.PEX_DIST ?? 'dist';

const run = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: 'inherit',
      env: { ...process.env, PEX_DIST: out },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

rmSync(out, { recursive: true, force: true });
const codes = await Promise.all([
  run([tsc, '-p', 'tsconfig.build.json', '--outDir', join(out, 'lib')]),
  run([rollup, '-c', 'rollup.config.mjs', '--silent']),
]);
if (codes.some((c) => c !== 0)) {
  console.error('Build failed.');
  process.exit(1);
}
// pdf.js's worker next to services/slides/pdf.js (rollup emits it for dist/pex; tsc copies nothing).
const worker = require.resolve('pdfjs-dist/build/pdf.worker.min.mjs');
const slides = join(out, 'lib', 'services', 'slides');
if (existsSync(slides)) copyFileSync(worker, join(slides, 'pdf.worker.min.mjs'));
console.log(`Built ${out}/lib (ESM + types) and ${out}/pex (drop-in bundles).`);
