/**
 * DTMF on the local node: digits into a participant's own media call
 * (`participants/<own>/calls/<call>/dtmf`) and digits toward a participant (`participants/<uuid>/dtmf`)
 * are recorded apart, per conference, and read back with the test-only `NodeState.dtmfLog()`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig, parseConfig } from '../../conferencing-node/config.js';
import { type RunningNode, startNode } from '../../conferencing-node/server.js';
import { http, MediaClient } from './media-client.js';

describe('DTMF records: per call and per participant', () => {
  let node: RunningNode;
  let ann: MediaClient;
  before(async () => {
    const base = loadConfig();
    const config = parseConfig({ ...base, conferences: base.services, dialAnswerMs: 50 });
    node = await startNode({ config, log: () => undefined });
    const r = await http(node, 'POST', 'meet.alice/request_token', { body: { display_name: 'Ann' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    ann = new MediaClient(node, 'meet.alice', r.body.result.token, r.body.result.participant_uuid);
  });
  after(async () => {
    await ann.close();
    await node.close();
  });

  it('keeps call DTMF and participant DTMF apart, and forgets them when the conference ends', async () => {
    assert.deepEqual(node.state.dtmfLog('meet.alice'), []);
    assert.equal((await ann.call()).status, 200);
    await ann.command('ack');
    assert.deepEqual((await ann.command('dtmf', { digits: '12#' })).body.result, true);

    const dialled = await http(node, 'POST', 'meet.alice/dial', {
      token: ann.token,
      body: { role: 'GUEST', destination: 'sip:ivr@example.com', protocol: 'sip' },
    });
    const ivr = (dialled.body.result as string[])[0]!;
    const toIvr = await http(node, 'POST', `meet.alice/participants/${ivr}/dtmf`, {
      token: ann.token,
      body: { digits: '*9' },
    });
    assert.deepEqual(toIvr.body.result, true);
    // A refused request records nothing.
    const bad = await ann.command('dtmf', { digits: 'x' });
    assert.equal(bad.status, 400);

    assert.deepEqual(node.state.dtmfLog('meet.alice'), [
      {
        kind: 'call',
        from: ann.uuid,
        fromName: 'Ann',
        to: ann.uuid,
        toName: 'Ann',
        callUuid: ann.callUuid,
        digits: '12#',
      },
      {
        kind: 'participant',
        from: ann.uuid,
        fromName: 'Ann',
        to: ivr,
        toName: 'sip:ivr@example.com',
        digits: '*9',
      },
    ]);
    // Other conferences (and unknown aliases) have their own, empty, records.
    assert.deepEqual(node.state.dtmfLog('meet.bob'), []);
    assert.deepEqual(node.state.dtmfLog('no.such.room'), []);

    // The last client leaves: the conference ends and a fresh one starts with no records.
    assert.equal(
      (await http(node, 'POST', 'meet.alice/release_token', { token: ann.token, body: {} })).status,
      200,
    );
    assert.deepEqual(node.state.dtmfLog('meet.alice'), []);
  });
});
