/**
 * The Storybook toolbar's theme and language (set by the decorator in `.storybook/preview.ts`), and
 * the settings stores stories give their elements: in memory only, in the toolbar's language.
 */
import { SettingsStore, type Settings, type SettingsStoreOptions } from '../../src/services/settings.js';
import { setLanguage } from '../../src/i18n/localization.js';
import { sharedSettings } from '../../src/services/shared-settings.js';

export type Theme = 'auto' | 'light' | 'dark' | 'high-contrast';
export const THEMES: readonly Theme[] = ['auto', 'light', 'dark', 'high-contrast'];

/** '' until the toolbar (or a test) chose: stores then start in the browser's language. */
let language = '';
/** The stores handed out, so a language chosen later reaches the elements already shown. */
const stores: WeakRef<SettingsStore>[] = [];

/**
 * The toolbar's language: the page switches to it, every story store and the page's shared
 * settings (what an element without a store of its own follows) take it, and new stores start in it.
 */
export async function useLanguage(code: string): Promise<void> {
  if (code === language) return;
  language = code;
  for (const ref of stores) ref.deref()?.set({ language });
  sharedSettings().set({ language });
  await setLanguage(code);
}

/**
 * A settings store for one story: in memory (nothing a visitor changes is saved), in the toolbar's
 * language, without the device check unless asked (`previewBeforeJoining: true`).
 */
export function storySettings(
  values: Partial<Settings> = {},
  options: Omit<SettingsStoreOptions, 'storage'> = {},
): SettingsStore {
  const store = new SettingsStore({ storage: null, ...options });
  store.set({ ...(language ? { language } : {}), previewBeforeJoining: false, ...values });
  stores.push(new WeakRef(store));
  return store;
}

/** Every pex-* element under `root` (light DOM), including `root` itself. */
export function pexElements(root: Element): HTMLElement[] {
  const all = [root, ...root.querySelectorAll('*')] as HTMLElement[];
  return all.filter((el) => el.localName.startsWith('pex-'));
}

/**
 * Sets the toolbar's theme as the `theme` attribute of every pex-* element under `root`; `auto`
 * removes the attribute where the toolbar had set it (a `theme` chosen in the controls panel stays).
 */
export function applyTheme(root: Element, theme: Theme): void {
  for (const el of pexElements(root)) {
    if (theme === 'auto') {
      if (el.hasAttribute('data-toolbar-theme')) el.removeAttribute('theme');
      el.removeAttribute('data-toolbar-theme');
    } else {
      el.setAttribute('theme', theme);
      el.setAttribute('data-toolbar-theme', '');
    }
  }
}
