/**
 * The slide deck's drawn slides: pictures at the sending resolution are large (8 MB for a 1080p
 * slide), so only a few are kept, and each one dropped is released at once.
 *
 * @module
 */

/** A slide drawn at the sending resolution: a decoded image, or a rendered PDF page. */
export type Drawn = ImageBitmap | HTMLCanvasElement;

/** Frees a drawn slide's pixels now (a bitmap is closed, a canvas emptied). */
export function release(drawn: Drawn): void {
  if (drawn instanceof ImageBitmap) drawn.close();
  else {
    drawn.width = 0;
    drawn.height = 0;
  }
}

/**
 * Drawn slides by slide id, least recently used first, and the drawings still in progress (so a
 * slide asked for twice is drawn once). Beyond `limit` slides, the least recently used ones that are
 * not protected (the current slide and its neighbours) are released.
 */
export class SlideCache {
  readonly #drawn = new Map<string, Drawn>();
  readonly #drawing = new Map<string, Promise<Drawn | undefined>>();

  constructor(
    /** Drawn slides kept (default 3: current, next, previous). */
    readonly limit = 3,
  ) {}

  /** Drawn slides kept now. */
  get size(): number {
    return this.#drawn.size;
  }

  has(id: string): boolean {
    return this.#drawn.has(id);
  }

  /** The drawn slide, without counting it as used. */
  peek(id: string): Drawn | undefined {
    return this.#drawn.get(id);
  }

  /** The drawn slide, now the most recently used. */
  use(id: string): Drawn | undefined {
    const have = this.#drawn.get(id);
    if (have) {
      this.#drawn.delete(id);
      this.#drawn.set(id, have);
    }
    return have;
  }

  /**
   * Keeps `drawn` as slide `id` (releasing what that id held before), then releases the least
   * recently used slides, except `id` and the `protect`ed ones, until at most {@link limit} remain.
   */
  keep(id: string, drawn: Drawn, protect: Iterable<string> = []): void {
    this.forget(id);
    this.#drawn.set(id, drawn);
    const keep = new Set(protect);
    keep.add(id);
    for (const key of [...this.#drawn.keys()]) {
      if (this.#drawn.size <= this.limit) break;
      if (!keep.has(key)) this.forget(key);
    }
  }

  /** Releases one drawn slide. */
  forget(id: string): void {
    const d = this.#drawn.get(id);
    if (!d) return;
    this.#drawn.delete(id);
    release(d);
  }

  /** Releases every drawn slide. */
  clear(): void {
    for (const id of [...this.#drawn.keys()]) this.forget(id);
  }

  /** The drawing of slide `id` in progress, if any. */
  drawing(id: string): Promise<Drawn | undefined> | undefined {
    return this.#drawing.get(id);
  }

  /** Records a drawing in progress until it {@link settled}. */
  startDrawing(id: string, promise: Promise<Drawn | undefined>): void {
    this.#drawing.set(id, promise);
  }

  /** The drawing of slide `id` is over (kept or not). */
  settled(id: string): void {
    this.#drawing.delete(id);
  }
}
