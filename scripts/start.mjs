// `npm start`: build the library when needed, then run the local conferencing node with the demo.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) =>
  readdirSync(dir, { recursive: true })
    .map((f) => statSync(join(dir, String(f))))
    .filter((s) => s.isFile())
    .reduce((m, s) => Math.max(m, s.mtimeMs), 0);

const bundle = 'dist/pex/pex-components.js';
if (!existsSync(bundle) || newest('src') > statSync(bundle).mtimeMs) {
  console.log('Building the library…');
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
const child = spawn(process.execPath, ['--import', 'tsx', 'conferencing-node/main.ts'], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
