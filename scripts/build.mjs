// `npm run build`: unbundled ESM + .d.ts (dist/lib) and the drop-in bundles (dist/pex).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
rmSync('dist', { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(bin('rollup'), ['-c', 'rollup.config.mjs', '--silent'], { stdio: 'inherit' });
console.log('Built dist/lib (ESM + types) and dist/pex (drop-in bundles).');
