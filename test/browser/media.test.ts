/**
 * Real WebRTC media through the local conferencing node: two participants join with the official
 * SDK (`AudioVideoPresentation`, Chromium's fake camera and microphone), see each other's video
 * playing, share a canvas as presentation (full motion and a still JPEG), and lose the presentation
 * when the presenter leaves. Tests check behaviour, never timings (those are in `npm run bench`).
 */
import { expect } from '@open-wc/testing';
import { SdkParticipant, waitFor } from './fixtures/sdk-participant.js';

const ALIAS = 'meet.alice';

/** Resolves once `video` really plays: it has a size and its clock advances. */
async function playing(video: HTMLVideoElement, what: string): Promise<void> {
  await waitFor(() => video.videoWidth > 0, `${what} to have a picture`, 15000);
  const t0 = video.currentTime;
  await waitFor(() => video.currentTime > t0 + 0.2, `${what} to advance`, 15000);
}

type Rgb = [number, number, number];

/** The colour at (x, y) as fractions of the image, averaged over a small square. */
function sample(win: Window, source: CanvasImageSource, w: number, h: number, fx: number, fy: number): Rgb {
  const canvas = win.document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
  ctx.drawImage(source, 0, 0, w, h);
  const x = Math.round(w * fx) - 4;
  const y = Math.round(h * fy) - 4;
  const d = ctx.getImageData(x, y, 8, 8).data;
  const sum: Rgb = [0, 0, 0];
  for (let i = 0; i < d.length; i += 4) {
    sum[0] += d[i]!;
    sum[1] += d[i + 1]!;
    sum[2] += d[i + 2]!;
  }
  const n = d.length / 4;
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}

const near = (a: Rgb, b: Rgb, tolerance = 60): boolean => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

// The presented drawing: four solid blocks, known colours.
const W = 640;
const H = 360;
const BLOCKS: { fx: number; fy: number; rgb: Rgb }[] = [
  { fx: 0.25, fy: 0.25, rgb: [230, 30, 30] },
  { fx: 0.75, fy: 0.25, rgb: [30, 200, 40] },
  { fx: 0.25, fy: 0.75, rgb: [30, 40, 220] },
  { fx: 0.75, fy: 0.75, rgb: [240, 220, 40] },
];

/** A canvas stream in `win` with the four blocks, redrawn so that the encoder keeps sending. */
function blocksStream(win: Window): { stream: MediaStream; stop: () => void } {
  const canvas = win.document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  win.document.body.append(canvas);
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  let tick = 0;
  const draw = (): void => {
    for (const b of BLOCKS) {
      ctx.fillStyle = `rgb(${b.rgb.join(',')})`;
      ctx.fillRect((b.fx - 0.25) * W, (b.fy - 0.25) * H, W / 2, H / 2);
    }
    // A small moving mark at the centre keeps frames coming without touching the sampled spots.
    ctx.fillStyle = tick++ % 2 ? '#000' : '#fff';
    ctx.fillRect(W / 2 - 4, H / 2 - 4, 8, 8);
  };
  draw();
  const timer = win.setInterval(draw, 100);
  const stream = canvas.captureStream(15);
  // Like a screen share: keep the resolution, drop frame rate if anything (no downscaled slides).
  for (const t of stream.getVideoTracks()) t.contentHint = 'detail';
  return {
    stream,
    stop: () => {
      win.clearInterval(timer);
      for (const t of stream.getTracks()) t.stop();
    },
  };
}

function checkBlocks(win: Window, source: CanvasImageSource, w: number, h: number, what: string): void {
  for (const b of BLOCKS) {
    const got = sample(win, source, w, h, b.fx, b.fy);
    expect(
      near(got, b.rgb),
      `${what} at ${b.fx},${b.fy}: got ${got.map(Math.round)}, want ${b.rgb}`,
    ).to.equal(true);
  }
}

