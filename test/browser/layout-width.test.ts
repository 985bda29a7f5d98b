/**
 * Every element stays inside the width its host page gives it: in a 320 px and a 1,280 px wide
 * container, laid out as a block, as a grid or flex item, and inside a grid or flex item (the demo's
 * side column: `<details>` in a grid), neither the element, nor anything drawn in it, nor the document
 * grows wider. `<pex-share>` is measured with a 40-megapixel image and a 100-page PDF added (slide
 * preview and thumbnails shown); `<pex-call>` with its join form and in the call (control-only, real
 * SDK on the local node), with `<pex-roster>`, `<pex-chat>`, `<pex-settings>` and `<pex-share>`
 * following it and the keypad (`<pex-dialpad>`) open.
 */
import { expect } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import '../../src/components/chat/pex-chat.js';
import '../../src/components/dialpad/pex-dialpad.js';
import '../../src/components/roster/pex-roster.js';
import '../../src/components/settings/pex-settings.js';
import '../../src/components/share/pex-share.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexShare } from '../../src/components/share/share.js';
import { canvasFile, paintedCanvas, pdfFile } from './fixtures/slide-files.js';
import { waitFor } from './fixtures/sdk-participant.js';

const WIDTHS = [320, 1280] as const;

/**
 * How the element is placed: the wrapper's display, the box between them (`middle`, made
 * `display: contents` to make the element itself the grid or flex item) and, for flex layouts,
 * `flex: 1 1 0` on the flex item (a page gives a flex item its share of the row; a flex item sized
 * by its content alone is the page's choice).
 */
const CONTEXTS: Record<string, { wrapper: string; middle: string; flexOn?: 'middle' | 'element' }> = {
  block: { wrapper: 'block', middle: 'block' },
  'grid item': { wrapper: 'grid', middle: 'contents' },
  'inside a grid item (the demo side column)': { wrapper: 'grid', middle: 'block' },
  'flex item': { wrapper: 'flex', middle: 'contents', flexOn: 'element' },
  'inside a flex item': { wrapper: 'flex', middle: 'block', flexOn: 'middle' },
};

interface Placed {
  wrapper: HTMLDivElement;
  middle: HTMLDivElement;
}

/** wrapper (the container of the given width) > middle > element, in the test document. */
function place(el: HTMLElement): Placed {
  const wrapper = document.createElement('div');
  const middle = document.createElement('div');
  wrapper.style.position = 'relative'; // the keypad floats inside it
  wrapper.style.minHeight = '40px';
  middle.append(el);
  wrapper.append(middle);
  document.body.append(wrapper);
  return { wrapper, middle };
}

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/** A short description of an element for failure messages. */
function describeEl(n: Node): string {
  if (n.nodeType === Node.TEXT_NODE) return `text "${(n.textContent ?? '').trim().slice(0, 30)}"`;
  const e = n as Element;
  const part = e.getAttribute('part');
  const cls = e.getAttribute('class');
  return `<${e.localName}${part ? ` part="${part}"` : ''}${cls ? ` class="${cls}"` : ''}>`;
}

/** Children in the flat tree (shadow roots and slots followed). */
function flatChildren(n: Node): Node[] {
  if (n instanceof HTMLSlotElement) {
    const assigned = n.assignedNodes({ flatten: true });
    return assigned.length ? assigned : [...n.childNodes];
  }
  if (n instanceof Element && n.shadowRoot) return [...n.shadowRoot.childNodes];
  return [...n.childNodes];
}

/**
 * What sticks out of [left, right]: every element and text box of `host`'s flat tree whose visible
 * part (after clipping by scrolling or `overflow: hidden` ancestors) lies outside.
 */
function outside(host: HTMLElement, left: number, right: number): string[] {
  const found: string[] = [];
  const visit = (n: Node, clipL: number, clipR: number, path: string): void => {
    let l = clipL;
    let r = clipR;
    if (n.nodeType === Node.TEXT_NODE) {
      if (!(n.textContent ?? '').trim()) return;
      const range = document.createRange();
      range.selectNodeContents(n);
      const box = range.getBoundingClientRect();
      const vl = Math.max(box.left, clipL);
      const vr = Math.min(box.right, clipR);
      if (box.width > 0 && vr > vl && (vl < left - 1 || vr > right + 1)) {
        found.push(`${path} > ${describeEl(n)}: ${Math.round(vl)}…${Math.round(vr)}`);
      }
      return;
    }
    if (!(n instanceof Element)) return;
    const cs = getComputedStyle(n);
    if (cs.display === 'none') return;
    const here = `${path} > ${describeEl(n)}`;
    if (cs.display !== 'contents') {
      const box = n.getBoundingClientRect();
      const vl = Math.max(box.left, clipL);
      const vr = Math.min(box.right, clipR);
      if (box.width > 0 && box.height > 0 && vr > vl && (vl < left - 1 || vr > right + 1)) {
        found.push(`${here}: ${Math.round(vl)}…${Math.round(vr)} (${Math.round(box.width)} px wide)`);
      }
      if (cs.overflowX !== 'visible') {
        l = Math.max(l, box.left);
        r = Math.min(r, box.right);
      }
    }
    for (const c of flatChildren(n)) visit(c, l, r, n === host ? host.localName : here);
  };
  visit(host, -Infinity, Infinity, '');
  return found;
}

