/**
 * <pex-share> (screen and slides) and the presentation parts of <pex-call> (receiving, stills or full
 * motion, swap, pop-out, takeover), with the scriptable FakeTransport: no node needed.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import '../../src/components/share/pex-share.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexShare } from '../../src/components/share/share.js';
import type {
  PexPresentEvent,
  PexPresentRequestEvent,
  PexSlideErrorEvent,
  PexSlideEvent,
} from '../../src/events/events.js';
import { CallService, setTransportFactory } from '../../src/services/call-service.js';
import { SettingsStore } from '../../src/services/settings.js';
import type { TransportFactory } from '../../src/services/transport.js';
import { admitAs, FakeTransport, participant } from './fixtures/fake-transport.js';
import { listenersLeftBy } from './fixtures/listener-tracker.js';
import {
  bmpFile,
  COLOURS,
  near,
  paintedCanvas,
  pdfFile,
  pptxFile,
  sampleColour,
} from './fixtures/slide-files.js';

const fresh = (): SettingsStore => new SettingsStore({ storage: null });

async function inCall(
  opts: { role?: 'host' | 'guest'; guestsCanPresent?: boolean } = {},
): Promise<{ service: CallService; t: FakeTransport }> {
  let t: FakeTransport | undefined;
  const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
  await service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none' });
  admitAs(t!, opts.role ?? 'host');
  if (opts.guestsCanPresent === false) {
    t!.sink.joined({
      conferenceName: 'Test room',
      chatEnabled: true,
      guestsCanPresent: false,
      role: opts.role ?? 'guest',
      waiting: false,
    });
  }
  return { service, t: t! };
}

const $ = <T extends Element = HTMLElement>(el: Element, sel: string): T | null =>
  el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(sel),
];
const button = (el: Element, text: string | RegExp): HTMLButtonElement | undefined =>
  $$<HTMLButtonElement>(el, 'button').find((b) => {
    const t = b.textContent?.trim() ?? '';
    return typeof text === 'string' ? t === text : text.test(t);
  });
const textOf = (el: Element): string => el.shadowRoot!.textContent?.replace(/\s+/g, ' ') ?? '';

async function share(service: CallService | undefined, settings = fresh()): Promise<PexShare> {
  const el = await fixture<PexShare>(html`<pex-share .service=${service} .settings=${settings}></pex-share>`);
  // A service of the page's own (no <pex-call>) raises the call's events on the element it names.
  service?.attachHost(el);
  await el.updateComplete;
  return el;
}

async function settle(el: { updateComplete: Promise<boolean> }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

/** A stream standing in for the meeting video (a painted canvas). */
function fakeRemote(): MediaStream {
  return paintedCanvas(320, 180, [90, 90, 90]).captureStream(5);
}

