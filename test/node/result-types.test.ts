/**
 * Result types exactly as the SDK wants them (brief §0.4), checked twice: by plain assertions and by
 * the JSON-schema validators that ship compiled inside `@pexip/infinity-api` (the SDK's own checks).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as conferenceSchema from '@pexip/infinity-api/dist/conference/validation.js';
import * as participantSchema from '@pexip/infinity-api/dist/participant/validation.js';
import * as tokenSchema from '@pexip/infinity-api/dist/token/validation.js';
import { type ApiReply, testNode, type TestNode } from './helpers.js';

type Validator = ((data: unknown) => boolean) & { errors?: unknown };
type Kind = 'boolean' | 'null' | 'null-or-boolean' | 'uuid-array' | 'object' | 'participant-array';

const validators: Record<string, Validator> = {
  ...(conferenceSchema as unknown as Record<string, Validator>),
  ...(participantSchema as unknown as Record<string, Validator>),
  ...(tokenSchema as unknown as Record<string, Validator>),
};

/** Checks the reply with the SDK's validator (on a copy: ajv strips unknown properties in place). */
function sdkAccepts(name: string, reply: ApiReply): void {
  const v = validators[name];
  assert.ok(v, `no validator ${name}`);
  const ok = v(structuredClone(reply.body));
  assert.ok(ok, `${name} rejects ${JSON.stringify(reply.body).slice(0, 200)}: ${JSON.stringify(v.errors)}`);
}

function hasKind(kind: Kind, result: unknown, what: string): void {
  switch (kind) {
    case 'boolean':
      assert.equal(
        typeof result,
        'boolean',
        `${what}: result must be a boolean, got ${JSON.stringify(result)}`,
      );
      break;
    case 'null':
      assert.equal(result, null, `${what}: result must be null`);
      break;
    case 'null-or-boolean':
      assert.ok(result === null || typeof result === 'boolean', what);
      break;
    case 'uuid-array':
      assert.ok(Array.isArray(result) && result.length === 1 && typeof result[0] === 'string', what);
      break;
    case 'object':
      assert.ok(typeof result === 'object' && result !== null && !Array.isArray(result), what);
      break;
    case 'participant-array':
      assert.ok(Array.isArray(result), what);
      break;
  }
}

async function check(
  node: TestNode,
  alias: string,
  path: string,
  token: string,
  kind: Kind,
  validator: string,
  opts: { body?: unknown; method?: string } = {},
): Promise<ApiReply> {
  const r = await node.api(alias, path, { token, ...opts });
  assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  assert.equal(r.contentType, 'application/json', `${path}: Content-Type must be exactly application/json`);
  assert.equal(r.body.status, 'success', path);
  hasKind(kind, r.body.result, path);
  sdkAccepts(validator, r);
  return r;
}

