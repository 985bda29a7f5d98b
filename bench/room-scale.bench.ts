/**
 * What one join, one chat message and leaving cost the local node in a big room: control-only
 * participants (request_token + one event stream each, as the SDK opens them) join `meet.alice` one
 * after another until it holds 1,000 (then, on a fresh node, 2,000), all on loopback. Per room size:
 *   - join p99: request_token round trip,
 *   - new-participant fan-out p99: from sending request_token until every event stream already open
 *     received that participant's `participant_create`,
 *   - chat fan-out p99: from sending a message until every other stream received it (100 messages),
 *   - node CPU per join (process.cpuUsage of the node's own process: request, fan-out, the
 *     newcomer's stream and its roster sync),
 *   - release: everyone releases its token (16 at a time) until every remaining stream heard every
 *     `participant_delete`; wall time and node CPU,
 *   - at the first size, the room filling again with 16 joining at once: join p99, node CPU per
 *     join, wall time.
 * The node runs in its own process (bench/support/scale-node.ts) with its abuse limits raised through
 * config overrides. The client parses the streams with string searches only, so that it keeps up.
 * Prints `BENCH {json}` rows for scripts/bench.mjs. Figures only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { report } from './support/common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ALIAS = 'meet.alice';
const SIZES = (process.env['BENCH_ROOM_SIZES'] ?? '1000,2000').split(',').map(Number);
const CHATS = 100;
/** Extra flags for the node's process (e.g. `--cpu-prof` to profile it). */
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
const RELEASE_CONCURRENCY = 16;
/** A size that takes longer than this is abandoned (the bench must stay bounded). */
const SIZE_TIMEOUT_MS = 4 * 60_000;

const OVERRIDES = {
  maxParticipants: 5000,
  tokenExpiresSeconds: 3600,
  requestsPerSecondPerAddress: 1_000_000,
  requestBurstPerAddress: 1_000_000,
};

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(s.length * p) - 1)] ?? NaN;
};
const p99 = (xs: number[]): number => percentile(xs, 0.99);

/** Between `"key":"` and the next quote (names and payloads here never contain quotes). */
function field(data: string, key: string): string | undefined {
  const k = `"${key}":"`;
  const i = data.indexOf(k);
  if (i < 0) return undefined;
  const start = i + k.length;
  return data.slice(start, data.indexOf('"', start));
}

interface Waiter {
  key: string;
  left: number;
  done: () => void;
}

class Client {
  readonly agent = new Agent({ keepAlive: true, maxSockets: RELEASE_CONCURRENCY });
  readonly streams = new Set<Socket>();
  /** The participant_create (by display name) or message (by payload) the bench is waiting for. */
  waiter: Waiter | undefined;
  deletes = 0;
  onDelete: (() => void) | undefined;

  constructor(readonly base: string) {}

