/**
 * SlideDeck: images and PDFs become slides in the browser (pdf.js in a worker), drawn on demand and
 * sent as a ≤ 5 fps stream. Real files by others come from test/fixtures/; the rest is made here.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { pdfjsRequested } from '../../src/services/slides/pdf.js';
import { LARGE_IMAGE_PIXELS, SlideDeck, type DeckState } from '../../src/services/slides/deck.js';
import {
  bmpFile,
  canvasFile,
  COLOURS,
  hugeBmpHeader,
  near,
  paintedCanvas,
  pdfFile,
  pptxFile,
  sampleColour,
  repoFixture,
  type Rgb,
} from './fixtures/slide-files.js';

/** The colour near the top-left of the deck's current slide as sent (letterboxing aside). */
async function shownColour(deck: SlideDeck): Promise<Rgb> {
  await deck.idle();
  return sampleColour(deck.canvas, 320, 180, 0.5, 0.2);
}

const codes = (deck: SlideDeck): string[] => deck.state.get().errors.map((e) => e.code);

describe('SlideDeck', function () {
  this.timeout(60000);
  let deck: SlideDeck;
  beforeEach(() => {
    deck = new SlideDeck();
  });
  afterEach(() => deck.dispose());

  describe('images', () => {
    it('makes one slide of each JPEG, BMP, PNG and GIF (in the order given), each with a thumbnail', async () => {
      const png = await canvasFile(paintedCanvas(400, 300, [200, 40, 40]), 'image/png', 'red.png');
      const jpeg = await canvasFile(paintedCanvas(640, 360, [40, 160, 60]), 'image/jpeg', 'green.jpg');
      const bmp = bmpFile(320, 200, [40, 60, 200], 'blue.bmp');
      const gif = await repoFixture('logo.gif', 'image/gif');
      const result = await deck.add([jpeg, bmp, png, gif]);
      expect(result.added).to.equal(4);
      expect(result.errors).to.deep.equal([]);
      await deck.idle();
      const slides = deck.slides;
      expect(slides.map((s) => s.fileName)).to.deep.equal(['green.jpg', 'blue.bmp', 'red.png', 'logo.gif']);
      expect(slides.every((s) => s.kind === 'image' && s.pages === 1 && s.page === 1)).to.equal(true);
      expect(slides.every((s) => s.thumbnail?.startsWith('blob:'))).to.equal(true);
      // Each slide is drawn with its own picture.
      expect(near(await shownColour(deck), [40, 160, 60]), 'jpeg').to.equal(true);
      deck.next();
      expect(near(await shownColour(deck), [40, 60, 200]), 'bmp').to.equal(true);
      deck.next();
      expect(near(await shownColour(deck), [200, 40, 40]), 'png').to.equal(true);
      deck.next();
      const gifSlide = await deck.draw(3);
      expect(gifSlide?.width).to.be.greaterThan(0);
      // Images never need the PDF reader.
      expect(pdfjsRequested()).to.equal(false, 'pdf.js loaded for images');
    });

    it('a 40-megapixel image is scaled down to the slide with a clear note, not refused', async () => {
      const big = paintedCanvas(8000, 5000, [30, 120, 200]);
      const file = await canvasFile(big, 'image/jpeg', 'panorama.jpg');
      big.width = 0;
      expect(8000 * 5000).to.be.greaterThan(LARGE_IMAGE_PIXELS);
      const result = await deck.add([file]);
      expect(result.added).to.equal(1);
      expect(result.errors.map((e) => [e.code, e.level])).to.deep.equal([['scaled-down', 'info']]);
      expect(result.errors[0]!.message).to.match(/panorama\.jpg.*very large.*8000 × 5000.*scaled down/);
      const drawn = await deck.draw(0);
      expect([drawn?.width, drawn?.height]).to.deep.equal([1728, 1080]);
      expect(near(await shownColour(deck), [30, 120, 200])).to.equal(true);
    });

    it('refuses an image whose header claims too many pixels, before decoding it', async () => {
      const result = await deck.add([hugeBmpHeader(30000, 30000, 'poster.bmp')]);
      expect(result.added).to.equal(0);
      expect(codes(deck)).to.deep.equal(['too-many-pixels']);
      expect(result.errors[0]!.message).to.match(/poster\.bmp.*too large.*30000 × 30000/);
    });

    it('reports a damaged image and keeps the rest', async () => {
      const broken = new File(
        [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])],
        'cut.png',
        {
          type: 'image/png',
        },
      );
      const ok = bmpFile(64, 64, [10, 200, 10], 'ok.bmp');
      const result = await deck.add([broken, ok]);
      expect(result.added).to.equal(1);
      expect(codes(deck)).to.deep.equal(['corrupt']);
      expect(result.errors[0]!.message).to.match(/cut\.png.*could not be read/);
      expect(deck.slides.map((s) => s.fileName)).to.deep.equal(['ok.bmp']);
    });
  });

  describe('PDFs', () => {
    it('makes one slide per page of a real multi-page PDF', async () => {
      const real = await repoFixture('real-world-spec.pdf', 'application/pdf');
      const result = await deck.add([real]);
      expect(result.errors).to.deep.equal([]);
      expect(result.added).to.equal(17);
      await deck.idle();
      expect(deck.slides.map((s) => s.page)).to.deep.equal(Array.from({ length: 17 }, (_, i) => i + 1));
      expect(deck.slides.every((s) => s.pages === 17 && s.kind === 'pdf' && !s.failed)).to.equal(true);
      expect(deck.slides.every((s) => s.thumbnail)).to.equal(true);
      // A page of text is mostly white paper.
      const drawn = await deck.draw(0);
      expect(drawn!.height).to.equal(1080);
      expect(
        near(sampleColour(drawn!, drawn!.width, drawn!.height, 0.05, 0.03), [255, 255, 255], 10),
      ).to.equal(true);
    });

    it('a generated 100-page PDF: 100 slides, progress while preparing, the right page drawn on demand', async () => {
      const states: DeckState[] = [];
      const unsubscribe = deck.state.subscribe((s) => states.push(s));
      const result = await deck.add([pdfFile(100)]);
      expect(result.added).to.equal(100);
      expect(deck.slides).to.have.length(100);
      // Slides are usable before every thumbnail is made; progress counts pages up to 100.
      const progress = states.flatMap((s) => s.preparing.map((p) => [p.done, p.total]));
      expect(
        progress.some(([, total]) => total === 0),
        'an "opening" step',
      ).to.equal(true);
      expect(
        progress.some(([done, total]) => total === 100 && done < 100),
        'progress of 100 pages',
      ).to.equal(true);
      await deck.idle();
      unsubscribe();
      expect(deck.state.get().preparing).to.deep.equal([]);
      expect(deck.slides.filter((s) => s.thumbnail)).to.have.length(100);
      deck.go(57);
      expect(near(await shownColour(deck), COLOURS[57 % COLOURS.length]!)).to.equal(true);
      deck.go(1000);
      expect(deck.current).to.equal(99);
      expect(near(await shownColour(deck), COLOURS[99 % COLOURS.length]!)).to.equal(true);
    });

    it('a damaged PDF gets a clear error and the rest of the deck stays usable', async () => {
      await deck.add([pdfFile(2, 'good.pdf')]);
      const garbage = new File(['%PDF-1.7\n', 'this is not a PDF body at all\n'.repeat(20)], 'broken.pdf', {
        type: 'application/pdf',
      });
      const truncated = new File([pdfFile(3).slice(0, 30)], 'truncated.pdf', { type: 'application/pdf' });
      const result = await deck.add([garbage, truncated, bmpFile(32, 32, [200, 200, 0], 'after.bmp')]);
      expect(result.added).to.equal(1);
      expect(codes(deck)).to.deep.equal(['corrupt', 'corrupt']);
      expect(result.errors[0]!.message).to.match(/broken\.pdf.*could not be read.*damaged/);
      expect(deck.slides.map((s) => s.fileName)).to.deep.equal(['good.pdf', 'good.pdf', 'after.bmp']);
      deck.go(1);
      expect(near(await shownColour(deck), COLOURS[1]!)).to.equal(true);
    });

    it('a password-protected PDF is explained, not opened', async () => {
      const result = await deck.add([pdfFile(2, 'secret.pdf', { encrypted: true })]);
      expect(result.added).to.equal(0);
      expect(codes(deck)).to.deep.equal(['password']);
      expect(result.errors[0]!.message).to.match(/secret\.pdf.*password/);
      await deck.add([pdfFile(1, 'open.pdf')]);
      expect(deck.slides).to.have.length(1);
    });

    it('mixes images and PDFs added at once, in order', async () => {
      const png = await canvasFile(paintedCanvas(160, 90, [250, 250, 250]), 'image/png', 'title.png');
      await deck.add([png, pdfFile(3, 'a.pdf'), bmpFile(20, 20, [0, 0, 0], 'mid.bmp'), pdfFile(2, 'b.pdf')]);
      await deck.idle();
      expect(deck.slides.map((s) => `${s.fileName}:${s.page}`)).to.deep.equal([
        'title.png:1',
        'a.pdf:1',
        'a.pdf:2',
        'a.pdf:3',
        'mid.bmp:1',
        'b.pdf:1',
        'b.pdf:2',
      ]);
    });
  });

  describe('files that are not slides', () => {
    it('PowerPoint is told to save as PDF; other types are named; oversized files are refused', async () => {
      const small = new SlideDeck({ maxPdfBytes: 1000, maxImageBytes: 1000 });
      try {
        const result = await small.add([
          pptxFile('quarterly.pptx'),
          new File(['PK\x03\x04'], 'old.ppt', { type: 'application/vnd.ms-powerpoint' }),
          new File(['hello'], 'notes.txt', { type: 'text/plain' }),
          new File(['PK\x03\x04'], 'report.docx', { type: '' }),
          pdfFile(30, 'long.pdf'),
          bmpFile(100, 100, [1, 2, 3], 'big.bmp'),
          pdfFile(1, 'fine.pdf'),
        ]);
        expect(result.added).to.equal(1);
        expect(result.errors.map((e) => e.code)).to.deep.equal([
          'powerpoint',
          'powerpoint',
          'unsupported',
          'unsupported',
          'too-large',
          'too-large',
        ]);
        expect(result.errors[0]!.message).to.match(/quarterly\.pptx.*PowerPoint.*Save it as a PDF/);
        expect(result.errors[2]!.message).to.match(/notes\.txt.*can't be shared.*JPEG, BMP, PNG or GIF.*PDF/);
        expect(result.errors[4]!.message).to.match(/long\.pdf.*too large/);
        expect(small.slides.map((s) => s.fileName)).to.deep.equal(['fine.pdf']);
      } finally {
        small.dispose();
      }
    });

    it('stops at the most slides a deck holds and says how many pages were left out', async () => {
      const small = new SlideDeck({ maxSlides: 5 });
      try {
        const result = await small.add([pdfFile(3), pdfFile(4, 'more.pdf'), bmpFile(8, 8, [0, 0, 0])]);
        expect(result.added).to.equal(5);
        expect(result.errors.map((e) => [e.code, e.detail])).to.deep.equal([
          ['deck-full', '2'],
          ['deck-full', '1'],
        ]);
        expect(result.errors[0]!.message).to.match(/2 pages of "more\.pdf" were left out/);
      } finally {
        small.dispose();
      }
    });

    it('an empty file named like an image is damaged, not of an unknown type', async () => {
      const result = await deck.add([new File([], 'empty.jpg', { type: 'image/jpeg' })]);
      expect(result.errors.map((e) => e.code)).to.deep.equal(['corrupt']);
    });
  });

  describe('moving and sending', () => {
    it('next, previous and go stay within the deck', async () => {
      await deck.add([pdfFile(3)]);
      deck.previous();
      expect(deck.current).to.equal(0);
      deck.next();
      deck.next();
      deck.next();
      expect(deck.current).to.equal(2);
      deck.go(-5);
      expect(deck.current).to.equal(0);
    });

    it('streams the current slide at no more than 5 frames per second and follows slide changes', async () => {
      await deck.add([pdfFile(3)]);
      const stream = deck.captureStream();
      expect(deck.state.get().streaming).to.equal(true);
      const track = stream.getVideoTracks()[0]!;
      expect(track.readyState).to.equal('live');
      expect(deck.captureStream()).to.equal(stream, 'one stream while live');
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = stream;
      document.body.append(video);
      await video.play();
      let frames = 0;
      const count = (): void => {
        frames++;
        video.requestVideoFrameCallback(count);
      };
      video.requestVideoFrameCallback(count);
      await new Promise((r) => setTimeout(r, 2000));
      // 2 s at ≤ 5 fps is at most 10 frames (+1 for the first, +1 of slack for timer jitter).
      expect(frames).to.be.at.most(12);
      expect(frames).to.be.at.least(1);
      expect(near(sampleColour(video, 320, 180, 0.5, 0.2), COLOURS[0]!)).to.equal(true);
      deck.next();
      await deck.idle();
      await waitUntil(
        () => near(sampleColour(video, 320, 180, 0.5, 0.2), COLOURS[1]!),
        'the next slide shown',
        {
          timeout: 5000,
        },
      );
      expect(near(sampleColour(video, 320, 180, 0.5, 0.2), COLOURS[1]!)).to.equal(true);
      deck.stopStream();
      expect(track.readyState).to.equal('ended');
      expect(deck.state.get().streaming).to.equal(false);
      video.remove();
    });

    it('removing a file keeps the current slide when it can; clear and dispose free everything', async () => {
      await deck.add([pdfFile(2, 'one.pdf'), bmpFile(10, 10, [9, 9, 9], 'two.bmp'), pdfFile(2, 'three.pdf')]);
      await deck.idle();
      deck.go(2);
      const thumbnails = deck.slides.map((s) => s.thumbnail!);
      deck.remove(deck.slides[0]!.fileId);
      expect(deck.slides.map((s) => s.fileName)).to.deep.equal(['two.bmp', 'three.pdf', 'three.pdf']);
      expect(deck.current).to.equal(0);
      // The removed file's thumbnails are revoked.
      let failed = false;
      await fetch(thumbnails[0]!).catch(() => (failed = true));
      expect(failed).to.equal(true);
      deck.clear();
      expect(deck.slides).to.deep.equal([]);
      await deck.add([pdfFile(1)]);
      deck.dispose();
      expect(deck.slides).to.deep.equal([]);
      const after = await deck.add([pdfFile(1)]);
      expect(after.added).to.equal(0);
    });
  });
});
