/**
 * Themes: every element (`<pex-call>`, `<pex-roster>`, `<pex-chat>`, `<pex-share>`, `<pex-settings>`,
 * `<pex-dialpad>`) in its main states on the local node — the join form, the device check, a Host in a
 * call with two more participants, chat messages (with links, and a private one) both ways, someone
 * waiting at the locked meeting and the waiting room of the one who knocks, the roster's details, the
 * Host's conference menu, the statistics, keypad digits, the share panel with a PDF loaded and
 * presented, the slides seen by the one let in, the PIN prompt with an error, a chat message too
 * long to send, a meeting with chat turned off, the confirmation before leaving — in the light, dark and high-contrast themes (and high contrast on a dark scheme): every
 * visible text reads at WCAG AA (4.5:1, 3:1 for large text) against the background actually behind
 * it (disabled controls and visually hidden text aside). Screenshots of the three themes are saved under
 * `dist/test-screenshots/themes-*.png` for a person to look at.
 *
 * Which theme applies: the page's `prefers-color-scheme` (emulated), unless the element's `theme`
 * attribute or the page's `--pex-color-scheme` token says otherwise; `prefers-contrast: more` picks
 * high contrast; elements inside an element take its theme, and so does the pop-out presentation
 * window.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PexCall } from '../../src/components/call/call.js';
import { PresentationWindow } from '../../src/components/call/presentation-window.js';
import { type CallPage, snap, usePages } from './fixtures/call-page.js';
import { lowContrast, textContrasts } from './fixtures/contrast.js';
import { pdfFile } from './fixtures/slide-files.js';
import { SdkParticipant, waitFor } from './fixtures/sdk-participant.js';

const TAGS = ['pex-call', 'pex-roster', 'pex-chat', 'pex-share', 'pex-settings', 'pex-dialpad'] as const;
const THEMES = ['light', 'dark', 'high-contrast', 'dark high-contrast'] as const;
type Theme = (typeof THEMES)[number];

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/** Sets `theme` on every element of the page (`null` removes it) and lets it draw. */
async function setTheme(pages: CallPage[], theme: Theme | null): Promise<void> {
  for (const p of pages) {
    const doc = p.frame.contentDocument!;
    for (const el of doc.querySelectorAll(TAGS.join(','))) {
      if (theme) el.setAttribute('theme', theme);
      else el.removeAttribute('theme');
    }
    // The test page itself follows along, for the screenshots.
    doc.documentElement.style.colorScheme = theme?.includes('dark') ? 'dark' : theme ? 'light' : '';
  }
  await frame();
  await frame();
}

/** The computed value of `prop` on each element of `root`. */
function computed(root: Document | ShadowRoot, prop: 'color' | 'colorScheme'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of TAGS) {
    const el = root.querySelector(tag)!;
    out[tag] = el.ownerDocument.defaultView!.getComputedStyle(el)[prop];
  }
  return out;
}

const same = (value: string): Record<string, string> => Object.fromEntries(TAGS.map((t) => [t, value]));

/** The text colour token (`--pex-text`) of each theme, as the host computes it. */
const TEXT = {
  light: 'rgb(27, 31, 36)',
  dark: 'rgb(233, 236, 239)',
  highContrast: 'rgb(0, 0, 0)',
};

/** Lines of a failure message, at most `n` of them. */
const first = (lines: string[], n = 60): string[] =>
  lines.length > n ? [...lines.slice(0, n), `… and ${lines.length - n} more`] : lines;

