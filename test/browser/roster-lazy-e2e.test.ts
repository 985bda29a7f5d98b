/**
 * What `<pex-roster>` downloads, against the local node with the real SDK: on the drop-in page
 * (`autoload-frame.html`, each tag loaded on use) the roster shows "Not in a call" from its shell;
 * its in-call UI (`roster-body`) is fetched when the call starts, and the keypad (`<pex-dialpad>`)
 * only when a Host first presses Keypad — whose digits then reach the node for that participant.
 */
import { expect } from '@open-wc/testing';
import { usePages, type CallPage } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';

interface DtmfRecord {
  kind: 'call' | 'participant';
  to: string;
  digits: string;
}

async function dtmfLog(alias: string): Promise<DtmfRecord[]> {
  const res = await fetch(`/__local-node__/dtmf?conference=${encodeURIComponent(alias)}`);
  return (await res.json()) as DtmfRecord[];
}

/** Polls the node until it has recorded `n` DTMF requests in `alias` after the first `skip`. */
async function dtmfAfter(alias: string, skip: number, n: number): Promise<DtmfRecord[]> {
  const end = performance.now() + 8000;
  for (;;) {
    const log = (await dtmfLog(alias)).slice(skip);
    if (log.length >= n) return log;
    if (performance.now() > end) throw new Error(`the node recorded ${JSON.stringify(log)}; expected ${n}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The scripts the participant's frame has fetched so far (module URLs). */
function fetched(page: CallPage, pattern: RegExp): string[] {
  const win = page.frame.contentWindow!;
  return win.performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => pattern.test(new URL(name).pathname));
}

const BODY = /\/roster\/roster-body(\.styles)?\.(ts|js)$/;
const DIALPAD = /\/dialpad\//;

describe('<pex-roster> loads its in-call UI and keypad on demand (local node)', () => {
  const open = usePages();

  it('"Not in a call" without the body; the body with the call; the keypad on the first Keypad press', async () => {
    const ann = await open('', 'autoload-frame.html');
    const win = ann.frame.contentWindow as Window & typeof globalThis;
    await waitFor(() => win.customElements.get('pex-roster'), 'the roster to load', 15000);
    const roster = ann.roster;
    await roster.updateComplete;
    expect(roster.shadowRoot!.querySelector('[part="empty"]')?.textContent).to.include('Not in a call');
    expect(fetched(ann, /\/roster\/roster\.(ts|js)$/), 'the shell').to.have.length(1);
    expect(fetched(ann, BODY), 'the in-call UI before a call').to.deep.equal([]);

    await ann.join('meet.alice', 'Ann');
    await ann.phaseIs('in-call');
    const ben = await open();
    await ben.join('meet.alice', 'Ben');
    await ben.phaseIs('in-call');
    await ann.rosterRowWith('Ben', /Host/);
    expect(fetched(ann, BODY).length, 'the in-call UI, with the call').to.be.at.least(1);
    expect(Boolean(win.customElements.get('pex-dialpad')), 'the keypad before a press').to.equal(false);
    expect(fetched(ann, DIALPAD), 'the keypad before a press').to.deep.equal([]);

    const before = (await dtmfLog('meet.alice')).length;
    await ann.rosterClick('Ben', 'Keypad');
    const details = await ann.rosterDetails('Ben');
    // updateComplete (awaited by rosterClick) includes the keypad's download.
    const pad = details.querySelector('pex-dialpad') as
      (HTMLElement & { updateComplete: Promise<unknown> }) | null;
    expect(pad, 'the keypad, once updateComplete resolves').to.not.equal(null);
    expect(fetched(ann, DIALPAD).length, 'the keypad, after the press').to.be.at.least(1);
    await pad!.updateComplete;
    for (const key of ['7', '#']) {
      [...pad!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === key)!.click();
    }
    const benId = ann.participant('Ben')!.uuid;
    const sent = await dtmfAfter('meet.alice', before, 2);
    expect(sent.map((r) => [r.kind, r.to])).to.deep.equal([
      ['participant', benId],
      ['participant', benId],
    ]);
    expect(sent.map((r) => r.digits).sort()).to.deep.equal(['#', '7']);
  });
});
