import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventReader, type Joined, manualClock, testNode, type TestNode } from './helpers.js';

/** A reader past its opening burst. */
async function stream(node: TestNode, alias: string, token: string): Promise<EventReader> {
  const r = await EventReader.open(node, alias, token);
  await r.next('conference_update');
  r.events.splice(0);
  return r;
}

const FAST = { dialAnswerMs: 20, dialFailureVisibleMs: 40 };

async function dial(node: TestNode, alias: string, who: Joined, body: unknown): Promise<string> {
  const r = await node.api(alias, 'dial', { token: who.token, body });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.contentType, 'application/json');
  assert.ok(Array.isArray(r.body.result), 'dial answers an array');
  const list = r.body.result as unknown[];
  assert.equal(list.length, 1);
  assert.equal(typeof list[0], 'string');
  return list[0] as string;
}

describe('dial (simulated far ends)', () => {
  it('shows the callee as connecting (call_direction out), then connected with media', async () => {
    const node = await testNode(FAST);
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    const uuid = await dial(node, 'meet.alice', a, {
      role: 'GUEST',
      destination: 'sip:room42@example.com',
      protocol: 'sip',
      remote_display_name: 'Room 42',
    });
    const created = await ra.next('participant_create', (p) => p.uuid === uuid);
    assert.equal(created.data.call_direction, 'out');
    assert.equal(created.data.service_type, 'connecting');
    assert.equal(created.data.has_media, false);
    assert.equal(created.data.protocol, 'sip');
    assert.equal(created.data.role, 'guest');
    assert.equal(created.data.display_name, 'Room 42');
    assert.equal(created.data.uri, 'sip:room42@example.com');
    const answered = await ra.next('participant_update', (p) => p.uuid === uuid);
    assert.equal(answered.data.service_type, 'conference');
    assert.equal(answered.data.has_media, true);
    assert.equal(answered.data.is_video_call, 'YES');
    const list = await node.api('meet.alice', 'participants', { token: a.token });
    assert.equal((list.body.result as any[]).find((p) => p.uuid === uuid).has_media, true);
  });

  it('streams to rtmp:// addresses: protocol rtmp, is_streaming_conference', async () => {
    const node = await testNode(FAST);
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    const uuid = await dial(node, 'meet.alice', a, {
      role: 'GUEST',
      destination: 'rtmp://live.example.com/app/key',
      protocol: 'auto',
    });
    const created = await ra.next('participant_create', (p) => p.uuid === uuid);
    assert.equal(created.data.protocol, 'rtmp');
    assert.equal(created.data.is_streaming_conference, true);
    // protocol defaults to auto
    const sip = await dial(node, 'meet.alice', a, { role: 'HOST', destination: 'alice@example.com' });
    const c2 = await ra.next('participant_create', (p) => p.uuid === sip);
    assert.equal(c2.data.protocol, 'sip');
    assert.equal(c2.data.is_streaming_conference, false);
    assert.equal(c2.data.role, 'chair');
  });

  for (const [destination, reason] of [
    ['busy@x', 'Busy'],
    ['noanswer@x', 'No answer'],
    ['x@y.invalid', 'Unreachable'],
    ['sip:busy.line@example.com', 'Busy'],
  ] as const) {
    it(`fails visibly for ${destination}: overlay "Call failed: ${reason}", then the row goes`, async () => {
      const node = await testNode(FAST);
      const a = await node.join('meet.alice', 'A');
      const ra = await stream(node, 'meet.alice', a.token);
      const uuid = await dial(node, 'meet.alice', a, { role: 'GUEST', destination, protocol: 'sip' });
      await ra.next('participant_create', (p) => p.uuid === uuid);
      const failed = await ra.next('participant_update', (p) => p.uuid === uuid);
      assert.equal(failed.data.overlay_text, `Call failed: ${reason}`);
      assert.equal(failed.data.has_media, false);
      assert.notEqual(failed.data.service_type, 'conference');
      assert.deepEqual((await ra.next('participant_delete', (d) => d.uuid === uuid)).data, { uuid });
      assert.equal(node.state.conferenceFor('meet.alice')?.participants.has(uuid), false);
    });
  }

  it('validates the body (role HOST|GUEST, destination, protocol, streaming, call_type)', async () => {
    const node = await testNode(FAST);
    const a = await node.join('meet.alice', 'A');
    const bad: unknown[] = [
      undefined,
      {},
      { destination: 'sip:x@example.com' },
      { role: 'guest', destination: 'sip:x@example.com' },
      { role: 'GUEST' },
      { role: 'GUEST', destination: '' },
      { role: 'GUEST', destination: '   ' },
      { role: 'GUEST', destination: 42 },
      { role: 'GUEST', destination: 'x'.repeat(300) },
      { role: 'GUEST', destination: 'sip:x@example.com', protocol: 'webrtc' },
      { role: 'GUEST', destination: 'sip:x@example.com', streaming: true },
      { role: 'GUEST', destination: 'sip:x@example.com', call_type: 'hologram' },
      ['GUEST', 'sip:x@example.com'],
    ];
    for (const body of bad) {
      const r = await node.api('meet.alice', 'dial', { token: a.token, ...(body ? { body } : {}) });
      assert.equal(r.status, 400, JSON.stringify(body)?.slice(0, 60));
      assert.equal(r.body.status, 'failed');
      assert.equal(typeof r.body.result, 'string');
    }
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.size, 1);
  });

  it('is for Hosts only, and respects the participant limit', async () => {
    const node = await testNode(FAST);
    await node.join('meet.bob', 'H', { pin: '1234' });
    const g = await node.join('meet.bob', 'G', { pin: 'none' });
    const r = await node.api('meet.bob', 'dial', {
      token: g.token,
      body: { role: 'GUEST', destination: 'sip:x@example.com', protocol: 'sip' },
    });
    assert.equal(r.status, 403);
    assert.equal(typeof r.body.result, 'string');
    const s1 = await node.join('meet.small', 'S1');
    await node.join('meet.small', 'S2');
    const full = await node.api('meet.small', 'dial', {
      token: s1.token,
      body: { role: 'GUEST', destination: 'sip:x@example.com', protocol: 'sip' },
    });
    assert.equal(full.status, 403);
    assert.equal(full.body.result, 'Participant limit reached');
  });

  it('holds an answered callee in a locked conference and mutes it when Guests are muted', async () => {
    const node = await testNode(FAST);
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    await node.api('meet.alice', 'lock', { token: a.token });
    await node.api('meet.alice', 'muteguests', { token: a.token });
    const uuid = await dial(node, 'meet.alice', a, { role: 'GUEST', destination: 'sip:x@example.com' });
    const answered = await ra.next('participant_update', (p) => p.uuid === uuid && p.has_media);
    assert.equal(answered.data.service_type, 'waiting_room');
    assert.equal(answered.data.is_muted, 'YES');
    await node.api('meet.alice', `participants/${uuid}/unlock`, { token: a.token });
    const admitted = await ra.next(
      'participant_update',
      (p) => p.uuid === uuid && p.service_type === 'conference',
    );
    assert.equal(admitted.data.is_muted, 'YES');
  });

  it('lets a Host hang up a dialled participant, also while it is still ringing', async () => {
    const node = await testNode({ dialAnswerMs: 60_000 });
    const a = await node.join('meet.alice', 'A');
    const ra = await stream(node, 'meet.alice', a.token);
    const uuid = await dial(node, 'meet.alice', a, { role: 'GUEST', destination: 'sip:x@example.com' });
    const r = await node.api('meet.alice', `participants/${uuid}/disconnect`, { token: a.token });
    assert.equal(r.status, 200);
    await ra.next('participant_delete', (d) => d.uuid === uuid);
    assert.equal(node.state.conferenceFor('meet.alice')?.participants.get(uuid), undefined);
  });
});

