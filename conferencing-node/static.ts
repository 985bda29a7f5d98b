/** Serves static files (the demo page, the built library) with no path escaping its root. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export interface StaticRoute {
  /** URL prefix, starting and ending with `/`. */
  prefix: string;
  dir: string;
}

/** Answers from the first route whose prefix matches; false when nothing matched. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  routes: readonly StaticRoute[],
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  for (const route of routes) {
    if (!pathname.startsWith(route.prefix)) continue;
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice(route.prefix.length));
    } catch {
      return false;
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const root = resolve(route.dir);
    const file = resolve(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return false;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
    } else {
      // A read error after the headers (EIO, file gone) can only break the answer off.
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    }
    return true;
  }
  return false;
}
