/**
 * The node's injectable clock: a ManualClock fires timers when advanced, and every timer of the node
 * (token expiry, host wait, dial-out answers) runs on the injected clock, so tests skip ahead
 * instead of sleeping.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock, systemClock } from '../../conferencing-node/clock.js';
import { EventReader, manualClock, testNode } from './helpers.js';

describe('ManualClock', () => {
  it('fires timeouts and intervals in due order when advanced, not before', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const start = clock.now();
    clock.setTimeout(() => fired.push(`b@${clock.now() - start >= 200}`), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    const gone = clock.setTimeout(() => fired.push('cancelled'), 150);
    const every = clock.setInterval(() => fired.push('tick'), 80);
    clock.clearTimer(gone);
    clock.advance(50);
    assert.deepEqual(fired, []);
    clock.advance(200);
    assert.deepEqual(fired, ['tick', 'a', 'tick', 'b@true', 'tick']);
    clock.clearTimer(every);
    clock.advance(1000);
    assert.equal(fired.length, 5, 'a cleared interval stays quiet');
    assert.equal(clock.pending, 0);
    assert.ok(clock.now() - start >= 1250);
  });

  it('with realTimers off, fires only when advanced', async () => {
    const clock = new ManualClock({ realTimers: false });
    let fired = 0;
    clock.setTimeout(() => fired++, 1);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const start = Date.now();
    while (Date.now() - start < 5); // real time passes the timer's due time
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(fired, 0);
    clock.advance(1);
    assert.equal(fired, 1);
  });

  it('the system clock is real time and never keeps the process alive', () => {
    const t = systemClock.setTimeout(() => undefined, 60_000);
    assert.equal((t as NodeJS.Timeout).hasRef(), false);
    systemClock.clearTimer(t);
    assert.ok(Math.abs(systemClock.now() - Date.now()) < 50);
  });
});

describe('the node on a manual clock', () => {
  it('expires an unrefreshed token when the clock passes its lifetime', async () => {
    const clock = manualClock();
    const node = await testNode({ tokenExpiresSeconds: 120 }, { clock });
    const a = await node.join('meet.alice', 'Stays');
    const b = await node.join('meet.alice', 'Sleeps');
    const ea = await EventReader.open(node, 'meet.alice', a.token);
    const eb = await EventReader.open(node, 'meet.alice', b.token);
    await ea.next('participant_sync_end');
    clock.advance(100_000);
    const r = await node.api('meet.alice', 'refresh_token', { token: a.token });
    assert.equal(r.status, 200);
    assert.ok(node.state.participantFor(b.token), 'not expired yet');
    clock.advance(21_000);
    const bye = await eb.next('disconnect');
    assert.equal(bye.data.reason, 'Timer expired awaiting token refresh');
    await ea.next('participant_delete', (d) => d.uuid === b.uuid);
    assert.equal(node.state.participantFor(b.token), undefined);
    assert.ok(node.state.participantFor((r.body.result as { token: string }).token), 'A lives on');
  });

  it('sends a Guest home when no Host comes within hostWaitSeconds', async () => {
    const clock = manualClock();
    const node = await testNode({ hostWaitSeconds: 600, tokenExpiresSeconds: 3600 }, { clock });
    const g = await node.join('meet.bob', 'Early Guest', { pin: 'none' });
    const eg = await EventReader.open(node, 'meet.bob', g.token);
    await eg.next('participant_sync_end');
    clock.advance(599_000);
    assert.ok(node.state.participantFor(g.token), 'still waiting');
    clock.advance(2_000);
    const bye = await eg.next('disconnect');
    assert.match(bye.data.reason, /Timeout waiting for conference host/);
  });

  it('answers a dial-out when the clock reaches dialAnswerMs', async () => {
    const clock = manualClock();
    const node = await testNode({ dialAnswerMs: 60_000 }, { clock });
    const h = await node.join('meet.alice', 'Host');
    const r = await node.api('meet.alice', 'dial', {
      token: h.token,
      body: { role: 'GUEST', destination: 'sip:far@example.com' },
    });
    const uuid = (r.body.result as string[])[0]!;
    const far = node.state.conferenceFor('meet.alice')!.participants.get(uuid)!;
    assert.equal(far.serviceType, 'connecting');
    clock.advance(59_000);
    assert.equal(far.serviceType, 'connecting');
    clock.advance(1_000);
    assert.equal(far.serviceType, 'conference');
    assert.equal(far.hasMedia, true);
  });
});
