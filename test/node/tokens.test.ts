import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventReader, testNode } from './helpers.js';

describe('request_token', async () => {
  const node = await testNode();

  it('grants Host to everyone in a room without PINs, with the exact response shape', async () => {
    const r = await node.api('meet.alice', 'request_token', { body: { display_name: 'Alice' } });
    assert.equal(r.status, 200);
    assert.equal(r.contentType, 'application/json');
    assert.equal(r.body.status, 'success');
    const res = r.body.result as Record<string, unknown>;
    assert.equal(typeof res['expires'], 'string');
    assert.match(res['token'] as string, /^[A-Za-z0-9_-]+$/);
    assert.equal(res['role'], 'HOST');
    assert.equal(res['current_service_type'], 'conference');
    assert.deepEqual(Object.keys(res['version'] as object).sort(), ['pseudo_version', 'version_id']);
    assert.equal(res['chat_enabled'], true);
    assert.equal('stun' in res, false, 'an empty stun list breaks the SDK; it must be left out');
  });

  it('answers every alias also as alias@domain, case-insensitively', async () => {
    const j = await node.join('MEET.Alice@example.com', 'Al');
    assert.equal(j.role, 'HOST');
  });

  it('answers unknown aliases with 404 and status failed', async () => {
    const r = await node.api('meet.nobody', 'request_token', { body: { display_name: 'X' } });
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { status: 'failed', result: 'Neither conference nor gateway found' });
  });

  describe('meet.bob: Host PIN, Guests without PIN', () => {
    it('challenges with pin required / guest_pin none', async () => {
      const r = await node.api('meet.bob', 'request_token', { body: { display_name: 'B' } });
      assert.equal(r.status, 403);
      const res = r.body.result as Record<string, unknown>;
      assert.equal(res['pin'], 'required');
      assert.equal(res['guest_pin'], 'none');
      assert.ok(res['version']);
    });
    it('Host PIN → HOST; trailing # is optional', async () => {
      assert.equal((await node.join('meet.bob', 'H', { pin: '1234' })).role, 'HOST');
      assert.equal((await node.join('meet.bob', 'H2', { pin: '1234#' })).role, 'HOST');
    });
    it('pin "none" → GUEST', async () => {
      assert.equal((await node.join('meet.bob', 'G', { pin: 'none' })).role, 'GUEST');
    });
    it('a wrong PIN → 403 "Invalid PIN"', async () => {
      const r = await node.api('meet.bob', 'request_token', { body: { display_name: 'B' }, pin: '9999' });
      assert.equal(r.status, 403);
      assert.equal(r.body.result, 'Invalid PIN');
    });
  });

  describe('meet.carol: Host PIN and Guest PIN', () => {
    it('challenges with both required', async () => {
      const r = await node.api('meet.carol', 'request_token', { body: { display_name: 'C' } });
      assert.deepEqual(
        { pin: (r.body.result as any).pin, guest_pin: (r.body.result as any).guest_pin },
        { pin: 'required', guest_pin: 'required' },
      );
    });
    it('the PIN decides the role', async () => {
      assert.equal((await node.join('meet.carol', 'H', { pin: '1234' })).role, 'HOST');
      assert.equal((await node.join('meet.carol', 'G', { pin: '5678' })).role, 'GUEST');
    });
    it('"none" is not accepted when Guests need a PIN', async () => {
      const r = await node.api('meet.carol', 'request_token', { body: { display_name: 'C' }, pin: 'none' });
      assert.equal(r.status, 403);
      assert.equal(r.body.result, 'Invalid PIN');
    });
  });

  it('limits wrong PINs per address and conference', async () => {
    const n = await testNode({ pinRetries: 3 });
    const wrong = () => n.api('meet.carol', 'request_token', { body: { display_name: 'C' }, pin: '0000' });
    assert.equal((await wrong()).body.result, 'Invalid PIN');
    assert.equal((await wrong()).body.result, 'Invalid PIN');
    assert.equal((await wrong()).body.result, 'Participant exceeded PIN entry retries');
    const right = await n.api('meet.carol', 'request_token', { body: { display_name: 'C' }, pin: '1234' });
    assert.equal(right.body.result, 'Participant exceeded PIN entry retries');
    // Another conference is not affected.
    assert.equal((await n.join('meet.bob', 'B', { pin: '1234' })).role, 'HOST');
  });

  describe('Virtual Reception', () => {
    it('asks for an extension', async () => {
      const r = await node.api('reception', 'request_token', { body: { display_name: 'V' } });
      assert.equal(r.status, 403);
      assert.deepEqual(r.body.result, {
        conference_extension: 'required',
        conference_extension_type: 'standard',
      });
    });
    it('routes extension 100 to meet.alice; URLs keep the reception alias', async () => {
      const j = await node.join('reception', 'V', { extension: '100' });
      assert.equal(j.result['service_name'], 'meet.alice');
      const p = await node.api('reception', 'participants', { token: j.token, method: 'GET' });
      assert.equal(p.status, 200);
      const me = (p.body.result as any[]).find((x) => x.uuid === j.uuid);
      assert.equal(me.local_alias, 'meet.alice');
    });
    it('asks for the PIN of a protected target and remembers the extension', async () => {
      const r = await node.api('reception', 'request_token', {
        body: { display_name: 'V', conference_extension: '200' },
      });
      assert.equal(r.status, 403);
      assert.equal((r.body.result as any).conference_extension, 'standard');
      const j = await node.join('reception', 'V', { extension: '200', pin: '1234' });
      assert.equal(j.role, 'HOST');
      assert.equal(j.result['service_name'], 'meet.bob');
    });
    it('answers an unknown extension with 404', async () => {
      const r = await node.api('reception', 'request_token', {
        body: { display_name: 'V', conference_extension: '999' },
      });
      assert.equal(r.status, 404);
      assert.equal(r.body.result, 'Conference extension not found');
    });
  });

  it('answers "Disabled" when Infinity Connect clients are switched off', async () => {
    const n = await testNode({ clientsEnabled: false });
    const r = await n.api('meet.alice', 'request_token', { body: { display_name: 'A' } });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { status: 'failed', result: 'Disabled' });
  });

  it('turns the third participant of meet.small away: "Participant limit reached"', async () => {
    const n = await testNode();
    await n.join('meet.small', 'One');
    await n.join('meet.small', 'Two');
    const r = await n.api('meet.small', 'request_token', { body: { display_name: 'Three' } });
    assert.equal(r.status, 403);
    assert.equal(r.body.result, 'Participant limit reached');
  });
});

