import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import '../../src/components/settings/pex-settings.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexSettings } from '../../src/components/settings/settings.js';
import {
  getLanguage,
  type Language,
  languages,
  matchLanguage,
  setLanguage,
} from '../../src/i18n/localization.js';
import { CallError } from '../../src/services/errors.js';
import { SettingsStore } from '../../src/services/settings.js';

/** Settings kept in memory only; language "auto", so the elements follow setLanguage(). */
const fresh = (): SettingsStore => new SettingsStore({ storage: null });

const NBSP = '\u00a0';

/** What the user sees for a few messages, in every language. */
const expected: Record<
  Language,
  { join: string; title: string; address: string; restore: string; language: string; wrongPin: string }
> = {
  en: {
    join: 'Join',
    title: 'Join a meeting',
    address: 'Meeting address',
    restore: 'Restore defaults',
    language: 'Language',
    wrongPin: 'That PIN is not correct. Please try again.',
  },
  nb: {
    join: 'Bli med',
    title: 'Bli med i et møte',
    address: 'Møteadresse',
    restore: 'Gjenopprett standardinnstillingene',
    language: 'Språk',
    wrongPin: 'PIN-koden er feil. Prøv igjen.',
  },
  fr: {
    join: 'Rejoindre',
    title: 'Rejoindre une réunion',
    address: 'Adresse de la réunion',
    restore: 'Rétablir les valeurs par défaut',
    language: 'Langue',
    wrongPin: 'Ce code PIN est incorrect. Veuillez réessayer.',
  },
  ja: {
    join: '参加',
    title: '会議に参加',
    address: '会議のアドレス',
    restore: '既定値に戻す',
    language: '言語',
    wrongPin: 'PINが正しくありません。もう一度お試しください。',
  },
  'zh-Hans': {
    join: '加入',
    title: '加入会议',
    address: '会议地址',
    restore: '恢复默认设置',
    language: '语言',
    wrongPin: 'PIN 码不正确，请重试。',
  },
};
const targets = languages.map((l) => l.code).filter((code) => code !== 'en');

const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
/** A label's own text, without the text of the control inside it. */
const labelText = (label: Element): string =>
  norm(
    [...label.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join(''),
  );

const joinForm = (el: PexCall): HTMLFormElement =>
  el.shadowRoot!.querySelector<HTMLFormElement>('form[part="join-form"]')!;
const submitText = (el: PexCall): string =>
  norm(joinForm(el).querySelector('button[type="submit"]')?.textContent);
/** Every piece of text of the join form a user reads: heading, labels, legend, choices, button. */
const formTexts = (el: PexCall): string[] => {
  const form = joinForm(el);
  return [
    norm(form.querySelector('h2')?.textContent),
    ...[...form.querySelectorAll('label')].map(labelText),
    norm(form.querySelector('legend')?.textContent),
    submitText(el),
  ];
};

const settingsButton = (el: PexSettings, text: string): HTMLButtonElement | undefined =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => norm(b.textContent) === text);
const settingsLabels = (el: PexSettings): string[] =>
  [...el.shadowRoot!.querySelectorAll('label')].map(labelText);

