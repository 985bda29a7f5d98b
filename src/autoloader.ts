/**
 * The drop-in entry (`/pex/pex-components.js`): registers each `pex-*` tag only when the page uses
 * it, so a page with just `<pex-call>` does not download the roster, chat or sharing code. Tags
 * added later (e.g. by a CMS widget) are found by a MutationObserver that stops once every known tag
 * is loaded. Bundler users import `pex-components` (src/index.ts), which registers everything.
 *
 * `<pex-call>` loads at once (it provides the call and may join by itself from a link). The other
 * tags load when one of their elements is shown: one in a closed `<details>`, a hidden tab or a
 * `display: none` panel costs nothing until the person opens it. Until then such an element is
 * simply not defined (`customElements.whenDefined` waits for it); `pex-all.js` registers every tag at
 * once for pages that script elements before they are shown.
 */
const loaders: Record<string, () => Promise<unknown>> = {
  'pex-call': () => import('./components/call/pex-call.js'),
  'pex-roster': () => import('./components/roster/pex-roster.js'),
  'pex-chat': () => import('./components/chat/pex-chat.js'),
  'pex-settings': () => import('./components/settings/pex-settings.js'),
  'pex-dialpad': () => import('./components/dialpad/pex-dialpad.js'),
  'pex-share': () => import('./components/share/pex-share.js'),
};

/** Tags loaded as soon as the page has one, visible or not. */
const EAGER = new Set(['pex-call']);
/**
 * An element anywhere on the rendered page counts as shown (ready before it is scrolled to); only
 * elements that are not rendered at all (no layout box) wait.
 */
const NEAR = '100000px';

/** Tags from other modules that register themselves (appended by elements added later). */
export function registerLoader(tag: string, load: () => Promise<unknown>): void {
  loaders[tag] ??= load;
  discover(document);
}

const started = new Set<string>();
let observer: MutationObserver | undefined;
let visibility: IntersectionObserver | undefined;

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
    visibility?.disconnect();
    visibility = undefined;
  }
}

/** Loads `el`'s tag now (eager tags, or no IntersectionObserver) or once it comes into view. */
function want(el: Element): void {
  const tag = el.localName;
  if (!loaders[tag] || started.has(tag) || customElements.get(tag)) return;
  if (EAGER.has(tag) || typeof IntersectionObserver === 'undefined') {
    load(tag);
    return;
  }
  visibility ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        visibility?.unobserve(e.target);
        load(e.target.localName);
      }
    },
    // The document as root: in an iframe too, the margin reaches the whole page (not only the part
    // the parent page shows).
    { root: document, rootMargin: NEAR },
  );
  visibility.observe(el);
}

function discover(root: ParentNode): void {
  if (root instanceof Element && root.localName.startsWith('pex-')) want(root);
  for (const el of root.querySelectorAll(':not(:defined)')) {
    if (el.localName.startsWith('pex-')) want(el);
  }
}

discover(document);
observer = new MutationObserver((records) => {
  for (const r of records) {
    for (const n of r.addedNodes) if (n instanceof Element) discover(n);
  }
});
observer.observe(document.documentElement, { childList: true, subtree: true });
