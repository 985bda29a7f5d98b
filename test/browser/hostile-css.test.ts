/**
 * Hostile host-page CSS: a page whose global stylesheet sets every inherited text property to odd
 * values (`font: italic 700 22px/3 serif`, letter-spacing, uppercase, `white-space: pre`, right
 * alignment, `cursor: wait`, white text on white, and `direction: rtl` in one variant), puts
 * `box-sizing: content-box`, margins and paddings on every element with `!important`, and unsets
 * every button, input and select. Every element (the call's join form, device check and in-call
 * room, `<pex-roster>`, `<pex-chat>`, `<pex-share>`, `<pex-settings>`, `<pex-dialpad>`), following a
 * control-only call on the local node with two more participants, must reset what it inherits to its
 * own tokens (a documented `--pex-*` property still wins), keep its roster rows unclipped, its search
 * box inside its panel, its height within 1.3× of the same page without the sheet, and lay out in
 * right-to-left without sticking out. On the plain demo CSS the toolbar's Speaker select reads at
 * 4.5:1 or better. Screenshots of the page in the call (plain, hostile, hostile right-to-left) and of
 * the toolbar are saved under `dist/test-screenshots/hostile-*.png` for a person to look at
 * (`scripts/wtr-screenshot.mjs`); the assertions are on geometry and computed styles only.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/roster/pex-roster.js';
import type { PexRoster } from '../../src/components/roster/roster.js';
import { CallService } from '../../src/services/call-service.js';
import type { ParticipantView } from '../../src/services/types.js';
import { type CallPage, snap, usePages } from './fixtures/call-page.js';
import { flatChildren, selectContrast } from './fixtures/contrast.js';
import { admitAs, FakeTransport, participant } from './fixtures/fake-transport.js';
import { SdkParticipant, waitFor } from './fixtures/sdk-participant.js';

/** The page's hostile global stylesheet (inherited properties on the page's own boxes). */
const HOSTILE = `
  html, body { background: #fff !important; }
  body, main, .layout, aside, .pad-box {
    font: italic 700 22px/3 serif;
    color: #fff;
    letter-spacing: 0.4em;
    word-spacing: 1em;
    text-transform: uppercase;
    text-align: right;
    text-indent: 3em;
    white-space: pre;
    word-break: break-all;
    cursor: wait;
    font-variant: small-caps;
    text-shadow: 0 0 2px #f0f;
    list-style: square inside;
    color-scheme: dark;
    accent-color: #fff;
  }
  * { box-sizing: content-box !important; margin: 3px !important; padding: 5px !important; }
  button, input, select { all: unset; }
`;
const RTL = `html { direction: rtl; }`;
/** The documented properties, set by the page: they win over the reset. */
const DOCUMENTED = `:root { --pex-font-family: monospace; --pex-font-size: 18px; --pex-line-height: 2.2; }`;

const TAGS = ['pex-call', 'pex-roster', 'pex-chat', 'pex-share', 'pex-settings', 'pex-dialpad'] as const;

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/** Adds (or replaces) a page stylesheet in the frame; `''` removes it. */
async function pageSheet(p: CallPage, id: string, text: string): Promise<void> {
  const doc = p.frame.contentDocument!;
  doc.getElementById(id)?.remove();
  if (text) {
    const style = doc.createElement('style');
    style.id = id;
    style.textContent = text;
    doc.head.append(style);
  }
  await frame();
  await frame();
}

function describeEl(e: Element): string {
  const part = e.getAttribute('part');
  const cls = e.getAttribute('class');
  return `<${e.localName}${part ? ` part="${part}"` : ''}${cls ? ` class="${cls}"` : ''}>`;
}

/**
 * What sticks out of the host sideways: every element and text box of `host`'s flat tree whose
 * visible part (after clipping by `overflow` ancestors) lies outside the host's border box.
 */
