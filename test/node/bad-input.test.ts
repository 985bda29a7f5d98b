/**
 * Bad input never hurts the node: every endpoint answers malformed, mistyped, oversized and
 * unauthenticated requests with a 4xx Pexip envelope `{status:"failed", result:"<message>"}`,
 * never a 5xx or a hang, and the node keeps serving normal joins afterwards.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../conferencing-node/config.js';
import { type RunningNode, startNode } from '../../conferencing-node/server.js';
import { EventReader, type Joined, manualClock, testNode, type TestNode } from './helpers.js';

const PREFIX = '/api/client/v2/conferences/';
const TIMEOUT_MS = 5000;

/**
 * These tests send hundreds of requests from one address and many unknown extensions on purpose:
 * the rate and wrong-PIN limits (tested in limits.test.ts) are lifted so each answer is the one for
 * the bad input itself.
 */
const NO_LIMITS = {
  requestsPerSecondPerToken: 1_000_000,
  requestBurstPerToken: 1_000_000,
  requestsPerSecondPerAddress: 1_000_000,
  requestBurstPerAddress: 1_000_000,
  pinRetries: 1_000_000,
};

/** Conference-level POST endpoints (request_token aside). */
const CONF_POST = [
  'refresh_token',
  'release_token',
  'lock',
  'unlock',
  'muteguests',
  'unmuteguests',
  'start_conference',
  'disconnect',
  'message',
  'clearallbuzz',
  'dial',
];
const CONF_GET = ['events', 'conference_status', 'participants', 'theme/', 'presentation.jpeg'];
const PART_POST = [
  'mute',
  'unmute',
  'client_mute',
  'client_unmute',
  'video_muted',
  'video_unmuted',
  'buzz',
  'clearbuzz',
  'spotlighton',
  'spotlightoff',
  'overlaytext',
  'allowrxpresentation',
  'denyrxpresentation',
  'role',
  'unlock',
  'disconnect',
  'transfer',
  'message',
  'dtmf',
  'take_floor',
  'release_floor',
  'calls',
];

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request over a fresh connection, with a raw (unnormalised) path and a timeout. */
function raw(
  node: RunningNode,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.body !== undefined && !opts.chunked) headers['content-length'] = Buffer.byteLength(opts.body);
    const req = request(
      { host: '127.0.0.1', port: node.port, path, method: opts.method ?? 'GET', headers, agent: false },
      (res) => {
        if (res.headers['content-type'] === 'text/event-stream') {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms: ${path}`)));
    req.on('error', reject);
    if (opts.body === undefined) {
      req.end();
    } else if (opts.chunked) {
      // Several chunks, no Content-Length.
      const b = Buffer.from(opts.body);
      const step = 64 * 1024;
      for (let i = 0; i < b.length; i += step) req.write(b.subarray(i, i + step));
      req.end();
    } else {
      req.end(opts.body);
    }
  });
}

/** Asserts the Pexip error envelope, exactly. */
function failed(r: Raw, status: number | undefined, what: string, result?: string): void {
  assert.ok(r.status < 500, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
  if (status !== undefined) assert.equal(r.status, status, `${what}: ${r.text.slice(0, 200)}`);
  assert.ok(r.status >= 400, `${what}: expected a refusal, got ${r.status}`);
  assert.equal(r.headers['content-type'], 'application/json', what);
  const body = JSON.parse(r.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['result', 'status'], what);
  assert.equal(body['status'], 'failed', what);
  assert.equal(typeof body['result'], 'string', what);
  if (result !== undefined) assert.equal(body['result'], result, what);
}

/** Every POST path of a conference, with `target` as the participant of participant commands. */
function postPaths(alias: string, target: string): string[] {
  return [
    `${PREFIX}${alias}/request_token`,
    ...CONF_POST.map((c) => `${PREFIX}${alias}/${c}`),
    ...PART_POST.map((c) => `${PREFIX}${alias}/participants/${target}/${c}`),
  ];
}

async function stillServes(node: TestNode): Promise<void> {
  const j = await node.join('meet.alice', 'After');
  assert.equal(j.serviceType === 'conference' || j.serviceType === 'waiting_room', true);
  const r = await EventReader.open(node, 'meet.alice', j.token);
  await r.next('participant_sync_end');
  r.close();
  assert.deepEqual(node.unexpected, [], 'the node logged unexpected errors');
}

describe('bad input never hurts the node', () => {
  it('answers malformed JSON on every POST endpoint with 400', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    for (const body of [
      '{',
      '{"display_name":',
      "{'a':1}",
      'undefined',
      '{"a":1}}',
      'NaN',
      '\u0000',
      '{"a":1,}',
    ]) {
      for (const path of postPaths('meet.alice', b.uuid)) {
        if (path.endsWith('/release_token')) continue; // a beacon: the body is ignored
        const r = await raw(node, path, {
          method: 'POST',
          headers: { token: a.token, 'content-type': 'application/json' },
          body,
        });
        failed(r, 400, `${path} ${JSON.stringify(body)}`);
      }
    }
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.size, 2);
    await stillServes(node);
  });

  it('answers JSON that is not an object (array, number, string, null, boolean) with 400', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    for (const body of [
      '[]',
      '[{"display_name":"x"}]',
      '0',
      '42',
      '-1.5e300',
      '"str"',
      '""',
      'null',
      'true',
      'false',
    ]) {
      for (const path of postPaths('meet.alice', b.uuid)) {
        if (path.endsWith('/release_token')) continue;
        const r = await raw(node, path, {
          method: 'POST',
          headers: { token: a.token, 'content-type': 'application/json' },
          body,
        });
        failed(r, 400, `${path} ${body}`);
      }
    }
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.size, 2);
    await stillServes(node);
  });

  it('refuses bodies over 256 KiB with 413 (with and without Content-Length); 256 KiB is fine', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const big = JSON.stringify({ display_name: 'Big', pad: 'x'.repeat(256 * 1024) });
    for (const path of postPaths('meet.alice', b.uuid)) {
      const r = await raw(node, path, {
        method: 'POST',
        headers: { token: a.token, 'content-type': 'application/json' },
        body: big,
      });
      failed(r, 413, path);
    }
    for (const path of [
      `${PREFIX}meet.alice/request_token`,
      `${PREFIX}meet.alice/participants/${b.uuid}/mute`,
    ]) {
      const r = await raw(node, path, {
        method: 'POST',
        headers: { token: a.token, 'content-type': 'application/json' },
        body: big,
        chunked: true,
      });
      failed(r, 413, `${path} (chunked)`);
    }
    assert.ok(node.state.participantFor(a.token), 'release_token with an oversized body released nobody');
    const skeleton = JSON.stringify({ display_name: 'Exact', pad: '' });
    const exact = JSON.stringify({ display_name: 'Exact', pad: 'x'.repeat(256 * 1024 - skeleton.length) });
    assert.equal(Buffer.byteLength(exact), 256 * 1024);
    const ok = await raw(node, `${PREFIX}meet.alice/request_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: exact,
    });
    assert.equal(ok.status, 200, ok.text.slice(0, 200));
    // A deeply nested body is just a body.
    const deep = '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000);
    const r = await raw(node, `${PREFIX}meet.alice/participants/${b.uuid}/overlaytext`, {
      method: 'POST',
      headers: { token: a.token },
      body: deep,
    });
    failed(r, 400, 'deeply nested');
    await stillServes(node);
  });

  it('refuses a missing, unknown or foreign token on every endpoint with 403 "Invalid token"', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    const bob = await node.join('meet.bob', 'H', { pin: '1234' });
    const paths = [
      ...CONF_POST.map((c) => ['POST', `${PREFIX}meet.alice/${c}`]),
      ...CONF_GET.map((c) => ['GET', `${PREFIX}meet.alice/${c}`]),
      ...PART_POST.map((c) => ['POST', `${PREFIX}meet.alice/participants/${a.uuid}/${c}`]),
      ['POST', `${PREFIX}meet.alice/participants/${a.uuid}/calls/x/ack`],
    ];
    const tokens: [string, Record<string, string>, string][] = [
      ['missing', {}, ''],
      ['empty header', { token: '' }, ''],
      ['unknown header', { token: 'bm90LWEtdG9rZW4' }, ''],
      ['unknown query', {}, '?token=bm90LWEtdG9rZW4'],
      ['foreign header', { token: bob.token }, ''],
      ['foreign query', {}, `?token=${bob.token}`],
      ['garbage', { token: '../../etc/passwd' }, ''],
    ];
    for (const [method, path] of paths) {
      for (const [what, headers, query] of tokens) {
        const r = await raw(node, path! + query, { method: method!, headers });
        failed(r, 403, `${method} ${path} (${what})`, 'Invalid token');
      }
    }
    // The foreign token still works where it belongs.
    const own = await node.api('meet.bob', 'conference_status', { token: bob.token, method: 'GET' });
    assert.equal(own.status, 200);
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.size, 1);
    await stillServes(node);
  });

  it('refuses an expired token (the participant lives on with a fresh one) on every endpoint', async () => {
    const clock = manualClock();
    const node = await testNode({ ...NO_LIMITS, tokenExpiresSeconds: 2 }, { clock });
    const a = await node.join('meet.alice', 'A');
    let fresh = a.token;
    const keep = async (): Promise<void> => {
      const r = await node.api('meet.alice', 'refresh_token', { token: fresh });
      fresh = (r.body.result as any).token as string;
    };
    await keep();
    // 2.5 s on the node's clock, refreshed every 0.5 s: the first token is long expired.
    for (let i = 0; i < 5; i++) {
      clock.advance(500);
      await keep();
    }
    for (const [method, path] of [
      ...CONF_POST.map((c) => ['POST', `${PREFIX}meet.alice/${c}`]),
      ...CONF_GET.map((c) => ['GET', `${PREFIX}meet.alice/${c}`]),
      ...PART_POST.map((c) => ['POST', `${PREFIX}meet.alice/participants/${a.uuid}/${c}`]),
    ]) {
      const r = await raw(node, path!, { method: method!, headers: { token: a.token } });
      failed(r, 403, `${method} ${path} (expired)`, 'Invalid token');
    }
    const st = await node.api('meet.alice', 'conference_status', { token: fresh, method: 'GET' });
    assert.equal(st.status, 200);
  });

  it('answers an unknown participant uuid with 404 on every participant command', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    const bob = await node.join('meet.bob', 'H', { pin: '1234' });
    const strangers = [
      '00000000-0000-4000-8000-000000000000',
      bob.uuid, // exists, but in another conference
      'nope',
      '...',
      'a%2Fb',
      'x'.repeat(2000),
      '__proto__',
      'constructor',
    ];
    for (const who of strangers) {
      for (const c of PART_POST) {
        const r = await raw(node, `${PREFIX}meet.alice/participants/${who}/${c}`, {
          method: 'POST',
          headers: { token: a.token, 'content-type': 'application/json' },
          body: '{}',
        });
        failed(r, 404, `${who.slice(0, 20)}/${c}`);
      }
    }
    await stillServes(node);
  });

  it('answers unknown routes with 404 and wrong methods with 405, always as JSON', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    const t = { token: a.token };
    const cases: [string, string, number][] = [
      ['GET', '/api/client/v2/', 404],
      ['GET', '/api/client/v2/conferences', 404],
      ['GET', '/api/client/v2/conferences/', 404],
      ['GET', '/api/client/v2/nothing/meet.alice/request_token', 404],
      ['GET', '/api/client/v1/conferences/meet.alice/request_token', 404],
      ['GET', '/', 404],
      ['GET', '/nothing.html', 404],
      ['POST', `${PREFIX}meet.alice/nothing`, 404],
      ['POST', `${PREFIX}meet.alice/participants/${a.uuid}/nothing`, 404],
      ['POST', `${PREFIX}meet.alice/participants/${a.uuid}/mute/more`, 404],
      ['POST', `${PREFIX}meet.alice/participants/${a.uuid}`, 404],
      ['POST', `${PREFIX}meet.alice/participants`, 405],
      ['POST', `${PREFIX}meet.alice/`, 404],
      ['GET', `${PREFIX}meet.alice/request_token`, 405],
      ['PUT', `${PREFIX}meet.alice/request_token`, 405],
      ['DELETE', `${PREFIX}meet.alice/lock`, 405],
      ['PATCH', `${PREFIX}meet.alice/participants/${a.uuid}/mute`, 405],
      ['OPTIONS', `${PREFIX}meet.alice/lock`, 405],
      ['GET', `${PREFIX}meet.alice/lock`, 405],
      ['GET', `${PREFIX}meet.alice/participants/${a.uuid}/mute`, 405],
      ['POST', `${PREFIX}meet.alice/events`, 405],
      ['POST', `${PREFIX}meet.alice/conference_status`, 405],
      ['POST', `${PREFIX}meet.alice/theme/`, 405],
      ['GET', `${PREFIX}meet.alice/refresh_token`, 405],
      ['GET', `${PREFIX}meet.alice/release_token`, 405],
    ];
    for (const [method, path, status] of cases) {
      failed(await raw(node, path, { method, headers: t }), status, `${method} ${path}`);
    }
    const head = await raw(node, `${PREFIX}meet.alice/conference_status`, { method: 'HEAD', headers: t });
    assert.equal(head.status, 405);
    assert.ok(node.state.participantFor(a.token), 'still there');
    await stillServes(node);
  });

  it('answers malformed percent-encoding in the path with a 4xx envelope', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    for (const path of [
      `${PREFIX}%E0%A4%A/request_token`,
      `${PREFIX}%/request_token`,
      `${PREFIX}meet%zzalice/request_token`,
      `${PREFIX}meet.alice/%ff%fe/request_token`,
      `${PREFIX}meet.alice/participants/%E0%A4%A/mute`,
      `${PREFIX}meet.alice/participants/${a.uuid}/%`,
      `${PREFIX}meet.alice/events%`,
      `${PREFIX}${'%41'.repeat(400)}/request_token`,
    ]) {
      failed(
        await raw(node, path, { method: 'POST', headers: { token: a.token }, body: '{"display_name":"x"}' }),
        undefined,
        path.slice(0, 80),
      );
    }
    // %-encoded aliases are the same alias (the SDK encodes some URLs and not others).
    const enc = await raw(node, `${PREFIX}meet%2Ealice/conference_status`, { headers: { token: a.token } });
    assert.equal(enc.status, 200);
    await stillServes(node);
  });

  it('validates display names: empty, whitespace, over 256 characters, not a string', async () => {
    const node = await testNode(NO_LIMITS);
    const bad: unknown[] = [
      {},
      { display_name: '' },
      { display_name: '   \t\n ' },
      { display_name: 'x'.repeat(257) },
      { display_name: ' ' + 'x'.repeat(257) + ' ' },
      { display_name: 'x'.repeat(20_000) },
      { display_name: 42 },
      { display_name: null },
      { display_name: ['A'] },
      { display_name: { first: 'A' } },
      { display_name: 'A', call_tag: 5 },
      { display_name: 'A', token: 5 },
      { display_name: 'A', conference_extension: [] },
    ];
    for (const body of bad) {
      const r = await raw(node, `${PREFIX}meet.alice/request_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      failed(r, undefined, JSON.stringify(body).slice(0, 60));
    }
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.size, 0);
    // The boundary and odd-but-valid names are fine (names travel as JSON, never raw).
    for (const name of [
      'x'.repeat(256),
      '  Padded  ',
      'Line\nbreak',
      'data: evil\n\nevent: disconnect',
      '🙂 Ünïcödé',
    ]) {
      const j = await node.join('meet.alice', name);
      const r = await EventReader.open(node, 'meet.alice', j.token);
      const self = await r.next('participant_create', (p) => p.uuid === j.uuid);
      assert.equal(self.data.display_name, name.trim());
      await r.next('conference_update');
      assert.equal(r.log.filter((e) => e.event === 'disconnect').length, 0);
      r.close();
    }
    await stillServes(node);
  });

  it('answers an unknown Virtual Reception extension with 404, whatever it is named', async () => {
    const node = await testNode(NO_LIMITS);
    for (const ext of ['999', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ' ', '100 ']) {
      const r = await raw(node, `${PREFIX}reception/request_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ display_name: 'V', conference_extension: ext }),
      });
      if (ext.trim() === '100') {
        assert.equal(r.status, 200, ext);
        continue;
      }
      assert.ok(r.status === 404 || r.status === 403, `${ext}: ${r.status} ${r.text}`);
      assert.equal(r.headers['content-type'], 'application/json');
    }
    await stillServes(node);
  });

  it('ignores a command whose sender or target left while its body was still arriving', async () => {
    const node = await testNode(NO_LIMITS);
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const c = await node.join('meet.alice', 'C');
    const rc = await EventReader.open(node, 'meet.alice', c.token);
    await rc.next('conference_update');
    rc.events.splice(0);
    // Starts a request, sends half its body, lets `during` happen, then sends the rest.
    const slow = (path: string, token: string, body: string, during: () => Promise<unknown>) =>
      new Promise<Raw>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: node.port,
            path: `${PREFIX}meet.alice/${path}`,
            method: 'POST',
            headers: { token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
            agent: false,
          },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
          },
        );
        req.on('error', reject);
        req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
        req.write(body.slice(0, 5));
        setTimeout(() => {
          during().then(() => req.end(body.slice(5)), reject);
        }, 20);
      });
    // The target leaves: the overlay must not resurrect it for the others.
    const r1 = await slow(`participants/${b.uuid}/overlaytext`, a.token, '{"text":"ghost"}', async () => {
      await node.api('meet.alice', 'release_token', { token: b.token });
      await rc.next('participant_delete', (d) => d.uuid === b.uuid);
    });
    assert.ok(r1.status >= 400 && r1.status < 500, `${r1.status} ${r1.text}`);
    // A refresh that races a kick must not mint a token for the one who was kicked.
    const d = await node.join('meet.alice', 'D');
    await rc.next('participant_create', (p) => p.uuid === d.uuid);
    const r0 = await slow('refresh_token', d.token, '{}          ', async () => {
      await node.api('meet.alice', `participants/${d.uuid}/disconnect`, { token: a.token });
      await rc.next('participant_delete', (x) => x.uuid === d.uuid);
    });
    assert.equal(r0.status, 403, r0.text);
    // The sender leaves: its chat message must not be delivered.
    const r2 = await slow('message', a.token, '{"type":"text/plain","payload":"from beyond"}', async () => {
      await node.api('meet.alice', 'release_token', { token: a.token });
      await rc.next('participant_delete', (d) => d.uuid === a.uuid);
    });
    assert.ok(r2.status >= 400 && r2.status < 500, `${r2.status} ${r2.text}`);
    const p = node.state.participantFor(c.token)!;
    p.send('test_barrier', { n: -1 });
    await rc.next('test_barrier');
    assert.deepEqual(
      rc.events.filter((e) => e.event !== 'conference_update').map((e) => e.event),
      [],
      'no events about participants that are gone',
    );
    assert.deepEqual([...node.state.conferenceFor('meet.alice')!.participants.keys()], [c.uuid]);
  });

  it('answers garbage that is not even HTTP with a JSON envelope, and survives', async () => {
    const node = await testNode(NO_LIMITS);
    const send = (data: string) =>
      new Promise<string>((resolve, reject) => {
        const s = connect(node.port, '127.0.0.1');
        let out = '';
        s.setTimeout(TIMEOUT_MS, () => s.destroy(new Error('timeout')));
        s.on('data', (d) => (out += d.toString()));
        s.on('end', () => resolve(out));
        s.on('close', () => resolve(out));
        s.on('error', reject);
        s.end(data);
      });
    const requests = [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET /api/client/v2/ HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n',
      `GET /api/client/v2/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      'POST /api/client/v2/conferences/meet.alice/request_token HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /api/client/v2/conferences/meet.alice/request_token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      'POST /api/client/v2/conferences/meet.alice/request_token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'GET http://[::1/api/client/v2/ HTTP/1.1\r\nHost: x\r\n\r\n',
      '\u0000\u0001\u0002\r\n\r\n',
    ];
    for (const data of requests) {
      const out = await send(data);
      const what = JSON.stringify(data.slice(0, 60));
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(out);
      assert.ok(m, `${what}: no HTTP answer: ${JSON.stringify(out.slice(0, 100))}`);
      const status = Number(m[1]);
      assert.ok(status >= 400 && status < 500, `${what}: ${status}`);
      assert.match(out, /\r\ncontent-type: application\/json\r\n/i, what);
      const body = JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
      assert.equal(body['status'], 'failed', what);
      assert.equal(typeof body['result'], 'string', what);
    }
    await stillServes(node);
  });

  it('never leaves the static root and survives a file that cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pex-static-'));
    const root = join(dir, 'www');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<p>home</p>');
    writeFileSync(join(root, 'sub', 'a.txt'), 'public');
    writeFileSync(join(dir, 'secret.txt'), 'TOPSECRET');
    const unexpected: string[] = [];
    const node = await startNode({
      config: loadConfig(),
      staticRoutes: [
        { prefix: '/proc/', dir: '/proc/self' },
        { prefix: '/', dir: root },
      ],
      log: (m) => unexpected.push(m),
    });
    after(() => node.close());
    assert.equal((await raw(node, '/sub/a.txt')).text, 'public');
    assert.equal((await raw(node, '/')).text, '<p>home</p>');
    for (const path of [
      '/../secret.txt',
      '/../../secret.txt',
      '/sub/../../secret.txt',
      '/..%2fsecret.txt',
      '/sub/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/.%2e/secret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/....//secret.txt',
      '//../secret.txt',
      '/%2f..%2fsecret.txt',
      '/..%00/secret.txt',
      '/secret.txt%00.html',
      '/%00',
      '/%c0%ae%c0%ae/secret.txt',
      '/%ff',
      '/%',
      `/${'../'.repeat(30)}etc/passwd`,
      `/${'..%2f'.repeat(30)}etc/passwd`,
      '/sub',
      '/sub/',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const r = await raw(node, path, { method });
        assert.ok(!r.text.includes('TOPSECRET') && !r.text.includes('root:'), `${path} leaked`);
        assert.ok(r.status === 404 || r.status === 400, `${method} ${path}: ${r.status}`);
        if (method === 'GET') failed(r, undefined, path);
      }
    }
    // A file that fails while being read (EIO): the answer breaks off, the node lives on.
    // (The answer has ended, or the connection was cut, once this settles: the node is done with it.)
    await raw(node, '/proc/mem').catch(() => undefined);
    const j = await fetch(`${node.url}${PREFIX}meet.alice/request_token`, {
      method: 'POST',
      body: JSON.stringify({ display_name: 'Still here' }),
    });
    assert.equal(j.status, 200);
    assert.deepEqual(unexpected, []);
  });

  it('survives a seeded fuzz of random requests on all routes: never a 5xx, never a hang', async () => {
    const node = await testNode({ ...NO_LIMITS, dialAnswerMs: 5, dialFailureVisibleMs: 5 });
    const rand = mulberry32(0x5eed_1234);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const pool: Record<string, Joined> = {};
    const member = async (key: string): Promise<Joined> => {
      const j = pool[key];
      if (j && node.state.participantFor(j.token)) return j;
      const [alias, pin] =
        key === 'bobHost'
          ? ['meet.bob', '1234']
          : key === 'bobGuest'
            ? ['meet.bob', 'none']
            : ['meet.alice', undefined];
      const fresh = await node.join(alias!, `Fuzz ${key}`, pin ? { pin } : {});
      pool[key] = fresh;
      return fresh;
    };
    const commands = [...CONF_POST, ...CONF_GET, 'request_token', 'nothing', '', 'participants/', 'theme'];
    for (let i = 0; i < 400; i++) {
      const actor = await member(pick(['alice1', 'alice2', 'bobHost', 'bobGuest']));
      const other = await member(pick(['alice1', 'alice2', 'bobHost', 'bobGuest']));
      const alias = pick([
        'meet.alice',
        'meet.bob',
        'MEET.ALICE',
        'meet.alice@example.com',
        'reception',
        'meet.nobody',
        '%zz',
        randomText(rand, 12),
      ]);
      const uuid = pick([
        other.uuid,
        actor.uuid,
        '00000000-0000-4000-8000-000000000000',
        randomText(rand, 8),
        '',
      ]);
      const shape = rand();
      let path: string;
      if (shape < 0.45)
        path = `${PREFIX}${alias}/participants/${uuid}/${pick([...PART_POST, 'nothing', ''])}`;
      else if (shape < 0.9) path = `${PREFIX}${alias}/${pick(commands)}`;
      else if (shape < 0.95)
        path = `${PREFIX}${alias}/participants/${uuid}/calls/${randomText(rand, 6)}/${pick(['ack', 'update', 'new_candidate', 'disconnect', 'dtmf', 'x'])}`;
      else path = pick(['/', '/api', '/api/client/v2/', '/favicon.ico', `/${randomText(rand, 10)}`]);
      const headers: Record<string, string> = {};
      const tokenChoice = rand();
      const token = pick([actor.token, other.token, 'bm9wZQ', randomText(rand, 30)]);
      if (tokenChoice < 0.6) headers['token'] = token;
      else if (tokenChoice < 0.8) path += `?token=${token}`;
      if (rand() < 0.3) headers['pin'] = pick(['1234', 'none', '5678', '', randomText(rand, 8), '1234#']);
      if (rand() < 0.5)
        headers['content-type'] = pick([
          'application/json',
          'text/plain',
          'multipart/form-data; boundary=x',
          randomText(rand, 10),
        ]);
      if (rand() < 0.1)
        headers['origin'] = pick(['https://portal.example.org', 'https://evil.example', 'null', node.url]);
      if (rand() < 0.1) headers[`x-fuzz-${Math.floor(rand() * 1e6).toString(36)}`] = randomText(rand, 40);
      const method =
        rand() < 0.9 ? pick(['GET', 'POST', 'POST']) : pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      let body: string | undefined;
      const b = rand();
      if (method !== 'GET' && method !== 'HEAD') {
        if (b < 0.5) body = JSON.stringify(randomJson(rand, 3));
        else if (b < 0.7) body = JSON.stringify(plausibleBody(rand, pick, other.uuid));
        else if (b < 0.8) body = JSON.stringify(randomJson(rand, 3)).slice(0, Math.floor(rand() * 20));
        else if (b < 0.9) body = randomText(rand, Math.floor(rand() * 200), true);
        else if (b < 0.93) body = 'x'.repeat(300 * 1024);
      }
      const what = `#${i} ${method} ${path.slice(0, 120)} ${JSON.stringify(headers).slice(0, 120)} ${String(body).slice(0, 80)}`;
      const r = await raw(node, safePath(path), { method, headers, ...(body !== undefined ? { body } : {}) });
      assert.ok(r.status < 500, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
      if (method === 'HEAD' || r.status === 204 || r.headers['content-type'] === 'text/event-stream')
        continue;
      if (r.headers['content-type'] !== 'application/json') {
        assert.ok(r.status === 200 && !path.startsWith('/api/'), `${what}: not JSON`);
        continue;
      }
      const env = JSON.parse(r.text) as Record<string, unknown>;
      assert.deepEqual(Object.keys(env).sort(), ['result', 'status'], what);
      if (r.status >= 400) {
        const structured = r.status === 403 && path.includes('/request_token');
        assert.ok(typeof env['result'] === 'string' || structured, `${what}: ${r.text.slice(0, 200)}`);
        if (typeof env['result'] === 'string') assert.equal(env['status'], 'failed', what);
      }
    }
    await stillServes(node);
  });
});

