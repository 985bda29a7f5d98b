/**
 * `VirtualListController` (src/controllers/virtual-list.ts) on its own: a small element windowing
 * a list of rows as tall as their text, as `<pex-roster>` does with its participants.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { css, LitElement, type TemplateResult } from 'lit';
import { VirtualListController } from '../../src/controllers/virtual-list.js';

class VirtualListHost extends LitElement {
  static override properties = { count: { type: Number } };
  static override styles = css`
    .list {
      height: 200px;
      overflow: auto;
    }
    .row {
      font-size: var(--row-font, 16px);
      line-height: 1.5;
      padding: 2px 0;
    }
  `;
  count = 0;
  readonly window = new VirtualListController(this, {
    list: () => this.renderRoot.querySelector<HTMLElement>('.list'),
  });

  get list(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.list')!;
  }

  rendered(): number[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.row')].map((r) => Number(r.dataset['index']));
  }

  protected override render(): TemplateResult {
    const { first, last } = this.window.range(this.count);
    const rows: TemplateResult[] = [];
    for (let i = first; i <= last; i++) rows.push(html`<div class="row" data-index=${i}>Row ${i}</div>`);
    return html`<div class="list" @scroll=${() => this.window.onScroll()}>
      <div class="rows">${rows}</div>
    </div>`;
  }
}
customElements.define('virtual-list-host', VirtualListHost);

/** The host once its rows are measured and the window follows from them. */
async function mount(count: number): Promise<VirtualListHost> {
  const el = await fixture<VirtualListHost>(html`<virtual-list-host .count=${count}></virtual-list-host>`);
  await waitUntil(() => el.window.rowHeight > 0, 'rows measured');
  await el.updateComplete;
  return el;
}

/** The rows in view: each rendered row whose box meets the list's. */
function visible(el: VirtualListHost): number[] {
  const box = el.list.getBoundingClientRect();
  return [...el.renderRoot.querySelectorAll<HTMLElement>('.row')]
    .filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > box.top + 1 && b.top < box.bottom - 1;
    })
    .map((r) => Number(r.dataset['index']));
}

describe('VirtualListController', () => {
  it('renders only the rows in view and a margin; padding stands for the rest', async () => {
    const el = await mount(5000);
    const h = el.window.rowHeight;
    const rows = el.rendered();
    expect(rows[0]).to.equal(0);
    // 200px of rows plus 8 on each side, not 5000.
    expect(rows.length).to.be.within(Math.ceil(200 / h), Math.ceil(200 / h) + 18);
    expect(visible(el)[0]).to.equal(0);
    const { top, bottom } = el.window.padding;
    expect(top).to.equal(0);
    expect(bottom).to.be.closeTo((5000 - rows.length) * h, 1);
    // The scroll bar is that of the whole list.
    expect(el.list.scrollHeight).to.be.closeTo(5000 * h, 5000 * 0.01);
  });

  it('follows scrolling: the rows at the new position are rendered and in view', async () => {
    const el = await mount(5000);
    const h = el.window.rowHeight;
    el.list.scrollTop = 2500 * h;
    await waitUntil(() => el.rendered().includes(2500), 'row 2500 rendered');
    await el.updateComplete;
    const shown = visible(el);
    expect(shown).to.include(2500);
    expect(el.rendered().length).to.be.lessThan(60);
    expect(el.window.padding.top).to.be.closeTo(el.rendered()[0]! * h, 1);
  });

  it('measures rows again when they change height without a render (a larger font)', async () => {
    const el = await mount(1000);
    const before = el.window.rowHeight;
    el.style.setProperty('--row-font', '32px');
    await waitUntil(() => el.window.rowHeight > before * 1.5, 'rows measured again');
    await el.updateComplete;
    // Fewer rows fit: the window still covers the viewport, from the first row.
    expect(visible(el)[0]).to.equal(0);
    expect(el.list.scrollHeight).to.be.closeTo(1000 * el.window.rowHeight, 1000 * 0.02);
  });

  it('scrollToRow() brings a row not rendered into view', async () => {
    const el = await mount(1000);
    expect(el.rendered()).to.not.include(900);
    el.window.scrollToRow(900);
    el.requestUpdate();
    await waitUntil(() => visible(el).includes(900), 'row 900 in view');
    el.window.scrollToRow(3);
    el.requestUpdate();
    await waitUntil(() => visible(el).includes(3), 'row 3 in view again');
  });

  it('shows nothing for an empty list, and stops observing when disconnected', async () => {
    const el = await mount(10);
    el.count = 0;
    await el.updateComplete;
    expect(el.rendered()).to.deep.equal([]);
    expect(el.window.padding).to.deep.equal({ top: 0, bottom: 0 });
    el.remove();
    el.count = 10;
    document.body.append(el);
    await waitUntil(() => el.rendered().length === 10, 'rows back after re-insertion');
  });
});
