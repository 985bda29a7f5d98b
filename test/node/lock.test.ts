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

describe('lock, waiting room and admission', () => {
  it('lock/unlock answer true and announce `locked` in conference_update', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    const r = await node.api('meet.alice', 'lock', { token: a.token });
    assert.deepEqual(r.body, { status: 'success', result: true });
    assert.equal((await ra.next('conference_update')).data.locked, true);
    const st = await node.api('meet.alice', 'conference_status', { token: a.token, method: 'GET' });
    assert.equal((st.body.result as any).locked, true);
    await node.api('meet.alice', 'unlock', { token: a.token });
    assert.equal((await ra.next('conference_update')).data.locked, false);
  });

  it('holds newcomers: waiting_room in request_token and in everyone’s roster (even would-be Hosts)', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    await node.api('meet.alice', 'lock', { token: a.token });
    const w = await node.join('meet.alice', 'W');
    assert.equal(w.serviceType, 'waiting_room');
    assert.equal(w.role, 'HOST');
    const created = await ra.next('participant_create', (p) => p.uuid === w.uuid);
    assert.equal(created.data.service_type, 'waiting_room');
    const list = await node.api('meet.alice', 'participants', { token: a.token });
    assert.equal((list.body.result as any[]).find((p) => p.uuid === w.uuid).service_type, 'waiting_room');
  });

  it('lets a Host-PIN holder bypass the lock of a hosted room, not a Guest', async () => {
    const node = await testNode();
    const h = await node.join('meet.bob', 'H', { pin: '1234' });
    await node.api('meet.bob', 'lock', { token: h.token });
    const h2 = await node.join('meet.bob', 'H2', { pin: '1234' });
    assert.equal(h2.serviceType, 'conference');
    const g = await node.join('meet.bob', 'G', { pin: 'none' });
    assert.equal(g.serviceType, 'waiting_room');
    const c = await node.join('meet.carol', 'C', { pin: '1234' });
    await node.api('meet.carol', 'lock', { token: c.token });
    assert.equal((await node.join('meet.carol', 'CG', { pin: '5678' })).serviceType, 'waiting_room');
    assert.equal((await node.join('meet.carol', 'CH', { pin: '1234' })).serviceType, 'conference');
  });

  it('shows a waiting participant only itself, then a full sync (and its own update) once admitted', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const ra = await stream(node, 'meet.alice', a.token);
    await node.api('meet.alice', 'lock', { token: a.token });
    const w = await node.join('meet.alice', 'W');
    const rw = await EventReader.open(node, 'meet.alice', w.token);
    await rw.next('conference_update');
    const firstSync = rw.log.filter((e) => e.event === 'participant_create').map((e) => e.data.uuid);
    assert.deepEqual(firstSync, [w.uuid]);
    rw.events.splice(0);
    // While waiting, it hears nothing of the others' roster changes.
    await node.api('meet.alice', `participants/${b.uuid}/buzz`, { token: b.token });
    await ra.next('participant_update', (p) => p.uuid === b.uuid);
    await settle(node, w.token, rw);
    assert.equal(pending(rw, 'participant_update', (p) => p.uuid === b.uuid).length, 0);

    const r = await node.api('meet.alice', `participants/${w.uuid}/unlock`, { token: a.token });
    assert.deepEqual(r.body, { status: 'success', result: true });
    const upd = await ra.next('participant_update', (p) => p.uuid === w.uuid);
    assert.equal(upd.data.service_type, 'conference');
    await rw.next('participant_sync_begin');
    await rw.next('participant_sync_end');
    const creates = pending(rw, 'participant_create').map((e) => e.data.uuid);
    assert.deepEqual(creates.sort(), [a.uuid, b.uuid, w.uuid].sort());
    const self = await rw.next('participant_update', (p) => p.uuid === w.uuid);
    assert.equal(self.data.service_type, 'conference');
    // The conference stays locked for the next one.
    assert.equal((await node.join('meet.alice', 'X')).serviceType, 'waiting_room');
    // Admitting someone who is not waiting answers false.
    const again = await node.api('meet.alice', `participants/${w.uuid}/unlock`, { token: a.token });
    assert.deepEqual(again.body, { status: 'success', result: false });
  });

  it('rejects a waiting participant with participants/<uuid>/disconnect', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    await node.api('meet.alice', 'lock', { token: a.token });
    const w = await node.join('meet.alice', 'W');
    const rw = await stream(node, 'meet.alice', w.token);
    const r = await node.api('meet.alice', `participants/${w.uuid}/disconnect`, { token: a.token });
    assert.equal(r.status, 200);
    assert.deepEqual((await rw.next('disconnect')).data, { reason: 'Disconnected by another participant' });
    await rw.closed;
    await ra.next('participant_delete', (p) => p.uuid === w.uuid);
    const dead = await node.api('meet.alice', 'conference_status', { token: w.token, method: 'GET' });
    assert.equal(dead.status, 403);
  });

  it('admits everyone waiting when the conference is unlocked', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    await node.api('meet.alice', 'lock', { token: a.token });
    const w1 = await node.join('meet.alice', 'W1');
    const w2 = await node.join('meet.alice', 'W2');
    const rw1 = await stream(node, 'meet.alice', w1.token);
    await node.api('meet.alice', 'unlock', { token: a.token });
    for (const w of [w1, w2]) {
      const upd = await ra.next('participant_update', (p) => p.uuid === w.uuid);
      assert.equal(upd.data.service_type, 'conference');
    }
    await rw1.next('participant_sync_begin');
    const st = await rw1.next('conference_update', (s) => s.locked === false);
    assert.equal(st.data.locked, false);
    const list = await node.api('meet.alice', 'participants', { token: w2.token });
    assert.equal(list.status, 200);
    assert.equal((list.body.result as any[]).length, 3);
  });

  it('refuses chat and commands from a waiting participant (403 string)', async () => {
    const node = await testNode();
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    await node.api('meet.alice', 'lock', { token: a.token });
    await ra.next('conference_update', (s) => s.locked === true);
    const w = await node.join('meet.alice', 'W');
    await ra.next('participant_create', (p) => p.uuid === w.uuid);
    const own = (cmd: string) => `participants/${w.uuid}/${cmd}`;
    const attempts: [string, unknown][] = [
      ['message', { type: 'text/plain', payload: 'let me in' }],
      [`participants/${a.uuid}/message`, { type: 'text/plain', payload: 'psst' }],
      ['lock', undefined],
      ['unlock', undefined],
      ['muteguests', undefined],
      ['clearallbuzz', undefined],
      ['start_conference', undefined],
      ['disconnect', undefined],
      ['dial', { role: 'GUEST', destination: 'sip:x@example.com', protocol: 'sip' }],
      [own('unlock'), undefined],
      [own('buzz'), undefined],
      [own('mute'), undefined],
      [own('unmute'), undefined],
      [own('video_muted'), undefined],
      [own('client_mute'), undefined],
      [own('take_floor'), undefined],
      [own('dtmf'), { digits: '1' }],
      [own('spotlighton'), undefined],
      [own('role'), { role: 'chair' }],
      [`participants/${a.uuid}/disconnect`, undefined],
      [`participants/${a.uuid}/mute`, undefined],
    ];
    for (const [path, body] of attempts) {
      const r = await node.api('meet.alice', path, { token: w.token, ...(body ? { body } : {}) });
      assert.equal(r.status, 403, path);
      assert.equal(r.body.status, 'failed', path);
      assert.equal(typeof r.body.result, 'string', path);
    }
    const roster = await node.api('meet.alice', 'participants', { token: w.token });
    assert.equal(roster.status, 403);
    // Nothing of it reached the Host.
    await settle(node, a.token, ra);
    assert.deepEqual(ra.events, []);
    assert.equal(node.state.conferenceFor('meet.alice')?.locked, true);
  });

  it('only Hosts lock, unlock and admit', async () => {
    const node = await testNode();
    const h = await node.join('meet.bob', 'H', { pin: '1234' });
    const g = await node.join('meet.bob', 'G', { pin: 'none' });
    for (const path of ['lock', 'unlock']) {
      const r = await node.api('meet.bob', path, { token: g.token });
      assert.equal(r.status, 403, path);
      assert.equal(typeof r.body.result, 'string');
    }
    await node.api('meet.bob', 'lock', { token: h.token });
    const w = await node.join('meet.bob', 'W', { pin: 'none' });
    const r = await node.api('meet.bob', `participants/${w.uuid}/unlock`, { token: g.token });
    assert.equal(r.status, 403);
    assert.equal(node.state.participantFor(w.token)?.serviceType, 'waiting_room');
  });
});