describe('result types (brief §0.4)', () => {
  it('request_token, refresh_token, release_token', async () => {
    const node = await testNode();
    const r = await node.api('meet.bob', 'request_token', { body: { display_name: 'H' }, pin: '1234' });
    assert.equal(r.contentType, 'application/json');
    sdkAccepts('validateRequestToken200', r);
    const res = r.body.result as Record<string, unknown>;
    assert.equal(typeof res['expires'], 'string');
    assert.ok(['HOST', 'GUEST'].includes(res['role'] as string));
    assert.ok(Array.isArray(res['turn']));
    const token = res['token'] as string;
    const refreshed = await check(
      node,
      'meet.bob',
      'refresh_token',
      token,
      'object',
      'validateRefreshToken200',
    );
    assert.equal(typeof (refreshed.body.result as any).expires, 'string');
    await check(node, 'meet.bob', 'release_token', token, 'boolean', 'validateReleaseToken200', {
      body: { reason: 'User initiated disconnect' },
    });
    // Refusals the SDK must be able to read.
    const challenge = await node.api('meet.bob', 'request_token', { body: { display_name: 'H' } });
    assert.equal(challenge.status, 403);
    sdkAccepts('validateRequestToken403', challenge);
    const wrong = await node.api('meet.bob', 'request_token', { body: { display_name: 'H' }, pin: '0' });
    sdkAccepts('validateRequestToken403', wrong);
    const missing = await node.api('meet.nobody', 'request_token', { body: { display_name: 'H' } });
    assert.equal(missing.status, 404);
    sdkAccepts('validateRequestToken404', missing);
    const again = await node.api('meet.bob', 'release_token', { token });
    assert.equal(again.status, 403);
    sdkAccepts('validateReleaseToken403', again);
    sdkAccepts('validateRefreshToken403', await node.api('meet.bob', 'refresh_token', { token }));
  });

  it('conference-level commands and GETs', async () => {
    const node = await testNode({ dialAnswerMs: 0 });
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const t = a.token;
    for (const [path, v] of [
      ['lock', 'validateLock200'],
      ['unlock', 'validateUnlock200'],
      ['muteguests', 'validateMuteguests200'],
      ['unmuteguests', 'validateUnmuteguests200'],
      ['start_conference', 'validateStartConference200'],
      ['clearallbuzz', 'validateClearAllBuzz200'],
    ] as const) {
      await check(node, 'meet.alice', path, t, 'boolean', v);
    }
    await check(node, 'meet.alice', 'message', t, 'boolean', 'validateMessageConference200', {
      body: { type: 'text/plain', payload: 'hi' },
    });
    await check(node, 'meet.alice', 'dial', t, 'uuid-array', 'validateDial200', {
      body: { role: 'GUEST', destination: 'sip:far@example.com', protocol: 'sip' },
    });
    // A roster with every kind of row: client, dialled-out, waiting, presenting.
    await node.api('meet.alice', `participants/${b.uuid}/take_floor`, { token: b.token });
    await node.api('meet.alice', 'lock', { token: t });
    await node.join('meet.alice', 'Waiting');
    const list = await check(
      node,
      'meet.alice',
      'participants',
      t,
      'participant-array',
      'validateParticipants200',
      {
        method: 'GET',
      },
    );
    assert.equal((list.body.result as unknown[]).length, 4);
    const st = await check(
      node,
      'meet.alice',
      'conference_status',
      t,
      'object',
      'validateConferenceStatus200',
      {
        method: 'GET',
      },
    );
    for (const k of ['locked', 'guests_muted', 'started']) {
      assert.equal(typeof (st.body.result as any)[k], 'boolean', k);
    }
    const theme = await fetch(`${node.url}/api/client/v2/conferences/meet.alice/theme/`, {
      headers: { token: t },
    });
    assert.equal(theme.status, 204);
    assert.equal(await theme.text(), '');
    await check(node, 'meet.alice', 'disconnect', t, 'boolean', 'validateDisconnect200');
  });

  it('participant-level commands', async () => {
    const node = await testNode({ dialAnswerMs: 0 });
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const t = a.token;
    const pb = (cmd: string) => `participants/${b.uuid}/${cmd}`;
    const pa = (cmd: string) => `participants/${a.uuid}/${cmd}`;
    const booleans: [string, string, unknown?][] = [
      [pb('mute'), 'validateMuteParticipant200'],
      [pb('unmute'), 'validateUnmuteParticipant200'],
      [pa('client_mute'), 'validateClientMuteParticipant200'],
      [pa('client_unmute'), 'validateClientUnmuteParticipant200'],
      [pb('video_muted'), 'validateVideoMuteParticipant200'],
      [pb('video_unmuted'), 'validateVideoUnmuteParticipant200'],
      [pb('denyrxpresentation'), 'validateDenyrxpresentationParticipant200'],
      [pb('allowrxpresentation'), 'validateAllowrxpresentationParticipant200'],
      [pb('spotlighton'), 'validateSpotlightonParticipant200'],
      [pb('spotlightoff'), 'validateSpotlightoffParticipant200'],
      [pa('buzz'), 'validateBuzzParticipant200'],
      [pb('clearbuzz'), 'validateClearbuzzParticipant200'],
      [pb('overlaytext'), 'validateOverlaytextParticipant200', { text: 'Speaker' }],
      [pb('role'), 'validateRoleParticipant200', { role: 'guest' }],
      [pb('dtmf'), 'validateDtmfParticipant200', { digits: '12#' }],
      [pb('message'), 'validateMessageParticipant200', { type: 'text/plain', payload: 'psst' }],
      [pb('transfer'), 'validateTransferParticipant200', { conference_alias: 'meet.bob', role: 'guest' }],
      [pb('unlock'), 'validateUnlockParticipant200'],
    ];
    for (const [path, v, body] of booleans) {
      await check(node, 'meet.alice', path, t, 'boolean', v, body !== undefined ? { body } : {});
    }
    await check(node, 'meet.alice', pa('take_floor'), t, 'null', 'validateTakeFloor200');
    await check(node, 'meet.alice', pa('release_floor'), t, 'null', 'validateReleaseFloor200');
    await check(node, 'meet.alice', pa('release_floor'), t, 'null', 'validateReleaseFloor200');
    await check(
      node,
      'meet.alice',
      pb('disconnect'),
      t,
      'null-or-boolean',
      'validateDisconnectParticipant200',
    );
  });

  it('refusals use the 403 shape the SDK accepts', async () => {
    const node = await testNode();
    const h = await node.join('meet.bob', 'H', { pin: '1234' });
    const g = await node.join('meet.bob', 'G', { pin: 'none' });
    const cases: [string, string, unknown?][] = [
      [`participants/${h.uuid}/mute`, 'validateMuteParticipant403'],
      [`participants/${h.uuid}/spotlighton`, 'validateSpotlightonParticipant403'],
      [`participants/${h.uuid}/disconnect`, 'validateDisconnectParticipant403'],
      [`participants/${h.uuid}/take_floor`, 'validateTakeFloor403'],
      [`participants/${h.uuid}/role`, 'validateRoleParticipant403', { role: 'guest' }],
      [
        `participants/${h.uuid}/transfer`,
        'validateTransferParticipant403',
        { conference_alias: 'meet.alice', role: 'guest' },
      ],
    ];
    for (const [path, v, body] of cases) {
      const r = await node.api('meet.bob', path, { token: g.token, ...(body !== undefined ? { body } : {}) });
      assert.equal(r.status, 403, path);
      assert.equal(r.contentType, 'application/json', path);
      sdkAccepts(v, r);
      assert.equal(typeof r.body.result, 'string');
    }
  });
});
