import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a `VirtualListController` finds its list after each render. */
export interface VirtualListOptions {
  /** The scrolling element (its `clientHeight` is the viewport). */
  list(): HTMLElement | null;
  /** Selector of one rendered row inside the list (default `.row`). */
  row?: string;
  /** Selector of the element holding the rows, padded for the rows not rendered (default `.rows`). */
  rows?: string;
  /** Rows rendered beyond each edge of the viewport (default 8). */
  overscan?: number;
}

/** The rows to render: indexes `first` to `last`, inclusive (`last` < `first` when there are none). */
export interface VirtualRange {
  first: number;
  last: number;
}

/** Before anything is measured: a row's and the viewport's height, in px. */
const GUESS_ROW = 48;
const GUESS_VIEWPORT = 480;

/**
 * A windowed list: of `count` rows, only those in view (plus `overscan` on each side) are rendered,
 * and padding above and below stands for the others, so the scroll bar is that of the whole list.
 * Rows have no fixed height — they are as tall as their text — so the controller measures the
 * rendered rows (their span divided by their number) after each render and whenever the list or
 * its rows change size (a font loaded, the page's font size or line height changed), and follows
 * the list's scroll position. The padding is set through the CSSOM, never a `style` attribute (a
 * page whose CSP says `style-src 'self'` refuses those).
 *
 * The host renders `range(count)`'s rows inside the `rows` element, calls `onScroll()` from the
 * list's `scroll` event, and `scrollToRow(i)` to bring a row into view (keyboard navigation).
 */
export class VirtualListController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: VirtualListOptions;
  #rowHeight = 0;
  #scrollTop = 0;
  #viewport = 0;
  #count = 0;
  #range: VirtualRange = { first: 0, last: -1 };
  #pad = { top: 0, bottom: 0 };
  #resize: ResizeObserver | undefined;

  constructor(host: ReactiveControllerHost, options: VirtualListOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** A row's height as last measured (px; 0 before any row was rendered). */
  get rowHeight(): number {
    return this.#rowHeight;
  }

  /** The padding standing for the rows not rendered, above and below (px). */
  get padding(): { top: number; bottom: number } {
    return { ...this.#pad };
  }

  /** The rows to render of `count` (call once per render): the visible ones plus a margin. */
  range(count: number): VirtualRange {
    this.#count = count;
    this.#range = this.#window(count);
    const h = this.#rowHeight || GUESS_ROW;
    this.#pad = { top: this.#range.first * h, bottom: Math.max(0, count - this.#range.last - 1) * h };
    return this.#range;
  }

  /** Follows the list's scroll position (from its `scroll` event). */
  onScroll(): void {
    const list = this.#options.list();
    if (!list) return;
    this.#scrollTop = list.scrollTop;
    this.#viewport = list.clientHeight;
    this.#renderIfMoved();
  }

  /** Scrolls the list as little as needed for row `index` to be in view (its row renders next). */
  scrollToRow(index: number): void {
    const list = this.#options.list();
    const h = this.#rowHeight;
    if (!list || h <= 0) return;
    const top = index * h;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + h > list.scrollTop + list.clientHeight) list.scrollTop = top + h - list.clientHeight;
    this.#scrollTop = list.scrollTop;
  }

  hostConnected(): void {
    this.#resize = new ResizeObserver(() => {
      // Only read here; the render it may ask for comes after the observer's callbacks. Rows change
      // height without a render too (the page's font or line height changed, a font loaded).
      const list = this.#options.list();
      if (!list) return;
      const h = this.#measure(list);
      const rowsChanged = h > 0 && Math.abs(h - this.#rowHeight) > 0.1;
      if (rowsChanged) this.#rowHeight = h;
      if (rowsChanged || list.clientHeight !== this.#viewport) {
        this.#viewport = list.clientHeight;
        this.#host.requestUpdate();
      }
    });
    const list = this.#options.list();
    if (list) this.#resize.observe(list);
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
  }

  hostUpdated(): void {
    const list = this.#options.list();
    if (!list) return;
    const rows = list.querySelector<HTMLElement>(this.#options.rows ?? '.rows');
    rows?.style.setProperty('padding-top', `${this.#pad.top}px`);
    rows?.style.setProperty('padding-bottom', `${this.#pad.bottom}px`);
    this.#resize?.observe(list);
    if (rows) this.#resize?.observe(rows);
    const h = this.#measure(list);
    const viewport = list.clientHeight;
    if ((h > 0 && Math.abs(h - this.#rowHeight) > 0.1) || (viewport > 0 && viewport !== this.#viewport)) {
      if (h > 0) this.#rowHeight = h;
      if (viewport > 0) this.#viewport = viewport;
      this.#scrollTop = list.scrollTop;
      this.#renderIfMoved();
    }
  }

  #renderIfMoved(): void {
    const next = this.#window(this.#count);
    if (next.first !== this.#range.first || next.last !== this.#range.last) this.#host.requestUpdate();
  }

  #window(count: number): VirtualRange {
    const h = this.#rowHeight || GUESS_ROW;
    const viewport = this.#viewport || GUESS_VIEWPORT;
    const overscan = this.#options.overscan ?? 8;
    const first = Math.max(0, Math.min(count - 1, Math.floor(this.#scrollTop / h) - overscan));
    const last = Math.min(count - 1, Math.ceil((this.#scrollTop + viewport) / h) + overscan);
    return { first, last };
  }

  /**
   * The height of one row as rendered: the rendered rows' span divided by their number (this
   * follows the font and line height the element resolves, fractions included); 0 without rows.
   */
  #measure(list: HTMLElement): number {
    const rows = list.querySelectorAll<HTMLElement>(this.#options.row ?? '.row');
    if (rows.length === 0) return 0;
    const top = rows[0]!.getBoundingClientRect().top;
    const bottom = rows[rows.length - 1]!.getBoundingClientRect().bottom;
    return bottom > top ? (bottom - top) / rows.length : 0;
  }
}
