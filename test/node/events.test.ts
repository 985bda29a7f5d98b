import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventReader, pending, settle, testNode } from './helpers.js';

const SYNC_HEAD = 'participant_sync_begin';
const SYNC_END = 'participant_sync_end';

/** Waits for the opening burst (up to the first `conference_update`), consumes it and describes it. */
async function opening(r: EventReader): Promise<{ names: string[]; creates: any[] }> {
  const update = await r.next('conference_update');
  const burst = r.log.slice(0, r.log.indexOf(update) + 1);
  for (const e of burst) {
    const i = r.events.indexOf(e);
    if (i >= 0) r.events.splice(i, 1);
  }
  return {
    names: burst.map((e) => e.event),
    creates: burst.filter((e) => e.event === 'participant_create').map((e) => e.data),
  };
}

describe('event stream', () => {
  it('answers 200 text/event-stream, uncached, and flushes the headers at once', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const ctrl = new AbortController();
    const res = await fetch(`${node.url}/api/client/v2/conferences/meet.alice/events?token=${a.token}`, {
      signal: ctrl.signal,
    });
    try {
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/event-stream');
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    } finally {
      ctrl.abort();
    }
  });

  it('opens with sync_begin, one participant_create per participant (self included), sync_end, conference_update', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const c = await node.join('meet.alice', 'C');
    const r = await EventReader.open(node, 'meet.alice', b.token);
    const { names, creates } = await opening(r);
    assert.deepEqual(names, [
      SYNC_HEAD,
      'participant_create',
      'participant_create',
      'participant_create',
      SYNC_END,
      'conference_update',
    ]);
    assert.deepEqual(creates.map((p) => p.uuid).sort(), [a.uuid, b.uuid, c.uuid].sort());
    const self = creates.find((p) => p.uuid === b.uuid);
    assert.equal(self.display_name, 'B');
    assert.equal(self.role, 'chair');
    assert.equal(self.service_type, 'conference');
  });

  it('sends the conference status in the opening conference_update', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const r = await EventReader.open(node, 'meet.alice', a.token);
    const upd = await r.next('conference_update');
    assert.equal(upd.data.locked, false);
    assert.equal(upd.data.guests_muted, false);
    assert.equal(upd.data.started, true);
  });

  it('gives every new stream (a reconnect) a full re-sync of the current roster', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const first = await EventReader.open(node, 'meet.alice', a.token);
    assert.equal((await opening(first)).creates.length, 2);
    first.close();
    await first.closed;
    // The roster changes while A is away.
    await node.api('meet.alice', 'release_token', { token: b.token });
    const c = await node.join('meet.alice', 'C');
    const second = await EventReader.open(node, 'meet.alice', a.token);
    const { names, creates } = await opening(second);
    assert.equal(names[0], SYNC_HEAD);
    assert.deepEqual(creates.map((p) => p.uuid).sort(), [a.uuid, c.uuid].sort());
    // Two streams at once: both get their own sync, and both get later events.
    const third = await EventReader.open(node, 'meet.alice', a.token);
    assert.equal((await opening(third)).creates.length, 2);
    assert.equal(pending(second, SYNC_HEAD).length, 0, 'opening a stream must not re-sync the others');
    const d = await node.join('meet.alice', 'D');
    await second.next('participant_create', (p) => p.uuid === d.uuid);
    await third.next('participant_create', (p) => p.uuid === d.uuid);
  });

  it('puts a JSON data line and an id on every event (null for the sync brackets, {} for presentation_stop)', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const r = await EventReader.open(node, 'meet.alice', a.token);
    await r.next('conference_update');
    // Exercise many event kinds towards A.
    await node.api('meet.alice', `participants/${b.uuid}/buzz`, { token: b.token });
    await node.api('meet.alice', 'message', { token: b.token, body: { type: 'text/plain', payload: 'hi' } });
    await node.api('meet.alice', `participants/${b.uuid}/take_floor`, { token: b.token });
    await node.api('meet.alice', `participants/${b.uuid}/release_floor`, { token: b.token });
    await node.api('meet.alice', 'lock', { token: a.token });
    await node.api('meet.alice', 'release_token', { token: b.token });
    await node.api('meet.alice', 'disconnect', { token: a.token });
    await r.next('disconnect');
    await r.closed;
    const all = r.log;
    const seen = new Set(all.map((e) => e.event));
    for (const name of [
      SYNC_HEAD,
      SYNC_END,
      'participant_create',
      'participant_update',
      'participant_delete',
      'conference_update',
      'message_received',
      'presentation_start',
      'presentation_stop',
    ]) {
      assert.ok(seen.has(name), `expected a ${name} event`);
    }
    const ids = new Set<string>();
    for (const e of all) {
      assert.ok('data' in e && e.data !== undefined, `${e.event} has no data line`);
      assert.ok(e.id && e.id.length > 0, `${e.event} has no id`);
      assert.ok(!ids.has(e.id), `event id ${e.id} repeated on one stream`);
      ids.add(e.id);
      if (e.event === SYNC_HEAD || e.event === SYNC_END) assert.equal(e.data, null);
      if (e.event === 'presentation_stop') assert.deepEqual(e.data, {});
    }
  });

  it('accepts the token in a `token` header as well as in the query', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const r = await EventReader.open(node, 'meet.alice', a.token, true);
    assert.equal(r.status, 200);
    const { creates } = await opening(r);
    assert.deepEqual(
      creates.map((p) => p.uuid),
      [a.uuid],
    );
  });

  it('refuses a missing, unknown or foreign token with 403 JSON "Invalid token"', async () => {
    const node = await testNode();
    const bob = await node.join('meet.bob', 'H', { pin: '1234' });
    const cases: [string, RequestInit][] = [
      ['events', {}],
      ['events?token=', {}],
      ['events?token=not-a-token', {}],
      ['events', { headers: { token: 'not-a-token' } }],
      [`events?token=${bob.token}`, {}],
    ];
    for (const [path, init] of cases) {
      const res = await fetch(`${node.url}/api/client/v2/conferences/meet.alice/${path}`, {
        ...init,
        signal: AbortSignal.timeout(3000),
      });
      assert.equal(res.status, 403, path);
      assert.equal(res.headers.get('content-type'), 'application/json', path);
      assert.deepEqual(await res.json(), { status: 'failed', result: 'Invalid token' }, path);
    }
  });

  it('tells the others of participant_create, participant_update and participant_delete', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const ra = await EventReader.open(node, 'meet.alice', a.token);
    await opening(ra);
    const b = await node.join('meet.alice', 'B');
    const created = await ra.next('participant_create', (p) => p.uuid === b.uuid);
    assert.equal(created.data.display_name, 'B');
    assert.equal(created.data.protocol, 'api');
    assert.equal(created.data.has_media, false);
    const rb = await EventReader.open(node, 'meet.alice', b.token);
    await rb.next('conference_update');

    await node.api('meet.alice', `participants/${b.uuid}/buzz`, { token: b.token });
    const updated = await ra.next('participant_update', (p) => p.uuid === b.uuid);
    assert.ok(updated.data.buzz_time > 0);
    // The full object, not a delta.
    assert.equal(updated.data.display_name, 'B');
    assert.equal(updated.data.role, 'chair');

    await node.api('meet.alice', 'release_token', { token: b.token });
    const deleted = await ra.next('participant_delete', (p) => p.uuid === b.uuid);
    assert.deepEqual(deleted.data, { uuid: b.uuid });
    // The one who left does not receive its own delete: its stream is closed.
    await rb.closed;
    assert.equal(pending(rb, 'participant_delete').length, 0);
    await settle(node, a.token, ra);
    assert.equal(pending(ra, 'participant_create').length, 0);
  });
});
