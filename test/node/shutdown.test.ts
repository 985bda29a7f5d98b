import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { Agent, request } from 'node:http';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { defaultConfigPath, loadConfig, parseConfig } from '../../conferencing-node/config.js';
import { type RunningNode, startNode } from '../../conferencing-node/server.js';

const PREFIX = '/api/client/v2/conferences/';

interface Reply {
  status: number;
  body: any;
}

/** A JSON request over its own connection (no pooled sockets left behind in this process). */
function post(
  node: RunningNode,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: node.port,
        path: `${PREFIX}${path}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...headers,
        },
        agent: false,
      },
      (res) => {
        let data = '';
        res.on('data', (d: Buffer) => (data += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(text);
  });
}

/** An event stream read with node:http: its raw text and a promise for its end. */
function openStream(
  node: RunningNode,
  alias: string,
  token: string,
): Promise<{ text: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: node.port, path: `${PREFIX}${alias}/events?token=${token}`, agent: false },
      (res) => {
        let text = '';
        const ended = new Promise<void>((done) => {
          res.on('end', done);
          res.on('close', done);
          res.on('error', () => done());
        });
        res.on('data', (d: Buffer) => (text += d.toString()));
        // Resolve once the opening sync is in.
        const wait = setInterval(() => {
          if (text.includes('event: conference_update')) {
            clearInterval(wait);
            resolve({ text: () => text, ended });
          }
        }, 2);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Resource types (and how many) present now but not before. */
function extra(before: string[], now: string[]): string[] {
  const b = counts(before);
  return [...counts(now)]
    .filter(([t, n]) => n > (b.get(t) ?? 0))
    .map(([t, n]) => `${t}×${n - (b.get(t) ?? 0)}`);
}

describe('clean shutdown', () => {
  it('tells open streams, closes them, resolves promptly and leaves no timers or sockets', async () => {
    // Track every timer created by the node's code, referenced or not.
    const liveTimers = new Map<number, string>();
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    const hook = createHook({
      init(id, type) {
        if (type !== 'Timeout') return;
        // Only timers the node's own code sets (not Node's internal ones, e.g. the Date header cache).
        const frames = (new Error().stack ?? '').split('\n');
        const at = frames.findIndex((f) => /at (setTimeout|setInterval) \(node:timers/.test(f));
        if (at >= 0 && frames[at + 1]?.includes('conferencing-node'))
          liveTimers.set(id, frames[at + 1]!.trim());
      },
      destroy(id) {
        liveTimers.delete(id);
      },
    });
    const before = process.getActiveResourcesInfo();
    hook.enable();
    let node: RunningNode | undefined;
    try {
      node = await startNode({
        config: parseConfig({
          ...(JSON.parse(readFileSync(defaultConfigPath, 'utf8')) as object),
          dialAnswerMs: 60_000,
          hostWaitSeconds: 600,
        }),
        log: (m) => assert.fail(m),
      });
      // Activity that arms every kind of timer: token expiry, host wait, dial-out, keepalives.
      const a = (await post(node, 'meet.alice/request_token', { display_name: 'A' })).body.result;
      const b = (await post(node, 'meet.alice/request_token', { display_name: 'B' })).body.result;
      const g = (await post(node, 'meet.bob/request_token', { display_name: 'G' }, { pin: 'none' })).body
        .result;
      await post(node, 'meet.alice/refresh_token', {}, { token: a.token });
      const dial = await post(
        node,
        'meet.alice/dial',
        { role: 'GUEST', destination: 'sip:far@example.com' },
        { token: a.token },
      );
      assert.equal(dial.status, 200);
      const transfer = await post(
        node,
        `meet.alice/participants/${b.participant_uuid}/transfer`,
        { conference_alias: 'meet.bob', role: 'guest' },
        { token: a.token },
      );
      assert.equal(transfer.status, 200);
      const streams = [
        await openStream(node, 'meet.alice', a.token),
        await openStream(node, 'meet.alice', b.token),
        await openStream(node, 'meet.bob', g.token),
      ];
      // An idle keep-alive connection must not hold the close up either.
      const agent = new Agent({ keepAlive: true });
      await new Promise<void>((done, fail) => {
        request({ host: '127.0.0.1', port: node!.port, path: '/', agent }, (res) => {
          res.resume();
          res.on('end', done);
        })
          .on('error', fail)
          .end();
      });

      const t0 = Date.now();
      await node.close();
      const took = Date.now() - t0;
      assert.ok(took < 1000, `close() took ${took} ms`);
      for (const s of streams) {
        await s.ended;
        assert.match(
          s.text(),
          /event: disconnect\nid: [^\n]+\ndata: \{"reason":"Signaling node disconnected"\}\n\n$/,
        );
      }
      agent.destroy();
      // Nothing answers any more.
      await assert.rejects(post(node, 'meet.alice/request_token', { display_name: 'Late' }));
    } finally {
      hook.disable();
      Error.stackTraceLimit = limit;
    }
    // Client sockets close a moment after the server's; give them a few ticks.
    const until = Date.now() + 1000;
    while (extra(before, process.getActiveResourcesInfo()).length > 0 && Date.now() < until) {
      await new Promise((r) => setImmediate(r));
    }
    assert.deepEqual(extra(before, process.getActiveResourcesInfo()), [], 'resources left behind');
    assert.deepEqual([...liveTimers.values()], [], 'timers of the node left running');
  });

  it('closes a node with nobody connected at once, and twice is harmless', async () => {
    const node = await startNode({ config: loadConfig() });
    const t0 = Date.now();
    await node.close();
    await node.close();
    assert.ok(Date.now() - t0 < 500);
  });
});