async function jpegBlob(rgb: [number, number, number]): Promise<Blob> {
  return new Promise((resolve) => paintedCanvas(320, 180, rgb).toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
}

describe('<pex-share>', function () {
  this.timeout(30000);

  describe('without a call', () => {
    it('shows a clear empty state and is accessible', async () => {
      const el = await share(undefined);
      expect($(el, '[part="empty"]')?.textContent).to.match(/Not in a call/);
      expect(button(el, 'Share screen')).to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('follows a <pex-call> named by call="id", and its join', async () => {
      let t: FakeTransport | undefined;
      const previous: TransportFactory = setTransportFactory(async (sink) => (t = new FakeTransport(sink)));
      try {
        const wrapper = await fixture<HTMLElement>(
          html`<div>
            <pex-call id="c1" .settings=${fresh()}></pex-call>
            <pex-share call="c1"></pex-share>
          </div>`,
        );
        const call = wrapper.querySelector('pex-call')!;
        const el = wrapper.querySelector('pex-share')!;
        await el.updateComplete;
        expect($(el, '[part="empty"]')).to.exist;
        call.conference = 'meet.alice';
        call.name = 'Ann';
        call.media = 'none';
        await call.join();
        admitAs(t!, 'host');
        await settle(el);
        expect(el.callService).to.equal(call.service);
        expect(button(el, 'Share screen')).to.exist;
      } finally {
        setTransportFactory(previous);
      }
    });
  });

  describe('slides', () => {
    it('adds files, shows thumbnails, errors and the current slide; keyboard moves through them', async () => {
      const { service } = await inCall();
      const el = await share(service);
      const errorEvent = oneEvent(el, 'pex-slide-error') as unknown as Promise<PexSlideErrorEvent>;
      await el.addFiles([pdfFile(3, 'plan.pdf'), pptxFile(), bmpFile(40, 30, [0, 120, 0], 'chart.bmp')]);
      expect((await errorEvent).errors.map((e) => e.code)).to.deep.equal(['powerpoint']);
      await el.deck.idle();
      await settle(el);
      const thumbs = $$<HTMLButtonElement>(el, '[part~="thumbnail"]');
      expect(thumbs).to.have.length(4);
      expect(thumbs[0]!.getAttribute('aria-label')).to.equal('Slide 1 of 4: "plan.pdf", page 1 of 3');
      expect(thumbs[3]!.getAttribute('aria-label')).to.equal('Slide 4 of 4: "chart.bmp"');
      expect(thumbs[0]!.getAttribute('aria-current')).to.equal('true');
      expect(thumbs.map((b) => b.tabIndex)).to.deep.equal([0, -1, -1, -1]);
      expect($(el, '[part="file-errors"]')?.getAttribute('role')).to.equal('alert');
      expect($(el, '[part="file-errors"]')?.textContent).to.match(/quarterly\.pptx.*Save it as a PDF/);
      expect($(el, '[part="preview"] canvas')).to.equal(el.deck.canvas);
      await expect(el).to.be.accessible();

      // Arrow keys from the strip move the current slide and keep focus on it.
      const slideEvents: number[] = [];
      el.addEventListener('pex-slide', (e) => slideEvents.push((e as PexSlideEvent).index));
      thumbs[0]!.focus();
      thumbs[0]!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }),
      );
      await settle(el);
      expect(el.deck.current).to.equal(1);
      expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.match(/^Slide 2 of 4/);
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      await settle(el);
      expect(el.deck.current).to.equal(3);
      button(el, 'Previous')!.click();
      await settle(el);
      expect(el.deck.current).to.equal(2);
      expect(slideEvents).to.deep.equal([1, 3, 2]);
      expect(textOf(el)).to.include('Slide 3 of 4');
      // Dismissing the errors.
      button($(el, '[part="file-errors"]') ? el : el, 'Dismiss')!.click();
      await settle(el);
      expect($(el, '[part="file-errors"]')).to.equal(null);
    });

    it('accepts files dropped on it, several at once', async () => {
      const { service } = await inCall();
      const el = await share(service);
      const dt = new DataTransfer();
      dt.items.add(pdfFile(2, 'dropped.pdf'));
      dt.items.add(bmpFile(10, 10, [200, 0, 0], 'dropped.bmp'));
      el.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      await settle(el);
      expect($(el, '[part="slides"]')!.classList.contains('dragging')).to.equal(true);
      const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
      el.dispatchEvent(over);
      expect(over.defaultPrevented).to.equal(true);
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      await waitUntil(() => el.deck.slides.length === 3, 'the dropped files become slides');
      await settle(el);
      expect($(el, '[part="slides"]')!.classList.contains('dragging')).to.equal(false);
      expect(el.deck.slides.map((s) => s.fileName)).to.deep.equal([
        'dropped.pdf',
        'dropped.pdf',
        'dropped.bmp',
      ]);
    });

    it('shows progress while a long PDF is prepared', async () => {
      const { service } = await inCall();
      const el = await share(service);
      const seen: string[] = [];
      const observer = new MutationObserver(() => {
        const p = $(el, '[part="progress"]');
        if (p) seen.push(p.textContent?.replace(/\s+/g, ' ').trim() ?? '');
      });
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      await el.addFiles([pdfFile(100, 'long.pdf')]);
      await el.deck.idle();
      await settle(el);
      observer.disconnect();
      expect(seen.some((t) => /Preparing "long\.pdf": \d+ of 100 pages/.test(t))).to.equal(
        true,
        seen.join(' | '),
      );
      expect($(el, '[part="progress"]')).to.equal(null);
      expect($$(el, '[part~="thumbnail"] img')).to.have.length(100);
    });

    it('starts presenting the deck, moves while presenting, and stops', async () => {
      const { service, t } = await inCall();
      const el = await share(service);
      await el.addFiles([pdfFile(3, 'talk.pdf')]);
      const events: PexPresentEvent[] = [];
      el.addEventListener('pex-present', (e) => events.push(e as PexPresentEvent));
      button(el, 'Start presenting')!.click();
      await waitUntil(() => service.presentation.get().sending, 'presenting');
      await settle(el);
      const stream = t.presented.at(-1)!;
      const track = stream.getVideoTracks()[0]!;
      expect(track.readyState).to.equal('live');
      expect(service.presentation.get().source).to.equal('slides');
      expect(service.presentation.get().local).to.equal(stream);
      expect($(el, '[part="status"]')?.textContent).to.match(/presenting slide 1 of 3/);
      expect(button(el, 'Start presenting')).to.equal(undefined);
      expect(button(el, 'Remove all')).to.equal(undefined, 'the deck is not emptied while presenting');
      await expect(el).to.be.accessible();

      // What is sent is the current slide.
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = stream;
      document.body.append(video);
      await video.play();
      await waitUntil(() => near(sampleColour(video, 160, 90, 0.5, 0.2), COLOURS[0]!), 'slide 1 sent');
      button(el, 'Next')!.click();
      await waitUntil(() => near(sampleColour(video, 160, 90, 0.5, 0.2), COLOURS[1]!), 'slide 2 sent');
      video.remove();

      button(el, 'Stop presenting')!.click();
      await waitUntil(() => !service.presentation.get().sending, 'stopped');
      await settle(el);
      expect(t.commands.map((c) => c[0])).to.include.members(['present', 'stopPresenting']);
      expect(track.readyState).to.equal('ended', 'the slide stream ends with the presentation');
      expect(events.map((e) => [e.presenting, e.source, e.reason])).to.deep.equal([
        [true, 'slides', 'started'],
        [false, 'slides', 'stopped'],
      ]);
    });

    it('a host page can veto presenting (pex-present-request is cancelable)', async () => {
      const { service, t } = await inCall();
      const el = await share(service);
      await el.addFiles([pdfFile(1)]);
      el.addEventListener('pex-present-request', (e) => {
        expect((e as PexPresentRequestEvent).source).to.equal('slides');
        e.preventDefault();
      });
      await el.startPresenting();
      expect(t.commands.some((c) => c[0] === 'present')).to.equal(false);
    });

    it('tells the presenter clearly when someone else takes over', async () => {
      const { service, t } = await inCall();
      const el = await share(service);
      await el.addFiles([pdfFile(2)]);
      await el.startPresenting();
      const track = t.presented.at(-1)!.getVideoTracks()[0]!;
      const ended = oneEvent(el, 'pex-present') as unknown as Promise<PexPresentEvent>;
      // The node: Other now presents; our SDK dropped our send.
      t.sink.participants(
        [
          participant({ uuid: 'me', displayName: 'Me', role: 'host' }),
          participant({ uuid: 'p2', displayName: 'Other', isPresenting: true }),
        ],
        'me',
      );
      t.sink.presenting(false);
      const e = await ended;
      expect([e.presenting, e.reason]).to.deep.equal([false, 'taken-over']);
      await settle(el);
      const notice = $(el, '[part="notice"][role="alert"]');
      expect(notice?.textContent).to.match(/Other took over the presentation, so yours has stopped/);
      expect(track.readyState).to.equal('ended');
      expect(service.presentation.get().takenOver).to.equal(true);
      await expect(el).to.be.accessible();
      button(el, 'Dismiss')!.click();
      await settle(el);
      expect($(el, '[part="notice"][role="alert"]')).to.equal(null);
    });

    it('Guests who may not present are told so, and cannot start', async () => {
      const { service, t } = await inCall({ role: 'guest', guestsCanPresent: false });
      const el = await share(service);
      await el.addFiles([pdfFile(1)]);
      await settle(el);
      expect(textOf(el)).to.include('Guests are not allowed to present in this meeting.');
      expect(button(el, 'Start presenting')!.disabled).to.equal(true);
      expect(button(el, 'Share screen')!.disabled).to.equal(true);
      await el.startPresenting();
      expect($(el, '[part="error"]')?.textContent).to.match(/Guests are not allowed/);
      expect(t.commands.some((c) => c[0] === 'present')).to.equal(false);
    });

    it('frees the deck when removed from the page, and leaves no listeners on window or document', async () => {
      const { service } = await inCall();
      const left = await listenersLeftBy(async () => {
        const el = await share(service);
        await el.addFiles([pdfFile(2)]);
        await el.startPresenting();
        const deck = el.deck;
        el.remove();
        await waitUntil(() => deck.slides.length === 0, 'the deck disposed');
        expect(deck.slides).to.have.length(0, 'disposed');
        await waitUntil(() => !service.presentation.get().sending, 'presenting stopped');
      });
      expect(left).to.deep.equal([]);
    });
  });

  describe('screen', () => {
    it('shares the screen at the quality setting and applies a new one during the share', async () => {
      const { service, t } = await inCall();
      const settings = fresh();
      settings.set({ screenshareFrameRate: 2 });
      const el = await share(service, settings);
      const select = $<HTMLSelectElement>(el, '[part="quality"] select')!;
      expect(select.value).to.equal('2');
      button(el, 'Share screen')!.click();
      await waitUntil(() => service.presentation.get().sending, 'sharing the screen');
      await settle(el);
      const track = t.presented.at(-1)!.getVideoTracks()[0]!;
      expect(service.presentation.get().source).to.equal('screen');
      expect(track.getSettings().frameRate).to.equal(2);
      expect(track.contentHint).to.equal('detail');
      expect($(el, '[part="status"]')?.textContent).to.match(/sharing your screen/);
      await expect(el).to.be.accessible();
      // More motion, during the share: the capture follows.
      select.value = '15';
      select.dispatchEvent(new Event('change'));
      expect(settings.get().screenshareFrameRate).to.equal(15);
      await waitUntil(() => track.getSettings().frameRate === 15, 'the new frame rate');
      expect(track.contentHint).to.equal('motion');
      expect(t.presented).to.have.length(1, 'no second share was needed');
    });

    it('the browser\'s own "Stop sharing" ends the presentation cleanly', async () => {
      const { service, t } = await inCall();
      const el = await share(service);
      await el.shareScreen();
      const track = t.presented.at(-1)!.getVideoTracks()[0]!;
      // Chromium fires `ended` on the track when its own "Stop sharing" bar is used.
      track.dispatchEvent(new Event('ended'));
      await waitUntil(() => !service.presentation.get().sending, 'stopped');
      await settle(el);
      expect(t.commands.at(-1)?.[0]).to.equal('stopPresenting');
      expect(service.presentation.get().takenOver).to.equal(false);
      expect(button(el, 'Share screen')).to.exist;
    });

    it('switching from slides to the screen ends the slides stream', async () => {
      const { service, t } = await inCall();
      const el = await share(service);
      await el.addFiles([pdfFile(1)]);
      await el.startPresenting();
      const slides = t.presented.at(-1)!.getVideoTracks()[0]!;
      await el.shareScreen();
      expect(service.presentation.get().source).to.equal('screen');
      expect(slides.readyState).to.equal('ended');
      expect(el.deck.state.get().streaming).to.equal(false);
    });
  });
});

