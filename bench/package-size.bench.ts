/**
 * What `npm install pex-components` downloads and unpacks: the tarball `npm pack` makes of a fresh
 * build (`npm run build`'s script writing into a temporary folder, so the work tree's dist is left
 * alone), with the package.json `files` list deciding its content. Rows: the tarball (gzip, as the
 * registry serves it), its unpacked size, and its file count. `BENCH_SKIP_BUILD=1` packs the dist
 * already built. Figures only.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const stage = mkdtempSync(join(tmpdir(), 'pex-package-size-'));

try {
  if (process.env['BENCH_SKIP_BUILD']) {
    cpSync(join(root, 'dist'), join(stage, 'dist'), { recursive: true });
  } else {
    execFileSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      env: { ...process.env, PEX_DIST: join(stage, 'dist') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  for (const file of ['package.json', 'README.md', 'LICENSE', 'custom-elements.json']) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(stage, file));
  }
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], {
    cwd: stage,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [pack] = JSON.parse(out) as { size: number; unpackedSize: number; entryCount: number }[];
  if (!pack) throw new Error('npm pack reported nothing');
  report('npm package: tarball (gzip)', pack.size / 1024, 'KiB', '', 0);
  report('npm package: unpacked', pack.unpackedSize / 1024, 'KiB', '', 0);
  report('npm package: files', pack.entryCount, 'files', '', 0);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
