import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { languages } from '../src/i18n/localization.js';
import { applyTheme, THEMES, useLanguage, type Theme } from '../stories/support/globals.js';
import { DEFAULT_SLOT } from '../stories/support/element.js';
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
  slots?: { name: string }[];
  cssParts?: { name: string }[];
}

/**
 * The manifest as the docs and controls should see it: public API only (no private or protected
 * members, no statics), and a property that has an attribute appears once, as the attribute (the
 * control then sets the attribute, as a page would). Storybook keys every row by its name alone, so
 * parts are named `::part(x)` (a part `preview` would otherwise hide the attribute `preview`, a part
 * `empty` the slot `empty`), and the default slot, which has no name, is listed as `(default)`.
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
      d.cssParts = (d.cssParts ?? []).map((p) => ({ ...p, name: `::part(${p.name})` }));
      d.slots = (d.slots ?? []).map((slot) => ({ ...slot, name: slot.name || DEFAULT_SLOT }));
    }
  }
  return copy as unknown as typeof manifest;
}
setCustomElementsManifest(publicApi(manifest));

// No story asks for a real camera or microphone, and a join no script plays gets a demo meeting.
installSyntheticMedia();
installDemoTransport(syntheticVideo);
keepVideosPlaying();

/** String literals of a union type (`'light' | 'dark'`), or undefined when it is not one. */
function literals(summary: string): string[] | undefined {
  const parts = summary
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'undefined' && p !== 'null');
  if (parts.length < 2 || !parts.every((p) => /^'[^']*'$/.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

/**
 * Controls from the manifest's types: a select for a union of string literals (`theme`), text for
 * `string | null`; a colour picker for a custom property whose default is a colour (text for the
 * others); none for events, parts and object-valued properties (stores and services are set by the
 * stories, not typed into a panel).
 */
const manifestControls: NonNullable<Preview['argTypesEnhancers']>[number] = (context) => {
  const out = { ...context.argTypes };
  for (const [key, type] of Object.entries(out)) {
    if (type.control !== undefined) continue;
    const category = type.table?.category;
    const summary = String(type.table?.type?.summary ?? '');
    let control: (typeof type)['control'] | undefined;
    if (category === 'css custom properties') {
      const value = String(type.table?.defaultValue?.summary ?? '');
      control = { type: /^(#|rgb|hsl)/.test(value) ? 'color' : 'text' };
    } else if (category === 'events' || category === 'css shadow parts') {
      control = false;
    } else if (category === 'attributes' || category === 'properties') {
      const options = literals(summary);
      if (options) {
        out[key] = { ...type, options };
        control = { type: 'select' };
      } else if (/^(string|number|boolean)( \| (null|undefined))*$/.test(summary)) {
        // Storybook infers text, number and boolean controls itself.
        const base = summary.split(' ')[0] as 'string' | 'number' | 'boolean';
        if (summary !== base) control = { type: base === 'string' ? 'text' : base };
      } else {
        control = false;
      }
    }
    if (control !== undefined) out[key] = { ...out[key]!, control } as (typeof out)[string];
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
    // The page behind the story follows the theme too (the whole page in the story view, the
    // story's own box on a Docs page).
    const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
    const page = context.viewMode === 'story' ? document.body : root;
    page.style.background = dark ? '#15181d' : '';
    page.style.colorScheme = dark ? 'dark' : '';
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
        order: ['Introduction', ['Introduction', 'Portal page'], 'Elements', 'Live'],
      },
    },
  },
  argTypesEnhancers: [manifestControls],
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
