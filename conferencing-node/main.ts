/**
 * Command line: starts the local conferencing node with the demo page and the built library.
 *   PORT (8080), HOST (127.0.0.1), PEX_CONFIG (path to a VMR JSON file),
 *   PEX_ALLOWED_ORIGINS (comma-separated origins allowed to call the API cross-origin).
 */
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config.js';
import { startNode } from './server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env['PORT'] ?? 8080);
const host = process.env['HOST'] ?? '127.0.0.1';

try {
  const node = await startNode({
    port,
    host,
    ...(process.env['PEX_CONFIG'] ? { configPath: process.env['PEX_CONFIG'] } : {}),
    allowedOrigins: (process.env['PEX_ALLOWED_ORIGINS'] ?? '').split(',').filter(Boolean),
    staticRoutes: [
      { prefix: '/pex/', dir: `${root}dist/pex` },
      { prefix: '/', dir: `${root}demo` },
    ],
  });
  console.log(`Local conferencing node (Pexip Infinity client API v2 stand-in) at ${node.url}/`);
  console.log(`Demo page: ${node.url}/   try the rooms meet.alice, meet.bob (Host PIN 1234), …`);
  const stop = (): void => {
    void node.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`Configuration error: ${e.message}`);
  } else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} on ${host} is in use: set PORT to another port.`);
  } else {
    console.error(e);
  }
  process.exit(1);
}