/** A small seeded PRNG (mulberry32) so that a failing fuzz case can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(rand: () => number, length: number, anyChar = false): string {
  const alphabet = 'abcXYZ019._-~%/ #?&=+:@!$\'"()*,;[]{}\\^`|<>';
  let s = '';
  for (let i = 0; i < length; i++) {
    s += anyChar
      ? String.fromCharCode(Math.floor(rand() * 0x3000))
      : alphabet[Math.floor(rand() * alphabet.length)];
  }
  return s;
}

/** Paths must be requestable: keep them to printable ASCII without spaces. */
function safePath(p: string): string {
  return p.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
}

function randomJson(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.35) {
    return [
      null,
      true,
      false,
      Math.floor(rand() * 1e6) - 5e5,
      rand() * 1e300,
      '',
      randomText(rand, 10),
      'x'.repeat(300),
    ][Math.floor(rand() * 8)];
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth - 1));
  const keys = [
    'display_name',
    'role',
    'payload',
    'type',
    'digits',
    'text',
    'destination',
    'protocol',
    'token',
    'conference_alias',
    'pin',
    '__proto__',
    'constructor',
    randomText(rand, 5),
  ];
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--)
    o[keys[Math.floor(rand() * keys.length)]!] = randomJson(rand, depth - 1);
  return o;
}