function outside(host: HTMLElement): string[] {
  const win = host.ownerDocument.defaultView!;
  const hb = host.getBoundingClientRect();
  const found: string[] = [];
  const visit = (n: Node, clipL: number, clipR: number, path: string): void => {
    if (n.nodeType === Node.TEXT_NODE) {
      if (!(n.textContent ?? '').trim()) return;
      const range = host.ownerDocument.createRange();
      range.selectNodeContents(n);
      const box = range.getBoundingClientRect();
      const vl = Math.max(box.left, clipL);
      const vr = Math.min(box.right, clipR);
      if (box.width > 0 && vr > vl && (vl < hb.left - 1 || vr > hb.right + 1)) {
        found.push(
          `${path} > text "${n.textContent!.trim().slice(0, 20)}": ${Math.round(vl)}…${Math.round(vr)}`,
        );
      }
      return;
    }
    if (!(n instanceof win.Element)) return;
    const cs = win.getComputedStyle(n);
    if (cs.display === 'none' || n.localName === 'dialog') return;
    const here = `${path} > ${describeEl(n)}`;
    let l = clipL;
    let r = clipR;
    if (cs.display !== 'contents') {
      const box = n.getBoundingClientRect();
      const vl = Math.max(box.left, clipL);
      const vr = Math.min(box.right, clipR);
      if (box.width > 0 && box.height > 0 && vr > vl && (vl < hb.left - 1 || vr > hb.right + 1)) {
        found.push(
          `${here}: ${Math.round(vl)}…${Math.round(vr)} in ${Math.round(hb.left)}…${Math.round(hb.right)}`,
        );
      }
      if (cs.overflowX !== 'visible') {
        l = Math.max(l, box.left);
        r = Math.min(r, box.right);
      }
    }
    for (const c of flatChildren(n)) visit(c, l, r, here);
  };
  for (const c of flatChildren(host)) visit(c, -Infinity, Infinity, host.localName);
  return found;
}

/**
 * Controls (buttons, fields) of `host`'s flat tree that are not wholly inside the host's height — cut
 * off by it or drawn over the next thing on the page. Controls inside a scrolling box are skipped
 * (scrolled out of view is not cut off).
 */
function controlsOutside(host: HTMLElement): string[] {
  const win = host.ownerDocument.defaultView!;
  const hb = host.getBoundingClientRect();
  const found: string[] = [];
  const visit = (n: Node): void => {
    if (!(n instanceof win.Element)) return;
    const cs = win.getComputedStyle(n);
    if (cs.display === 'none' || n.localName === 'dialog') return;
    if (/^(button|input|select|textarea)$/.test(n.localName)) {
      const b = n.getBoundingClientRect();
      if (b.width > 0 && b.height > 0 && (b.top < hb.top - 1 || b.bottom > hb.bottom + 1)) {
        const label = (n.textContent ?? '').trim() || n.getAttribute('name') || n.getAttribute('aria-label');
        found.push(
          `<${host.localName}>: <${n.localName}> "${label}" at ${Math.round(b.top)}…${Math.round(b.bottom)}, the element is ${Math.round(hb.top)}…${Math.round(hb.bottom)}`,
        );
      }
    }
    if (n !== host && /auto|scroll/.test(cs.overflowY)) return;
    for (const c of flatChildren(n)) visit(c);
  };
  visit(host);
  return found;
}

/** Roster rows whose content is clipped: taller than the row, or text drawn outside it. */
function clippedRows(roster: HTMLElement): string[] {
  const problems: string[] = [];
  const rows = [...roster.shadowRoot!.querySelectorAll<HTMLElement>('.row')];
  for (const row of rows) {
    const name = row.querySelector('.name')?.textContent ?? '?';
    if (row.scrollHeight > row.clientHeight + 1) {
      problems.push(`row ${name}: content ${row.scrollHeight} px high in ${row.clientHeight} px`);
    }
    const rb = row.getBoundingClientRect();
    const walker = row.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!(t.textContent ?? '').trim()) continue;
      const range = row.ownerDocument.createRange();
      range.selectNodeContents(t);
      for (const box of range.getClientRects()) {
        if (box.top < rb.top - 1 || box.bottom > rb.bottom + 1) {
          problems.push(
            `row ${name}: text "${t.textContent!.trim()}" at ${Math.round(box.top)}…${Math.round(box.bottom)} outside ${Math.round(rb.top)}…${Math.round(rb.bottom)}`,
          );
        }
      }
    }
  }
  return problems;
}