describe('media through the local conferencing node', function () {
  this.timeout(90000);
  let people: SdkParticipant[] = [];
  const cleanups: (() => void)[] = [];
  const person = async (): Promise<SdkParticipant> => {
    const p = await SdkParticipant.createForMedia();
    people.push(p);
    return p;
  };

  afterEach(async () => {
    for (const c of cleanups.splice(0)) c();
    await Promise.all(people.map((p) => p.leave()));
    people = [];
  });

  it('two participants each receive the other’s video, playing, and the roster shows WebRTC media', async () => {
    const a = await person();
    const b = await person();
    await a.joinWithMedia(
      { alias: ALIAS, name: 'Alice' },
      { mediaStream: await a.getUserMedia(), bandwidth: 800 },
    );
    await waitFor(() => a.me?.hasMedia, 'Alice to have media');
    // Alone, Alice is shown her own picture, and told so (layout participants = herself).
    await waitFor(() => a.layouts.at(-1)?.participants[0] === a.me?.uuid, 'Alice’s self view', 15000);
    await b.joinWithMedia(
      { alias: ALIAS, name: 'Bob' },
      { mediaStream: await b.getUserMedia(), bandwidth: 800 },
    );
    const aStream = await waitFor(() => a.remoteStreams.at(-1), 'Alice’s remote stream');
    const bStream = await waitFor(() => b.remoteStreams.at(-1), 'Bob’s remote stream');
    const va = a.play(aStream);
    const vb = b.play(bStream);
    await playing(va, 'Alice’s main video');
    await playing(vb, 'Bob’s main video');
    expect(bStream.getAudioTracks()).to.have.length(1);

    const bobRow = await waitFor(
      () => a.find('Bob')?.hasMedia && a.find('Bob'),
      'Alice to see Bob with media',
    );
    expect(bobRow.protocol).to.equal('webrtc');
    expect(bobRow.callType).to.equal('video');
    // Each now sees the other (the node says whom via layout).
    await waitFor(() => a.layouts.at(-1)?.participants[0] === bobRow.uuid, 'Alice to be shown Bob', 15000);
    await waitFor(() => b.layouts.at(-1)?.participants[0] === a.me?.uuid, 'Bob to be shown Alice', 15000);
    expect(a.errors).to.deep.equal([]);
    expect(b.disconnects).to.deep.equal([]);
  });

  it('relays a presentation in full motion and as still JPEGs, and stops it when the presenter leaves', async () => {
    const a = await person();
    const b = await person();
    await a.joinWithMedia({ alias: ALIAS, name: 'Presenter' }, { mediaStream: await a.getUserMedia() });
    await b.joinWithMedia({ alias: ALIAS, name: 'Viewer' }, { mediaStream: await b.getUserMedia() });
    await waitFor(
      () => b.find('Presenter')?.hasMedia && a.find('Viewer')?.hasMedia,
      'both to have media',
      15000,
    );

    // The viewer's own event stream, for presentation_frame (the SDK keeps it to itself).
    const token = await waitFor(() => b.token, 'the viewer’s token');
    const frames: string[] = [];
    const events = new EventSource(`/api/client/v2/conferences/${ALIAS}/events?token=${token}`);
    cleanups.push(() => events.close());
    events.addEventListener('presentation_frame', (e) => frames.push((e as MessageEvent).lastEventId));

    const slides = blocksStream(a.window);
    cleanups.push(slides.stop);
    a.client.present(slides.stream);
    await waitFor(() => b.find('Presenter')?.isPresenting, 'the viewer to see Presenter presenting', 15000);
    const pres = await waitFor(() => b.presentationStreams.at(-1), 'a presentation stream', 15000);
    const video = b.play(pres);
    await playing(video, 'the presentation');
    await waitFor(() => video.videoWidth === W, 'the presentation at full width', 15000);
    expect(video.videoHeight).to.equal(H);
    checkBlocks(b.window, video, W, H, 'presentation video');

    // Still images: a frame id arrives on the event stream; both sizes decode to the drawing.
    const id = await waitFor(() => frames.at(-1), 'a presentation_frame event', 15000);
    expect(id).to.match(/^\d+$/);
    const fetchImage = async (name: string): Promise<ImageBitmap> => {
      const res = await fetch(`/api/client/v2/conferences/${ALIAS}/${name}?id=${id}&token=${b.token}`);
      expect(res.status, name).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('image/jpeg');
      return createImageBitmap(await res.blob());
    };
    const high = await fetchImage('presentation_high.jpeg');
    expect([high.width, high.height]).to.deep.equal([W, H]);
    checkBlocks(window, high, W, H, 'presentation_high.jpeg');
    const low = await fetchImage('presentation.jpeg');
    expect(low.width).to.be.at.most(640);
    checkBlocks(window, low, low.width, low.height, 'presentation.jpeg');

    // The presenter leaves: the viewer's presentation ends.
    await a.leave();
    people = people.filter((p) => p !== a);
    await waitFor(
      () => b.presentationChanges.at(-1)?.recv === 'disconnected',
      'the presentation to stop',
      15000,
    );
    await waitFor(() => !b.find('Presenter'), 'the presenter to leave the roster');
    expect(b.disconnects).to.deep.equal([]);
  });

  it('an audio-only room gives an audio call', async () => {
    const a = await person();
    const b = await person();
    await a.joinWithMedia({ alias: 'meet.audio', name: 'Voice A' }, { mediaStream: await a.getUserMedia() });
    await b.joinWithMedia({ alias: 'meet.audio', name: 'Voice B' }, { mediaStream: await b.getUserMedia() });
    const row = await waitFor(
      () => a.find('Voice B')?.hasMedia && a.find('Voice B'),
      'A to see B with media',
    );
    expect(row.callType).to.equal('audio');
    const stream = await waitFor(() => a.remoteStreams.at(-1), 'A’s remote stream');
    expect(stream.getVideoTracks()).to.have.length(0);
    expect(stream.getAudioTracks()).to.have.length(1);
    await waitFor(
      () => a.callConnected || stream.getAudioTracks()[0]?.readyState === 'live',
      'audio to connect',
    );
  });
});