/** Bodies that nearly make sense, to get past the first checks. */
function plausibleBody(
  rand: () => number,
  pick: <T>(xs: readonly T[]) => T,
  uuid: string,
): Record<string, unknown> {
  return pick([
    {
      display_name: pick(['Fuzzy', '', ' ', 'x'.repeat(300)]),
      conference_extension: pick(['100', '200', '__proto__', 'x']),
    },
    { role: pick(['chair', 'guest', 'HOST', 'GUEST', 'host', null]) },
    { type: pick(['text/plain', 'application/json', 'x']), payload: pick(['hi', '', 5, 'x'.repeat(70_000)]) },
    { digits: pick(['123', '#*', 'abc', '']) },
    { text: pick(['overlay', '', 7]) },
    {
      role: pick(['HOST', 'GUEST']),
      destination: pick(['sip:a@b.c', 'busy@x', 'rtmp://x/y', '', uuid]),
      protocol: pick(['sip', 'auto', 'rtmp', 'x']),
    },
    {
      conference_alias: pick(['meet.alice', 'meet.bob', 'meet.carol', 'nowhere']),
      role: pick(['host', 'guest']),
      pin: pick(['1234', '5678', undefined]),
    },
    { reason: 'User initiated disconnect' },
    { token: randomText(rand, 20), display_name: 'T' },
  ]);
}
