/** Helpers for node tests: a node on a free loopback port, an API client and an SSE reader. */
import { createServer, type Server } from 'node:http';
import { after } from 'node:test';
import { loadConfig, type NodeConfig, parseConfig } from '../../conferencing-node/config.js';
import { type Clock, ManualClock } from '../../conferencing-node/clock.js';
import { type RunningNode, startNode } from '../../conferencing-node/server.js';
import { serveStatic } from '../../conferencing-node/static.js';

export interface ApiReply {
  status: number;
  contentType: string | null;
  body: { status: string; result: unknown };
}

export interface TestNode extends RunningNode {
  /** Unexpected errors the node logged (each would have been a 500); tests expect none. */
  unexpected: string[];
  api(
    alias: string,
    path: string,
    opts?: {
      token?: string;
      pin?: string;
      body?: unknown;
      method?: string;
      raw?: string;
      headers?: Record<string, string>;
    },
  ): Promise<ApiReply>;
  join(
    alias: string,
    name: string,
    opts?: { pin?: string; extension?: string; token?: string },
  ): Promise<Joined>;
}

export interface Joined {
  token: string;
  uuid: string;
  role: string;
  serviceType: string;
  result: Record<string, unknown>;
}

/** Starts a node for one test file (closed after the file), with config overrides and optionally a clock. */
export async function testNode(
  overrides: Partial<Record<string, unknown>> = {},
  options: { clock?: Clock } = {},
): Promise<TestNode> {
  const base = loadConfig();
  const config: NodeConfig = Object.keys(overrides).length
    ? parseConfig({ ...rawOf(base), ...overrides })
    : base;
  const unexpected: string[] = [];
  const node = await startNode({
    config,
    allowedOrigins: ['https://portal.example.org'],
    ...(options.clock ? { clock: options.clock } : {}),
    log: (m) => {
      unexpected.push(m);
      console.error(m);
    },
  });
  after(() => node.close());
  const api: TestNode['api'] = async (alias, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers['token'] = opts.token;
    if (opts.pin !== undefined) headers['pin'] = opts.pin;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${node.url}/api/client/v2/conferences/${alias}/${path}`, {
      method: opts.method ?? (body !== undefined || path !== 'participants' ? 'POST' : 'GET'),
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: text ? (JSON.parse(text) as ApiReply['body']) : { status: '', result: undefined },
    };
  };
  const join: TestNode['join'] = async (alias, name, opts = {}) => {
    const body: Record<string, unknown> = { display_name: name };
    if (opts.extension) body['conference_extension'] = opts.extension;
    if (opts.token) body['token'] = opts.token;
    const r = await api(alias, 'request_token', { body, ...(opts.pin ? { pin: opts.pin } : {}) });
    if (r.status !== 200) throw new Error(`join ${alias} failed: ${r.status} ${JSON.stringify(r.body)}`);
    const result = r.body.result as Record<string, unknown>;
    return {
      token: result['token'] as string,
      uuid: result['participant_uuid'] as string,
      role: result['role'] as string,
      serviceType: result['current_service_type'] as string,
      result,
    };
  };
  return Object.assign(node, { api, join, unexpected });
}

/** Turns a parsed config back into the raw JSON shape so tests can override single fields. */
function rawOf(c: NodeConfig): Record<string, unknown> {
  return {
    ...c,
    conferences: c.services.map((s) => ({ ...s })),
  };
}

export interface SseEvent {
  event: string;
  id: string;
  data: any;
}

/** A live event stream: collects events and lets a test wait for one. */
export class EventReader {
  /** Events received and not yet consumed by {@link EventReader.next}. */
  readonly events: SseEvent[] = [];
  /** Every event received, in order, consumed or not. */
  readonly log: SseEvent[] = [];
  status = 0;
  #waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  #abort = new AbortController();
  closed: Promise<void>;

  private constructor(res: Response) {
    this.status = res.status;
    this.closed = this.#pump(res);
  }

  /** Opens `events` with the token in the query (as the JS SDK does) or, with `viaHeader`, in a header. */
  static async open(node: TestNode, alias: string, token: string, viaHeader = false): Promise<EventReader> {
    const ctrl = new AbortController();
    const url = `${node.url}/api/client/v2/conferences/${alias}/events${viaHeader ? '' : `?token=${token}`}`;
    const res = await fetch(url, {
      signal: ctrl.signal,
      ...(viaHeader ? { headers: { token } } : {}),
    });
    const r = new EventReader(res);
    r.#abort = ctrl;
    after(() => r.close());
    return r;
  }

  async #pump(res: Response): Promise<void> {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let idx: number;
        while ((idx = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          const e: Partial<SseEvent> = {};
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
          }
          if (e.event) this.#push(e as SseEvent);
        }
      }
    } catch {
      // aborted or closed by the server
    }
  }

  #push(e: SseEvent): void {
    this.log.push(e);
    this.events.push(e);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.pred(e)) return true;
      w.resolve(e);
      return false;
    });
  }

  /** Resolves with the first event (already received or future) that matches. */
  next(event: string, pred: (data: any) => boolean = () => true, timeoutMs = 3000): Promise<SseEvent> {
    const match = (e: SseEvent): boolean => e.event === event && pred(e.data);
    const seen = this.events.find(match);
    if (seen) {
      this.events.splice(this.events.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
      this.#waiters.push({
        pred: match,
        resolve: (e) => {
          clearTimeout(t);
          this.events.splice(this.events.indexOf(e), 1);
          resolve(e);
        },
      });
    });
  }

  /** Names of the events received so far (consumed ones excluded). */
  names(): string[] {
    return this.events.map((e) => e.event);
  }

  close(): void {
    this.#abort.abort();
  }
}

/** A clock for {@link testNode} that a test moves forward (timers included) instead of sleeping. */
export function manualClock(options: { realTimers?: boolean } = {}): ManualClock {
  return new ManualClock(options);
}

let barrierSeq = 0;

/**
 * Waits until every event the node has already written to this participant's streams has reached
 * `reader` (events on one stream are ordered): the node is made to send a private marker event
 * and the reader waits for it. Use it to prove that an event was NOT sent, without sleeping.
 */
export async function settle(node: RunningNode, token: string, reader: EventReader): Promise<void> {
  const p = node.state.participantFor(token);
  if (!p) throw new Error('settle: the token does not belong to a participant any more');
  const n = ++barrierSeq;
  p.send('test_barrier', { n });
  await reader.next('test_barrier', (d) => d.n === n);
}

/** Events of one name still unconsumed in a reader (optionally filtered). */
export function pending(
  reader: EventReader,
  event: string,
  pred: (data: any) => boolean = () => true,
): SseEvent[] {
  return reader.events.filter((e) => e.event === event && pred(e.data));
}

/**
 * Serves the files of `dir` on a free loopback port with the node's own static server (module
 * scripts do not load from file://); anything else is 404.
 */
export async function serveDir(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    void serveStatic(req, res, pathname, [{ prefix: '/', dir }]).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
