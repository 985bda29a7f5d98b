/**
 * Load order and copies (issue 10, point 6), on the local node with the real SDK. `<pex-roster>` and
 * `<pex-chat>` must follow their call whatever order the elements upgrade in: registered before
 * `<pex-call>` (its chunk arriving 300 ms later) or after it, inside it (context) or naming it
 * (`call="id"`), and with a second self-contained copy of the library on the page, which warns once
 * per tag it cannot register and throws nothing. The page is fixtures/load-order-frame.html.
 */
import { expect } from '@open-wc/testing';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexChat } from '../../src/components/chat/chat.js';
import type { PexRoster } from '../../src/components/roster/roster.js';
import type { LoadOrderState } from './fixtures/load-order.js';
import { waitFor } from './fixtures/sdk-participant.js';

const ALIAS = 'meet.alice';

class LoadOrderPage {
  constructor(readonly frame: HTMLIFrameElement) {}

  static async open(
    layout: 'nested' | 'by-id',
    load: string,
    name: string,
    extra: Record<string, string> = {},
  ): Promise<LoadOrderPage> {
    const frame = document.createElement('iframe');
    const query = new URLSearchParams({ layout, load, conference: ALIAS, name, ...extra });
    frame.src = new URL(`./fixtures/load-order-frame.html?${query.toString()}`, import.meta.url).href;
    frame.title = 'load order';
    frame.style.width = '900px';
    frame.style.height = '700px';
    document.body.append(frame);
    const page = new LoadOrderPage(frame);
    await waitFor(() => page.state?.done, `every step of ${load} to load`, 20000);
    return page;
  }

  get state(): LoadOrderState | undefined {
    return (this.frame.contentWindow as Window | null)?.loadOrder;
  }

  get doc(): Document {
    return this.frame.contentDocument!;
  }

  get call(): PexCall {
    return this.doc.querySelector('pex-call')!;
  }

  get roster(): PexRoster {
    return this.doc.querySelector('pex-roster')!;
  }

  get chat(): PexChat {
    return this.doc.querySelector('pex-chat')!;
  }

  rosterNames(): string[] {
    return [...(this.roster.shadowRoot?.querySelectorAll('.row .name') ?? [])].map(
      (n) => n.textContent ?? '',
    );
  }

  /** The call joins; roster and chat use its service and show the meeting, not "Not in a call". */
  async followsTheCall(name: string): Promise<void> {
    await waitFor(() => this.call.service?.conference.get().phase === 'in-call', 'the call to join', 15000);
    await waitFor(() => this.rosterNames().includes(name), `the roster to list ${name}`);
    expect(this.roster.callService).to.equal(this.call.service);
    expect(this.chat.callService).to.equal(this.call.service);
    await this.chat.updateComplete;
    await this.roster.updateComplete;
    expect(this.chat.shadowRoot!.textContent).not.to.include('Not in a call');
    expect(this.roster.shadowRoot!.textContent).not.to.include('Not in a call');
    expect(this.chat.shadowRoot!.querySelector('textarea, input')).to.exist;
  }

  async close(): Promise<void> {
    const phase = this.call.service?.conference.get().phase;
    if (phase && phase !== 'idle' && phase !== 'ended')
      await this.call.service.leave().catch(() => undefined);
    this.frame.remove();
  }
}

const unique = (who: string): string => `${who} ${Math.random().toString(36).slice(2, 7)}`;
/** The tags named by "<pex-…> is already defined by another copy" warnings, one entry per warning. */
const clashTags = (warnings: string[]): string[] =>
  warnings.flatMap((w) => /<(pex-[a-z]+)> is already defined by another copy/.exec(w)?.[1] ?? []);

describe('load order and copies of the library', () => {
  let page: LoadOrderPage | undefined;
  afterEach(async () => {
    await page?.close();
    page = undefined;
  });

  it('call="roster" (an element that is not a call) is refused: one warning, "Not in a call"; the roster beside it follows the real call', async () => {
    const name = unique('Rae Refused');
    // Roster and chat from a second copy of the library, <pex-call> from the first: the brand the
    // named element must answer to is shared by both copies, and still refuses the roster.
    page = await LoadOrderPage.open('by-id', 'copy:pex-roster,copy:pex-chat|call', name, {
      'chat-call': 'roster',
    });
    await waitFor(() => page!.rosterNames().includes(name), `the roster to list ${name}`, 15000);
    expect(page.roster.callService).to.equal(page.call.service);
    await page.chat.updateComplete;
    expect(page.chat.callService).to.equal(undefined);
    expect(page.chat.shadowRoot!.querySelector('[part="empty"]')?.textContent).to.include('Not in a call');
    expect(page.chat.shadowRoot!.querySelector('textarea')).to.equal(null);
    expect(page.state!.warnings.filter((w) => w.includes('not a <pex-call>'))).to.deep.equal([
      'pex-components: <pex-chat call="roster">: #roster is not a <pex-call>',
    ]);
    expect(page.state!.errors).to.deep.equal([]);
  });

  for (const layout of ['nested', 'by-id'] as const) {
    const where = layout === 'nested' ? 'inside <pex-call>' : 'with call="id"';
    it(`${where}: roster and chat registered first, <pex-call> 300 ms later, follow the call`, async () => {
      const name = unique('Fay First');
      page = await LoadOrderPage.open(layout, 'children|call', name);
      await page.followsTheCall(name);
      expect(page.state!.errors).to.deep.equal([]);
    });

    it(`${where}: <pex-call> registered first, roster and chat 300 ms later, follow the call`, async () => {
      const name = unique('Lee Later');
      page = await LoadOrderPage.open(layout, 'call|children', name);
      await page.followsTheCall(name);
      expect(page.state!.errors).to.deep.equal([]);
    });

    it(`${where}: roster and chat from a second copy, <pex-call> from the first 300 ms later, then a third full copy`, async () => {
      const name = unique('Cy Copies');
      page = await LoadOrderPage.open(layout, 'copy:pex-roster,copy:pex-chat|call|copy:index?copy=3', name);
      await page.followsTheCall(name);
      expect(page.state!.errors).to.deep.equal([]);
      // The third copy could not register the tags already there: one warning each, no throw. (The
      // second copy's roster may have loaded its keypad already: then pex-dialpad warns too.)
      const warned = clashTags(page.state!.warnings);
      expect(warned).to.include.members(['pex-call', 'pex-roster', 'pex-chat']);
      expect(warned).to.have.length(new Set(warned).size, 'one warning per tag');
      // …and registered the tags that were free, which work.
      expect(page.doc.defaultView!.customElements.get('pex-settings')).to.exist;
    });
  }

  it('two full copies: the second warns once per tag, throws nothing, and the first keeps working', async () => {
    const name = unique('Two Copies');
    page = await LoadOrderPage.open('nested', 'index|copy:index', name);
    await page.followsTheCall(name);
    expect(page.state!.errors).to.deep.equal([]);
    const warned = clashTags(page.state!.warnings);
    expect(warned.sort()).to.deep.equal(
      ['pex-call', 'pex-chat', 'pex-dialpad', 'pex-roster', 'pex-settings', 'pex-share'],
      'one warning per tag',
    );
  });
});