describe('refresh_token, release_token and expiry', async () => {
  const node = await testNode({ tokenExpiresSeconds: 2 });

  it('refresh gives a new token; the old one still works for requests in flight (grace)', async () => {
    const j = await node.join('meet.alice', 'R');
    const r = await node.api('meet.alice', 'refresh_token', { token: j.token });
    assert.equal(r.status, 200);
    const res = r.body.result as Record<string, unknown>;
    assert.notEqual(res['token'], j.token);
    assert.equal(res['expires'], '2');
    const old = await node.api('meet.alice', 'conference_status', { token: j.token, method: 'GET' });
    assert.equal(old.status, 200);
    const fresh = await node.api('meet.alice', 'conference_status', {
      token: res['token'] as string,
      method: 'GET',
    });
    assert.equal(fresh.status, 200);
  });

  it('drops a participant that stops refreshing, telling it why', async () => {
    const a = await node.join('meet.alice', 'Stays');
    const b = await node.join('meet.alice', 'Lapses');
    const ea = await EventReader.open(node, 'meet.alice', a.token);
    const eb = await EventReader.open(node, 'meet.alice', b.token);
    // A keeps refreshing, B does not.
    let token = a.token;
    const keep = setInterval(async () => {
      const r = await node.api('meet.alice', 'refresh_token', { token });
      if (r.status === 200) token = (r.body.result as any).token;
    }, 500);
    try {
      const bye = await eb.next('disconnect', () => true, 4000);
      assert.deepEqual(bye.data, { reason: 'Timer expired awaiting token refresh' });
      await ea.next('participant_delete', (d) => d.uuid === b.uuid, 1000);
      const r = await node.api('meet.alice', 'refresh_token', { token: b.token });
      assert.equal(r.status, 403);
      assert.equal(r.body.result, 'Invalid token');
    } finally {
      clearInterval(keep);
    }
  });

  it('release_token removes the participant and is idempotent (403, never 404)', async () => {
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const ea = await EventReader.open(node, 'meet.alice', a.token);
    const r = await node.api('meet.alice', 'release_token', {
      token: b.token,
      body: { reason: 'User initiated disconnect' },
    });
    assert.deepEqual(r.body, { status: 'success', result: true });
    await ea.next('participant_delete', (d) => d.uuid === b.uuid);
    const again = await node.api('meet.alice', 'release_token', { token: b.token });
    assert.equal(again.status, 403);
  });

  it('accepts the release beacon with the token in the query', async () => {
    const a = await node.join('meet.alice', 'Beacon');
    const res = await fetch(
      `${node.url}/api/client/v2/conferences/meet.alice/release_token?token=${a.token}`,
      { method: 'POST', body: JSON.stringify({ reason: 'Browser closed' }) },
    );
    assert.equal(res.status, 200);
    // The node answers once the participant is gone: nothing to wait for.
    assert.equal(node.state.participantFor(a.token), undefined);
  });
});
