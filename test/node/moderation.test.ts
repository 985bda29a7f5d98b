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

/** meet.bob with two Hosts and a Guest, the first Host watching the events. */
async function bobRoom(): Promise<{ node: TestNode; h: Joined; h2: Joined; g: Joined; rh: EventReader }> {
  const node = await testNode();
  const h = await node.join('meet.bob', 'Host', { pin: '1234' });
  const h2 = await node.join('meet.bob', 'Host 2', { pin: '1234' });
  const g = await node.join('meet.bob', 'Guest', { pin: 'none' });
  const rh = await stream(node, 'meet.bob', h.token);
  return { node, h, h2, g, rh };
}

const post = (node: TestNode, path: string, token: string, body?: unknown) =>
  node.api('meet.bob', path, { token, ...(body !== undefined ? { body } : {}) });

describe('participant and conference moderation', () => {
  describe('muteguests / unmuteguests', () => {
    it('mutes every Guest (not the Hosts), Guests joining later too; unmute reverses it', async () => {
      const { node, h, h2, g, rh } = await bobRoom();
      const r = await post(node, 'muteguests', h.token);
      assert.deepEqual(r.body, { status: 'success', result: true });
      const gu = await rh.next('participant_update', (p) => p.uuid === g.uuid);
      assert.equal(gu.data.is_muted, 'YES');
      assert.equal((await rh.next('conference_update')).data.guests_muted, true);
      await settle(node, h.token, rh);
      assert.equal(
        pending(rh, 'participant_update', (p) => p.uuid === h.uuid || p.uuid === h2.uuid).length,
        0,
      );

      const late = await node.join('meet.bob', 'Late guest', { pin: 'none' });
      const lc = await rh.next('participant_create', (p) => p.uuid === late.uuid);
      assert.equal(lc.data.is_muted, 'YES');
      const lateHost = await node.join('meet.bob', 'Late host', { pin: '1234' });
      const lh = await rh.next('participant_create', (p) => p.uuid === lateHost.uuid);
      assert.equal(lh.data.is_muted, 'NO');

      await post(node, 'unmuteguests', h.token);
      for (const uuid of [g.uuid, late.uuid]) {
        const u = await rh.next('participant_update', (p) => p.uuid === uuid);
        assert.equal(u.data.is_muted, 'NO');
      }
      assert.equal((await rh.next('conference_update')).data.guests_muted, false);
    });

    it('does not let a Guest unmute itself while Guests are muted; a Host can', async () => {
      const { node, h, g } = await bobRoom();
      await post(node, 'muteguests', h.token);
      const r = await post(node, `participants/${g.uuid}/unmute`, g.token);
      assert.equal(r.status, 403);
      assert.equal(typeof r.body.result, 'string');
      assert.equal(node.state.participantFor(g.token)?.isMuted, true);
      const byHost = await post(node, `participants/${g.uuid}/unmute`, h.token);
      assert.deepEqual(byHost.body, { status: 'success', result: true });
      assert.equal(node.state.participantFor(g.token)?.isMuted, false);
    });

    it('keeps a Guest muted when it is admitted from the waiting room while Guests are muted', async () => {
      const { node, h, rh } = await bobRoom();
      await post(node, 'lock', h.token);
      await post(node, 'muteguests', h.token);
      const w = await node.join('meet.bob', 'W', { pin: 'none' });
      await post(node, `participants/${w.uuid}/unlock`, h.token);
      const u = await rh.next(
        'participant_update',
        (p) => p.uuid === w.uuid && p.service_type === 'conference',
      );
      assert.equal(u.data.is_muted, 'YES');
    });
  });

  describe('participant mute, video and client mute', () => {
    it('mute/unmute flip is_muted; self or Host only', async () => {
      const { node, h, h2, g, rh } = await bobRoom();
      assert.equal((await post(node, `participants/${h2.uuid}/mute`, h.token)).body.result, true);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === h2.uuid)).data.is_muted, 'YES');
      assert.equal((await post(node, `participants/${h2.uuid}/unmute`, h.token)).body.result, true);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === h2.uuid)).data.is_muted, 'NO');
      // A Guest mutes and unmutes itself, but nobody else.
      assert.equal((await post(node, `participants/${g.uuid}/mute`, g.token)).body.result, true);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.is_muted, 'YES');
      assert.equal((await post(node, `participants/${g.uuid}/unmute`, g.token)).body.result, true);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.is_muted, 'NO');
      const r = await post(node, `participants/${h.uuid}/mute`, g.token);
      assert.equal(r.status, 403);
      assert.equal(node.state.participantFor(h.token)?.isMuted, false);
    });

    it('video_muted/video_unmuted flip is_video_muted', async () => {
      const { node, h, g, rh } = await bobRoom();
      assert.equal((await post(node, `participants/${g.uuid}/video_muted`, h.token)).body.result, true);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.is_video_muted, true);
      assert.equal((await post(node, `participants/${g.uuid}/video_unmuted`, g.token)).body.result, true);
      assert.equal(
        (await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.is_video_muted,
        false,
      );
      assert.equal((await post(node, `participants/${h.uuid}/video_muted`, g.token)).status, 403);
    });

    it('client_mute/client_unmute flip is_client_muted, for oneself only', async () => {
      const { node, h, g, rh } = await bobRoom();
      assert.equal((await post(node, `participants/${g.uuid}/client_mute`, g.token)).body.result, true);
      assert.equal(
        (await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.is_client_muted,
        true,
      );
      assert.equal((await post(node, `participants/${g.uuid}/client_unmute`, g.token)).body.result, true);
      const u = await rh.next('participant_update', (p) => p.uuid === g.uuid);
      assert.equal(u.data.is_client_muted, false);
      assert.equal((await post(node, `participants/${g.uuid}/client_mute`, h.token)).status, 403);
    });
  });

  describe('role', () => {
    it('turns a Guest into a chair and back; the refreshed token reports the new role', async () => {
      const { node, h, g, rh } = await bobRoom();
      const r = await post(node, `participants/${g.uuid}/role`, h.token, { role: 'chair' });
      assert.deepEqual(r.body, { status: 'success', result: true });
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.role, 'chair');
      const refreshed = await post(node, 'refresh_token', g.token);
      assert.equal((refreshed.body.result as any).role, 'HOST');
      // Now a Host, it may lock.
      assert.equal((await post(node, 'lock', g.token)).status, 200);
      await post(node, `participants/${g.uuid}/role`, h.token, { role: 'guest' });
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.role, 'guest');
      assert.equal((await post(node, 'unlock', g.token)).status, 403);
    });

    it('validates the body: role must be "chair" or "guest"', async () => {
      const { node, h, g } = await bobRoom();
      for (const body of [
        undefined,
        {},
        { role: 'HOST' },
        { role: 'host' },
        { role: 1 },
        { role: null },
        [],
      ]) {
        const r = await post(node, `participants/${g.uuid}/role`, h.token, body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.status, 'failed');
        assert.equal(typeof r.body.result, 'string');
      }
      assert.equal(node.state.participantFor(g.token)?.role, 'guest');
    });

    it('is for Hosts only', async () => {
      const { node, h, g } = await bobRoom();
      const r = await post(node, `participants/${g.uuid}/role`, g.token, { role: 'chair' });
      assert.equal(r.status, 403);
      assert.equal((await post(node, `participants/${h.uuid}/role`, g.token, { role: 'guest' })).status, 403);
      assert.equal(node.state.participantFor(g.token)?.role, 'guest');
    });
  });

  describe('spotlight, hands and overlay text', () => {
    it('spotlighton/spotlightoff set spotlight to a time and back to 0 (Hosts only)', async () => {
      const { node, h, g, rh } = await bobRoom();
      const before = Math.floor(Date.now() / 1000);
      assert.equal((await post(node, `participants/${g.uuid}/spotlighton`, h.token)).body.result, true);
      const on = await rh.next('participant_update', (p) => p.uuid === g.uuid);
      assert.ok(on.data.spotlight >= before);
      assert.equal((await post(node, `participants/${g.uuid}/spotlightoff`, h.token)).body.result, true);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.spotlight, 0);
      assert.equal((await post(node, `participants/${g.uuid}/spotlighton`, g.token)).status, 403);
    });

    it('buzz raises one’s own hand; clearbuzz by self or Host; clearallbuzz lowers all (Host only)', async () => {
      const { node, h, h2, g, rh } = await bobRoom();
      assert.equal((await post(node, `participants/${g.uuid}/buzz`, g.token)).body.result, true);
      assert.ok((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.buzz_time > 0);
      // Nobody raises another's hand.
      assert.equal((await post(node, `participants/${g.uuid}/buzz`, h.token)).status, 403);
      assert.equal((await post(node, `participants/${g.uuid}/clearbuzz`, g.token)).body.result, true);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.buzz_time, 0);
      await post(node, `participants/${g.uuid}/buzz`, g.token);
      await rh.next('participant_update', (p) => p.uuid === g.uuid && p.buzz_time > 0);
      await post(node, `participants/${h2.uuid}/buzz`, h2.token);
      await rh.next('participant_update', (p) => p.uuid === h2.uuid && p.buzz_time > 0);
      // A Guest cannot lower a Host's hand, nor all hands.
      assert.equal((await post(node, `participants/${h2.uuid}/clearbuzz`, g.token)).status, 403);
      assert.equal((await post(node, 'clearallbuzz', g.token)).status, 403);
      assert.equal((await post(node, `participants/${g.uuid}/clearbuzz`, h.token)).body.result, true);
      await rh.next('participant_update', (p) => p.uuid === g.uuid && p.buzz_time === 0);
      await post(node, `participants/${g.uuid}/buzz`, g.token);
      await rh.next('participant_update', (p) => p.uuid === g.uuid && p.buzz_time > 0);
      await settle(node, h.token, rh);
      assert.deepEqual(rh.events, []);
      assert.equal((await post(node, 'clearallbuzz', h.token)).body.result, true);
      await rh.next('participant_update', (p) => p.uuid === g.uuid && p.buzz_time === 0);
      await rh.next('participant_update', (p) => p.uuid === h2.uuid && p.buzz_time === 0);
      await settle(node, h.token, rh);
      // Participants whose hand was down are not re-announced.
      assert.deepEqual(
        pending(rh, 'participant_update').map((e) => [e.data.display_name, e.data.buzz_time]),
        [],
      );
    });

    it('overlaytext sets overlay_text (Hosts only; text required, bounded; empty clears)', async () => {
      const { node, h, g, rh } = await bobRoom();
      const r = await post(node, `participants/${g.uuid}/overlaytext`, h.token, { text: 'Guest speaker' });
      assert.deepEqual(r.body, { status: 'success', result: true });
      assert.equal(
        (await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.overlay_text,
        'Guest speaker',
      );
      for (const body of [undefined, {}, { text: 5 }, { text: 'x'.repeat(257) }]) {
        const bad = await post(node, `participants/${g.uuid}/overlaytext`, h.token, body);
        assert.equal(bad.status, 400, JSON.stringify(body)?.slice(0, 40));
      }
      assert.equal(
        (await post(node, `participants/${g.uuid}/overlaytext`, g.token, { text: 'me' })).status,
        403,
      );
      const clear = await post(node, `participants/${g.uuid}/overlaytext`, h.token, { text: '' });
      assert.equal(clear.status, 200);
      assert.equal((await rh.next('participant_update', (p) => p.uuid === g.uuid)).data.overlay_text, '');
    });
  });

  describe('presentation reception policy and DTMF', () => {
    it('denyrxpresentation/allowrxpresentation flip rx_presentation_policy (self or Host)', async () => {
      const { node, h, g, rh } = await bobRoom();
      assert.equal(
        (await post(node, `participants/${g.uuid}/denyrxpresentation`, h.token)).body.result,
        true,
      );
      const d = await rh.next('participant_update', (p) => p.uuid === g.uuid);
      assert.equal(d.data.rx_presentation_policy, 'DENY');
      assert.equal(
        (await post(node, `participants/${g.uuid}/allowrxpresentation`, g.token)).body.result,
        true,
      );
      const a = await rh.next('participant_update', (p) => p.uuid === g.uuid);
      assert.equal(a.data.rx_presentation_policy, 'ALLOW');
      assert.equal((await post(node, `participants/${h.uuid}/denyrxpresentation`, g.token)).status, 403);
    });

    it('dtmf accepts 0-9 * # A-D and refuses anything else', async () => {
      const { node, h, g } = await bobRoom();
      const dialled = await post(node, 'dial', h.token, {
        role: 'GUEST',
        destination: 'sip:ivr@example.com',
        protocol: 'sip',
      });
      const ivr = (dialled.body.result as string[])[0]!;
      const ok = await post(node, `participants/${ivr}/dtmf`, h.token, { digits: '0123456789*#ABCD' });
      assert.deepEqual(ok.body, { status: 'success', result: true });
      assert.equal(
        node.state.conferenceFor('meet.bob')?.participants.get(ivr)?.dtmfReceived,
        '0123456789*#ABCD',
      );
      for (const body of [
        undefined,
        {},
        { digits: '' },
        { digits: '12x' },
        { digits: 12 },
        { digits: '1'.repeat(33) },
        { digits: '1\n2' },
      ]) {
        const bad = await post(node, `participants/${ivr}/dtmf`, h.token, body);
        assert.equal(bad.status, 400, JSON.stringify(body));
        assert.equal(typeof bad.body.result, 'string');
      }
      // A Guest may send DTMF on its own behalf only.
      assert.equal((await post(node, `participants/${g.uuid}/dtmf`, g.token, { digits: '1' })).status, 200);
      assert.equal((await post(node, `participants/${ivr}/dtmf`, g.token, { digits: '1' })).status, 403);
    });
  });

  describe('Guest permissions', () => {
    it('answers 403 with a string for every host-only command from a Guest, and changes nothing', async () => {
      const { node, h, h2, g, rh } = await bobRoom();
      const attempts: [string, unknown][] = [
        ['lock', undefined],
        ['unlock', undefined],
        ['muteguests', undefined],
        ['unmuteguests', undefined],
        ['start_conference', undefined],
        ['disconnect', undefined],
        ['clearallbuzz', undefined],
        ['dial', { role: 'GUEST', destination: 'sip:x@example.com', protocol: 'sip' }],
        [`participants/${h2.uuid}/mute`, undefined],
        [`participants/${h2.uuid}/unmute`, undefined],
        [`participants/${h2.uuid}/video_muted`, undefined],
        [`participants/${h2.uuid}/spotlighton`, undefined],
        [`participants/${h2.uuid}/spotlightoff`, undefined],
        [`participants/${h2.uuid}/overlaytext`, { text: 'x' }],
        [`participants/${h2.uuid}/role`, { role: 'guest' }],
        [`participants/${g.uuid}/role`, { role: 'chair' }],
        [`participants/${h2.uuid}/transfer`, { conference_alias: 'meet.alice', role: 'guest' }],
        [`participants/${h2.uuid}/disconnect`, undefined],
        [`participants/${h2.uuid}/unlock`, undefined],
        [`participants/${h2.uuid}/clearbuzz`, undefined],
        [`participants/${h2.uuid}/dtmf`, { digits: '1' }],
        [`participants/${h2.uuid}/denyrxpresentation`, undefined],
        [`participants/${h2.uuid}/client_mute`, undefined],
        [`participants/${h2.uuid}/take_floor`, undefined],
      ];
      for (const [path, body] of attempts) {
        const r = await post(node, path, g.token, body);
        assert.equal(r.status, 403, path);
        assert.equal(r.contentType, 'application/json', path);
        assert.equal(r.body.status, 'failed', path);
        assert.equal(typeof r.body.result, 'string', path);
      }
      await settle(node, h.token, rh);
      assert.deepEqual(
        rh.events.map((e) => e.event),
        [],
        'a refused command must not produce events',
      );
      const st = await node.api('meet.bob', 'conference_status', { token: h.token, method: 'GET' });
      assert.equal((st.body.result as any).locked, false);
      assert.equal(node.state.conferenceFor('meet.bob')?.participants.size, 3);
    });
  });
});
