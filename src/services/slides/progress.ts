/**
 * The slide deck's state bookkeeping: files being prepared, errors and notes, and thumbnails and
 * failed pages, which are published in batches (a 300-page PDF makes 300 thumbnails; one snapshot
 * every 50 ms at most, not one each).
 *
 * @module
 */
import type { Store } from '../store.js';
import { SlideError } from './errors.js';
import type { DeckState, Preparing, Slide } from './types.js';

/** Errors and notes kept in the state, newest last. */
const MAX_ERRORS = 20;

export class DeckProgress {
  readonly #state: Store<DeckState>;
  #publishTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingThumbs = new Map<string, string | undefined>();
  #pendingFailed = new Set<string>();
  readonly #failed = new Set<string>();

  constructor(state: Store<DeckState>) {
    this.#state = state;
  }

  /** Adds a file being prepared (or replaces its entry); with no entry, removes `removeId`'s. */
  setPreparing(entry: Preparing | undefined, removeId?: string): void {
    this.#state.update((s) => {
      const id = entry?.fileId ?? removeId;
      const others = s.preparing.filter((p) => p.fileId !== id);
      return { ...s, preparing: entry ? [...others, entry] : others };
    });
  }

  /** Adds errors and notes (the newest {@link MAX_ERRORS} are kept). */
  addErrors(errors: readonly SlideError[]): void {
    this.#state.update((s) => ({ ...s, errors: [...s.errors, ...errors].slice(-MAX_ERRORS) }));
  }

  /** A slide's thumbnail is made (`undefined`: none could be), published with the next batch. */
  thumbnail(slideId: string, url: string | undefined): void {
    this.#pendingThumbs.set(slideId, url);
    if (this.#publishTimer !== undefined) return;
    this.#publishTimer = setTimeout(() => {
      this.#publishTimer = undefined;
      this.flush();
    }, 50);
  }

  /**
   * A slide's page could not be drawn: a `page-failed` error now, and the slide marked failed.
   * @returns false if it was already marked.
   */
  fail(slide: Slide): boolean {
    if (this.#failed.has(slide.id)) return false;
    this.#failed.add(slide.id);
    this.#pendingFailed.add(slide.id);
    this.addErrors([new SlideError('page-failed', slide.fileName, String(slide.page))]);
    this.flush();
    return true;
  }

  /** The slide is gone: it may fail again should it come back. */
  forget(slideId: string): void {
    this.#failed.delete(slideId);
  }

  /** Publishes thumbnails and failures made since the last snapshot, and the progress. */
  flush(): void {
    clearTimeout(this.#publishTimer);
    this.#publishTimer = undefined;
    if (this.#pendingThumbs.size === 0 && this.#pendingFailed.size === 0) return;
    const thumbs = this.#pendingThumbs;
    const failed = this.#pendingFailed;
    this.#pendingThumbs = new Map();
    this.#pendingFailed = new Set();
    this.#state.update((s) => {
      const slides = s.slides.map((slide) => {
        const t = thumbs.has(slide.id);
        const f = failed.has(slide.id);
        if (!t && !f) return slide;
        return {
          ...slide,
          thumbnail: t ? thumbs.get(slide.id) : slide.thumbnail,
          failed: slide.failed || f,
        };
      });
      // A file is prepared when each of its slides has a thumbnail or failed.
      const preparing = s.preparing.flatMap((p) => {
        if (p.total === 0) return [p];
        const mine = slides.filter((x) => x.fileId === p.fileId);
        const done = mine.filter((x) => x.thumbnail !== undefined || x.failed).length;
        return done >= p.total ? [] : [{ ...p, done }];
      });
      return { ...s, slides, preparing };
    });
  }

  /** Stops publishing and revokes the thumbnails not yet published. */
  dispose(): void {
    clearTimeout(this.#publishTimer);
    for (const url of this.#pendingThumbs.values()) if (url) URL.revokeObjectURL(url);
    this.#pendingThumbs.clear();
  }
}
