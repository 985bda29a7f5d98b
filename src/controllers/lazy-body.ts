import { supportsAdoptingStyleSheets, type CSSResult, type ReactiveElement, type TemplateResult } from 'lit';

/**
 * The heavy half of an element (its "body": the in-call UI and logic), loaded with `import()` only
 * when first needed, so a page that only shows the element's empty state ("Not in a call") downloads
 * just its shell: public API, call binding and empty states. The body renders into the element's
 * shadow root (the same parts) and brings its own styles, which are adopted after the element's.
 * `<pex-call>` loads its in-call room (`call-room.ts`) the same way.
 */
export interface ElementBody {
  /** What the element shows while the body is in charge. */
  render(): TemplateResult;
}

/** A body module's answer: the body for one element, and the styles bodies add to it. */
export interface BodyModule<H, B> {
  createBody(host: H): B;
  bodyStyles?: CSSResult;
}

/** Adds styles to an element's shadow root, after the element's own styles. */
export function adoptStyles(root: HTMLElement | DocumentFragment, styles: CSSResult): void {
  if (!(root instanceof ShadowRoot)) return;
  if (supportsAdoptingStyleSheets && styles.styleSheet) {
    if (!root.adoptedStyleSheets.includes(styles.styleSheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
    }
  } else {
    const style = document.createElement('style');
    style.textContent = styles.cssText;
    // Where Lit puts style elements without constructable stylesheets: after the rendered content.
    root.append(style);
  }
}

/**
 * Loads an element's body once (`want()`), then keeps it; a failed download (offline) is tried again
 * on the next `want()`. The host re-renders when the body arrives; `loading` lets the host's
 * `getUpdateComplete()` wait for it.
 */
export class LazyBody<H extends ReactiveElement, B> {
  readonly #host: H;
  readonly #load: () => Promise<BodyModule<H, B>>;
  #body: B | undefined;
  #loading: Promise<void> | undefined;

  constructor(host: H, load: () => Promise<BodyModule<H, B>>) {
    this.#host = host;
    this.#load = load;
  }

  /** The body, once loaded. */
  get value(): B | undefined {
    return this.#body;
  }

  /** The download in progress, if any (resolved once the body is there). */
  get loading(): Promise<void> | undefined {
    return this.#loading;
  }

  /** Loads the body (once). */
  want(): Promise<void> {
    if (this.#body) return Promise.resolve();
    this.#loading ??= this.#load().then(
      (m) => {
        if (m.bodyStyles) adoptStyles(this.#host.renderRoot, m.bodyStyles);
        this.#body = m.createBody(this.#host);
        this.#host.requestUpdate();
      },
      (e: unknown) => {
        this.#loading = undefined;
        console.error(`pex-components: could not load <${this.#host.localName}>`, e);
      },
    );
    return this.#loading;
  }
}
