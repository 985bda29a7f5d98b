/** Unit tests of the media engine's pieces: speaker choice, RTP forwarding across switches, SDP. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RtpHeader, RtpPacket } from 'werift';
import { Forwarder, InboundStream, isVp8KeyframeStart } from '../../conferencing-node/media/rtp.js';
import { fixAnswer, parseOffer } from '../../conferencing-node/media/sdp.js';
import { SpeakerDetector } from '../../conferencing-node/media/speaker.js';
import { jpegEnd, JpegSplitter } from '../../conferencing-node/media/stills.js';

describe('SpeakerDetector', () => {
  /** Feeds `ms` of 20 ms packets: `loud` speak at -10 dBov, everyone else is silent. */
  function talk(d: SpeakerDetector, ids: string[], loud: string[], from: number, ms: number): number {
    let t = from;
    for (; t < from + ms; t += 20) {
      for (const id of ids) d.level(id, loud.includes(id) ? 10 : 127, t);
      if (t % 100 === 0) d.evaluate(t);
    }
    return t;
  }

  it('picks whoever speaks, switches when another starts, and keeps a history', () => {
    const d = new SpeakerDetector();
    const ids = ['a', 'b', 'c'];
    ids.forEach((id) => d.add(id));
    let t = talk(d, ids, [], 0, 500);
    assert.equal(d.active, undefined, 'silence elects nobody');
    t = talk(d, ids, ['a'], t, 400);
    assert.equal(d.active, 'a');
    assert.equal(d.isSpeaking('a'), true);
    const start = t;
    while (d.active !== 'b' && t < start + 2000) t = talk(d, ids, ['b'], t, 20);
    assert.equal(d.active, 'b');
    assert.ok(t - start < 1000, `switched after ${t - start} ms`);
    assert.deepEqual(d.history, ['b', 'a']);
    t = talk(d, ids, [], t, 1000);
    assert.equal(d.isSpeaking('b'), false, 'speaking ends after the hangover');
    assert.equal(d.active, 'b', 'the last speaker keeps the picture in silence');
  });

  it('does not flap between two people talking at once', () => {
    const d = new SpeakerDetector();
    d.add('a');
    d.add('b');
    let switches = 0;
    let last = d.active;
    for (let t = 0; t < 3000; t += 20) {
      d.level('a', 10, t);
      d.level('b', 12, t);
      if (t % 100 === 0) {
        d.evaluate(t);
        if (d.active !== last) switches++;
        last = d.active;
      }
    }
    assert.ok(switches <= 1, `${switches} switches`);
  });
});

const vp8 = (seq: number, ts: number, key: boolean, start = true, ssrc = 1): RtpPacket =>
  new RtpPacket(
    new RtpHeader({ sequenceNumber: seq & 0xffff, timestamp: ts >>> 0, ssrc, payloadType: 96, marker: true }),
    Buffer.from([start ? 0x10 : 0x00, key ? 0x00 : 0x01, 0, 0]),
  );