/** The roster's search box must fit in its panel (and in the element). */
function searchOverflow(roster: HTMLElement): string[] {
  const input = roster.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]');
  if (!input) return ['no search box'];
  const box = input.getBoundingClientRect();
  const body = roster.shadowRoot!.querySelector('.body')!.getBoundingClientRect();
  const host = roster.getBoundingClientRect();
  const problems: string[] = [];
  for (const [what, c] of [
    ['its panel', body],
    ['the element', host],
  ] as const) {
    if (box.left < c.left - 0.5 || box.right > c.right + 0.5) {
      problems.push(
        `search box ${Math.round(box.left)}…${Math.round(box.right)} outside ${what} ${Math.round(c.left)}…${Math.round(c.right)}`,
      );
    }
  }
  return problems;
}

/** The inherited properties each host must compute (the same as on a plain page). */
const RESET = {
  letterSpacing: 'normal',
  wordSpacing: '0px',
  textTransform: 'none',
  textAlign: 'start',
  textIndent: '0px',
  whiteSpace: 'normal',
  wordBreak: 'normal',
  cursor: 'auto',
  fontStyle: 'normal',
  fontWeight: '400',
  fontVariantCaps: 'normal',
  textShadow: 'none',
} as const;

type Geometry = Record<string, number>;

function heights(p: CallPage): Geometry {
  const doc = p.frame.contentDocument!;
  const out: Geometry = {};
  let all = 0;
  for (const tag of TAGS) all += out[tag] = doc.querySelector(tag)!.getBoundingClientRect().height;
  // The page itself grows with its own hostile line height and white space; the elements must not.
  out['all elements together'] = all;
  return out;
}

function tooTall(base: Geometry, now: Geometry, where: string): string[] {
  return Object.keys(base)
    .filter((k) => now[k]! > base[k]! * 1.3)
    .map(
      (k) => `${where}: ${k} is ${Math.round(now[k]!)} px high, ${Math.round(base[k]!)} px on the plain page`,
    );
}

function notReset(p: CallPage, plain: Record<string, Record<string, string>>, where: string): string[] {
  const doc = p.frame.contentDocument!;
  const win = p.frame.contentWindow!;
  const problems: string[] = [];
  for (const tag of TAGS) {
    const cs = win.getComputedStyle(doc.querySelector(tag)!);
    const want: Record<string, string> = { ...RESET, ...plain[tag] };
    for (const [prop, value] of Object.entries(want)) {
      const got = cs[prop as keyof CSSStyleDeclaration] as string;
      if (got !== value) problems.push(`${where}: <${tag}> computes ${prop}: ${got} (want ${value})`);
    }
  }
  return problems;
}

/** What each host computes on the plain page for the tokens it sets (font, colour). */
function plainValues(p: CallPage): Record<string, Record<string, string>> {
  const doc = p.frame.contentDocument!;
  const win = p.frame.contentWindow!;
  const out: Record<string, Record<string, string>> = {};
  for (const tag of TAGS) {
    const cs = win.getComputedStyle(doc.querySelector(tag)!);
    out[tag] = {
      fontFamily: cs.fontFamily,
      fontSize: cs.fontSize,
      lineHeight: cs.lineHeight,
      color: cs.color,
    };
  }
  return out;
}

/** Every check of one page state, as a list of problems (empty: all good). */
function problemsOf(
  p: CallPage,
  base: Geometry,
  plain: Record<string, Record<string, string>>,
  where: string,
) {
  const doc = p.frame.contentDocument!;
  const roster = doc.querySelector<HTMLElement>('pex-roster')!;
  const problems = [
    ...tooTall(base, heights(p), where),
    ...notReset(p, plain, where),
    ...clippedRows(roster).map((x) => `${where}: ${x}`),
  ];
  if (p.phase === 'in-call') problems.push(...searchOverflow(roster).map((x) => `${where}: ${x}`));
  for (const tag of TAGS) {
    if (tag === 'pex-dialpad') continue; // a floating panel, placed by its own coordinates
    problems.push(...outside(doc.querySelector<HTMLElement>(tag)!).map((x) => `${where}: ${x}`));
    problems.push(...controlsOutside(doc.querySelector<HTMLElement>(tag)!).map((x) => `${where}: ${x}`));
  }
  return problems;
}

