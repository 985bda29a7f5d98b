/**
 * The node refuses abuse: wrong PINs are limited on every path that checks one (shared per source
 * address and target conference), one client cannot pile up event streams, participants or requests,
 * chat and overlay texts are bounded, refreshed tokens die after a short grace, tokens never reach
 * the log, and only the node's own origins (not whatever `Host` says) count as same-origin.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, parseConfig } from '../../conferencing-node/config.js';
import { startNode } from '../../conferencing-node/server.js';
import { EventReader, manualClock, settle, testNode, type TestNode } from './helpers.js';

const TOO_MANY = { status: 'failed', result: 'Too many requests' };
const EXCEEDED = 'Participant exceeded PIN entry retries';

/** A Host in the PIN-less meet.alice transferring itself to `alias` with `pin`. */
function transferSelf(node: TestNode, me: { token: string; uuid: string }, alias: string, pin: string) {
  return node.api('meet.alice', `participants/${me.uuid}/transfer`, {
    token: me.token,
    body: { conference_alias: alias, role: 'host', pin },
  });
}

function joinWithPin(node: TestNode, alias: string, pin: string, extension?: string) {
  return node.api(alias, 'request_token', {
    body: { display_name: 'Guesser', ...(extension ? { conference_extension: extension } : {}) },
    pin,
  });
}

describe('wrong PINs (one limiter per source address and target conference)', () => {
  it('limits PIN guessing through transfer; the right PIN is refused until the window has passed', async () => {
    const clock = manualClock();
    const node = await testNode({ pinRetries: 3, pinRetryWindowSeconds: 60 }, { clock });
    const me = await node.join('meet.alice', 'Guesser');
    const events = await EventReader.open(node, 'meet.alice', me.token);
    for (const expected of ['Invalid PIN', 'Invalid PIN', EXCEEDED]) {
      const r = await transferSelf(node, me, 'meet.carol', '0000');
      assert.equal(r.status, 403);
      assert.deepEqual(r.body, { status: 'failed', result: expected });
    }
    // Locked out: the Host PIN itself no longer works, on this path or by joining directly.
    const right = await transferSelf(node, me, 'meet.carol', '1234');
    assert.deepEqual([right.status, right.body.result], [403, EXCEEDED]);
    const direct = await joinWithPin(node, 'meet.carol', '1234');
    assert.deepEqual([direct.status, direct.body.result], [403, EXCEEDED]);
    assert.equal(events.events.filter((e) => e.event === 'refer').length, 0, 'no transfer happened');
    // Just before the window ends: still refused.
    clock.advance(59_000);
    assert.equal((await transferSelf(node, me, 'meet.carol', '1234')).body.result, EXCEEDED);
    clock.advance(1_001);
    const later = await transferSelf(node, me, 'meet.carol', '1234');
    assert.deepEqual(later.body, { status: 'success', result: true });
    const refer = await events.next('refer');
    assert.equal(refer.data.alias, 'meet.carol');
  });

  it('shares one count between request_token, the Virtual Reception and transfer', async () => {
    const node = await testNode({ pinRetries: 3 });
    const me = await node.join('meet.alice', 'Guesser');
    // reception extension 200 → meet.bob: one wrong PIN on each path.
    assert.equal((await joinWithPin(node, 'meet.bob', '1111')).body.result, 'Invalid PIN');
    assert.equal((await joinWithPin(node, 'reception', '2222', '200')).body.result, 'Invalid PIN');
    assert.equal((await transferSelf(node, me, 'meet.bob', '3333')).body.result, EXCEEDED);
    for (const r of [
      await joinWithPin(node, 'meet.bob', '1234'),
      await joinWithPin(node, 'reception', '1234', '200'),
      await transferSelf(node, me, 'meet.bob', '1234'),
    ]) {
      assert.deepEqual([r.status, r.body.result], [403, EXCEEDED]);
    }
    assert.equal(node.state.conferenceFor('meet.bob')?.count(), 0);
    // Another conference has its own count.
    assert.equal((await node.join('meet.carol', 'Host', { pin: '1234' })).role, 'HOST');
  });

  it('counts unknown Virtual Reception extensions as wrong entries', async () => {
    const node = await testNode({ pinRetries: 2 });
    const guess = (ext: string) =>
      node.api('reception', 'request_token', { body: { display_name: 'V', conference_extension: ext } });
    assert.deepEqual([(await guess('101')).status, (await guess('102')).status], [404, 403]);
    const right = await guess('100');
    assert.deepEqual([right.status, right.body.result], [403, EXCEEDED]);
  });
});