/** Lays `el` out in every context at every width and returns what overflowed (empty when nothing did). */
async function overflowsOf(el: HTMLElement, placed: Placed, name: string): Promise<string[]> {
  const problems: string[] = [];
  const { wrapper, middle } = placed;
  for (const width of WIDTHS) {
    wrapper.style.width = `${width}px`;
    // The document's width with the container alone (the test page itself is 800 px wide).
    middle.style.display = 'none';
    await frame();
    const baseline = document.documentElement.scrollWidth;
    for (const [context, { wrapper: outer, middle: inner, flexOn }] of Object.entries(CONTEXTS)) {
      wrapper.style.display = outer;
      middle.style.display = inner;
      middle.style.flex = flexOn === 'middle' ? '1 1 0' : '';
      el.style.flex = flexOn === 'element' ? '1 1 0' : '';
      await frame();
      await frame();
      const where = `${name} at ${width} px, ${context}`;
      const w = wrapper.getBoundingClientRect();
      const h = el.getBoundingClientRect();
      if (h.width > width + 0.5) problems.push(`${where}: the element is ${Math.round(h.width)} px wide`);
      if (h.left < w.left - 0.5 || h.right > w.right + 0.5) {
        problems.push(
          `${where}: the element spans ${Math.round(h.left)}…${Math.round(h.right)} in ${w.left}…${w.right}`,
        );
      }
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        problems.push(`${where}: the element's content is ${el.scrollWidth} px wide in ${el.clientWidth} px`);
      }
      if (wrapper.scrollWidth > width + 1) {
        problems.push(`${where}: the container's content is ${wrapper.scrollWidth} px wide`);
      }
      const doc = document.documentElement.scrollWidth;
      if (doc > baseline + 1) problems.push(`${where}: the document grew from ${baseline} to ${doc} px wide`);
      // Nothing drawn in the element sticks out of it (nor out of the container).
      const inside = { left: Math.max(w.left, h.left), right: Math.min(w.right, h.right) };
      problems.push(...outside(el, inside.left, inside.right).map((o) => `${where}: ${o}`));
    }
  }
  middle.style.flex = '';
  el.style.flex = '';
  return problems;
}

/** Lines of a failure message, at most `n` of them (a broken layout reports hundreds). */
const first = (lines: string[], n = 40): string[] =>
  lines.length > n ? [...lines.slice(0, n), `… and ${lines.length - n} more`] : lines;

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;