describe('<pex-call> presentation', function () {
  this.timeout(30000);
  let transport: FakeTransport | undefined;
  let previous: TransportFactory;
  beforeEach(() => {
    transport = undefined;
    previous = setTransportFactory(async (sink) => (transport = new FakeTransport(sink)));
  });
  afterEach(() => setTransportFactory(previous));

  async function joined(settings = fresh()): Promise<{ el: PexCall; t: FakeTransport }> {
    const el = await fixture<PexCall>(
      html`<pex-call .settings=${settings} conference="meet.alice" name="Ann" media="none"></pex-call>`,
    );
    await el.join();
    admitAs(transport!, 'host');
    await settle(el);
    return { el, t: transport! };
  }

  const presenting = (t: FakeTransport, who = 'Other'): void =>
    t.sink.participants(
      [
        participant({ uuid: 'me', displayName: 'Ann', role: 'host' }),
        participant({ uuid: 'p2', displayName: who, isPresenting: true }),
      ],
      'me',
    );
  const nobodyPresenting = (t: FakeTransport): void =>
    t.sink.participants(
      [
        participant({ uuid: 'me', displayName: 'Ann', role: 'host' }),
        participant({ uuid: 'p2', displayName: 'Other' }),
      ],
      'me',
    );

  it('shows the presentation big as still images by default, the video small; a click swaps them', async () => {
    const { el, t } = await joined();
    t.sink.remoteStream(fakeRemote());
    presenting(t);
    await settle(el);
    expect(el.service.presentation.get().mode).to.equal('still');
    expect(t.followingStills).to.equal(true);
    expect(textOf(el)).to.include('Waiting for the presentation from Other');
    t.sink.presentationStill(await jpegBlob([200, 30, 30]));
    await settle(el);
    const img = $<HTMLImageElement>(el, '[part="presentation"] img')!;
    expect(img.alt).to.equal('Presentation from Other');
    expect(img.src).to.match(/^blob:/);
    expect($(el, '[part="presentation"]')!.classList.contains('big')).to.equal(true);
    expect($(el, 'video[part="main-video"]')!.classList.contains('small')).to.equal(true);
    expect($<HTMLVideoElement>(el, 'video[part="main-video"]')!.muted).to.equal(
      false,
      'meeting audio plays on',
    );
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="swap"]')!.click();
    await settle(el);
    expect($(el, '[part="presentation"]')!.classList.contains('small')).to.equal(true);
    expect($(el, 'video[part="main-video"]')!.classList.contains('small')).to.equal(false);
    // A newer still replaces the older; the one before that is revoked.
    const first = img.src;
    t.sink.presentationStill(await jpegBlob([30, 200, 30]));
    t.sink.presentationStill(await jpegBlob([30, 30, 200]));
    await settle(el);
    let revoked = false;
    await fetch(first).catch(() => (revoked = true));
    expect(revoked).to.equal(true);
    // The presentation ends: stills stop, the still goes.
    nobodyPresenting(t);
    await settle(el);
    expect(t.followingStills).to.equal(false);
    expect($(el, '[part="presentation"]')).to.equal(null);
    expect(el.service.presentation.get().still).to.equal(undefined);
  });

  it('switches between still images and full motion in the call', async () => {
    const { el, t } = await joined();
    presenting(t);
    const full = paintedCanvas(320, 180, [20, 20, 200]).captureStream(5);
    t.sink.presentationStream(full);
    t.sink.presentationStill(await jpegBlob([200, 30, 30]));
    await settle(el);
    expect($(el, '[part="presentation"] img')).to.exist;
    button(el, 'View full motion presentation')!.click();
    await settle(el);
    expect(el.service.presentation.get().mode).to.equal('full');
    expect(t.followingStills).to.equal(false, 'no stills while watching full motion');
    expect($<HTMLVideoElement>(el, '[part="presentation"] video')!.srcObject).to.equal(full);
    button(el, 'View still image presentation')!.click();
    await settle(el);
    expect(t.followingStills).to.equal(true);
    expect($(el, '[part="presentation"] img')).to.exist;
  });

  it('takes the default from the "View full motion presentation" setting', async () => {
    const settings = fresh();
    settings.set({ fullMotionPresentation: true });
    const { el, t } = await joined(settings);
    expect(el.service.presentation.get().mode).to.equal('full');
    presenting(t);
    await settle(el);
    // Joined for control only there is no full-motion stream: stills are followed instead.
    expect(t.followingStills).to.equal(true);
    settings.set({ fullMotionPresentation: false });
    await settle(el);
    expect(el.service.presentation.get().mode).to.equal('still');
  });

  it('opens the presentation in a new window that follows it and closes with it', async () => {
    const { el, t } = await joined();
    presenting(t);
    t.sink.presentationStill(await jpegBlob([200, 30, 30]));
    await settle(el);
    button(el, 'Open presentation in new window')!.click();
    await settle(el);
    const win = el.presentationWindow!;
    expect(win).to.exist;
    const img = win.document.querySelector('img')!;
    expect(img.src).to.equal(el.service.presentation.get().still);
    expect(button(el, 'Close presentation window')).to.exist;
    t.sink.presentationStill(await jpegBlob([30, 200, 30]));
    await settle(el);
    expect(img.src).to.equal(el.service.presentation.get().still, 'follows the newest still');
    nobodyPresenting(t);
    await settle(el);
    expect(win.closed).to.equal(true);
    expect(el.presentationWindow).to.equal(null);
    expect(button(el, 'Close presentation window')).to.equal(undefined);
  });

  it('tells the presenter when someone else took over', async () => {
    const { el, t } = await joined();
    await el.service.presentSlides(await deckWith(1));
    await settle(el);
    expect($(el, '[part="presentation"]')).to.exist;
    expect(button(el, 'Stop presenting')).to.exist;
    presenting(t, 'Bea');
    t.sink.presenting(false);
    await settle(el);
    expect($(el, '[part="presentation-notice"]')?.textContent).to.match(/Bea took over the presentation/);
    await expect(el).to.be.accessible();
  });

  it('"Share images or PDFs" opens <pex-share> inside the call (by context), kept while closed', async () => {
    const { el } = await joined();
    const toggle = button(el, 'Share images or PDFs')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => $(el, 'pex-share'), 'pex-share in the call');
    await settle(el);
    const inner = $<PexShare>(el, 'pex-share')!;
    await inner.updateComplete;
    expect(inner.callService).to.equal(el.service);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await inner.addFiles([pdfFile(2)]);
    toggle.click();
    await settle(el);
    expect($(el, '#share-panel')!.hidden).to.equal(true);
    expect($<PexShare>(el, 'pex-share')!.deck.slides).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('"Share screen" in the toolbar presents the screen; "Stop presenting" stops it', async () => {
    const { el, t } = await joined();
    button(el, 'Share screen')!.click();
    await waitUntil(() => el.service.presentation.get().sending, 'sharing');
    await settle(el);
    expect(el.service.presentation.get().source).to.equal('screen');
    // Your own presentation shows small; the placeholder is gone.
    expect($(el, '[part="presentation"] video')).to.exist;
    button(el, 'Stop presenting')!.click();
    await waitUntil(() => !el.service.presentation.get().sending, 'stopped');
    expect(t.commands.at(-1)?.[0]).to.equal('stopPresenting');
  });
});

async function deckWith(pages: number) {
  const { SlideDeck } = await import('../../src/services/slides/deck.js');
  const deck = new SlideDeck({ width: 320, height: 180 });
  await deck.add([pdfFile(pages)]);
  return deck;
}