describe('themes', function () {
  this.timeout(180000);
  const open = usePages();
  const others: SdkParticipant[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((o) => o.leave()));
    await emulateMedia({ colorScheme: 'light' });
    await executeServerCommand('emulate-media-features', { features: [] });
  });

  it('every text of every element reads at WCAG AA in the light, dark and high-contrast themes', async () => {
    const p = await open('', 'themes-frame.html');
    const root = p.root;
    const low: string[] = [];
    const counts: Record<string, number> = {};
    /** Checks every element of `pages` in every theme; screenshots of `p` when `shot` is given. */
    const check = async (state: string, pages: CallPage[] = [p], shot?: string): Promise<void> => {
      for (const theme of THEMES) {
        await setTheme(pages, theme);
        for (const page of pages) {
          for (const tag of TAGS) {
            const el = page.frame.contentDocument!.querySelector(tag);
            if (!el) continue;
            counts[theme] = (counts[theme] ?? 0) + textContrasts(el).length;
            low.push(...lowContrast(el, `${theme} theme, ${state}: ${tag}`));
          }
        }
        if (shot && !theme.includes(' ')) await snap(p, `themes-${shot}-${theme}`);
      }
      await setTheme(pages, null);
    };

    // The join form.
    await waitFor(() => root.querySelector('input[name="conference"]'), 'the join form');
    await check('join form', [p], '0-join-form');

    // The PIN prompt after a wrong PIN (an error), then Back.
    await p.join('meet.carol', 'Ann');
    await p.phaseIs('needs-pin');
    await p.fill('pin', '0000');
    await p.click('Join');
    await waitFor(() => p.alert(), 'the wrong PIN error');
    await check('PIN prompt with an error');
    await p.click('Back');
    await p.phaseIs('idle');

    // The device check (Join with video), then Back.
    await p.fill('conference', 'meet.alice');
    await p.fill('name', 'Ann');
    await p.choose('media', 'video');
    await p.click('Join');
    const deviceCheck = await waitFor(() => p.deviceCheck(), 'the device check');
    await waitFor(() => deviceCheck.querySelector('button.primary:not([disabled])'), 'the devices to open');
    await check('device check');
    await p.click('Back');

    // A Host in a call with two more participants, chat both ways (one message with a link).
    for (const name of ['Bob Example', 'Carol Example']) {
      const o = await SdkParticipant.create();
      others.push(o);
      await o.joined({ alias: 'meet.alice', name });
    }
    await p.join('meet.alice', 'Ann', 'none');
    await p.phaseIs('in-call');
    await p.rosterRowWith('Carol Example');
    await p.rosterRowWith('Bob Example');
    await p.sendChat('Hello from Ann, see https://example.com/agenda');
    await others[0]!.client.sendMessage({ payload: 'Hi Ann, the slides are at https://example.org/deck' });
    await waitFor(() => p.chatTexts().length >= 2, 'both chat messages');

    // Someone knocks at the locked meeting.
    await p.click('Conference menu');
    await p.click('Lock conference');
    await waitFor(() => p.call.service.conference.get().locked, 'the lock');
    const late = await open();
    await late.join('meet.alice', 'Kim Late');
    await late.phaseIs('waiting-room');
    await p.rosterRowWith('Kim Late', /Waiting/);
    await check('in the call, Kim waiting', [p, late], '1-in-call');

    // Elements inside the call take its theme.
    await setTheme([p], 'dark');
    await p.sharePanel();
    const inner = p.root.querySelector('pex-share')!;
    const win = p.frame.contentWindow!;
    expect(win.getComputedStyle(inner).colorScheme, 'pex-share inside a dark pex-call').to.equal('dark');
    expect(win.getComputedStyle(inner).color).to.equal(TEXT.dark);
    await setTheme([p], 'high-contrast');
    expect(win.getComputedStyle(inner).color, 'pex-share inside a high-contrast pex-call').to.equal(
      TEXT.highContrast,
    );
    // …even when the person prefers more contrast or the page asks for it: the call's theme wins.
    await setTheme([p], 'dark');
    await executeServerCommand('emulate-media-features', {
      features: [{ name: 'prefers-contrast', value: 'more' }],
    });
    await frame();
    const pageStyle = p.frame.contentDocument!.createElement('style');
    expect(win.getComputedStyle(inner).color, 'in a dark pex-call, prefers-contrast: more').to.equal(
      TEXT.dark,
    );
    pageStyle.textContent = ':root { --pex-contrast: more; }';
    p.frame.contentDocument!.head.append(pageStyle);
    await frame();
    expect(win.getComputedStyle(inner).color, 'in a dark pex-call, --pex-contrast: more').to.equal(TEXT.dark);
    p.call.removeAttribute('theme');
    await frame();
    expect(win.getComputedStyle(inner).color, 'in a pex-call without a theme').to.equal(TEXT.highContrast);
    pageStyle.remove();
    await executeServerCommand('emulate-media-features', { features: [] });
    await check('the share panel in the call', [p], '2-share');

    // The roster's details of Bob, then the Host's conference menu.
    await p.rosterDetails('Bob Example');
    await check('roster details');
    await p.click('Conference menu');
    await waitFor(() => p.button('Unlock conference'), 'the conference menu');
    await check('conference menu');
    await p.click('Conference menu');

    // Bob writes to Ann privately; the statistics are open; the keypad shows digits.
    const ann = await waitFor(() => others[0]!.find('Ann'), 'Bob to see Ann');
    await others[0]!.client.sendMessage({ payload: 'Just for you, Ann', participantUuid: ann.uuid });
    await waitFor(() => p.chatTexts().includes('Just for you, Ann'), 'the private message');
    await p.click('Statistics');
    await waitFor(() => p.root.querySelector('[part~="stats"]'), 'the statistics');
    const pad = p.frame.contentDocument!.querySelector('pex-dialpad')!;
    for (const key of ['1', '2', '#']) {
      [...pad.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === key)!.click();
    }
    await waitFor(() => pad.shadowRoot!.querySelector('output')?.textContent?.includes('12#'), 'the digits');
    await check('statistics, a private message, keypad digits');

    // Forced colours: the pressed Statistics button is drawn in the system's highlight, unlike the others.
    await executeServerCommand('emulate-media-features', {
      features: [{ name: 'forced-colors', value: 'active' }],
    });
    await frame();
    const win2 = p.frame.contentWindow!;
    expect(win2.matchMedia('(forced-colors: active)').matches, 'the emulation').to.equal(true);
    const probe = p.frame.contentDocument!.createElement('span');
    probe.style.cssText = 'forced-color-adjust: none; background: Highlight; color: HighlightText';
    p.frame.contentDocument!.body.append(probe);
    const pressed = p.root.querySelector<HTMLElement>('[aria-pressed="true"]')!;
    const plain = p.root.querySelector<HTMLElement>('[aria-pressed="false"]')!;
    const bg = (e: Element): string => win2.getComputedStyle(e).backgroundColor;
    expect(pressed.textContent?.trim()).to.equal('Statistics');
    expect(bg(pressed), 'the pressed button in forced colours').to.equal(bg(probe));
    expect(win2.getComputedStyle(pressed).color).to.equal(win2.getComputedStyle(probe).color);
    expect(bg(plain), 'a button not pressed').to.not.equal(bg(probe));
    probe.remove();
    await executeServerCommand('emulate-media-features', { features: [] });
    await p.click('Statistics');

    // Ann loads a PDF and presents it; Kim is let in and sees it as stills.
    const share = await p.sharePanel();
    await share.addFiles([pdfFile(3, 'agenda.pdf')]);
    await waitFor(() => share.shadowRoot!.querySelector('.strip img'), 'the thumbnails', 20000);
    await check('slides loaded');
    await p.shareClick('Start presenting');
    await waitFor(() => p.call.service.presentation.get().sending, 'Ann presenting', 20000);
    await p.rosterClick('Kim Late', 'Admit');
    await late.phaseIs('in-call');
    await waitFor(() => late.presentationView()?.localName === 'img', 'Kim sees the slides', 30000);
    await check('presenting slides, Kim sees them', [p, late], '3-presenting');

    // Kim's pop-out window takes her call's theme.
    await setTheme([late], 'high-contrast');
    await late.click('Open presentation in new window');
    const popout = await waitFor(() => late.call.presentationWindow, 'the pop-out window');
    expect(popout.getComputedStyle(popout.document.body).backgroundColor, 'the pop-out').to.equal(
      'rgb(0, 0, 0)',
    );
    await setTheme([late], null);

    // A message too long to send (an error), and a meeting with chat turned off.
    const box = p.chat.shadowRoot!.querySelector('textarea')!;
    box.value = 'x'.repeat(70 * 1024);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => p.chat.shadowRoot!.querySelector('[part="error"]'), 'the too-long error');
    const quiet = await open();
    await quiet.join('meet.quiet', 'Quinn');
    await quiet.phaseIs('in-call');
    await waitFor(() => quiet.chat.shadowRoot!.querySelector('[part="disabled"]'), 'chat turned off');
    await check('a message too long; chat turned off', [p, quiet]);
    box.value = '';
    box.dispatchEvent(new Event('input', { bubbles: true }));

    // The confirmation before leaving.
    p.call.confirmDisconnect = true;
    await p.click('Disconnect');
    await waitFor(() => p.root.querySelector<HTMLDialogElement>('#leave-dialog')?.open, 'the leave dialog');
    await check('the leave confirmation');

    const total = Object.entries(counts)
      .map(([t, n]) => `${t}: ${n}`)
      .join(', ');
    console.log(`themes: texts measured (${total}); below AA: ${low.length}`);
    expect(counts['light'], 'texts measured').to.be.greaterThan(100);
    expect(low.length, first(low).join('\n')).to.equal(0);
  });

  describe('which theme applies', () => {
    let style: HTMLStyleElement | undefined;
    afterEach(() => style?.remove());
    const pageTokens = async (text: string): Promise<void> => {
      style?.remove();
      style = document.createElement('style');
      style.textContent = text;
      document.head.append(style);
      await frame();
    };

    it("follows the page's prefers-color-scheme; the theme attribute and the --pex-color-scheme token win", async () => {
      const box = await fixture<HTMLDivElement>(html`
        <div>
          <pex-call></pex-call><pex-roster></pex-roster><pex-chat></pex-chat><pex-share></pex-share
          ><pex-settings></pex-settings><pex-dialpad label="Keypad"></pex-dialpad>
        </div>
      `);
      const doc = box.ownerDocument;
      const els = [...box.querySelectorAll(TAGS.join(','))];
      const colours = (): Record<string, string> => computed(doc, 'color');
      const setAll = async (theme: string | null): Promise<void> => {
        for (const el of els) {
          if (theme) el.setAttribute('theme', theme);
          else el.removeAttribute('theme');
        }
        await frame();
      };

      // The page's preference.
      expect(colours(), 'light by default').to.deep.equal(same(TEXT.light));
      await emulateMedia({ colorScheme: 'dark' });
      await frame();
      expect(colours(), 'prefers-color-scheme: dark').to.deep.equal(same(TEXT.dark));
      expect(computed(doc, 'colorScheme')).to.deep.equal(same('light dark'));

      // The attribute wins over the preference.
      await setAll('light');
      expect(colours(), 'theme="light" on a dark page').to.deep.equal(same(TEXT.light));
      expect(computed(doc, 'colorScheme')).to.deep.equal(same('light'));
      await emulateMedia({ colorScheme: 'light' });
      await setAll('dark');
      expect(colours(), 'theme="dark" on a light page').to.deep.equal(same(TEXT.dark));
      await setAll('high-contrast');
      expect(colours(), 'theme="high-contrast"').to.deep.equal(same(TEXT.highContrast));
      await setAll('dark high-contrast');
      expect(colours(), 'theme="dark high-contrast"').to.deep.equal(same('rgb(255, 255, 255)'));
      await setAll(null);

      // The page's token wins over the preference.
      await pageTokens(':root { --pex-color-scheme: dark; }');
      expect(colours(), '--pex-color-scheme: dark on a light page').to.deep.equal(same(TEXT.dark));
      await emulateMedia({ colorScheme: 'dark' });
      await pageTokens(':root { --pex-color-scheme: light; }');
      await frame();
      expect(colours(), '--pex-color-scheme: light on a dark page').to.deep.equal(same(TEXT.light));
      // …and the attribute over the token.
      await setAll('dark');
      expect(colours(), 'theme="dark" with --pex-color-scheme: light').to.deep.equal(same(TEXT.dark));
      await setAll(null);

      // A page's own colour token wins over every theme.
      await pageTokens(':root { --pex-text: rgb(1, 2, 3); }');
      await setAll('dark high-contrast');
      expect(colours(), '--pex-text in high contrast').to.deep.equal(same('rgb(1, 2, 3)'));
      await setAll(null);
    });

    it('axe finds no violations (colour contrast included) in any theme', async () => {
      const box = await fixture<HTMLDivElement>(html`
        <div>
          <pex-call></pex-call><pex-roster></pex-roster><pex-chat></pex-chat><pex-share></pex-share
          ><pex-settings></pex-settings><pex-dialpad label="Keypad"></pex-dialpad>
        </div>
      `);
      for (const theme of THEMES) {
        for (const el of box.children) el.setAttribute('theme', theme);
        await frame();
        await expect(box, `${theme} theme`).to.be.accessible();
      }
    });

    it("the pop-out presentation window takes the call's stage colours in its theme", async () => {
      const call = await fixture<PexCall>(html`<pex-call theme="high-contrast"></pex-call>`);
      const popout = new PresentationWindow(() => undefined);
      const looks: string[] = [];
      for (const theme of ['high-contrast', 'dark', 'light']) {
        call.setAttribute('theme', theme);
        await frame();
        popout.close();
        expect(popout.open('Presentation', call), 'the window opens').to.equal(true);
        popout.show({ kind: 'waiting', label: 'Waiting for the presentation' });
        const body = popout.window!.document.body;
        const cs = popout.window!.getComputedStyle(body);
        looks.push(`${theme}: ${cs.color} on ${cs.backgroundColor}`);
      }
      popout.close();
      expect(looks).to.deep.equal([
        'high-contrast: rgb(255, 255, 255) on rgb(0, 0, 0)',
        'dark: rgb(207, 214, 222) on rgb(17, 20, 24)',
        'light: rgb(207, 214, 222) on rgb(17, 20, 24)',
      ]);
    });

    it('prefers-contrast: more and the --pex-contrast token pick high contrast unless the element has a theme', async () => {
      const box = await fixture<HTMLDivElement>(html`
        <div>
          <pex-call></pex-call><pex-roster></pex-roster><pex-chat></pex-chat><pex-share></pex-share
          ><pex-settings></pex-settings><pex-dialpad label="Keypad"></pex-dialpad>
        </div>
      `);
      const doc = box.ownerDocument;
      expect(computed(doc, 'color')).to.deep.equal(same(TEXT.light));
      await executeServerCommand('emulate-media-features', {
        features: [{ name: 'prefers-contrast', value: 'more' }],
      });
      await frame();
      expect(matchMedia('(prefers-contrast: more)').matches, 'the emulation').to.equal(true);
      expect(computed(doc, 'color'), 'prefers-contrast: more').to.deep.equal(same(TEXT.highContrast));
      const call = doc.querySelector('pex-call')!;
      call.setAttribute('theme', 'light');
      await frame();
      expect(getComputedStyle(call).color, 'theme="light" with prefers-contrast: more').to.equal(TEXT.light);
      call.removeAttribute('theme');
      // The page's --pex-contrast token wins over the preference…
      await pageTokens(':root { --pex-contrast: no-preference; }');
      expect(computed(doc, 'color'), '--pex-contrast: no-preference').to.deep.equal(same(TEXT.light));
      await executeServerCommand('emulate-media-features', { features: [] });
      await pageTokens(':root { --pex-contrast: more; }');
      expect(computed(doc, 'color'), '--pex-contrast: more').to.deep.equal(same(TEXT.highContrast));
      // …and the attribute over the token.
      call.setAttribute('theme', 'dark');
      await frame();
      expect(getComputedStyle(call).color, 'theme="dark" with --pex-contrast: more').to.equal(TEXT.dark);
    });
  });
});
