import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventReader, pending, settle, testNode, type TestNode } from './helpers.js';

/** A reader past its opening burst. */
async function stream(node: TestNode, alias: string, token: string): Promise<EventReader> {
  const r = await EventReader.open(node, alias, token);
  await r.next('conference_update');
  r.events.splice(0);
  return r;
}

async function trio(node: TestNode, alias = 'meet.alice') {
  const a = await node.join(alias, 'Alice');
  const b = await node.join(alias, 'Bob');
  const c = await node.join(alias, 'Carol');
  return {
    a,
    b,
    c,
    ra: await stream(node, alias, a.token),
    rb: await stream(node, alias, b.token),
    rc: await stream(node, alias, c.token),
  };
}

describe('chat', () => {
  it('delivers message_received {origin, uuid, type, payload, direct:false} to the others, not to the sender', async () => {
    const node = await testNode();
    const { a, b, ra, rb, rc } = await trio(node);
    const payload = 'Hello “world” ✓\nsecond line';
    const r = await node.api('meet.alice', 'message', {
      token: a.token,
      body: { type: 'text/plain', payload },
    });
    assert.deepEqual(r.body, { status: 'success', result: true });
    for (const rr of [rb, rc]) {
      const m = await rr.next('message_received');
      assert.deepEqual(m.data, { origin: 'Alice', uuid: a.uuid, type: 'text/plain', payload, direct: false });
    }
    await settle(node, a.token, ra);
    assert.equal(pending(ra, 'message_received').length, 0, 'not echoed to the sender');
    // type defaults to text/plain; application/json is passed through.
    await node.api('meet.alice', 'message', { token: b.token, body: { payload: 'x' } });
    assert.equal((await ra.next('message_received')).data.type, 'text/plain');
    const json = JSON.stringify({ kind: 'reaction', emoji: '👍' });
    await node.api('meet.alice', 'message', {
      token: b.token,
      body: { type: 'application/json', payload: json },
    });
    const app = await ra.next('message_received');
    assert.equal(app.data.type, 'application/json');
    assert.equal(app.data.payload, json);
  });

  it('sends direct messages (participants/<uuid>/message) with direct:true to the target only', async () => {
    const node = await testNode();
    const { a, b, ra, rb, rc, c } = await trio(node);
    const r = await node.api('meet.alice', `participants/${b.uuid}/message`, {
      token: a.token,
      body: { type: 'text/plain', payload: 'just for you' },
    });
    assert.deepEqual(r.body, { status: 'success', result: true });
    const m = await rb.next('message_received');
    assert.deepEqual(m.data, {
      origin: 'Alice',
      uuid: a.uuid,
      type: 'text/plain',
      payload: 'just for you',
      direct: true,
    });
    await settle(node, c.token, rc);
    await settle(node, a.token, ra);
    assert.equal(pending(rc, 'message_received').length, 0);
    assert.equal(pending(ra, 'message_received').length, 0);
    // The node records which endpoint each message came through (test-only chatLog).
    await node.api('meet.alice', 'message', { token: c.token, body: { payload: 'to all' } });
    assert.deepEqual(node.state.chatLog('meet.alice'), [
      {
        kind: 'participant',
        from: a.uuid,
        fromName: 'Alice',
        to: b.uuid,
        toName: 'Bob',
        payload: 'just for you',
      },
      { kind: 'conference', from: c.uuid, fromName: 'Carol', payload: 'to all' },
    ]);
  });

  it('refuses chat with 403 in a room with chat disabled (meet.quiet)', async () => {
    const node = await testNode();
    const { a, b, rb } = await trio(node, 'meet.quiet');
    assert.equal((await node.join('meet.quiet', 'X')).result['chat_enabled'], false);
    const r = await node.api('meet.quiet', 'message', {
      token: a.token,
      body: { type: 'text/plain', payload: 'hi' },
    });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { status: 'failed', result: 'Chat is disabled in this conference' });
    const d = await node.api('meet.quiet', `participants/${b.uuid}/message`, {
      token: a.token,
      body: { type: 'text/plain', payload: 'hi' },
    });
    assert.equal(d.status, 403);
    await settle(node, b.token, rb);
    assert.equal(pending(rb, 'message_received').length, 0);
  });

  it('bounds and validates the message (payload a non-empty string ≤ 64 KiB, known type)', async () => {
    const node = await testNode();
    const { a, b, rb } = await trio(node);
    const max = 'x'.repeat(64 * 1024);
    const ok = await node.api('meet.alice', 'message', {
      token: a.token,
      body: { type: 'text/plain', payload: max },
    });
    assert.equal(ok.status, 200);
    assert.equal((await rb.next('message_received')).data.payload.length, 64 * 1024);
    const bad: unknown[] = [
      undefined,
      {},
      { payload: '' },
      { payload: '   ' },
      { payload: max + 'x' },
      { payload: 5 },
      { payload: null },
      { payload: ['a'] },
      { payload: { text: 'a' } },
      { type: 'text/html', payload: 'a' },
      { type: 5, payload: 'a' },
      'hello',
      ['hello'],
    ];
    for (const body of bad) {
      for (const path of ['message', `participants/${b.uuid}/message`]) {
        const r = await node.api('meet.alice', path, {
          token: a.token,
          ...(body !== undefined ? { body } : {}),
        });
        assert.equal(r.status, 400, `${path} ${JSON.stringify(body)?.slice(0, 40)}`);
        assert.equal(r.body.status, 'failed');
        assert.equal(typeof r.body.result, 'string');
      }
    }
    await settle(node, b.token, rb);
    assert.equal(pending(rb, 'message_received').length, 0);
  });

  it('refuses a direct message to someone still waiting, and to an unknown uuid', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    await node.api('meet.alice', 'lock', { token: a.token });
    const w = await node.join('meet.alice', 'W');
    const rw = await stream(node, 'meet.alice', w.token);
    const r = await node.api('meet.alice', `participants/${w.uuid}/message`, {
      token: a.token,
      body: { type: 'text/plain', payload: 'hi' },
    });
    assert.equal(r.status, 403);
    const unknown = await node.api(
      'meet.alice',
      `participants/00000000-0000-4000-8000-000000000000/message`,
      {
        token: a.token,
        body: { type: 'text/plain', payload: 'hi' },
      },
    );
    assert.equal(unknown.status, 404);
    await settle(node, w.token, rw);
    assert.equal(pending(rw, 'message_received').length, 0);
    assert.deepEqual(node.state.chatLog('meet.alice'), [], 'refused messages are not recorded');
  });
});
