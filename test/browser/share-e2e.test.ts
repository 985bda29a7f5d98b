/**
 * Sharing end to end: real `<pex-call>`s (one iframe each, real SDK) on the local node with real
 * media. Slides are checked by their pixels as the other person receives them (pages of solid,
 * known colours), as still images and in full motion.
 */
import { expect } from '@open-wc/testing';
import { joinAliceAndBobWithVideo, type CallPage, usePages } from './fixtures/call-page.js';
import { COLOURS, near, pdfFile, sampleColour, type Rgb } from './fixtures/slide-files.js';
import { waitFor } from './fixtures/sdk-participant.js';

/** The colour of the presentation a page shows (a loaded still or a playing video), or undefined. */
function seen(p: CallPage): Rgb | undefined {
  const view = p.presentationView();
  if (!view) return undefined;
  if (view instanceof HTMLImageElement || view.localName === 'img') {
    const img = view as HTMLImageElement;
    if (!img.complete || img.naturalWidth === 0) return undefined;
    return sampleColour(img, 320, 180, 0.5, 0.25);
  }
  const video = view as HTMLVideoElement;
  if (video.videoWidth === 0) return undefined;
  return sampleColour(video, 320, 180, 0.5, 0.25);
}

async function sees(p: CallPage, rgb: Rgb, what: string, kind: 'img' | 'video' = 'img'): Promise<void> {
  await waitFor(
    () => p.presentationView()?.localName === kind && near(seen(p) ?? [-999, 0, 0], rgb, 60),
    `${what} (seeing ${seen(p)?.join(',') ?? 'nothing'} in ${p.presentationView()?.localName ?? 'no view'})`,
    30000,
  );
}

describe('sharing through the local node', function () {
  this.timeout(180000);
  const open = usePages();

  it('slides, then the screen: the other side sees each page, switches stills/full motion, pops out', async () => {
    const a = await open();
    const b = await open();
    await joinAliceAndBobWithVideo(a, b);

    // Alice shares a 3-page PDF (page 1 red, page 2 green, page 3 blue).
    const share = await a.sharePanel();
    await share.addFiles([pdfFile(3, 'colours.pdf')]);
    await a.shareClick('Start presenting');
    await waitFor(() => a.call.service.presentation.get().sending, 'Alice presenting', 20000);
    // Bob: the presentation becomes the main view, as still images (the default).
    await waitFor(
      () => b.call.service.presentation.get().presenterName === 'Alice',
      'Bob sees Alice presenting',
    );
    await sees(b, COLOURS[0]!, 'Bob sees page 1 as a still');
    expect(b.root.querySelector('[part~="presentation"]')?.classList.contains('big')).to.equal(true);
    expect(b.root.querySelector('video[part="main-video"]')?.classList.contains('small')).to.equal(true);
    expect(b.rosterText()).to.match(/Alice.*Presenting/);
    await a.shareClick('Next');
    await sees(b, COLOURS[1]!, 'Bob sees page 2 after "Next"');

    // Full motion: the same page, as video.
    await b.click('View full motion presentation');
    await sees(b, COLOURS[1]!, 'Bob sees page 2 in full motion', 'video');
    await a.shareClick('Next');
    await sees(b, COLOURS[2]!, 'Bob sees page 3 in full motion', 'video');

    // The pop-out follows the presentation.
    await b.click('Open presentation in new window');
    const popout = await waitFor(() => b.call.presentationWindow, 'the pop-out window');
    const popVideo = await waitFor(
      () => popout.document.querySelector('video')?.srcObject && popout.document.querySelector('video'),
      'video in the pop-out',
    );
    await waitFor(() => popVideo.videoWidth > 0, 'the pop-out playing', 15000);

    // Alice now shares her screen (Chromium's fake screen): Bob switches between stills and full motion.
    await a.click('Share screen');
    await waitFor(
      () => a.call.service.presentation.get().source === 'screen',
      'Alice sharing her screen',
      20000,
    );
    await waitFor(() => b.presentationView()?.localName === 'video', 'Bob: full motion of the screen');
    const video = b.presentationView() as HTMLVideoElement;
    await waitFor(() => video.videoWidth > 0 && video.currentTime > 0, 'the screen playing', 20000);
    const t0 = video.currentTime;
    await waitFor(() => video.currentTime > t0 + 0.3, 'the screen advancing', 20000);
    await b.click('View still image presentation');
    const stillBefore = b.call.service.presentation.get().still;
    await waitFor(
      () => {
        const img = b.presentationView();
        return (
          img?.localName === 'img' &&
          (img as HTMLImageElement).naturalWidth > 0 &&
          b.call.service.presentation.get().still !== stillBefore
        );
      },
      'a fresh still of the screen',
      30000,
    );

    // Alice stops: Bob's stage goes back to the video, and the pop-out closes with the presentation.
    await a.click('Stop presenting');
    await waitFor(() => b.presentationView() === null, 'no presentation at Bob', 20000);
    await waitFor(() => popout.closed, 'the pop-out closed', 10000);
    expect(b.call.presentationWindow).to.equal(null);
    expect(a.call.service.presentation.get().takenOver).to.equal(false);
  });

  it('a control-only participant presents slides, taking over; the one taken over is told', async () => {
    const a = await open();
    const b = await open();
    const c = await open();
    await a.join('meet.alice', 'Alice', 'video');
    await a.phaseIs('in-call', 20000);
    await b.join('meet.alice', 'Bob', 'video');
    await b.phaseIs('in-call', 20000);
    await c.join('meet.alice', 'Carl', 'none');
    await c.phaseIs('in-call', 20000);
    expect(c.call.service.conference.get().mediaMode).to.equal('none');

    await a.click('Share screen');
    await waitFor(() => a.call.service.presentation.get().sending, 'Alice sharing her screen', 20000);
    await waitFor(
      () => b.call.service.presentation.get().presenterName === 'Alice',
      'Bob sees Alice presenting',
    );

    // Carl has no camera or microphone, and presents a PDF (page 4 yellow first).
    const share = await c.sharePanel();
    await share.addFiles([pdfFile(4, 'carl.pdf')]);
    share.deck.go(3);
    await c.shareClick('Start presenting');
    await waitFor(() => c.call.service.presentation.get().sending, 'Carl presenting', 30000);
    expect(c.call.service.media.get().local).to.equal(undefined, 'still no camera or microphone');

    // Alice is told that Carl took over; her screen capture ends.
    await waitFor(() => a.call.service.presentation.get().takenOver, 'Alice taken over', 20000);
    await waitFor(
      () =>
        /Carl took over the presentation/.test(
          a.root.querySelector('[part="presentation-notice"]')?.textContent ?? '',
        ),
      'the takeover notice',
      10000,
    );
    // Bob sees Carl's slide.
    await waitFor(
      () => b.call.service.presentation.get().presenterName === 'Carl',
      'Bob sees Carl presenting',
      20000,
    );
    await sees(b, COLOURS[3]!, "Bob sees Carl's page 4");
    // Carl receives nothing of his own and can stop.
    await c.shareClick('Stop presenting');
    await waitFor(() => b.presentationView() === null, 'the presentation ended at Bob', 20000);
  });
});
