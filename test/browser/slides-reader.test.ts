/**
 * The PDF reader's own failure: its worker script cannot be loaded (wrong URL, blocked). Its own
 * page (web-test-runner runs each file in a fresh page), so pdf.js starts here from nothing.
 */
import { expect } from '@open-wc/testing';
import { SlideDeck } from '../../src/services/slides/deck.js';
import { pdfjsRequested, pdfWorkerSrc, setPdfWorkerSrc } from '../../src/services/slides/pdf.js';
import { bmpFile, pdfFile } from './fixtures/slide-files.js';

describe('SlideDeck when the PDF reader cannot load', function () {
  this.timeout(30000);

  it('says so for the PDF, keeps the images, and works once the reader is reachable', async () => {
    const deck = new SlideDeck();
    try {
      const real = pdfWorkerSrc();
      expect(pdfjsRequested()).to.equal(false);
      setPdfWorkerSrc(new URL('/no-such-dir/missing-worker.mjs', location.href));
      const result = await deck.add([pdfFile(2, 'agenda.pdf'), bmpFile(16, 16, [1, 2, 3], 'logo.bmp')]);
      expect(result.errors.map((e) => e.code)).to.deep.equal(['reader-unavailable']);
      expect(result.errors[0]!.message).to.match(/agenda\.pdf.*PDF reader did not load/);
      expect(deck.slides.map((s) => s.fileName)).to.deep.equal(['logo.bmp']);
      setPdfWorkerSrc(real);
      const again = await deck.add([pdfFile(2, 'agenda.pdf')]);
      expect(again.errors).to.deep.equal([]);
      expect(deck.slides).to.have.length(3);
    } finally {
      deck.dispose();
    }
  });
});