/** Lines of a failure message, at most `n` of them. */
const first = (lines: string[], n = 40): string[] =>
  lines.length > n ? [...lines.slice(0, n), `… and ${lines.length - n} more`] : lines;

describe('hostile host-page CSS', function () {
  this.timeout(120000);
  const open = usePages();
  const others: SdkParticipant[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((o) => o.leave()));
  });

  it('every element resets what it inherits, keeps rows unclipped and its size, in LTR and RTL', async () => {
    const p = await open('', 'hostile-frame.html');
    const doc = p.frame.contentDocument!;
    const root = p.root;
    const problems: string[] = [];
    const compare = async (what: string, shots = false): Promise<void> => {
      const plain = plainValues(p);
      const base = heights(p);
      problems.push(...problemsOf(p, base, plain, `${what}, plain page`));
      if (shots) await snap(p, 'hostile-0-plain');
      await pageSheet(p, 'hostile', HOSTILE);
      problems.push(...problemsOf(p, base, plain, `${what}, hostile page`));
      if (shots) await snap(p, 'hostile-1-hostile');
      await pageSheet(p, 'rtl', RTL);
      problems.push(...problemsOf(p, base, plain, `${what}, hostile right-to-left page`));
      if (shots) await snap(p, 'hostile-2-hostile-rtl');
      for (const tag of TAGS) {
        const dir = p.frame.contentWindow!.getComputedStyle(doc.querySelector(tag)!).direction;
        if (dir !== 'rtl') problems.push(`${what}: <${tag}> does not follow the page's direction (${dir})`);
      }
      await pageSheet(p, 'rtl', '');
      await pageSheet(p, 'hostile', '');
    };

    // The join form.
    await waitFor(() => root.querySelector('input[name="conference"]'), 'the join form');
    await compare('join form');

    // The device check (Join with video), then Back.
    await p.fill('conference', 'meet.alice');
    await p.fill('name', 'Ann');
    await p.choose('media', 'video');
    await p.click('Join');
    const check = await waitFor(() => p.deviceCheck(), 'the device check');
    await waitFor(() => check.querySelector('button.primary:not([disabled])'), 'the devices to open');
    await compare('device check');
    for (const s of check.querySelectorAll('select')) {
      const cb = check.getBoundingClientRect();
      const sb = s.getBoundingClientRect();
      if (sb.right > cb.right + 0.5) problems.push(`device check: select ${s.name} sticks out`);
    }
    await p.click('Back');

    // In the call, control-only, with two more participants and a chat message.
    for (const name of ['Bob Example', 'Carol Example']) {
      const o = await SdkParticipant.create();
      others.push(o);
      await o.joined({ alias: 'meet.alice', name });
    }
    await p.join('meet.alice', 'Ann', 'none');
    await p.phaseIs('in-call');
    await p.rosterRowWith('Carol Example');
    await p.rosterRowWith('Bob Example');
    await p.sendChat('Hello from a hostile page');
    await waitFor(() => p.chatTexts().includes('Hello from a hostile page'), 'the chat message');
    await compare('in the call', true);

    // A documented property still wins over the reset, and the roster's rows grow with it.
    await pageSheet(p, 'hostile', HOSTILE);
    await pageSheet(p, 'documented', DOCUMENTED);
    const win = p.frame.contentWindow!;
    for (const tag of TAGS) {
      const cs = win.getComputedStyle(doc.querySelector(tag)!);
      if (cs.fontFamily !== 'monospace')
        problems.push(`<${tag}> ignores --pex-font-family (${cs.fontFamily})`);
      if (cs.fontSize !== '18px') problems.push(`<${tag}> ignores --pex-font-size (${cs.fontSize})`);
      if (cs.lineHeight !== `${18 * 2.2}px`)
        problems.push(`<${tag}> ignores --pex-line-height (${cs.lineHeight})`);
    }
    problems.push(...clippedRows(p.roster).map((x) => `documented properties: ${x}`));
    problems.push(...searchOverflow(p.roster).map((x) => `documented properties: ${x}`));
    await pageSheet(p, 'documented', '');
    await pageSheet(p, 'hostile', '');

    expect(problems.length, first(problems).join('\n')).to.equal(0);
  });

  it("the toolbar's Speaker select and its options read at 4.5:1 on the plain demo CSS and the hostile page", async () => {
    const p = await open('', 'hostile-frame.html');
    // The Speaker select is in the toolbar of a call with audio.
    await p.join('meet.alice', 'Ann', 'audio');
    await p.phaseIs('in-call');
    const select = await waitFor(
      () => p.root.querySelector<HTMLSelectElement>('select[name="speaker"]'),
      'the Speaker select',
    );
    const low: string[] = [];
    for (const [where, sheet] of [
      ['plain demo CSS', ''],
      ['hostile page', HOSTILE],
    ] as const) {
      await pageSheet(p, 'hostile', sheet);
      select.scrollIntoView({ block: 'center' });
      await snap(p, `hostile-3-speaker-select-${sheet ? 'hostile' : 'demo-css'}`);
      for (const { what, ratio } of selectContrast(select)) {
        if (!(ratio >= 4.5)) low.push(`${where}: ${what} reads at ${ratio.toFixed(2)}:1`);
      }
    }
    await pageSheet(p, 'hostile', '');
    expect(select.options.length).to.be.at.least(2);
    expect(low, low.join('\n')).to.deep.equal([]);
  });
});

