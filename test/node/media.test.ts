/**
 * The node's media (conferencing-node/media/) driven by scripted werift clients over loopback:
 * the SDP answer's shape, audio-only rooms, forwarding, presentation relay and stills, the call
 * commands' result types, and that every socket, child process and timer is gone after each way a
 * call can end (call disconnect, token expiry, kick, node shutdown).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig, parseConfig } from '../../conferencing-node/config.js';
import { ManualClock } from '../../conferencing-node/clock.js';
import { MediaEngine } from '../../conferencing-node/media/engine.js';
import { parseOffer } from '../../conferencing-node/media/sdp.js';
import { findFfmpeg, JpegSplitter } from '../../conferencing-node/media/stills.js';
import { type RunningNode, startNode } from '../../conferencing-node/server.js';
import { Events, http, jpegSize, MediaClient, Vp8Source } from './media-client.js';

const ffmpeg = findFfmpeg();

async function start(overrides: Record<string, unknown> = {}, clock?: ManualClock): Promise<RunningNode> {
  const base = loadConfig();
  const config = parseConfig({ ...base, conferences: base.services, ...overrides });
  return startNode({ config, log: () => undefined, ...(clock ? { clock } : {}) });
}

async function join(node: RunningNode, alias: string, name: string): Promise<MediaClient> {
  const r = await http(node, 'POST', `${alias}/request_token`, { body: { display_name: name } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return new MediaClient(
    node,
    alias,
    r.body.result.token as string,
    r.body.result.participant_uuid as string,
  );
}

async function until<T>(fn: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const engineOf = (node: RunningNode): MediaEngine => node.state.media as MediaEngine;

describe('media: calls, answers, forwarding and presentation', () => {
  let node: RunningNode;
  const clients: MediaClient[] = [];
  const streams: Events[] = [];
  before(async () => {
    node = await start();
  });
  after(async () => {
    for (const s of streams) s.close();
    await Promise.all(clients.map((c) => c.close()));
    await node.close();
  });
  const client = async (alias: string, name: string): Promise<MediaClient> => {
    const c = await join(node, alias, name);
    clients.push(c);
    return c;
  };
  const events = async (c: MediaClient): Promise<Events> => {
    const e = await Events.open(node, c.alias, c.token);
    streams.push(e);
    return e;
  };

  it('answers with the offer’s m-lines, mids and content labels, mirrored directions and b=AS', async () => {
    const a = await client('meet.alice', 'Shape');
    const r = await a.call(512);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.type, 'application/json');
    assert.deepEqual(Object.keys(r.body.result).sort(), ['call_uuid', 'sdp']);
    const offer = parseOffer(await a.offer(512));
    const answer = parseOffer(a.answer);
    assert.deepEqual(
      answer.map((s) => [s.kind, s.mid, s.content]),
      offer.map((s) => [s.kind, s.mid, s.content]),
    );
    assert.deepEqual(
      answer.map((s) => s.content),
      ['main', 'main', 'slides'],
    );
    assert.deepEqual(
      answer.map((s) => s.direction),
      ['sendrecv', 'sendrecv', 'inactive'],
    );
    assert.equal(answer[2]!.rejected, false, 'the inactive slides line stays alive (port ≠ 0)');
    assert.deepEqual(
      answer.map((s) => s.bandwidth),
      [undefined, 512, 512],
    );
    assert.match(a.answer, /a=rtpmap:\d+ opus\/48000\/2/i);
    assert.match(a.answer, /a=rtpmap:\d+ VP8\/90000/);
    assert.match(a.answer, /a=fingerprint:sha-256 /);
    assert.match(a.answer, /urn:ietf:params:rtp-hdrext:ssrc-audio-level/);
    const candidates = a.answer.split('\r\n').filter((l) => l.startsWith('a=candidate:'));
    assert.ok(candidates.length > 0);
    for (const c of candidates) assert.equal(c.split(' ')[4], '127.0.0.1', c);
    // A bandwidth above the node's cap is capped.
    const b = await client('meet.alice', 'Greedy');
    await b.call(100_000);
    assert.deepEqual(
      parseOffer(b.answer).map((s) => s.bandwidth),
      [undefined, 1864, 1864],
    );
  });

  it('ack → true, roster shows webrtc media; forwards video; call commands answer the SDK’s types', async () => {
    const a = await client('meet.small', 'Ann');
    const ev = await events(a);
    assert.equal((await a.call()).status, 200);
    const ack = await a.command('ack');
    assert.deepEqual(ack.body, { status: 'success', result: true });
    const me = await ev.next('participant_update', (d) => d.uuid === a.uuid && d.has_media);
    assert.equal(me.data.protocol, 'webrtc');
    assert.equal(me.data.is_video_call, 'YES');
    assert.equal(me.data.is_audio_only_call, 'NO');
    await a.connected();
    const video = Vp8Source.make(ffmpeg, 320, 180, 1);
    video?.start(a.video);
    if (video) {
      // Alone: Ann gets her own picture back, and is told that it is hers.
      const self = await ev.next('layout', (d) => d.participants[0] === a.uuid);
      assert.equal(self.data.view, '1:0');
      await until(() => a.received.video.length > 5, 'Ann’s self view');
    }

    const b = await client('meet.small', 'Ben');
    const evB = await events(b);
    await b.call();
    await b.command('ack');
    await b.connected();
    assert.deepEqual((await b.command('new_candidate', { candidate: '', mid: '0' })).body.result, null);
    assert.deepEqual((await b.command('statistics', { audio: {} })).body.result, null);
    assert.deepEqual((await b.command('dtmf', { digits: '12#' })).body.result, true);
    assert.equal((await b.command('dtmf', { digits: 'xyz' })).status, 400);
    assert.deepEqual((await b.command('fecc', { action: 'start', movement: [] })).body.result, false);
    const stranger = await http(node, 'POST', a.path(`calls/${b.callUuid}/ack`), {
      token: a.token,
      body: {},
    });
    assert.equal(stranger.status, 403, 'a call is only its owner’s');

    if (video) {
      try {
        await until(() => b.received.video.length > 10, 'Ben to receive Ann’s video');
        await evB.next('layout', (d) => d.participants[0] === a.uuid);
      } finally {
        video.stop();
      }
    }
    const bye = await a.command('disconnect');
    assert.deepEqual(bye.body, { status: 'success', result: null });
    assert.deepEqual((await a.command('disconnect')).body.result, null, 'idempotent');
    const gone = await ev.next('participant_update', (d) => d.uuid === a.uuid && !d.has_media);
    assert.equal(gone.data.protocol, 'api');
  });

  it('an audio-only room answers video lines inactive and reports an audio call', async () => {
    const r = await http(node, 'POST', 'meet.audio/request_token', { body: { display_name: 'Voice' } });
    assert.equal(r.body.result.call_type, 'audio');
    const a = new MediaClient(node, 'meet.audio', r.body.result.token, r.body.result.participant_uuid);
    clients.push(a);
    const ev = await events(a);
    assert.equal((await a.call(512)).status, 200);
    assert.deepEqual(
      parseOffer(a.answer).map((s) => [s.kind, s.direction]),
      [
        ['audio', 'sendrecv'],
        ['video', 'inactive'],
        ['video', 'inactive'],
      ],
    );
    await a.command('ack');
    const me = await ev.next('participant_update', (d) => d.uuid === a.uuid && d.has_media);
    assert.equal(me.data.is_audio_only_call, 'YES');
    assert.equal(me.data.is_video_call, 'NO');
  });

  it(
    'relays the presentation to a recvonly slides line and serves JPEG stills',
    { skip: !ffmpeg },
    async () => {
      const p = await client('meet.quiet', 'Presenter');
      const v = await client('meet.quiet', 'Viewer');
      const evV = await events(v);
      for (const c of [p, v]) {
        await c.call();
        await c.command('ack');
        await c.connected();
      }
      const floor = await http(node, 'POST', p.path('take_floor'), { token: p.token });
      assert.deepEqual(floor.body.result, null);
      await evV.next('presentation_start', (d) => d.presenter_uuid === p.uuid);
      p.slides.setDirection('sendonly');
      const pAnswer = parseOffer(await p.update());
      assert.equal(pAnswer[2]!.direction, 'recvonly');
      assert.equal(pAnswer[2]!.content, 'slides');
      v.slides.setDirection('recvonly');
      assert.equal(parseOffer(await v.update())[2]!.direction, 'sendonly');

      const slides = Vp8Source.make(ffmpeg, 1280, 720, 2)!;
      slides.start(p.slides);
      try {
        await until(() => v.received.slides.length > 20, 'the viewer to receive slides');
        const frame = await evV.next('presentation_frame', () => true, 10000);
        assert.match(frame.id, /^\d+$/);
        assert.deepEqual(frame.data, { lastEventId: frame.id });
        const high = await http(
          node,
          'GET',
          `meet.quiet/presentation_high.jpeg?id=${frame.id}&token=${v.token}`,
        );
        assert.equal(high.status, 200);
        assert.equal(high.type, 'image/jpeg');
        assert.deepEqual(jpegSize(high.raw), { width: 1280, height: 720 });
        const low = await http(node, 'GET', `meet.quiet/presentation.jpeg?id=${frame.id}`, {
          token: v.token,
        });
        assert.deepEqual(jpegSize(low.raw), { width: 640, height: 360 });
        assert.equal(new JpegSplitter().push(low.raw).length, 1, 'exactly one whole JPEG');
      } finally {
        slides.stop();
      }
      // Release: presentation_stop to the viewer; stills stop.
      await http(node, 'POST', p.path('release_floor'), { token: p.token });
      await evV.next('presentation_stop');
      const none = await http(node, 'GET', `meet.quiet/presentation.jpeg?token=${v.token}`);
      assert.equal(none.status, 404);
    },
  );
});

/** Handles, sockets, processes and timers of this process, by type. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

describe('media: clean-up', () => {
  it('leaves no socket, child process or timer after disconnect, expiry, kick and shutdown', async () => {
    // The previous suite's media sockets and ffmpeg close asynchronously after its node did.
    await until(() => !resources()['UDPWrap'] && !resources()['ProcessWrap'], 'no media left').catch(
      () => undefined,
    );
    const baseline = resources();
    const clock = new ManualClock();
    const node = await start({ tokenExpiresSeconds: 2 }, clock);
    const engine = engineOf(node);
    const clients: MediaClient[] = [];
    const connect = async (name: string): Promise<MediaClient> => {
      const c = await join(node, 'meet.alice', name);
      clients.push(c);
      await c.call();
      await c.command('ack');
      await c.connected();
      return c;
    };
    const keep = new Set<MediaClient>();
    const refresher = setInterval(() => {
      for (const c of keep) {
        // A refresh still in flight when the node shuts down is reset: that is expected here.
        void http(node, 'POST', `${c.alias}/refresh_token`, { token: c.token })
          .then((r) => {
            if (r.status === 200) Object.assign(c, { token: r.body.result.token });
          })
          .catch(() => undefined);
      }
    }, 500);
    try {
      const host = await connect('Host');
      keep.add(host);
      // 1. The client ends its call.
      const leaver = await connect('Leaver');
      keep.add(leaver);
      await leaver.command('disconnect');
      await until(() => !engine.calls.has(leaver.callUuid), 'the call to end');
      // 2. Kicked by the Host.
      const kicked = await connect('Kicked');
      keep.add(kicked);
      await http(node, 'POST', `meet.alice/participants/${kicked.uuid}/disconnect`, { token: host.token });
      await until(() => !engine.calls.has(kicked.callUuid), 'the kicked call to end');
      keep.delete(kicked);
      // 3. Stops refreshing its token.
      // 2.4 s on the node's clock, the others refreshing along the way, the Sleeper not.
      const sleeper = await connect('Sleeper');
      for (let i = 0; i < 6; i++) {
        clock.advance(400);
        await Promise.all(
          [...keep].map(async (c) => {
            const r = await http(node, 'POST', `${c.alias}/refresh_token`, { token: c.token });
            if (r.status === 200) Object.assign(c, { token: r.body.result.token });
          }),
        );
      }
      await until(() => !engine.calls.has(sleeper.callUuid), 'the expired call to end');
      // 4. Shutdown with calls and a presentation (an ffmpeg for stills) running.
      const presenter = await connect('Presenter');
      keep.add(presenter);
      await http(node, 'POST', presenter.path('take_floor'), { token: presenter.token });
      presenter.slides.setDirection('sendonly');
      await presenter.update();
      const slides = Vp8Source.make(ffmpeg, 320, 180, 1);
      if (slides) {
        slides.start(presenter.slides);
        await until(
          () => engine.rooms.size > 0 && [...engine.rooms.values()].some((r) => r.frames.size > 0),
          'a still',
          8000,
        );
        slides.stop();
        assert.ok((resources()['ProcessWrap'] ?? 0) >= 1, 'ffmpeg runs while presenting');
      }
      assert.ok(engine.calls.size >= 2);
      clearInterval(refresher);
      await node.close();
      assert.equal(engine.calls.size, 0);
    } finally {
      clearInterval(refresher);
      await Promise.all(clients.map((c) => c.close()));
    }
    const same = (a: Record<string, number>, b: Record<string, number>): boolean =>
      [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
    // Sockets and processes are released asynchronously: wait for that, then compare (below).
    await until(() => same(resources(), baseline), 'every handle to be released', 5000).catch(
      () => undefined,
    );
    const now = resources();
    for (const kind of new Set([...Object.keys(baseline), ...Object.keys(now)])) {
      assert.equal(now[kind] ?? 0, baseline[kind] ?? 0, `${kind}: ${JSON.stringify({ baseline, now })}`);
    }
  });
});