describe('layout width: every element stays inside its container (320 px and 1,280 px)', function () {
  this.timeout(180000);
  const placedEls: Placed[] = [];
  const put = (el: HTMLElement): Placed => {
    const p = place(el);
    placedEls.push(p);
    return p;
  };
  afterEach(() => {
    for (const p of placedEls.splice(0)) p.wrapper.remove();
  });

  // One <pex-call> for the whole file: the other elements follow it by id.
  let call: PexCall;
  let callPlaced: Placed;
  const longName = 'Maximilianus-Hieronymus-Wolfeschlegelsteinhausenbergerdorff-the-Third';
  before(async () => {
    call = document.createElement('pex-call') as PexCall;
    call.id = 'layout-call';
    callPlaced = place(call);
    await call.updateComplete;
  });
  after(async () => {
    await call.service.leave().catch(() => undefined);
    callPlaced.wrapper.remove();
  });

  /** Joins meet.alice control-only through the join form (once), with a name that does not wrap. */
  async function inCall(): Promise<void> {
    if (call.service.conference.get().phase === 'in-call') return;
    const root = shadow(call);
    const fill = (name: string, value: string): void => {
      const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    await waitFor(() => root.querySelector('input[name="conference"]'), 'the join form');
    fill('conference', 'meet.alice');
    fill('name', longName);
    root.querySelector<HTMLInputElement>('input[name="media"][value="none"]')!.click();
    await call.updateComplete;
    [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Join')!.click();
    await waitFor(() => call.service.conference.get().phase === 'in-call', 'in the call', 20000);
    expect(call.service.conference.get().mediaMode).to.equal('none');
    await call.updateComplete;
  }

  it('<pex-call>: the join form', async () => {
    await waitFor(() => shadow(call).querySelector('input[name="conference"]'), 'the join form');
    const problems = await overflowsOf(call, callPlaced, '<pex-call> join form');
    expect(problems.length, first(problems).join('\n')).to.equal(0);
  });

  it('<pex-call>: in the call (control-only on the local node), then with the keypad open', async () => {
    await inCall();
    const problems = await overflowsOf(call, callPlaced, '<pex-call> in the call');
    const keypad = [...shadow(call).querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Keypad',
    );
    expect(keypad, 'the Keypad button').to.not.equal(undefined);
    keypad!.click();
    await waitFor(() => shadow(call).querySelector('pex-dialpad'), 'the keypad');
    problems.push(...(await overflowsOf(call, callPlaced, '<pex-call> with the keypad open')));
    keypad!.click();
    expect(problems.length, first(problems).join('\n')).to.equal(0);
  });

  it('<pex-roster>, <pex-chat> and <pex-settings> following the call, and <pex-dialpad>', async () => {
    await inCall();
    await call.service.sendChat(`A link without spaces: https://example.com/${'very-long-path/'.repeat(12)}`);
    const problems: string[] = [];
    for (const tag of ['pex-roster', 'pex-chat', 'pex-settings']) {
      const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<boolean> };
      el.setAttribute('call', 'layout-call');
      const placed = put(el);
      await el.updateComplete;
      if (tag === 'pex-roster') {
        await waitFor(() => shadow(el).textContent?.includes(longName), 'the roster shows the long name');
      }
      if (tag === 'pex-chat') {
        await waitFor(() => shadow(el).textContent?.includes('very-long-path'), 'the chat shows the message');
      }
      problems.push(...(await overflowsOf(el, placed, `<${tag}>`)));
    }
    const dialpad = document.createElement('pex-dialpad');
    dialpad.setAttribute('label', longName);
    problems.push(...(await overflowsOf(dialpad, put(dialpad), '<pex-dialpad>')));
    expect(problems.length, first(problems).join('\n')).to.equal(0);
  });

  it('<pex-share> with a 40-megapixel image and a 100-page PDF: slide preview and thumbnails', async () => {
    await inCall();
    const share = document.createElement('pex-share') as PexShare;
    share.setAttribute('call', 'layout-call');
    const placed = put(share);
    await share.updateComplete;
    const big = paintedCanvas(8000, 5000, [30, 120, 200]);
    const photo = await canvasFile(
      big,
      'image/jpeg',
      'panorama-with-a-rather-long-file-name-that-does-not-wrap.jpg',
    );
    big.width = 0;
    await share.addFiles([photo, pdfFile(100, 'a-hundred-pages.pdf')]);
    await share.deck.idle();
    await share.updateComplete;
    const root = shadow(share);
    // The 40-megapixel image is on show (scaled down, with its note), and every thumbnail is made.
    expect(share.deck.slides).to.have.length(101);
    expect(share.deck.canvas.width).to.be.greaterThan(1000, 'the preview canvas is full size');
    expect(root.querySelector('[part="preview"] canvas')).to.equal(share.deck.canvas);
    expect(root.querySelectorAll('[part="thumbnail"] img')).to.have.length(101);
    await waitFor(
      () => root.querySelector<HTMLImageElement>('[part="thumbnail"] img')?.complete,
      'the first thumbnail loaded',
    );
    expect(root.querySelector('[part="file-errors"]')?.textContent).to.match(/panorama.*scaled down/);

    const problems = await overflowsOf(share, placed, '<pex-share>');
    expect(problems.length, first(problems).join('\n')).to.equal(0);

    // The preview fills the panel's width and keeps the slide's shape; thumbnails stay thumbnails.
    placed.wrapper.style.display = 'block';
    placed.middle.style.display = 'block';
    for (const width of WIDTHS) {
      placed.wrapper.style.width = `${width}px`;
      const preview = root.querySelector('[part="preview"]')!.getBoundingClientRect();
      const canvas = share.deck.canvas.getBoundingClientRect();
      expect(preview.width, `preview at ${width}`).to.be.within(width / 2, width);
      expect(canvas.width, `canvas at ${width}`).to.be.within(width / 2, width);
      expect(canvas.width / canvas.height).to.be.closeTo(16 / 9, 0.05);
      const thumb = root.querySelector('[part="thumbnail"]')!.getBoundingClientRect();
      expect(thumb.width, `thumbnail at ${width}`).to.be.below(width / 2);
    }
  });
});
