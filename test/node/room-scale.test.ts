/**
 * The cost of joining, chatting and leaving grows with the room, not with its square: counted (not
 * timed) through the node's event counters at room sizes 10 and 100. Times are in
 * bench/room-scale.bench.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventStats } from '../../conferencing-node/event-stream.js';
import { EventReader, type Joined, manualClock, testNode, type TestNode } from './helpers.js';

const ALIAS = 'meet.alice';

interface Member {
  joined: Joined;
  reader: EventReader;
}

/** Joins one participant and opens its event stream (up to the end of its roster sync). */
async function enter(node: TestNode, name: string): Promise<Member> {
  const joined = await node.join(ALIAS, name);
  const reader = await EventReader.open(node, ALIAS, joined.token);
  await reader.next('participant_sync_end', () => true, 10_000);
  reader.events.length = 0;
  return { joined, reader };
}

const snapshot = (): typeof eventStats => ({ ...eventStats });
const since = (before: typeof eventStats): typeof eventStats => ({
  serialisations: eventStats.serialisations - before.serialisations,
  events: eventStats.events - before.events,
  writes: eventStats.writes - before.writes,
});

describe('room scale', () => {
  it('one join, one chat message and one departure cost O(room) serialisations, events and writes', async () => {
    // Timers only on advance (never here): on a slow machine, building the room takes longer than
    // the streams' 15 s keepalive, whose writes would otherwise be counted as the join's.
    const node = await testNode(
      {
        maxParticipants: 500,
        requestsPerSecondPerAddress: 100_000,
        requestBurstPerAddress: 100_000,
      },
      { clock: manualClock({ realTimers: false }) },
    );
    const room: Member[] = [];
    for (const n of [10, 100]) {
      while (room.length < n) room.push(await enter(node, `P${room.length}`));

      // A join: request_token, its event stream and sync, and everyone hearing of it.
      let before = snapshot();
      const newcomer = await enter(node, `New${n}`);
      await Promise.all(
        room.map((m) => m.reader.next('participant_create', (d) => d.uuid === newcomer.joined.uuid)),
      );
      const join = since(before);
      // One serialisation of the newcomer for everyone, one per participant for its own roster sync
      // (n + 1 of them), a few fixed ones (status, sync markers); one write per stream.
      assert.ok(join.serialisations <= n + 6, `join at ${n}: ${join.serialisations} serialisations`);
      assert.ok(join.events <= 2 * n + 5, `join at ${n}: ${join.events} events`);
      assert.ok(join.writes <= n + 2, `join at ${n}: ${join.writes} writes`);
      room.push(newcomer);

      // A chat message to everyone: serialised once, one write per other stream.
      before = snapshot();
      const [sender, ...others] = room;
      const payload = `hello ${n}`;
      await node.api(ALIAS, 'message', {
        token: sender!.joined.token,
        body: { type: 'text/plain', payload },
      });
      await Promise.all(others.map((m) => m.reader.next('message_received', (d) => d.payload === payload)));
      const chat = since(before);
      assert.ok(chat.serialisations <= 2, `chat at ${n}: ${chat.serialisations} serialisations`);
      assert.ok(chat.writes <= others.length + 1, `chat at ${n}: ${chat.writes} writes`);

      // A departure: one participant_delete serialised once, one write per remaining stream.
      before = snapshot();
      const leaving = room.pop()!;
      await node.api(ALIAS, 'release_token', { token: leaving.joined.token });
      await Promise.all(
        room.map((m) => m.reader.next('participant_delete', (d) => d.uuid === leaving.joined.uuid)),
      );
      const leave = since(before);
      assert.ok(leave.serialisations <= 3, `leave at ${n}: ${leave.serialisations} serialisations`);
      assert.ok(leave.events <= room.length + 2, `leave at ${n}: ${leave.events} events`);
      assert.ok(leave.writes <= room.length + 2, `leave at ${n}: ${leave.writes} writes`);
    }
    assert.deepEqual(node.unexpected, []);
  });

  it('a long call keeps only its live tokens: refreshed ones are dropped once their grace is over', async () => {
    const clock = manualClock();
    const node = await testNode({ refreshGraceSeconds: 10 }, { clock });
    const { uuid, token: first } = await node.join(ALIAS, 'Long');
    let token = first;
    for (let i = 0; i < 20; i++) {
      const r = await node.api(ALIAS, 'refresh_token', { token, body: {} });
      assert.equal(r.status, 200);
      token = (r.body.result as { token: string }).token;
      clock.advance(11_000);
    }
    const p = node.state.conferences.get(ALIAS)!.participants.get(uuid)!;
    // The current token and at most the one refreshed just before it (within its grace).
    assert.ok(p.tokens.size <= 2, `${p.tokens.size} tokens kept`);
    assert.equal((await node.api(ALIAS, 'participants', { token, method: 'GET' })).status, 200);
  });
});