describe('one client cannot exhaust the node', () => {
  it('keeps at most maxEventStreamsPerToken streams per participant: a new one closes the oldest', async () => {
    const node = await testNode({ maxEventStreamsPerToken: 3 });
    const a = await node.join('meet.alice', 'Streamer');
    const b = await node.join('meet.alice', 'Talker');
    const streams: EventReader[] = [];
    for (let i = 0; i < 3; i++) streams.push(await EventReader.open(node, 'meet.alice', a.token));
    const refreshed = await node.api('meet.alice', 'refresh_token', { token: a.token });
    const newToken = (refreshed.body.result as { token: string }).token;
    // The fourth (with the refreshed token: same participant) pushes the first one out.
    streams.push(await EventReader.open(node, 'meet.alice', newToken));
    await streams[0]!.closed;
    const participant = node.state.participantFor(newToken)!;
    assert.equal(participant.streams.size, 3);
    for (let i = 0; i < 20; i++) streams.push(await EventReader.open(node, 'meet.alice', newToken));
    assert.equal(participant.streams.size, 3);
    // One message reaches the participant three times at most.
    const sent = await node.api('meet.alice', 'message', { token: b.token, body: { payload: 'hello' } });
    assert.equal(sent.status, 200);
    const open = streams.slice(-3);
    for (const s of open) await settle(node, newToken, s);
    const copies = streams.flatMap((s) => s.log).filter((e) => e.event === 'message_received');
    assert.equal(copies.length, 3);
    for (const s of open) assert.equal(s.log.filter((e) => e.event === 'message_received').length, 1);
  });

  it('turns participants away past the node-wide maxParticipants; a room of its own keeps its limit', async () => {
    const node = await testNode({ maxParticipants: 2 });
    await node.join('meet.alice', 'One');
    await node.join('meet.alice', 'Two');
    const third = await node.api('meet.alice', 'request_token', { body: { display_name: 'Three' } });
    assert.equal(third.status, 403);
    assert.deepEqual(third.body, { status: 'failed', result: 'Participant limit reached' });
    // A room's own maxParticipants wins over the node default; dial-outs count too.
    const big = await testNode({
      maxParticipants: 1,
      conferences: [{ alias: 'meet.big', name: 'Big', maxParticipants: 3 }],
    });
    const h = await big.join('meet.big', 'A');
    await big.join('meet.big', 'B');
    const dial = await big.api('meet.big', 'dial', {
      token: h.token,
      body: { role: 'GUEST', destination: 'sip:c@example.com', protocol: 'sip' },
    });
    assert.equal(dial.status, 200);
    const fourth = await big.api('meet.big', 'request_token', { body: { display_name: 'D' } });
    assert.deepEqual([fourth.status, fourth.body.result], [403, 'Participant limit reached']);
    const dial2 = await big.api('meet.big', 'dial', {
      token: h.token,
      body: { role: 'GUEST', destination: 'sip:e@example.com', protocol: 'sip' },
    });
    assert.deepEqual([dial2.status, dial2.body.result], [403, 'Participant limit reached']);
  });

  it('limits the request rate per participant (token bucket, all its tokens): 429 with Retry-After', async () => {
    const clock = manualClock();
    const node = await testNode({ requestBurstPerToken: 5, requestsPerSecondPerToken: 2 }, { clock });
    const a = await node.join('meet.alice', 'Busy');
    const b = await node.join('meet.alice', 'Calm');
    const status = (token: string) => node.api('meet.alice', 'conference_status', { token, method: 'GET' });
    for (let i = 0; i < 4; i++) assert.equal((await status(a.token)).status, 200);
    // A refresh is a request too, and the new token shares the bucket.
    const refreshed = await node.api('meet.alice', 'refresh_token', { token: a.token });
    const fresh = (refreshed.body.result as { token: string }).token;
    const res = await fetch(`${node.url}/api/client/v2/conferences/meet.alice/conference_status`, {
      headers: { token: fresh },
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('retry-after'), '1');
    assert.deepEqual(await res.json(), TOO_MANY);
    assert.equal((await status(b.token)).status, 200, 'another participant is not affected');
    clock.advance(500);
    assert.equal((await status(fresh)).status, 200, 'one request back after half a second');
    assert.equal((await status(fresh)).status, 429);
  });

  it('limits the request rate per source address, request_token included', async () => {
    const clock = manualClock();
    const node = await testNode({ requestBurstPerAddress: 6, requestsPerSecondPerAddress: 1 }, { clock });
    const j = await node.join('meet.alice', 'Addr');
    for (let i = 0; i < 5; i++) {
      assert.equal(
        (await node.api('meet.alice', 'participants', { token: j.token, method: 'GET' })).status,
        200,
      );
    }
    const r = await node.api('meet.alice', 'request_token', { body: { display_name: 'Next' } });
    assert.deepEqual([r.status, r.body], [429, TOO_MANY]);
    assert.equal(node.state.conferenceFor('meet.alice')?.count(), 1);
    clock.advance(1000);
    assert.equal(
      (await node.api('meet.alice', 'request_token', { body: { display_name: 'Next' } })).status,
      200,
    );
  });

  it('bounds chat messages (maxChatBytes, UTF-8) and overlay texts (maxOverlayTextLength)', async () => {
    const node = await testNode({ maxChatBytes: 10, maxOverlayTextLength: 5 });
    const a = await node.join('meet.alice', 'A');
    const b = await node.join('meet.alice', 'B');
    const eb = await EventReader.open(node, 'meet.alice', b.token);
    const say = (payload: string) => node.api('meet.alice', 'message', { token: a.token, body: { payload } });
    assert.equal((await say('0123456789')).status, 200);
    const long = await say('ééééé1'); // 6 characters, 11 bytes
    assert.deepEqual(
      [long.status, long.body],
      [400, { status: 'failed', result: '"payload" is longer than 10 bytes' }],
    );
    assert.equal((await say('x'.repeat(11))).status, 400);
    await settle(node, b.token, eb);
    assert.deepEqual(
      eb.log.filter((e) => e.event === 'message_received').map((e) => e.data.payload),
      ['0123456789'],
    );
    assert.deepEqual(
      node.state.chatLog('meet.alice').map((m) => m.payload),
      ['0123456789'],
    );
    const overlay = (text: string) =>
      node.api('meet.alice', `participants/${b.uuid}/overlaytext`, { token: a.token, body: { text } });
    assert.equal((await overlay('12345')).status, 200);
    const tooLong = await overlay('123456');
    assert.deepEqual([tooLong.status, tooLong.body.result], [400, '"text" is longer than 5 characters']);
    assert.equal(node.state.participantFor(b.token)?.overlayText, '12345');
  });

  it('charges long chat messages more of the sender’s rate', async () => {
    const node = await testNode({ requestBurstPerToken: 20, requestsPerSecondPerToken: 0.1 });
    const a = await node.join('meet.alice', 'A');
    const big = 'x'.repeat(40 * 1024); // 10 extra requests' worth
    const say = () => node.api('meet.alice', 'message', { token: a.token, body: { payload: big } });
    assert.equal((await say()).status, 200);
    assert.equal((await say()).status, 429);
    assert.equal(node.state.chatLog('meet.alice').length, 1);
  });

  it('checks every limit in the configuration', () => {
    const base = loadConfig();
    const raw = { ...base, conferences: base.services };
    for (const [key, value] of [
      ['maxEventStreamsPerToken', 0],
      ['maxParticipants', 1.5],
      ['requestBurstPerToken', -1],
      ['requestsPerSecondPerAddress', 0],
      ['maxChatBytes', '64k'],
      ['maxOverlayTextLength', 0],
      ['refreshGraceSeconds', -1],
      ['pinRetryWindowSeconds', 0],
    ] as const) {
      assert.throws(() => parseConfig({ ...raw, [key]: value }), ConfigError, key);
    }
    const d = parseConfig(raw);
    assert.deepEqual(
      [d.maxEventStreamsPerToken, d.maxParticipants, d.refreshGraceSeconds, d.maxChatBytes],
      [3, 100, 10, 65536],
    );
  });
});

describe('token hygiene', () => {
  it('a refreshed token keeps working for refreshGraceSeconds, then is refused like an invalid one', async () => {
    const clock = manualClock();
    const node = await testNode({ refreshGraceSeconds: 10 }, { clock });
    const j = await node.join('meet.alice', 'R');
    const status = (token: string) => node.api('meet.alice', 'conference_status', { token, method: 'GET' });
    const r = await node.api('meet.alice', 'refresh_token', { token: j.token });
    const fresh = (r.body.result as { token: string }).token;
    assert.equal((await status(j.token)).status, 200, 'in flight: still good');
    clock.advance(9_900);
    assert.equal((await status(j.token)).status, 200);
    clock.advance(200);
    const old = await status(j.token);
    assert.deepEqual([old.status, old.body], [403, { status: 'failed', result: 'Invalid token' }]);
    assert.equal((await node.api('meet.alice', 'refresh_token', { token: j.token })).status, 403);
    assert.equal((await status(fresh)).status, 200);
    assert.equal(node.state.conferenceFor('meet.alice')?.count(), 1, 'the participant stays');
  });

  it('refreshGraceSeconds 0 refuses the previous token at once', async () => {
    const node = await testNode({ refreshGraceSeconds: 0 });
    const j = await node.join('meet.alice', 'R');
    const r = await node.api('meet.alice', 'refresh_token', { token: j.token });
    assert.equal(r.status, 200);
    const old = await node.api('meet.alice', 'conference_status', { token: j.token, method: 'GET' });
    assert.equal(old.status, 403);
  });

  it('never writes a token (or a PIN) to the log, not even for a URL that failed', async () => {
    const lines: string[] = [];
    const node = await startNode({ config: loadConfig(), log: (m) => lines.push(m) });
    try {
      const join = async (alias: string, pin?: string) => {
        const res = await fetch(`${node.url}/api/client/v2/conferences/${alias}/request_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(pin ? { pin } : {}) },
          body: JSON.stringify({ display_name: 'Logged' }),
        });
        return ((await res.json()) as { result: { token: string } }).result.token;
      };
      const token = await join('meet.alice');
      const hostToken = await join('meet.bob', '1234');
      const base = `${node.url}/api/client/v2/conferences/meet.alice`;
      const events = new AbortController();
      const stream = await fetch(`${base}/events?token=${token}`, { signal: events.signal });
      assert.equal(stream.status, 200);
      // Make the next API request fail unexpectedly (a 500 the node logs with its URL).
      const realFind = node.state.findService.bind(node.state);
      node.state.findService = () => {
        throw new Error('simulated failure');
      };
      const failed = await fetch(`${base}/events?token=${token}&pin=1234`);
      assert.equal(failed.status, 500);
      node.state.findService = realFind;
      await fetch(`${base}/release_token?token=${token}`, { method: 'POST' });
      events.abort();
      const logged = lines.join('\n');
      assert.match(
        logged,
        /unexpected error on GET \/api\/client\/v2\/conferences\/meet\.alice\/events\?token=…&pin=…/,
      );
      for (const secret of [token, hostToken, '1234'])
        assert.ok(!logged.includes(secret), 'no secret in the log');
    } finally {
      await node.close();
    }
  });
});

/** A raw request with exactly these headers (fetch will not send a foreign Host). */
function rawPost(url: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: unknown; cors: string | undefined }>((resolve, reject) => {
    const body = JSON.stringify({ display_name: 'Rebound' });
    const req = request(
      `${url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text),
            cors: res.headers['access-control-allow-origin'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('Origin check (DNS rebinding)', () => {
  it('refuses a page whose Origin matches only the Host it sent (evil.example resolving to the node)', async () => {
    const node = await testNode();
    const r = await rawPost(node.url, '/api/client/v2/conferences/meet.alice/request_token', {
      host: 'evil.example:8080',
      origin: 'http://evil.example:8080',
    });
    assert.deepEqual(
      [r.status, r.body, r.cors],
      [403, { status: 'failed', result: 'Origin not allowed' }, undefined],
    );
    const sameHostPort = await rawPost(node.url, '/api/client/v2/conferences/meet.alice/request_token', {
      host: `evil.example:${node.port}`,
      origin: `http://evil.example:${node.port}`,
    });
    assert.equal(sameHostPort.status, 403);
    assert.equal(node.state.conferenceFor('meet.alice')?.count(), 0);
  });

  it('serves its own origins (127.0.0.1 and localhost on its port) whatever the Host header says', async () => {
    const node = await testNode();
    for (const origin of [
      `http://127.0.0.1:${node.port}`,
      `http://localhost:${node.port}`,
      // *.localhost is loopback in browsers (no DNS), as the media benchmark's participant frames use.
      `http://p1.localhost:${node.port}`,
    ]) {
      const r = await rawPost(node.url, '/api/client/v2/conferences/meet.alice/request_token', {
        host: `localhost:${node.port}`,
        origin,
      });
      assert.equal(r.status, 200, origin);
    }
    for (const origin of [
      `http://127.0.0.1:${node.port + 1}`,
      `https://127.0.0.1:${node.port}`,
      `http://localhost.evil.example:${node.port}`,
      `http://evil.example/.localhost:${node.port}`,
    ]) {
      const r = await rawPost(node.url, '/api/client/v2/conferences/meet.alice/request_token', { origin });
      assert.equal(r.status, 403, origin);
    }
  });
});