describe('languages', () => {
  afterEach(async () => {
    await setLanguage('en');
  });

  it('starts in English', async () => {
    const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
    expect(getLanguage()).to.equal('en');
    expect(submitText(el)).to.equal('Join');
    expect(formTexts(el)).to.include('Meeting address');
  });

  for (const lang of targets) {
    describe(lang, () => {
      it(`setLanguage('${lang}') re-renders the <pex-call> join form in that language`, async () => {
        const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
        const english = formTexts(el);
        expect(submitText(el)).to.equal('Join');

        expect(await setLanguage(lang)).to.equal(lang);
        await el.updateComplete;
        expect(getLanguage()).to.equal(lang);
        expect(submitText(el)).to.equal(expected[lang].join);
        expect(norm(joinForm(el).querySelector('h2')?.textContent)).to.equal(expected[lang].title);
        const translated = formTexts(el);
        expect(translated).to.include(expected[lang].address);
        // Nothing on the form is left in English.
        expect(translated).to.have.length(english.length);
        translated.forEach((text, i) => {
          expect(text, `"${english[i]}" in ${lang}`).to.not.equal(english[i]);
          expect(text, `"${english[i]}" in ${lang}`).to.not.equal('');
        });

        await setLanguage('en');
        await el.updateComplete;
        expect(formTexts(el)).to.deep.equal(english);
      });

      it(`setLanguage('${lang}') re-renders <pex-settings> in that language`, async () => {
        const el = await fixture<PexSettings>(html`<pex-settings .settings=${fresh()}></pex-settings>`);
        expect(settingsButton(el, 'Restore defaults')).to.exist;
        expect(settingsLabels(el)).to.include('Language');

        await setLanguage(lang);
        await el.updateComplete;
        expect(settingsButton(el, expected[lang].restore), expected[lang].restore).to.exist;
        expect(settingsButton(el, 'Restore defaults')).to.equal(undefined);
        expect(settingsLabels(el)).to.include(expected[lang].language);
        expect(settingsLabels(el)).to.not.include('Language');
        // The language picker names every language in itself, whatever the page's language.
        const options = [
          ...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('select[name="language"] option'),
        ];
        for (const { name } of languages) expect(options.map((o) => norm(o.textContent))).to.include(name);
      });

      it(`error messages are read in ${lang}, with their details substituted`, async () => {
        await setLanguage(lang);
        expect(new CallError('invalid-pin').message).to.equal(expected[lang].wrongPin);
        const detail = new CallError('invalid-input', 'xyz-detail').message;
        expect(detail).to.contain('xyz-detail');
        expect(detail).to.not.contain('That was not accepted');
        expect(detail).to.not.match(/\$\{|\{0\}|&lt;|&gt;|&amp;/);
      });
    });
  }

  it('French uses no-break spaces before its colons', async () => {
    await setLanguage('fr');
    expect(new CallError('invalid-input', 'x').message).to.equal(`Cela n’a pas été accepté${NBSP}: x`);
  });

  it('an unknown code falls back to the closest language', async () => {
    expect(await setLanguage('fr-CA')).to.equal('fr');
    expect(getLanguage()).to.equal('fr');
    expect(await setLanguage('nn-NO')).to.equal('nb');
    expect(await setLanguage('xx')).to.equal('en');
  });

  describe('matchLanguage', () => {
    it('maps Norwegian (nb, no, nn) to Bokmål', () => {
      for (const tag of ['nb', 'nb-NO', 'no', 'no-NO', 'nn', 'nn-NO', 'NB-no']) {
        expect(matchLanguage(tag), tag).to.equal('nb');
      }
    });

    it('maps Chinese in China, Singapore or Simplified script to zh-Hans', () => {
      for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'ZH-cn']) {
        expect(matchLanguage(tag), tag).to.equal('zh-Hans');
      }
    });

    it('maps French and Japanese by their primary subtag', () => {
      expect(matchLanguage('fr-FR')).to.equal('fr');
      expect(matchLanguage('fr-CA')).to.equal('fr');
      expect(matchLanguage('ja-JP')).to.equal('ja');
      expect(matchLanguage('en-GB')).to.equal('en');
    });

    it('falls back to English for unknown languages', () => {
      for (const tag of ['de', 'de-DE', 'sv-SE', 'xx', '', '  '])
        expect(matchLanguage(tag), tag).to.equal('en');
      expect(matchLanguage([])).to.equal('en');
    });

    it('takes the first supported language of a list such as navigator.languages', () => {
      expect(matchLanguage(['de-DE', 'nn-NO', 'fr'])).to.equal('nb');
      expect(matchLanguage(['es', 'zh-CN', 'en'])).to.equal('zh-Hans');
      expect(matchLanguage(['es', 'it'])).to.equal('en');
    });
  });
});