describe('dial-outs and the end of a conference', async () => {
  it('ends with its last client: a lingering failed dial-out does not keep the lock', async () => {
    const clock = manualClock();
    const node = await testNode({ dialAnswerMs: 20, dialFailureVisibleMs: 5000 }, { clock });
    const h = await node.join('meet.alice', 'Host');
    await node.api('meet.alice', 'lock', { token: h.token });
    await node.api('meet.alice', 'dial', { token: h.token, body: { role: 'GUEST', destination: 'busy@x' } });
    await node.api('meet.alice', 'dial', {
      token: h.token,
      body: { role: 'GUEST', destination: 'sip:ok@x' },
    });
    // Past both answers (the busy one fails after twice dialAnswerMs), within the failure's 5 s.
    clock.advance(100);
    const conf = node.state.conferenceFor('meet.alice')!;
    const far = [...conf.participants.values()].filter((p) => p.kind === 'dialout');
    assert.deepEqual(
      far.map((p) => [p.serviceType, p.overlayText]),
      [
        ['connecting', 'Call failed: Busy'],
        ['waiting_room', ''],
      ],
    );
    await node.api('meet.alice', 'release_token', { token: h.token });
    assert.equal(conf.count(), 0);
    const next = await node.join('meet.alice', 'Next');
    assert.equal(next.serviceType, 'conference', 'a fresh conference is not locked');
  });
});
