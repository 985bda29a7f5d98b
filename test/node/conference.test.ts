import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventReader, type Joined, pending, settle, testNode, type TestNode } from './helpers.js';

/** A reader past its opening burst. */
async function stream(node: TestNode, alias: string, token: string): Promise<EventReader> {
  const r = await EventReader.open(node, alias, token);
  await r.next('conference_update');
  r.events.splice(0);
  return r;
}

const status = async (node: TestNode, alias: string, j: Joined): Promise<any> =>
  (await node.api(alias, 'conference_status', { token: j.token, method: 'GET' })).body.result;

const refer = async (r: EventReader): Promise<{ alias: string; token: string }> =>
  (await r.next('refer')).data as { alias: string; token: string };

describe('transfer, disconnect and hosted conferences', () => {
  describe('transfer', () => {
    it('sends `refer` with a one-time token that works once, in the target conference only', async () => {
      const node = await testNode();
      const h = await node.join('meet.bob', 'H', { pin: '1234' });
      const g = await node.join('meet.bob', 'G', { pin: 'none' });
      const rg = await stream(node, 'meet.bob', g.token);
      const r = await node.api('meet.bob', `participants/${g.uuid}/transfer`, {
        token: h.token,
        body: { conference_alias: 'meet.alice', role: 'guest' },
      });
      assert.deepEqual(r.body, { status: 'success', result: true });
      const ref = await refer(rg);
      assert.equal(ref.alias, 'meet.alice');
      assert.match(ref.token, /^[A-Za-z0-9_-]+$/);
      // Not usable in another conference (and not used up by that attempt).
      const wrong = await node.api('meet.carol', 'request_token', {
        body: { display_name: 'G', token: ref.token },
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.status, 'failed');
      const moved = await node.join('meet.alice', 'G', { token: ref.token });
      assert.equal(moved.result['service_name'], 'meet.alice');
      assert.equal(moved.role, 'HOST', 'meet.alice has no PINs: everyone is a Host');
      const again = await node.api('meet.alice', 'request_token', {
        body: { display_name: 'G', token: ref.token },
      });
      assert.equal(again.status, 403);
      assert.deepEqual(again.body, { status: 'failed', result: 'Invalid token' });
      // The old row stays until the participant leaves.
      assert.ok(node.state.participantFor(g.token));
    });

    it('applies the PIN rules of the target room', async () => {
      const node = await testNode();
      const a = await node.join('meet.alice', 'A');
      const b = await node.join('meet.alice', 'B');
      const rb = await stream(node, 'meet.alice', b.token);
      const transfer = (body: unknown) =>
        node.api('meet.alice', `participants/${b.uuid}/transfer`, { token: a.token, body });
      const refused: unknown[] = [
        { conference_alias: 'meet.carol', role: 'host' },
        { conference_alias: 'meet.carol', role: 'guest' },
        { conference_alias: 'meet.carol', role: 'host', pin: '5678' },
        { conference_alias: 'meet.carol', role: 'guest', pin: '0000' },
        { conference_alias: 'meet.bob', role: 'host' },
        { conference_alias: 'meet.bob', role: 'host', pin: 'none' },
      ];
      for (const body of refused) {
        const r = await transfer(body);
        assert.equal(r.status, 403, JSON.stringify(body));
        assert.equal(r.body.result, 'Invalid PIN', JSON.stringify(body));
      }
      await settle(node, b.token, rb);
      assert.equal(pending(rb, 'refer').length, 0, 'a refused transfer sends no refer');

      const granted: [unknown, string, string][] = [
        [{ conference_alias: 'meet.carol', role: 'host', pin: '1234' }, 'meet.carol', 'HOST'],
        [{ conference_alias: 'meet.carol', role: 'guest', pin: '1234' }, 'meet.carol', 'GUEST'],
        [{ conference_alias: 'meet.carol', role: 'guest', pin: '5678#' }, 'meet.carol', 'GUEST'],
        [{ conference_alias: 'meet.bob', role: 'guest' }, 'meet.bob', 'GUEST'],
        [{ conference_alias: 'meet.bob@example.com', role: 'host', pin: '1234' }, 'meet.bob', 'HOST'],
      ];
      for (const [body, alias, role] of granted) {
        assert.equal((await transfer(body)).status, 200, JSON.stringify(body));
        const ref = await refer(rb);
        const j = await node.join(ref.alias, 'B', { token: ref.token });
        assert.equal(j.result['service_name'], alias);
        assert.equal(j.role, role, JSON.stringify(body));
      }
    });

    it('does not let a Guest in without a PIN where Guests are not allowed', async () => {
      const node = await testNode({
        conferences: [
          { alias: 'meet.alice', name: 'Alice' },
          { alias: 'meet.hosts', name: 'Hosts only', hostPin: '4321' },
        ],
      });
      const direct = await node.api('meet.hosts', 'request_token', {
        body: { display_name: 'X' },
        pin: 'none',
      });
      assert.equal(direct.body.result, 'Invalid PIN');
      const a = await node.join('meet.alice', 'A');
      const b = await node.join('meet.alice', 'B');
      const r = await node.api('meet.alice', `participants/${b.uuid}/transfer`, {
        token: a.token,
        body: { conference_alias: 'meet.hosts', role: 'guest' },
      });
      assert.equal(r.status, 403);
      assert.equal(r.body.result, 'Invalid PIN');
    });

    it('refuses an unknown target, a bad body, a dialled-out participant and Guests', async () => {
      const node = await testNode();
      const h = await node.join('meet.bob', 'H', { pin: '1234' });
      const g = await node.join('meet.bob', 'G', { pin: 'none' });
      const rg = await stream(node, 'meet.bob', g.token);
      const t = (body: unknown, token = h.token, who = g.uuid) =>
        node.api('meet.bob', `participants/${who}/transfer`, { token, body });
      const unknown = await t({ conference_alias: 'meet.nowhere', role: 'guest' });
      assert.equal(unknown.status, 403);
      assert.equal(typeof unknown.body.result, 'string');
      assert.equal((await t({ conference_alias: 'reception', role: 'guest' })).status, 403);
      for (const body of [
        undefined,
        {},
        { role: 'guest' },
        { conference_alias: 'meet.alice' },
        { conference_alias: 'meet.alice', role: 'GUEST' },
        { conference_alias: 7, role: 'guest' },
        { conference_alias: 'meet.alice', role: 'guest', pin: 1234 },
      ]) {
        assert.equal((await t(body)).status, 400, JSON.stringify(body));
      }
      const dialled = await node.api('meet.bob', 'dial', {
        token: h.token,
        body: { role: 'GUEST', destination: 'sip:room@example.com', protocol: 'sip' },
      });
      const far = (dialled.body.result as string[])[0]!;
      assert.equal((await t({ conference_alias: 'meet.alice', role: 'guest' }, h.token, far)).status, 403);
      assert.equal((await t({ conference_alias: 'meet.alice', role: 'guest' }, g.token, h.uuid)).status, 403);
      await settle(node, g.token, rg);
      assert.equal(pending(rg, 'refer').length, 0);
    });
  });

  describe('disconnect', () => {
    it('kicks one participant: `disconnect` to the victim, participant_delete to the others', async () => {
      const node = await testNode();
      const a = await node.join('meet.alice', 'A');
      const b = await node.join('meet.alice', 'B');
      const c = await node.join('meet.alice', 'C');
      const ra = await stream(node, 'meet.alice', a.token);
      const rb = await stream(node, 'meet.alice', b.token);
      const rc = await stream(node, 'meet.alice', c.token);
      const r = await node.api('meet.alice', `participants/${b.uuid}/disconnect`, { token: a.token });
      assert.equal(r.status, 200);
      assert.ok(r.body.result === true || r.body.result === null);
      assert.deepEqual((await rb.next('disconnect')).data, { reason: 'Disconnected by another participant' });
      await rb.closed;
      for (const rr of [ra, rc]) {
        assert.deepEqual((await rr.next('participant_delete')).data, { uuid: b.uuid });
        assert.equal(pending(rr, 'disconnect').length, 0);
      }
      const dead = await node.api('meet.alice', 'refresh_token', { token: b.token });
      assert.deepEqual(dead.body, { status: 'failed', result: 'Invalid token' });
      // Kicking the one who is gone: 404, nothing breaks.
      const gone = await node.api('meet.alice', `participants/${b.uuid}/disconnect`, { token: a.token });
      assert.equal(gone.status, 404);
      // Leaving by disconnecting oneself.
      await node.api('meet.alice', `participants/${c.uuid}/disconnect`, { token: c.token });
      await ra.next('participant_delete', (d) => d.uuid === c.uuid);
      await rc.closed;
    });

    it('disconnect (all) ends the conference for everyone, the caller included, with one reason', async () => {
      const node = await testNode();
      // The Host joins first: the Guests must still hear "terminated", not "hosts departed".
      const h = await node.join('meet.bob', 'H', { pin: '1234' });
      const g1 = await node.join('meet.bob', 'G1', { pin: 'none' });
      const g2 = await node.join('meet.bob', 'G2', { pin: 'none' });
      await node.api('meet.bob', 'start_conference', { token: h.token });
      const readers = [
        await stream(node, 'meet.bob', h.token),
        await stream(node, 'meet.bob', g1.token),
        await stream(node, 'meet.bob', g2.token),
      ];
      const r = await node.api('meet.bob', 'disconnect', { token: h.token });
      assert.deepEqual(r.body, { status: 'success', result: true });
      for (const rr of readers) {
        assert.deepEqual((await rr.next('disconnect')).data, {
          reason: 'Conference terminated by another participant',
        });
        await rr.closed;
      }
      assert.equal(node.state.conferenceFor('meet.bob')?.participants.size, 0);
      // A fresh conference afterwards: not started, not locked.
      const g = await node.join('meet.bob', 'Next', { pin: 'none' });
      assert.equal((await status(node, 'meet.bob', g)).started, false);
    });
  });

  describe('hosted rooms and start_conference', () => {
    it('reports started:false until a Host starts the conference; Guests cannot start it', async () => {
      const node = await testNode();
      const g = await node.join('meet.bob', 'G', { pin: 'none' });
      const rg = await EventReader.open(node, 'meet.bob', g.token);
      assert.equal((await rg.next('conference_update')).data.started, false);
      const denied = await node.api('meet.bob', 'start_conference', { token: g.token });
      assert.equal(denied.status, 403);
      assert.equal(typeof denied.body.result, 'string');
      const h = await node.join('meet.bob', 'H', { pin: '1234' });
      assert.equal((await status(node, 'meet.bob', h)).started, false);
      const r = await node.api('meet.bob', 'start_conference', { token: h.token });
      assert.deepEqual(r.body, { status: 'success', result: true });
      assert.equal((await rg.next('conference_update')).data.started, true);
      assert.equal(
        (await status(node, 'meet.carol', await node.join('meet.carol', 'C', { pin: '5678' }))).started,
        false,
      );
      // Rooms without a Host PIN are always started.
      assert.equal((await status(node, 'meet.alice', await node.join('meet.alice', 'A'))).started, true);
    });

    it('sends Guests away when no Host comes in time (hostWaitSeconds), not those of a started conference', async () => {
      const node = await testNode({ hostWaitSeconds: 1 });
      // meet.bob gets started in time; meet.carol never does.
      const early = await node.join('meet.bob', 'Early guest', { pin: 'none' });
      const re = await stream(node, 'meet.bob', early.token);
      const h = await node.join('meet.bob', 'H', { pin: '1234' });
      await node.api('meet.bob', 'start_conference', { token: h.token });
      const late = await node.join('meet.carol', 'Lonely guest', { pin: '5678' });
      const rl = await stream(node, 'meet.carol', late.token);
      const t0 = Date.now();
      const bye = await rl.next('disconnect', () => true, 3000);
      assert.deepEqual(bye.data, {
        reason: 'Timeout waiting for conference host to join or permit access to locked conference',
      });
      assert.ok(Date.now() - t0 < 2000);
      await rl.closed;
      // The early guest of the started conference is still there.
      await settle(node, early.token, re);
      assert.equal(pending(re, 'disconnect').length, 0);
    });

    it('sends a participant held in the waiting room away after hostWaitSeconds', async () => {
      const node = await testNode({ hostWaitSeconds: 1 });
      const a = await node.join('meet.alice', 'A');
      await node.api('meet.alice', 'lock', { token: a.token });
      const w = await node.join('meet.alice', 'W');
      const rw = await stream(node, 'meet.alice', w.token);
      const bye = await rw.next('disconnect', () => true, 3000);
      assert.match(bye.data.reason, /^Timeout waiting for conference host/);
      assert.ok(node.state.participantFor(a.token), 'the admitted Host stays');
    });

    it('ends a started hosted conference for Guests when the last Host leaves', async () => {
      const node = await testNode();
      const h1 = await node.join('meet.carol', 'H1', { pin: '1234' });
      const h2 = await node.join('meet.carol', 'H2', { pin: '1234' });
      const g = await node.join('meet.carol', 'G', { pin: '5678' });
      await node.api('meet.carol', 'start_conference', { token: h1.token });
      const rg = await stream(node, 'meet.carol', g.token);
      // One Host leaves: nothing happens to the Guest.
      await node.api('meet.carol', 'release_token', { token: h1.token });
      await rg.next('participant_delete', (d) => d.uuid === h1.uuid);
      await settle(node, g.token, rg);
      assert.equal(pending(rg, 'disconnect').length, 0);
      // The last one leaves.
      await node.api('meet.carol', 'release_token', { token: h2.token });
      const bye = await rg.next('disconnect');
      assert.deepEqual(bye.data, { reason: 'All conference hosts departed hosted conference' });
      await rg.closed;
      assert.equal(node.state.conferenceFor('meet.carol')?.participants.size, 0);
    });

    it('also ends the calls of dialled-out Guests then, so the next Guest waits again', async () => {
      const node = await testNode({ dialAnswerMs: 0 });
      const h = await node.join('meet.bob', 'H', { pin: '1234' });
      const rh = await stream(node, 'meet.bob', h.token);
      await node.api('meet.bob', 'start_conference', { token: h.token });
      const dialled = await node.api('meet.bob', 'dial', {
        token: h.token,
        body: { role: 'GUEST', destination: 'sip:guest-room@example.com', protocol: 'sip' },
      });
      const far = (dialled.body.result as string[])[0]!;
      await rh.next('participant_update', (p) => p.uuid === far && p.service_type === 'conference');
      await node.api('meet.bob', 'release_token', { token: h.token });
      const conf = node.state.conferenceFor('meet.bob')!;
      assert.equal(conf.participants.size, 0, 'no Guest may stay in a hosted conference without Hosts');
      const g = await node.join('meet.bob', 'Next guest', { pin: 'none' });
      assert.equal((await status(node, 'meet.bob', g)).started, false);
    });

    it('keeps Guests waiting when a Host leaves a conference that never started', async () => {
      const node = await testNode();
      const h = await node.join('meet.bob', 'H', { pin: '1234' });
      const g = await node.join('meet.bob', 'G', { pin: 'none' });
      const rg = await stream(node, 'meet.bob', g.token);
      await node.api('meet.bob', 'release_token', { token: h.token });
      await rg.next('participant_delete', (d) => d.uuid === h.uuid);
      await settle(node, g.token, rg);
      assert.equal(pending(rg, 'disconnect').length, 0);
      assert.equal((await status(node, 'meet.bob', g)).started, false);
    });
  });
});
