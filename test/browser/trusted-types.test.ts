/**
 * The library's Trusted Types policy (`pex-components`, src/services/trusted-types.ts) on a page
 * that enforces Trusted Types without 'allow-duplicates' (fixtures/tt-frame.html): created once and
 * shared by a second copy of the library; when the page already took the name, each copy falls back
 * to the plain URL and says so once in the console.
 */
import { expect } from '@open-wc/testing';
import { waitFor } from './fixtures/sdk-participant.js';

interface Result {
  trusted: boolean[];
  workers: boolean[];
  refusesJavascriptUrl: boolean;
  said: { level: 'info' | 'warn'; text: string }[];
}

async function run(query = ''): Promise<Result> {
  const frame = document.createElement('iframe');
  frame.src = new URL(`./fixtures/tt-frame.html${query}`, import.meta.url).href;
  document.body.append(frame);
  try {
    return await waitFor(
      () => (frame.contentWindow as { __tt?: Result } | null)?.__tt,
      'the frame to load both copies',
      10000,
    );
  } finally {
    frame.remove();
  }
}

describe('Trusted Types policy "pex-components"', () => {
  it('is created once; a second copy of the library reuses it (one console note); worker URLs pass', async () => {
    const r = await run();
    expect(r.trusted).to.deep.equal([true, true, true]);
    expect(r.workers).to.deep.equal([true, true, true]);
    expect(r.refusesJavascriptUrl).to.equal(true);
    expect(r.said).to.have.length(1);
    expect(r.said[0]!.level).to.equal('info');
    expect(r.said[0]!.text).to.contain('another copy of the library');
  });

  it('taken by the page: plain URLs, one warning per copy naming the policy', async () => {
    const r = await run('?taken');
    expect(r.trusted).to.deep.equal([false, false, false]);
    // Plain strings are refused by an enforcing page without a default policy: said in the warning.
    expect(r.workers).to.deep.equal([false, false, false]);
    expect(r.said.map((s) => s.level)).to.deep.equal(['warn', 'warn']);
    expect(r.said[0]!.text).to.contain('"pex-components"');
    expect(r.said[0]!.text).to.contain('default');
  });
});
