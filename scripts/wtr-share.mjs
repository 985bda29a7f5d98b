// web-test-runner middleware for sharing images and PDFs:
// - pdf.js's worker: the library asks for `pdf.worker.min.mjs` next to the module that loads
//   pdf.js (src/services/slides/pdf.ts); the dev server has no such file, so any path ending in that
//   name is answered with node_modules/pdfjs-dist/build/pdf.worker.min.mjs, untransformed.
// - the real-world files made by others: `../shared/fixtures/` beside the repository (CI clones it
//   there) is outside the dev server's root, so `/__shared-fixtures__/<name>` serves them read-only.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKER = resolve(root, 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs');
const FIXTURES = resolve(root, '../shared/fixtures');
const FIXTURE_PREFIX = '/__shared-fixtures__/';
const TYPES = { '.pdf': 'application/pdf', '.gif': 'image/gif', '.md': 'text/plain' };

export function shareFiles(ctx, next) {
  if (ctx.path.endsWith('/pdf.worker.min.mjs')) {
    ctx.type = 'text/javascript';
    ctx.body = createReadStream(WORKER);
    return undefined;
  }
  if (ctx.path.startsWith(FIXTURE_PREFIX)) {
    const name = basename(decodeURIComponent(ctx.path.slice(FIXTURE_PREFIX.length)));
    const file = resolve(FIXTURES, name);
    if (!name || !existsSync(file) || !statSync(file).isFile()) {
      ctx.status = 404;
      ctx.body = `no shared fixture ${name}`;
      return undefined;
    }
    ctx.type = TYPES[extname(name)] ?? 'application/octet-stream';
    ctx.body = createReadStream(file);
    return undefined;
  }
  return next();
}
