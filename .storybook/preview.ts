import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { languages } from '../src/i18n/localization.js';
import { applyTheme, THEMES, useLanguage, type Theme } from '../stories/support/globals.js';
import { installDemoTransport } from '../stories/support/scripted-call.js';
import {
  installSyntheticMedia,
  keepVideosPlaying,
  syntheticVideo,
} from '../stories/support/synthetic-media.js';

interface Member {
  name?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
}
interface Declaration {
  tagName?: string;
  members?: Member[];
  attributes?: { name: string; fieldName?: string }[];
  events?: { name?: string }[];
}

/**
 * The manifest as the docs and controls should see it: public API only (no private or protected
 * members, no statics), and a property that has an attribute appears once, as the attribute (the
 * control then sets the attribute, as a page would).
 */
function publicApi(cem: typeof manifest): typeof manifest {
  const copy = structuredClone(cem) as { modules: { declarations?: Declaration[] }[] };
  for (const mod of copy.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      const fields = new Set((d.attributes ?? []).map((a) => a.fieldName ?? a.name));
      d.members = (d.members ?? []).filter(
        (m) =>
          (m.privacy ?? 'public') === 'public' &&
          !m.static &&
          !m.name?.startsWith('#') &&
          !(m.kind === 'field' && fields.has(m.name ?? '')),
      );
      d.events = (d.events ?? []).filter((e) => e.name);
    }
  }
  return copy as unknown as typeof manifest;
}
setCustomElementsManifest(publicApi(manifest));

// No story asks for a real camera or microphone, and a join no script plays gets a demo meeting.
installSyntheticMedia();
installDemoTransport(syntheticVideo);
keepVideosPlaying();

/** Custom properties get a colour picker when their default is a colour, a text field otherwise. */
const cssControls: NonNullable<Preview['argTypesEnhancers']>[number] = (context) => {
  const out = { ...context.argTypes };
  for (const [key, type] of Object.entries(out)) {
    if (type.table?.category !== 'css custom properties' || type.control) continue;
    const summary = String(type.table?.defaultValue?.summary ?? '');
    out[key] = { ...type, control: /^(#|rgb|hsl)/.test(summary) ? 'color' : 'text' };
  }
  return out;
};

/** The toolbar's theme and language, applied to the story's pex-* elements and to the page. */
const withThemeAndLanguage: Decorator = (story, context) => {
  const theme = (context.globals['theme'] ?? 'auto') as Theme;
  void useLanguage(String(context.globals['locale'] ?? 'en'));
  const result = story();
  const root = context.canvasElement as HTMLElement | undefined;
  if (root) {
    // After Lit has rendered the story into the canvas (and again for elements a play adds).
    queueMicrotask(() => applyTheme(root, theme));
    setTimeout(() => applyTheme(root, theme), 0);
    const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
    root.style.background = theme === 'high-contrast' ? '#000' : dark ? '#15181d' : '';
    root.style.colorScheme = dark || theme === 'high-contrast' ? 'dark' : '';
  }
  return result;
};

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    // Play functions set the state of most stories: run them on Docs pages too.
    docs: { story: { autoplay: true }, toc: true },
    // Any axe violation fails the story's accessibility check (panel and test runner).
    a11y: { test: 'error' },
    options: {
      storySort: {
        order: ['Introduction', ['Introduction', 'Portal page'], 'Elements', 'Live (local node)'],
      },
    },
  },
  argTypesEnhancers: [cssControls],
  globalTypes: {
    theme: {
      description: 'Theme of the pex-* elements (their `theme` attribute)',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: THEMES.map((value) => ({
          value,
          title: value === 'auto' ? 'Follow the system (no attribute)' : value,
        })),
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the pex-* elements',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: languages.map((l) => ({ value: l.code, title: l.name, right: l.code })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'auto', locale: 'en' },
  decorators: [withThemeAndLanguage],
};
export default preview;
