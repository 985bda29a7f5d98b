/** What every benchmark shares: Debian's Chromium and its flags, and the `BENCH {json}` row format. */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CHROME, CHROMIUM_ARGS as BASE } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export { CHROME };

/** The test flags, plus no throttling of background renderers and timers (stable figures). */
export const CHROMIUM_ARGS: readonly string[] = [
  ...BASE,
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
];

/** One row of the table `npm run bench` prints (value rounded to `digits` decimals). */
export function report(name: string, value: number, unit: string, target: string, digits = 1): void {
  const f = 10 ** digits;
  console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * f) / f, unit, target })}`);
}

/**
 * Writes a bench page into `dir`: `bench.js` (the TypeScript `entry`, bundled from the repository's
 * sources with esbuild) and `index.html` with the given `<head>` extras and `<body>` markup.
 */
export async function writeBenchPage(
  dir: string,
  entry: { code: string; name: string },
  page: { title: string; body: string; bodyAttributes?: string },
): Promise<void> {
  await build({
    stdin: { contents: entry.code, resolveDir: root, loader: 'ts', sourcefile: entry.name },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    outfile: join(dir, 'bench.js'),
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page.title}</title>
  <script type="module" src="./bench.js"></script></head>
  <body ${page.bodyAttributes ?? ''}>${page.body}</body></html>`,
  );
}
