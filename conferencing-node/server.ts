/**
 * The local conferencing node: an HTTP server speaking the Pexip Infinity client REST API v2, plus
 * static files (the demo page and the built library). A stand-in for a Pexip Conferencing Node on
 * one machine, not a production MCU.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { API_PREFIX, handleApi } from './api.js';
import { loadConfig, type NodeConfig } from './config.js';
import { ApiError, Reasons } from './errors.js';
import { sendError, sendJson } from './http-util.js';
import type { Clock } from './clock.js';
import { MediaEngine } from './media/engine.js';
import { NodeState } from './model.js';
import { serveStatic, type StaticRoute } from './static.js';

export interface NodeOptions {
  port?: number;
  host?: string;
  /** A parsed configuration; otherwise `configPath` (default `conferencing-node/vmrs.json`) is read. */
  config?: NodeConfig;
  configPath?: string;
  /** Extra allowed CORS origins, added to the configuration's list. */
  allowedOrigins?: string[];
  staticRoutes?: StaticRoute[];
  /** Where unexpected errors are reported (default: console.error). Tokens are never logged. */
  log?: (message: string) => void;
  /**
   * Time and timers of the node (default: real time); tests inject a `ManualClock` (clock.ts) and
   * advance it instead of sleeping.
   */
  clock?: Clock;
}

export interface RunningNode {
  url: string;
  port: number;
  state: NodeState;
  close(): Promise<void>;
}

const CORS_HEADERS = 'token, pin, content-type';

/** A request URL fit for a log: the values of `token` (and `pin`) query parameters are masked. */
export function redactUrl(url: string | undefined): string {
  return (url ?? '').replace(/([?&](?:token|pin)=)[^&#]*/gi, '$1…');
}

/**
 * Whether an Origin is the node itself: its listen address, and on loopback (or every interface)
 * `127.0.0.1`, `[::1]`, `localhost` and `*.localhost` (browsers resolve those to loopback without
 * DNS, so no other site can own them). Never derived from the request's `Host` header, which a
 * DNS-rebinding page controls.
 */
function ownOrigin(address: string, port: number): (origin: string) => boolean {
  const loopback = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(address);
  const hosts = new Set([address.includes(':') ? `[${address}]` : address]);
  if (loopback) for (const h of ['127.0.0.1', 'localhost', '[::1]']) hosts.add(h);
  hosts.delete('0.0.0.0');
  hosts.delete('[::]');
  const exact = new Set([...hosts].map((h) => `http://${h}:${port}`));
  const sub = new RegExp(`^http://(?:[a-z0-9-]+\\.)+localhost:${port}$`);
  return (origin) => exact.has(origin) || (loopback && sub.test(origin));
}

export async function startNode(options: NodeOptions = {}): Promise<RunningNode> {
  const config = options.config ?? loadConfig(options.configPath);
  const state = new NodeState(config, options.clock);
  const media = new MediaEngine(state, { log: options.log ?? ((m: string) => console.error(m)) });
  state.media = media;
  const allowed = new Set([...config.allowedOrigins, ...(options.allowedOrigins ?? [])]);
  const routes = options.staticRoutes ?? [];
  const log = options.log ?? ((m: string) => console.error(m));
  /** Set once the server listens (requests only arrive after that). */
  let isOwn: (origin: string) => boolean = () => false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://node.invalid');
    } catch {
      sendJson(res, 400, 'Malformed URL');
      return;
    }
    const isApi = url.pathname.startsWith(API_PREFIX);
    const origin = req.headers.origin;
    if (isApi && origin !== undefined && !isOwn(origin)) {
      if (!allowed.has(origin)) {
        sendJson(res, 403, 'Origin not allowed');
        return;
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': CORS_HEADERS,
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
    }
    if (isApi) {
      const address = req.socket.remoteAddress ?? '';
      if (!state.addressRates.take(address)) {
        res.setHeader('Retry-After', String(state.addressRates.retryAfter(address)));
        sendJson(res, 429, Reasons.tooManyRequests);
        return;
      }
      await handleApi(req, res, state, url);
      return;
    }
    if (await serveStatic(req, res, url.pathname, routes)) return;
    sendJson(res, 404, '404 Not Found');
  };

  /** The response being written on each connection, so that a parse error does not corrupt it. */
  const inFlight = new WeakMap<Socket, ServerResponse>();
  const server = createServer((req, res) => {
    inFlight.set(req.socket, res);
    res.once('finish', () => {
      if (inFlight.get(req.socket) === res) inFlight.delete(req.socket);
    });
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (e instanceof ApiError) {
        sendError(res, e);
        return;
      }
      log(`conferencing node: unexpected error on ${req.method} ${redactUrl(req.url)}: ${String(e)}`);
      sendJson(res, 500, 'Internal error');
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Requests Node cannot even parse (bad request line or headers, oversized headers, broken
  // chunked framing) still get the Pexip envelope instead of Node's bare 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code !== 'ECONNRESET' && socket.writable && !inFlight.get(socket)?.headersSent) {
      const [status, text] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large']
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout']
            : [400, 'Bad Request'];
      const body = JSON.stringify({ status: 'failed', result: text });
      socket.write(
        `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const { port, address } = server.address() as AddressInfo;
  isOwn = ownOrigin(address, port);
  const hostPart = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${hostPart}:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((done) => {
        state.shutdown();
        // Media last: calls, ffmpeg and their sockets are gone before close() resolves.
        server.close(() => void media.close().then(done, done));
        server.closeAllConnections();
      }),
  };
}
