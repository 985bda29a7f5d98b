// web-test-runner middleware: serves the strict test pages (test/browser/fixtures/strict-*.html)
// with the Content Security Policy that README.md documents under "Embedding safely", read from the
// README itself so the policy tested is the policy documented. `<node>` becomes the page's own
// origin (the test node is proxied there, see wtr-local-node.mjs).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const README = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

/** The documented policy: the one README line that starts with `default-src 'self';`. */
export function documentedPolicy() {
  const line = readFileSync(README, 'utf8')
    .split('\n')
    .find((l) => l.startsWith("default-src 'self';"));
  if (!line) throw new Error('README.md has no "default-src \'self\'; …" policy line');
  return line.trim();
}

export function strictPages(ctx, next) {
  if (/^\/test\/browser\/fixtures\/strict-[\w-]+\.html$/.test(ctx.path)) {
    ctx.set('Content-Security-Policy', documentedPolicy().replace('<node>', ctx.origin));
    ctx.set('Cache-Control', 'no-store');
  }
  return next();
}
