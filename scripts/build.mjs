// `npm run build`: unbundled ESM + .d.ts (dist/lib, React wrappers in dist/lib/react) and the drop-in
// bundles (dist/pex), from the current folder's sources. `PEX_DIST=<dir>` builds into another folder
// (the pack test builds a copy of the work tree there, leaving the work tree's dist alone).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Resolved like any import, so a copy of the project inside node_modules/.cache builds too.
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const rollup = join(require.resolve('rollup/package.json'), '..', 'dist', 'bin', 'rollup');
const out = process.env.PEX_DIST ?? 'dist';
rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(out, 'lib')], {
  stdio: 'inherit',
});
execFileSync(process.execPath, [rollup, '-c', 'rollup.config.mjs', '--silent'], {
  stdio: 'inherit',
  env: { ...process.env, PEX_DIST: out },
});
console.log(`Built ${out}/lib (ESM + types) and ${out}/pex (drop-in bundles).`);
