/**
 * The drop-in entry (`/pex/pex-components.js`): registers each `pex-*` tag only when the page uses
 * it, so a page with just `<pex-call>` does not download the roster, chat or sharing code. Tags
 * added later (e.g. by a CMS widget) are found by a MutationObserver that stops once every known tag
 * is loaded. Bundler users import `pex-components` (src/index.ts), which registers everything.
 */
const loaders: Record<string, () => Promise<unknown>> = {
  'pex-call': () => import('./components/call/pex-call.js'),
  'pex-roster': () => import('./components/roster/pex-roster.js'),
  'pex-chat': () => import('./components/chat/pex-chat.js'),
  'pex-settings': () => import('./components/settings/pex-settings.js'),
  'pex-dialpad': () => import('./components/dialpad/pex-dialpad.js'),
  'pex-share': () => import('./components/share/pex-share.js'),
};

/** Tags from other modules that register themselves (appended by elements added later). */
export function registerLoader(tag: string, load: () => Promise<unknown>): void {
  loaders[tag] ??= load;
  discover(document);
}

const started = new Set<string>();
let observer: MutationObserver | undefined;

function load(tag: string): void {
  const loader = loaders[tag];
  if (!loader || started.has(tag) || customElements.get(tag)) return;
  started.add(tag);
  loader().catch((e: unknown) => {
    started.delete(tag);
    console.error(`pex-components: could not load <${tag}>`, e);
  });
  if (Object.keys(loaders).every((t) => started.has(t) || customElements.get(t))) {
    observer?.disconnect();
    observer = undefined;
  }
}

function discover(root: ParentNode): void {
  if (root instanceof Element && root.localName.startsWith('pex-')) load(root.localName);
  for (const el of root.querySelectorAll(':not(:defined)')) {
    if (el.localName.startsWith('pex-')) load(el.localName);
  }
}

discover(document);
observer = new MutationObserver((records) => {
  for (const r of records) {
    for (const n of r.addedNodes) if (n instanceof Element) discover(n);
  }
});
observer.observe(document.documentElement, { childList: true, subtree: true });