  post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
    const text = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.base}/api/client/v2/conferences/${ALIAS}/${path}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
            ...(token ? { token } : {}),
          },
        },
        (res) => {
          let out = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (out += d));
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode} ${out}`));
            else resolve(JSON.parse(out) as Record<string, unknown>);
          });
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  /**
   * Opens a participant's event stream; resolves once its roster sync has arrived. A raw socket,
   * not node:http, so that the client's own parsing costs little next to the node's work: the node
   * writes whole events per HTTP chunk, so a chunk-size line only ever precedes an event.
   */
  open(token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const { hostname, port } = new URL(this.base);
      const socket = connect(Number(port), hostname);
      socket.setNoDelay(true);
      socket.on('error', reject);
      socket.write(
        `GET /api/client/v2/conferences/${ALIAS}/events?token=${token} HTTP/1.1\r\n` +
          `Host: ${hostname}:${port}\r\n\r\n`,
      );
      this.streams.add(socket);
      let buf = '';
      let headers = true;
      let syncing = true;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buf += chunk;
        if (headers) {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) return;
          if (!buf.startsWith('HTTP/1.1 200')) reject(new Error(`events: ${buf.slice(0, end)}`));
          buf = buf.slice(end + 4);
          headers = false;
        }
        let pos = 0;
        let end: number;
        while ((end = buf.indexOf('\n\n', pos)) >= 0) {
          const frame = buf.slice(pos, end);
          pos = end + 2;
          const at = frame.indexOf('event: ');
          if (at < 0) continue;
          const event = frame.slice(at + 7, frame.indexOf('\n', at));
          if (event === 'participant_sync_end' && syncing) {
            syncing = false;
            resolve();
          } else if (event === 'participant_create' && !syncing) {
            this.#hit(field(frame, 'display_name'));
          } else if (event === 'message_received') {
            this.#hit(field(frame, 'payload'));
          } else if (event === 'participant_delete') {
            this.deletes++;
            this.onDelete?.();
          }
        }
        buf = buf.slice(pos);
      });
      socket.on('close', () => this.streams.delete(socket));
    });
  }

  #hit(key: string | undefined): void {
    const w = this.waiter;
    if (w && key === w.key && --w.left === 0) {
      this.waiter = undefined;
      w.done();
    }
  }

  /** Resolves when `count` streams received the event keyed `key` (set before the trigger is sent). */
  expect(key: string, count: number): Promise<void> {
    if (count === 0) return Promise.resolve();
    return new Promise((done) => (this.waiter = { key, left: count, done }));
  }

  close(): void {
    for (const s of this.streams) s.destroy();
    this.agent.destroy();
  }
}

async function startScaleNode(): Promise<{ child: ChildProcess; url: string; cpu: () => Promise<number> }> {
  const child = spawn(process.execPath, [...NODE_ARGS, '--import', 'tsx', 'bench/support/scale-node.ts'], {
    cwd: root,
    env: { ...process.env, BENCH_OVERRIDES: JSON.stringify(OVERRIDES) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`node exited (${code})`)));
  });
  const cpu = (): Promise<number> =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
      child.send('cpu');
    });
  return { child, url, cpu };
}

async function runSize(n: number): Promise<void> {
  const { child, url, cpu } = await startScaleNode();
  const client = new Client(url);
  const label = n.toLocaleString('en');
  try {
    const tokens: string[] = [];
    const joins: number[] = [];
    const fanouts: number[] = [];
    const cpuBeforeJoins = await cpu();
    for (let i = 0; i < n; i++) {
      const name = `P${i}`;
      const fanout = client.expect(name, client.streams.size);
      const t0 = performance.now();
      const reply = client.post('request_token', { display_name: name });
      const joined = reply.then(() => joins.push(performance.now() - t0));
      await fanout;
      fanouts.push(performance.now() - t0);
      await joined;
      const token = (await reply)['result'] as { token: string };
      tokens.push(token.token);
      await client.open(token.token);
    }
    const joinCpu = (await cpu()) - cpuBeforeJoins;
    report(`room ${label}: join p99 (request_token)`, p99(joins), 'ms', '≤ 100 ms at 1,000');
    report(`room ${label}: new-participant fan-out p99`, p99(fanouts), 'ms', '≤ 100 ms at 1,000');
    report(`room ${label}: new-participant fan-out median`, percentile(fanouts, 0.5), 'ms', '');
    report(`room ${label}: node CPU per join`, joinCpu / n, 'ms', '', 2);

    const chats: number[] = [];
    for (let k = 0; k < CHATS; k++) {
      const payload = `bench-chat-${k}`;
      const from = tokens[Math.floor(Math.random() * n)];
      const heard = client.expect(payload, client.streams.size - 1);
      const t0 = performance.now();
      await Promise.all([client.post('message', { type: 'text/plain', payload }, from), heard]);
      chats.push(performance.now() - t0);
    }
    report(`room ${label}: chat fan-out p99`, p99(chats), 'ms', '≤ 100 ms at 1,000');

    // Everyone leaves; every stream still open hears each departure before it leaves itself.
    const allDeletes = (n * (n - 1)) / 2;
    const heardAll = new Promise<void>((done) => {
      client.onDelete = () => {
        if (client.deletes === allDeletes) done();
      };
    });
    const cpuBeforeRelease = await cpu();
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: RELEASE_CONCURRENCY }, async () => {
        while (next < n) await client.post('release_token', {}, tokens[next++]);
      }),
    );
    await heardAll;
    const releaseMs = performance.now() - t0;
    const releaseCpu = (await cpu()) - cpuBeforeRelease;
    report(`room ${label}: release everyone (wall)`, releaseMs, 'ms', '');
    report(`room ${label}: release everyone (node CPU)`, releaseCpu, 'ms', '');

    // The room fills again with 16 joining at once (request_token, then the event stream and its
    // sync, as clients do): the node's batching of each turn's writes pays off under load. Only at
    // the first size, so that the whole run stays within a few minutes.
    if (n !== SIZES[0]) return;
    const rushJoins: number[] = [];
    const cpuBeforeRush = await cpu();
    const rushStart = performance.now();
    let joined = 0;
    await Promise.all(
      Array.from({ length: RELEASE_CONCURRENCY }, async () => {
        while (joined < n) {
          const i = joined++;
          const t = performance.now();
          const reply = await client.post('request_token', { display_name: `R${i}` });
          rushJoins.push(performance.now() - t);
          await client.open((reply['result'] as { token: string }).token);
        }
      }),
    );
    const rushMs = performance.now() - rushStart;
    const rushCpu = (await cpu()) - cpuBeforeRush;
    report(`room ${label}, 16 joining at once: join p99 (request_token)`, p99(rushJoins), 'ms', '');
    report(`room ${label}, 16 joining at once: node CPU per join`, rushCpu / n, 'ms', '', 2);
    report(`room ${label}, 16 joining at once: until everyone is in (wall)`, rushMs, 'ms', '');
  } finally {
    client.close();
    child.kill('SIGTERM');
  }
}

for (const n of SIZES) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    runSize(n),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`room ${n}: over ${SIZE_TIMEOUT_MS / 1000} s`)),
        SIZE_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