describe('<pex-roster> windowing with a tall line height', () => {
  let style: HTMLStyleElement | undefined;
  afterEach(() => style?.remove());

  it('rows take the height of their text; the rendered window covers the view anywhere in 1,000 rows', async () => {
    style = document.createElement('style');
    style.textContent = `${HOSTILE} pex-roster { --pex-line-height: 3; --pex-roster-max-height: 30rem; }`;
    document.head.append(style);
    let t: FakeTransport | undefined;
    const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
    await service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none' });
    admitAs(t!, 'host');
    const rows: Omit<ParticipantView, 'isMe'>[] = [
      participant({ uuid: 'me', displayName: 'Me', role: 'host' }),
    ];
    for (let i = 1; i < 1000; i++) {
      rows.push(
        participant({ uuid: `p${i}`, displayName: `Participant ${i}`, role: i % 3 ? 'guest' : 'host' }),
      );
    }
    t!.sink.participants(rows, 'me');
    const el = await fixture<PexRoster>(html`<pex-roster .service=${service}></pex-roster>`);
    const list = await waitFor(
      () =>
        el.shadowRoot!.querySelector<HTMLElement>('.list .row') &&
        el.shadowRoot!.querySelector<HTMLElement>('.list'),
      'rows',
    );
    await frame();
    await el.updateComplete;
    const problems: string[] = [];
    for (const at of [0, 0.25, 0.5, 0.999]) {
      list.scrollTop = at * (list.scrollHeight - list.clientHeight);
      list.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      await frame();
      await el.updateComplete;
      problems.push(...clippedRows(el).map((x) => `at ${at * 100}%: ${x}`));
      const lb = list.getBoundingClientRect();
      const rendered = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')].map((r) =>
        r.getBoundingClientRect(),
      );
      const top = Math.min(...rendered.map((r) => r.top));
      const bottom = Math.max(...rendered.map((r) => r.bottom));
      if (top > lb.top + 1 || bottom < lb.bottom - 1) {
        problems.push(
          `at ${at * 100}%: rows drawn ${Math.round(top)}…${Math.round(bottom)}, the view is ${Math.round(lb.top)}…${Math.round(lb.bottom)}`,
        );
      }
    }
    // The last row can be reached.
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    await frame();
    await el.updateComplete;
    await waitFor(() => el.shadowRoot!.querySelector('.row[data-index="999"]'), 'the last row');
    expect(problems.length, first(problems).join('\n')).to.equal(0);
    await service.leave();
  });
});
