/**
 * The node's route table (`ROUTES` in conferencing-node/api.ts) against the protocol brief's list of
 * endpoints (test/fixtures/client-api-endpoints.json, extracted from the brief): both ways, and
 * against the running node (the table is what dispatches).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { NOT_IMPLEMENTED, ROUTES } from '../../conferencing-node/api.js';
import { testNode } from './helpers.js';

interface BriefEndpoint {
  method: 'GET' | 'POST';
  path: string;
  section: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/client-api-endpoints.json', import.meta.url), 'utf8'),
) as { provenance: string; endpoints: BriefEndpoint[] };
const key = (e: { method: string; path: string }): string => `${e.method} ${e.path}`;
/** The brief names path parameters differently in places; the table always says `{uuid}`. */
const brief = new Map(fixture.endpoints.map((e) => [key(e), e]));
const routed = new Map(ROUTES.map((r) => [key(r), r]));

describe('route table', () => {
  it('lists every route once', (t) => {
    t.diagnostic(`${ROUTES.length} routes:\n${[...routed.keys()].join('\n')}`);
    assert.equal(routed.size, ROUTES.length, 'a route is declared twice');
    assert.match(fixture.provenance, /protocol brief/);
    assert.ok(fixture.endpoints.length > 50, 'the fixture lost endpoints');
    assert.equal(brief.size, fixture.endpoints.length, 'the fixture names an endpoint twice');
  });

  it('routes every endpoint of the brief, or says why not', () => {
    const missing = [...brief.keys()].filter((k) => !routed.has(k) && !NOT_IMPLEMENTED[k]?.trim());
    assert.deepEqual(missing, [], 'brief endpoints neither routed nor listed as not implemented');
    const both = Object.keys(NOT_IMPLEMENTED).filter((k) => routed.has(k));
    assert.deepEqual(both, [], 'listed as not implemented but routed');
    const stale = Object.keys(NOT_IMPLEMENTED).filter((k) => !brief.has(k));
    assert.deepEqual(stale, [], 'listed as not implemented but not in the brief');
  });

  it('has no route the brief does not name, except local ones with a reason', () => {
    const extra = ROUTES.filter((r) => !brief.has(key(r)) && !r.local?.trim()).map(key);
    assert.deepEqual(extra, [], 'routes missing from the brief without a `local` reason');
    const needless = ROUTES.filter((r) => brief.has(key(r)) && r.local !== undefined).map(key);
    assert.deepEqual(needless, [], 'routes marked local that the brief names');
  });

  it('dispatches from the table: a routed path refuses the other method (405), an unrouted one is 404', async () => {
    const node = await testNode({
      requestsPerSecondPerToken: 1_000_000,
      requestBurstPerToken: 1_000_000,
      requestsPerSecondPerAddress: 1_000_000,
      requestBurstPerAddress: 1_000_000,
    });
    const a = await node.join('meet.alice', 'A');
    const concrete = (path: string): string =>
      path.replace('{uuid}', a.uuid).replace('{call_uuid}', 'no-such-call').replace('{mix}', 'main');
    const send = async (method: string, path: string): Promise<{ status: number; result: unknown }> => {
      const res = await fetch(`${node.url}/api/client/v2/conferences/meet.alice/${concrete(path)}`, {
        method,
        headers: { token: a.token },
      });
      const body = (await res.json()) as { result: unknown };
      return { status: res.status, result: body.result };
    };
    for (const r of ROUTES) {
      if (routed.has(key({ method: r.method === 'GET' ? 'POST' : 'GET', path: r.path }))) continue;
      const reply = await send(r.method === 'GET' ? 'POST' : 'GET', r.path);
      assert.deepEqual(reply, { status: 405, result: 'Method not allowed' }, key(r));
    }
    for (const k of Object.keys(NOT_IMPLEMENTED)) {
      const [method = '', path = ''] = k.split(' ');
      const reply = await send(method, path);
      assert.deepEqual(reply, { status: 404, result: '404 Not Found' }, k);
    }
    assert.ok(node.state.participantFor(a.token), 'none of that removed the participant');
    assert.deepEqual(node.unexpected, []);
  });
});
