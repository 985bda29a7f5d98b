/**
 * SlideDeck: images and PDFs turned into slides in the browser, and the current slide sent as a video
 * stream. No Lit here; `<pex-share>` renders a deck, the call service presents its stream.
 *
 * - Files never leave the device: they are read here, PDFs are parsed by pdf.js in a worker
 *   (loaded only when the first PDF is added), nothing is uploaded.
 * - JPEG, BMP, PNG and GIF images become one slide each (a GIF shows its first frame); every page of
 *   a PDF becomes a slide. The type comes from the file's first bytes, not its name.
 * - Slides are drawn on demand at the sending resolution (default 1920×1080, letterboxed); only the
 *   current slide and its neighbours are kept drawn. Thumbnails are made in the background, current
 *   slide first, with progress in the state.
 * - A bad file (PowerPoint, another type, damaged, password-protected, too large) becomes a
 *   {@link SlideError} in the state; the rest of the deck is untouched.
 * - The stream repaints the current slide at no more than 5 frames per second: enough for a change of
 *   slide to show within 200 ms and for receivers that join late to get a keyframe.
 *
 * The deck ties its parts together: `intake.ts` (checking and reading files), `progress.ts` (state
 * bookkeeping), `scheduler.ts` (the work queue), `slide-cache.ts` (drawn slides), `render.ts`
 * (drawing) and `canvas-stream.ts` (the video stream).
 */
import { msg } from '@lit/localize';
import { Store, type ReadonlyStore } from '../store.js';
import { CanvasStream } from './canvas-stream.js';
import { SlideError } from './errors.js';
import {
  identify,
  readImage,
  readPdf,
  refused,
  sizeProblem,
  slidesOf,
  type Added,
  type Reader,
} from './intake.js';
import { closePdf } from './pdf.js';
import { DeckProgress } from './progress.js';
import { decodeImage, paintSlide, pdfThumbnail, renderPdf } from './render.js';
import { JobScheduler } from './scheduler.js';
import { SlideCache, type Drawn } from './slide-cache.js';
import { MAX_FRAME_RATE, type DeckState, type Slide, type SlideDeckOptions, type Source } from './types.js';

export type { DeckState, Preparing, Slide, SlideDeckOptions } from './types.js';
export { LARGE_IMAGE_PIXELS, MAX_FRAME_RATE, MAX_IMAGE_PIXELS } from './types.js';

const MB = 1024 * 1024;
/** Drawn slides kept (current, next, previous). */
const KEEP_DRAWN = 3;

let deckSeq = 0;

export class SlideDeck {
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  readonly maxSlides: number;
  readonly maxImageBytes: number;
  readonly maxPdfBytes: number;

