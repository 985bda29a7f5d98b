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

async function room(node: TestNode, ...names: string[]) {
  const people = [];
  for (const n of names) {
    const j = await node.join('meet.alice', n);
    people.push(j);
  }
  const readers = [];
  for (const p of people) readers.push(await stream(node, 'meet.alice', p.token));
  return { people, readers };
}

const floor = (node: TestNode, uuid: string, token: string, cmd: 'take_floor' | 'release_floor') =>
  node.api('meet.alice', `participants/${uuid}/${cmd}`, { token });

describe('presentation floor', () => {
  it('take_floor answers null; presentation_start goes to everyone but the presenter', async () => {
    const node = await testNode();
    const {
      people: [a, b, c],
      readers: [ra, rb, rc],
    } = await room(node, 'A', 'B', 'C');
    const r = await floor(node, a!.uuid, a!.token, 'take_floor');
    assert.equal(r.status, 200);
    assert.equal(r.contentType, 'application/json');
    assert.deepEqual(r.body, { status: 'success', result: null });
    for (const rr of [rb!, rc!]) {
      const start = await rr.next('presentation_start');
      assert.deepEqual(start.data, { presenter_name: 'A', presenter_uri: '', presenter_uuid: a!.uuid });
      const upd = await rr.next('participant_update', (p) => p.uuid === a!.uuid);
      assert.equal(upd.data.is_presenting, 'YES');
    }
    assert.equal((await ra!.next('participant_update', (p) => p.uuid === a!.uuid)).data.is_presenting, 'YES');
    await settle(node, a!.token, ra!);
    assert.equal(pending(ra!, 'presentation_start').length, 0, 'never to the presenter itself');
    // Taking it again is harmless and silent.
    assert.deepEqual((await floor(node, a!.uuid, a!.token, 'take_floor')).body.result, null);
    await settle(node, b!.token, rb!);
    assert.equal(pending(rb!, 'presentation_start').length, 0);
    void c;
  });

  it('floor stealing: the previous presenter gets presentation_start and is_presenting NO', async () => {
    const node = await testNode();
    const {
      people: [a, b, c],
      readers: [ra, rb, rc],
    } = await room(node, 'A', 'B', 'C');
    await floor(node, a!.uuid, a!.token, 'take_floor');
    await rc!.next('presentation_start', (d) => d.presenter_uuid === a!.uuid);
    await floor(node, b!.uuid, b!.token, 'take_floor');
    const stolen = await ra!.next('presentation_start');
    assert.equal(stolen.data.presenter_uuid, b!.uuid);
    assert.equal((await rc!.next('presentation_start')).data.presenter_uuid, b!.uuid);
    const aUpd = await rc!.next('participant_update', (p) => p.uuid === a!.uuid && p.is_presenting === 'NO');
    assert.equal(aUpd.data.is_presenting, 'NO');
    await rc!.next('participant_update', (p) => p.uuid === b!.uuid && p.is_presenting === 'YES');
    await settle(node, b!.token, rb!);
    assert.equal(pending(rb!, 'presentation_start', (d) => d.presenter_uuid === b!.uuid).length, 0);
    // The old presenter's SDK then releases the floor it no longer owns: accepted, nothing happens.
    const late = await floor(node, a!.uuid, a!.token, 'release_floor');
    assert.deepEqual(late.body, { status: 'success', result: null });
    await settle(node, c!.token, rc!);
    assert.equal(pending(rc!, 'presentation_stop').length, 0);
    assert.equal(node.state.conferenceFor('meet.alice')?.presenterUuid, b!.uuid);
  });

  it('release_floor answers null and sends presentation_stop ({}) to the others', async () => {
    const node = await testNode();
    const {
      people: [a],
      readers: [ra, rb],
    } = await room(node, 'A', 'B');
    await floor(node, a!.uuid, a!.token, 'take_floor');
    await rb!.next('presentation_start');
    const r = await floor(node, a!.uuid, a!.token, 'release_floor');
    assert.deepEqual(r.body, { status: 'success', result: null });
    assert.deepEqual((await rb!.next('presentation_stop')).data, {});
    assert.equal((await rb!.next('participant_update', (p) => p.is_presenting === 'NO')).data.uuid, a!.uuid);
    await ra!.next('participant_update', (p) => p.uuid === a!.uuid && p.is_presenting === 'NO');
    await settle(node, a!.token, ra!);
    assert.equal(pending(ra!, 'presentation_stop').length, 0);
  });

  it('stops the presentation when the presenter leaves', async () => {
    const node = await testNode();
    const {
      people: [a],
      readers: [, rb],
    } = await room(node, 'A', 'B');
    await floor(node, a!.uuid, a!.token, 'take_floor');
    await rb!.next('presentation_start');
    await node.api('meet.alice', 'release_token', { token: a!.token });
    await rb!.next('presentation_stop');
    await rb!.next('participant_delete', (d) => d.uuid === a!.uuid);
    assert.equal(node.state.conferenceFor('meet.alice')?.presenterUuid, undefined);
  });

  it('gives a late joiner (and an admitted waiter) presentation_start right after its sync', async () => {
    const node = await testNode();
    const {
      people: [a],
    } = await room(node, 'A');
    await floor(node, a!.uuid, a!.token, 'take_floor');
    const late = await node.join('meet.alice', 'Late');
    const rl = await EventReader.open(node, 'meet.alice', late.token);
    const start = await rl.next('presentation_start');
    assert.equal(start.data.presenter_uuid, a!.uuid);
    const names = rl.log.map((e) => e.event);
    assert.ok(
      names.indexOf('presentation_start') > names.indexOf('conference_update') &&
        names.indexOf('conference_update') > names.indexOf('participant_sync_end'),
      names.join(','),
    );

    await node.api('meet.alice', 'lock', { token: a!.token });
    const w = await node.join('meet.alice', 'W');
    const rw = await EventReader.open(node, 'meet.alice', w.token);
    await rw.next('conference_update');
    await settle(node, w.token, rw);
    assert.equal(pending(rw, 'presentation_start').length, 0, 'not while waiting');
    await node.api('meet.alice', `participants/${w.uuid}/unlock`, { token: a!.token });
    assert.equal((await rw.next('presentation_start')).data.presenter_uuid, a!.uuid);
  });

  it('refuses take_floor for someone else, and for Guests where Guests cannot present', async () => {
    const node = await testNode({
      conferences: [
        { alias: 'meet.talk', name: 'Talk', hostPin: '1234', allowGuests: true, guestsCanPresent: false },
      ],
    });
    const h = await node.join('meet.talk', 'H', { pin: '1234' });
    const g = await node.join('meet.talk', 'G', { pin: 'none' });
    const other = await node.api('meet.talk', `participants/${g.uuid}/take_floor`, { token: h.token });
    assert.equal(other.status, 403);
    const guest = await node.api('meet.talk', `participants/${g.uuid}/take_floor`, { token: g.token });
    assert.equal(guest.status, 403);
    assert.equal(typeof guest.body.result, 'string');
    assert.equal(node.state.conferenceFor('meet.talk')?.presenterUuid, undefined);
    const host = await node.api('meet.talk', `participants/${h.uuid}/take_floor`, { token: h.token });
    assert.deepEqual(host.body, { status: 'success', result: null });
    assert.equal((await node.join('meet.talk', 'G2', { pin: 'none' })).result['guests_can_present'], false);
  });
});
