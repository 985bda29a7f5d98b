// web-test-runner middleware for sharing PDFs: pdf.js's worker. The library asks for
// `pdf.worker.min.mjs` next to the module that loads pdf.js (src/services/slides/pdf.ts); the dev
// server has no such file, so any path ending in that name is answered with
// node_modules/pdfjs-dist/build/pdf.worker.min.mjs, untransformed.
// (The real-world files the slide tests use live in test/fixtures/ and are served as they are.)
import { createReadStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKER = resolve(root, 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs');

export function shareFiles(ctx, next) {
  if (ctx.path.endsWith('/pdf.worker.min.mjs')) {
    ctx.type = 'text/javascript';
    ctx.body = createReadStream(WORKER);
    return undefined;
  }
  return next();
}