  readonly #state = new Store<DeckState>({
    slides: [],
    current: 0,
    preparing: [],
    errors: [],
    streaming: false,
  });
  readonly #sources = new Map<string, Source>();
  readonly #drawn = new SlideCache(KEEP_DRAWN);
  readonly #jobs = new JobScheduler(() => this.#checkIdle());
  readonly #idle = new Set<() => void>();
  #busy = 0;
  #fileSeq = 0;
  readonly #prefix = `deck${++deckSeq}`;
  #canvas: HTMLCanvasElement | undefined;
  readonly #out: CanvasStream;
  #disposed = false;
  readonly #progress = new DeckProgress(this.#state);
  readonly #reader: Reader;

  constructor(options: SlideDeckOptions = {}) {
    this.width = Math.max(16, Math.round(options.width ?? 1920));
    this.height = Math.max(16, Math.round(options.height ?? 1080));
    this.frameRate = Math.min(MAX_FRAME_RATE, Math.max(1, options.frameRate ?? MAX_FRAME_RATE));
    this.maxSlides = options.maxSlides ?? 1000;
    this.maxImageBytes = options.maxImageBytes ?? 50 * MB;
    this.maxPdfBytes = options.maxPdfBytes ?? 100 * MB;
    this.#out = new CanvasStream(this.frameRate, () => this.#paint());
    this.#reader = {
      width: this.width,
      height: this.height,
      progress: this.#progress,
      gone: () => this.#disposed,
    };
  }

  /** The deck's state (immutable snapshots). */
  get state(): ReadonlyStore<DeckState> {
    return this.#state;
  }

  get slides(): readonly Slide[] {
    return this.#state.get().slides;
  }

  get current(): number {
    return this.#state.get().current;
  }

  // ---------------------------------------------------------------------------------------------
  // Adding and removing files

  /**
   * Adds files in the order given (images and PDFs mixed). Resolves once every file is either in
   * the deck (thumbnails may still be coming) or reported in `errors`; never rejects.
   */
  async add(files: Iterable<File> | ArrayLike<File>): Promise<{ added: number; errors: SlideError[] }> {
    const list = Array.from(files as ArrayLike<File>);
    let added = 0;
    const errors: SlideError[] = [];
    this.#busy++;
    try {
      for (const file of list) {
        if (this.#disposed) break;
        const result = await this.#addOne(file);
        added += result.added;
        if (result.errors.length) {
          errors.push(...result.errors);
          this.#progress.addErrors(result.errors);
        }
      }
    } finally {
      this.#busy--;
      this.#checkIdle();
    }
    return { added, errors };
  }

  async #addOne(file: File): Promise<Added> {
    const name = file.name || msg('Untitled');
    const kind = await identify(file, name);
    if (kind instanceof SlideError) return refused(kind);
    const room = this.maxSlides - this.slides.length;
    if (room <= 0) return refused(new SlideError('deck-full', name, '1'));
    const id = `${this.#prefix}f${++this.#fileSeq}`;
    const tooLarge = sizeProblem(file, name, kind, this);
    if (tooLarge) return refused(tooLarge);
    return kind.kind === 'image'
      ? this.#addImage(id, file, name, kind.width, kind.height)
      : this.#addPdf(id, file, name, room);
  }

  async #addImage(
    id: string,
    file: File,
    name: string,
    width: number | undefined,
    height: number | undefined,
  ): Promise<Added> {
    const read = await readImage(this.#reader, id, file, name, width, height);
    if (!('drawn' in read)) return read;
    this.#sources.set(id, read.source);
    const [slide] = slidesOf(id, name, 'image', 1, 1, read.thumbnail) as [Slide];
    this.#keepDrawn(slide.id, read.drawn);
    this.#appendSlides([slide]);
    return { added: 1, errors: read.notes };
  }

  async #addPdf(id: string, file: File, name: string, room: number): Promise<Added> {
    const read = await readPdf(this.#reader, id, file, name, room);
    if (!('doc' in read)) return read;
    const { doc, pages, count } = read;
    this.#sources.set(id, { id, file, kind: 'pdf', pages, doc });
    const slides = slidesOf(id, name, 'pdf', pages, count);
    this.#progress.setPreparing({ fileId: id, fileName: name, done: 0, total: count });
    this.#appendSlides(slides);
    // Thumbnails in page order, behind any slide being drawn for sending.
    for (const slide of slides) {
      this.#jobs.schedule(2, async () => {
        if (!this.#sources.has(id)) return;
        let url: string | undefined;
        try {
          url = await pdfThumbnail(doc, slide.page);
        } catch {
          if (this.#sources.has(id)) this.#markFailed(slide);
          return;
        }
        if (!this.#sources.has(id)) {
          if (url) URL.revokeObjectURL(url);
          return;
        }
        this.#progress.thumbnail(slide.id, url);
      });
    }
    return { added: count, errors: read.notes };
  }

  /** Removes every slide of one file (`slide.fileId`). */
  remove(fileId: string): void {
    const source = this.#sources.get(fileId);
    if (!source) return;
    this.#sources.delete(fileId);
    this.#progress.flush();
    const before = this.#state.get();
    const keep = before.slides.filter((s) => s.fileId !== fileId);
    for (const s of before.slides) {
      if (s.fileId === fileId) {
        if (s.thumbnail) URL.revokeObjectURL(s.thumbnail);
        this.#drawn.forget(s.id);
        this.#progress.forget(s.id);
      }
    }
    // Stay on the same slide, or at the same position when it went.
    const currentSlide = before.slides[before.current];
    const kept = currentSlide ? keep.indexOf(currentSlide) : -1;
    const current = kept >= 0 ? kept : Math.max(0, Math.min(before.current, keep.length - 1));
    this.#state.set({
      ...before,
      slides: keep,
      current,
      preparing: before.preparing.filter((p) => p.fileId !== fileId),
    });
    if (source.doc) void closePdf(source.doc);
    this.#show();
  }

  /** Removes every slide and file. */
  clear(): void {
    for (const id of [...this.#sources.keys()]) this.remove(id);
    this.#state.update((s) => ({ ...s, current: 0, errors: [] }));
  }

  /** Forgets the errors and notes shown so far. */
  clearErrors(): void {
    this.#state.update((s) => (s.errors.length ? { ...s, errors: [] } : s));
  }

  // ---------------------------------------------------------------------------------------------
  // Moving

  go(index: number): void {
    const s = this.#state.get();
    if (s.slides.length === 0) return;
    const i = Math.max(0, Math.min(s.slides.length - 1, Math.trunc(index)));
    if (i !== s.current) this.#state.set({ ...s, current: i });
    this.#show();
  }

  next(): void {
    this.go(this.current + 1);
  }

  previous(): void {
    this.go(this.current - 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing and sending

  /** The canvas showing the current slide at the sending resolution (also a preview). */
  get canvas(): HTMLCanvasElement {
    if (!this.#canvas) {
      this.#canvas = document.createElement('canvas');
      this.#canvas.width = this.width;
      this.#canvas.height = this.height;
      this.#paint();
    }
    return this.#canvas;
  }

  /**
   * The current slide as a live video stream (≤ {@link frameRate} fps), for `CallService.present`.
   * The same stream is returned until {@link stopStream}.
   */
  captureStream(): MediaStream {
    const live = this.#out.live;
    if (live) return live;
    const stream = this.#out.start(this.canvas);
    this.#state.update((s) => ({ ...s, streaming: true }));
    this.#show();
    if (this.#currentDrawn()) this.#out.frame();
    return stream;
  }

  /** Ends the stream (its track ends); the deck stays as it is. */
  stopStream(): void {
    this.#out.stop();
    this.#state.update((s) => (s.streaming ? { ...s, streaming: false } : s));
  }

  #currentDrawn(): boolean {
    const slide = this.slides[this.current];
    return slide !== undefined && this.#drawn.has(slide.id);
  }

  /** Resolves when every file added so far is prepared (thumbnails made) and nothing is drawing. */
  idle(): Promise<void> {
    if (this.#isIdle()) {
      this.#progress.flush();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  /** Draws one slide at the sending resolution (cached); undefined if it cannot be drawn. */
  draw(index: number, priority = 0): Promise<Drawn | undefined> {
    const slide = this.slides[index];
    if (!slide) return Promise.resolve(undefined);
    const have = this.#drawn.use(slide.id);
    if (have) return Promise.resolve(have);
    const pending = this.#drawn.drawing(slide.id);
    if (pending) return pending;
    const promise = new Promise<Drawn | undefined>((resolve) => {
      this.#jobs.schedule(priority, async () => {
        const source = this.#sources.get(slide.fileId);
        let drawn: Drawn | undefined;
        try {
          if (source?.kind === 'image') drawn = await decodeImage(source, this.width, this.height);
          else if (source?.doc) drawn = await renderPdf(source.doc, slide.page, this.width, this.height);
        } catch {
          drawn = undefined;
          if (this.#sources.has(slide.fileId)) this.#markFailed(slide);
        }
        this.#drawn.settled(slide.id);
        if (drawn && this.#sources.has(slide.fileId)) this.#keepDrawn(slide.id, drawn);
        resolve(drawn);
      });
    });
    this.#drawn.startDrawing(slide.id, promise);
    return promise;
  }

  /** Releases everything: files, PDF documents, thumbnails, drawn slides and the stream. */
  dispose(): void {
    if (this.#disposed) return;
    this.stopStream();
    this.#disposed = true;
    this.#jobs.stop();
    this.#progress.dispose();
    for (const s of this.slides) if (s.thumbnail) URL.revokeObjectURL(s.thumbnail);
    this.#drawn.clear();
    for (const source of this.#sources.values()) if (source.doc) void closePdf(source.doc);
    this.#sources.clear();
    if (this.#canvas) {
      this.#canvas.width = 0;
      this.#canvas.height = 0;
    }
    this.#state.set({ slides: [], current: 0, preparing: [], errors: [], streaming: false });
    for (const resolve of this.#idle) resolve();
    this.#idle.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  #appendSlides(slides: Slide[]): void {
    this.#progress.flush();
    const s = this.#state.get();
    const wasEmpty = s.slides.length === 0;
    this.#state.set({ ...s, slides: [...s.slides, ...slides], current: wasEmpty ? 0 : s.current });
    if (wasEmpty) this.#show();
  }

  /** Draws the current slide (high priority) and its neighbours (lower), then paints. */
  #show(): void {
    if (this.#disposed) return;
    const { current, slides } = this.#state.get();
    if (slides.length === 0) {
      this.#paint();
      return;
    }
    const wanted = slides[current]?.id;
    void this.draw(current, 0).then(() => {
      if (this.slides[this.current]?.id !== wanted) return;
      this.#paint();
      this.#out.frameSoon();
    });
    if (current + 1 < slides.length) void this.draw(current + 1, 1);
    if (current > 0) void this.draw(current - 1, 1);
  }

  /** Paints the current slide (if drawn) onto the canvas, letterboxed. */
  #paint(): void {
    const canvas = this.#canvas;
    if (!canvas || this.#disposed) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const { slides, current } = this.#state.get();
    const slide = slides[current];
    const drawn = slide ? this.#drawn.peek(slide.id) : undefined;
    if (slide && !drawn && !slide.failed) return; // keep the previous picture until this one is drawn
    paintSlide(ctx, drawn, slide?.failed === true);
  }

  /** Keeps a drawn slide, and besides it only the current slide and its neighbours. */
  #keepDrawn(id: string, drawn: Drawn): void {
    const { slides, current } = this.#state.get();
    const near = [current, current + 1, current - 1].flatMap((i) => slides[i]?.id ?? []);
    this.#drawn.keep(id, drawn, near);
  }

  #markFailed(slide: Slide): void {
    if (this.#progress.fail(slide) && this.slides[this.current]?.id === slide.id) this.#paint();
  }

  #isIdle(): boolean {
    return this.#disposed || (this.#jobs.idle && this.#busy === 0);
  }

  #checkIdle(): void {
    if (!this.#isIdle()) return;
    this.#progress.flush();
    for (const resolve of this.#idle) resolve();
    this.#idle.clear();
  }
}
