import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testNode, type TestNode } from './helpers.js';

const ALLOWED = 'https://portal.example.org';
const PREFIX = '/api/client/v2/conferences/';

function call(node: TestNode, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${node.url}${PREFIX}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
}

async function joinFrom(
  node: TestNode,
  origin: string,
  alias = 'meet.alice',
  pin?: string,
): Promise<Response> {
  return call(node, `${alias}/request_token`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...(pin ? { pin } : {}) },
    body: JSON.stringify({ display_name: 'Cross' }),
  });
}

describe('CORS (allowedOrigins)', () => {
  it('answers a preflight from an allowed origin with the origin and headers token, pin, content-type', async () => {
    const node = await testNode();
    for (const path of ['meet.alice/request_token', 'meet.alice/participants/x/mute', 'meet.alice/events']) {
      const res = await call(node, path, {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'token, pin, content-type',
        },
      });
      assert.ok(res.status === 204 || res.status === 200, `${path}: ${res.status}`);
      assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
      const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase());
      for (const h of ['token', 'pin', 'content-type']) assert.ok(allowHeaders.includes(h), `${h} allowed`);
      const methods = res.headers.get('access-control-allow-methods') ?? '';
      assert.match(methods, /POST/);
      assert.match(methods, /GET/);
      assert.match(res.headers.get('vary') ?? '', /Origin/i);
    }
  });

  it('serves the actual requests of an allowed origin, errors and event streams included', async () => {
    const node = await testNode();
    const res = await joinFrom(node, ALLOWED);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
    const token = ((await res.json()) as any).result.token as string;
    // The PIN challenge must be readable cross-origin too, or the SDK cannot ask for the PIN.
    const challenge = await joinFrom(node, ALLOWED, 'meet.bob');
    assert.equal(challenge.status, 403);
    assert.equal(challenge.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(((await challenge.json()) as any).result.pin, 'required');
    const bad = await call(node, 'meet.alice/conference_status', {
      headers: { origin: ALLOWED, token: 'nope' },
    });
    assert.equal(bad.status, 403);
    assert.equal(bad.headers.get('access-control-allow-origin'), ALLOWED);
    const ctrl = new AbortController();
    const events = await fetch(`${node.url}${PREFIX}meet.alice/events?token=${token}`, {
      headers: { origin: ALLOWED },
      signal: ctrl.signal,
    });
    assert.equal(events.status, 200);
    assert.equal(events.headers.get('access-control-allow-origin'), ALLOWED);
    ctrl.abort();
  });

  it('refuses an unlisted Origin with 403 JSON, preflight or not, and changes nothing', async () => {
    const node = await testNode();
    for (const origin of [
      'https://evil.example',
      'http://portal.example.org',
      'https://portal.example.org:8443',
      'https://portal.example.org.evil.example',
      'null',
      '',
    ]) {
      const pre = await call(node, 'meet.alice/request_token', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      assert.equal(pre.status, 403, `preflight ${origin}`);
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
      const res = await joinFrom(node, origin);
      assert.equal(res.status, 403, origin);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(await res.json(), { status: 'failed', result: 'Origin not allowed' });
    }
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.size, 0);
  });

  it('serves same-origin requests and requests without an Origin', async () => {
    const node = await testNode();
    const same = await joinFrom(node, node.url);
    assert.equal(same.status, 200);
    const none = await call(node, 'meet.alice/request_token', {
      method: 'POST',
      body: JSON.stringify({ display_name: 'Local' }),
    });
    assert.equal(none.status, 200);
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.size, 2);
  });

  it('takes allowed origins from the configuration as well (a trailing slash is ignored)', async () => {
    const node = await testNode({ allowedOrigins: ['https://intranet.example.com/'] });
    assert.equal((await joinFrom(node, 'https://intranet.example.com')).status, 200);
    assert.equal((await joinFrom(node, ALLOWED)).status, 200);
    assert.equal((await joinFrom(node, 'https://other.example.com')).status, 403);
  });
});