describe('Forwarder', () => {
  it('starts on a keyframe and keeps sequence numbers and timestamps continuous across a switch', () => {
    const sent: RtpPacket[] = [];
    const sink = { sendRtp: async (p: RtpPacket | Buffer) => void sent.push(p as RtpPacket) };
    const plis: string[] = [];
    const a = new InboundStream('a', 'video', 90000, () => plis.push('a'));
    const b = new InboundStream('b', 'video', 90000, () => plis.push('b'));
    const f = new Forwarder(sink, 'video');
    f.setSource(a);
    assert.deepEqual(plis, ['a'], 'a keyframe is asked for at once');
    a.push(vp8(100, 1000, false));
    assert.equal(sent.length, 0, 'no delta frame before the keyframe');
    a.push(vp8(101, 4000, true));
    a.push(vp8(102, 7000, false));
    assert.equal(sent.length, 2);
    f.setSource(b);
    assert.equal(plis.at(-1), 'b');
    b.push(vp8(5000, 900000, false));
    a.push(vp8(103, 10000, false));
    assert.equal(f.source, a, 'the old source goes on until the new one has a keyframe');
    b.push(vp8(5001, 903000, true));
    a.push(vp8(104, 13000, false));
    b.push(vp8(5002, 906000, false));
    assert.equal(f.source, b);
    const seqs = sent.map((p) => p.header.sequenceNumber);
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], (seqs[i - 1]! + 1) & 0xffff, `seq ${seqs}`);
    const ts = sent.map((p) => p.header.timestamp);
    for (let i = 1; i < ts.length; i++) assert.ok(ts[i]! > ts[i - 1]!, `timestamps ${ts}`);
    assert.equal(sent.at(-1)!.header.timestamp - sent.at(-2)!.header.timestamp, 3000, 'source spacing kept');
  });

  it('waits until the receiver can get packets', () => {
    const sent: RtpPacket[] = [];
    let ready = false;
    const f = new Forwarder({ sendRtp: async (p) => void sent.push(p as RtpPacket) }, 'video', () => ready);
    const a = new InboundStream('a', 'video', 90000, () => undefined);
    f.setSource(a);
    a.push(vp8(1, 0, true));
    assert.equal(sent.length, 0);
    ready = true;
    a.push(vp8(2, 3000, false));
    assert.equal(sent.length, 0, 'a delta frame cannot start the stream');
    a.push(vp8(3, 6000, true));
    assert.equal(sent.length, 1);
    assert.equal(isVp8KeyframeStart(sent[0]!.payload), true);
  });
});

describe('SDP', () => {
  const offer = [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1 2',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    'a=mid:0',
    'a=sendrecv',
    'a=content:main',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 0.0.0.0',
    'b=AS:800',
    'a=mid:1',
    'a=sendrecv',
    'a=content:main',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 0.0.0.0',
    'b=AS:800',
    'a=mid:2',
    'a=inactive',
    'a=content:slides',
    '',
  ].join('\r\n');

  it('reads purposes, directions and bandwidth from an SDK offer', () => {
    assert.deepEqual(
      parseOffer(offer).map((s) => [s.purpose, s.mid, s.direction, s.bandwidth]),
      [
        ['audio', '0', 'sendrecv', undefined],
        ['video', '1', 'sendrecv', 800],
        ['slides', '2', 'inactive', 800],
      ],
    );
  });

  it('fixes werift’s answer: content labels, b=AS, live inactive line, loopback candidates only', () => {
    const answer = offer
      .replace(/a=content:\w+\r\n/g, '')
      .replace(/b=AS:800\r\n/g, '')
      .replace(
        'm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:2',
        'm=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:2',
      )
      .replace(
        'a=mid:0\r\n',
        'a=candidate:1 1 udp 1 192.0.2.7 5000 typ host\r\na=candidate:2 1 udp 1 127.0.0.1 5001 typ host\r\na=mid:0\r\n',
      );
    const fixed = fixAnswer(answer, {
      offer: parseOffer(offer),
      maxBandwidth: 500,
      candidateAddresses: ['127.0.0.1'],
    });
    const parsed = parseOffer(fixed);
    assert.deepEqual(
      parsed.map((s) => [s.content, s.bandwidth, s.rejected]),
      [
        ['main', undefined, false],
        ['main', 500, false],
        ['slides', 500, false],
      ],
    );
    assert.equal(fixed.includes('192.0.2.7'), false);
    assert.equal(fixed.includes('127.0.0.1 5001'), true);
  });
});

describe('JPEG splitting', () => {
  const jpeg = (fill: number): Buffer =>
    Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xdb,
      0x00,
      0x04,
      fill,
      fill,
      0xff,
      0xda,
      0x00,
      0x02,
      1,
      0xff,
      0x00,
      2,
      0xff,
      0xd9,
    ]);

  it('finds whole images in a byte stream, across chunk boundaries', () => {
    assert.equal(jpegEnd(jpeg(1)), 18);
    assert.equal(jpegEnd(jpeg(1).subarray(0, 17)), undefined);
    const s = new JpegSplitter();
    const both = Buffer.concat([jpeg(1), jpeg(2)]);
    assert.deepEqual(s.push(both.subarray(0, 10)), []);
    const out = s.push(both.subarray(10));
    assert.equal(out.length, 2);
    assert.deepEqual(out[1], jpeg(2));
  });
});
