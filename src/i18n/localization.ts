/**
 * Language of every pex-* element on the page (runtime @lit/localize). English is built in; the other
 * languages are separate modules loaded only when chosen.
 */
import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './locale-codes.js';

export type Language = (typeof allLocales)[number];

/** Languages offered, each named in itself (as a language picker shows them). */
export const languages: readonly { code: Language; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'nb', name: 'Norsk bokmål' },
  { code: 'fr', name: 'Français' },
  { code: 'ja', name: '日本語' },
  { code: 'zh-Hans', name: '简体中文' },
];

const loaders: Record<(typeof targetLocales)[number], () => Promise<unknown>> = {
  fr: () => import('./locales/fr.js'),
  ja: () => import('./locales/ja.js'),
  nb: () => import('./locales/nb.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as keyof typeof loaders]() as never,
});

export const isLanguage = (code: string): code is Language =>
  (allLocales as readonly string[]).includes(code);

/**
 * Best supported language for a BCP 47 tag or a list of them (e.g. `navigator.languages`):
 * `nb-NO`/`no`/`nn` → `nb`, `zh-CN`/`zh-SG`/`zh` → `zh-Hans`, otherwise the primary subtag.
 */
export function matchLanguage(tags: readonly string[] | string): Language {
  for (const raw of typeof tags === 'string' ? [tags] : tags) {
    const tag = raw.trim().toLowerCase();
    if (!tag) continue;
    if (/^(nb|no|nn)(-|$)/.test(tag)) return 'nb';
    if (/^zh(-hans|-cn|-sg|$)/.test(tag)) return 'zh-Hans';
    const primary = tag.split('-')[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** Switches every element's language; unknown codes fall back to the closest match. */
export async function setLanguage(code: string): Promise<Language> {
  const lang = isLanguage(code) ? code : matchLanguage(code);
  if (getLocale() !== lang) await setLocale(lang);
  return lang;
}

export const getLanguage = (): Language => getLocale() as Language;
