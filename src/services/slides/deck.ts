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
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { msg } from '@lit/localize';
import { Store, type ReadonlyStore } from '../store.js';
import { SlideError } from './errors.js';
import { closePdf, openPdf } from './pdf.js';
import { SNIFF_BYTES, sniff } from './sniff.js';

export interface Slide {
  /** Stable for the life of the slide (`<file id>:<page>`). */
  readonly id: string;
  /** The file it came from (all slides of one file share it). */
  readonly fileId: string;
  readonly fileName: string;
  readonly kind: 'image' | 'pdf';
  /** Page in its file, from 1 (always 1 for an image). */
  readonly page: number;
  /** Pages of its file. */
  readonly pages: number;
  /** A small picture (object URL), once made. */
  readonly thumbnail: string | undefined;
  /** The page could not be drawn (a placeholder is sent instead). */
  readonly failed: boolean;
}

/** A file being prepared: `total` 0 while it is opened, then pages with a thumbnail out of all. */
export interface Preparing {
  readonly fileId: string;
  readonly fileName: string;
  readonly done: number;
  readonly total: number;
}

export interface DeckState {
  readonly slides: readonly Slide[];
  /** Index of the current slide (0 when the deck is empty). */
  readonly current: number;
  readonly preparing: readonly Preparing[];
  /** Problems with added files, and notes (level `info`), newest last. */
  readonly errors: readonly SlideError[];
  /** The deck's stream is live (see {@link SlideDeck.captureStream}). */
  readonly streaming: boolean;
}

export interface SlideDeckOptions {
  /** Sending resolution (default 1920×1080). */
  width?: number;
  height?: number;
  /** Frames per second of the stream, 1–5 (default 5). */
  frameRate?: number;
  /** Most slides in the deck (default 1000). */
  maxSlides?: number;
  /** Largest image file, bytes (default 50 MB). */
  maxImageBytes?: number;
  /** Largest PDF file, bytes (default 100 MB). */
  maxPdfBytes?: number;
}

/** Images above this many pixels are refused before decoding. */
export const MAX_IMAGE_PIXELS = 64_000_000;
/** Images above this many pixels are decoded straight to the slide size, with a note. */
export const LARGE_IMAGE_PIXELS = 24_000_000;
/** Slides sent at most this many frames per second. */
export const MAX_FRAME_RATE = 5;
const THUMB_W = 256;
const THUMB_H = 144;
const MB = 1024 * 1024;
/** Drawn slides kept (current, next, previous). */
const KEEP_DRAWN = 3;

type Drawn = ImageBitmap | HTMLCanvasElement;

interface Source {
  id: string;
  file: File;
  kind: 'image' | 'pdf';
  pages: number;
  doc?: PDFDocumentProxy;
  /** Image pixels when very large (decoded straight to the slide size). */
  large?: boolean;
}

interface Job {
  priority: number;
  seq: number;
  run: () => Promise<void>;
}

const fit = (w: number, h: number, boxW: number, boxH: number): [number, number] => {
  const s = Math.min(boxW / w, boxH / h);
  return [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
};

const formatBytes = (n: number): string => `${Math.round(n / MB)} MB`;

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
  readonly #drawn = new Map<string, Drawn>();
  readonly #rendering = new Map<string, Promise<Drawn | undefined>>();
  readonly #jobs: Job[] = [];
  readonly #idle = new Set<() => void>();
  #jobSeq = 0;
  #running = false;
  #busy = 0;
  #fileSeq = 0;
  readonly #prefix = `deck${++deckSeq}`;
  #canvas: HTMLCanvasElement | undefined;
  #stream: MediaStream | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #soon: ReturnType<typeof setTimeout> | undefined;
  #track: CanvasCaptureMediaStreamTrack | undefined;
  #lastFrame = -Infinity;
  #disposed = false;
  #publishTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingThumbs = new Map<string, string | undefined>();
  #pendingFailed = new Set<string>();
  readonly #failed = new Set<string>();

  constructor(options: SlideDeckOptions = {}) {
    this.width = Math.max(16, Math.round(options.width ?? 1920));
    this.height = Math.max(16, Math.round(options.height ?? 1080));
    this.frameRate = Math.min(MAX_FRAME_RATE, Math.max(1, options.frameRate ?? MAX_FRAME_RATE));
    this.maxSlides = options.maxSlides ?? 1000;
    this.maxImageBytes = options.maxImageBytes ?? 50 * MB;
    this.maxPdfBytes = options.maxPdfBytes ?? 100 * MB;
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
          this.#state.update((s) => ({ ...s, errors: [...s.errors, ...result.errors].slice(-20) }));
        }
      }
    } finally {
      this.#busy--;
      this.#checkIdle();
    }
    return { added, errors };
  }

  async #addOne(file: File): Promise<{ added: number; errors: SlideError[] }> {
    const name = file.name || msg('Untitled');
    let head: Uint8Array;
    try {
      head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    } catch {
      return { added: 0, errors: [new SlideError('corrupt', name)] };
    }
    const kind = sniff(head, name, file.type);
    if (kind.kind === 'powerpoint') return { added: 0, errors: [new SlideError('powerpoint', name)] };
    if (kind.kind === 'unsupported') {
      // An empty or unreadable file named like an image or PDF is damaged, not of another type.
      const named = /\.(jpe?g|png|gif|bmp|pdf)$/i.test(name);
      return { added: 0, errors: [new SlideError(named ? 'corrupt' : 'unsupported', name)] };
    }
    const room = this.maxSlides - this.slides.length;
    if (room <= 0) return { added: 0, errors: [new SlideError('deck-full', name, '1')] };
    const id = `${this.#prefix}f${++this.#fileSeq}`;
    if (kind.kind === 'image') {
      if (file.size > this.maxImageBytes) {
        return { added: 0, errors: [new SlideError('too-large', name, formatBytes(this.maxImageBytes))] };
      }
      const { width, height } = kind;
      if (width !== undefined && height !== undefined && width * height > MAX_IMAGE_PIXELS) {
        return { added: 0, errors: [new SlideError('too-many-pixels', name, `${width} × ${height}`)] };
      }
      return this.#addImage(id, file, name, width, height);
    }
    if (file.size > this.maxPdfBytes) {
      return { added: 0, errors: [new SlideError('too-large', name, formatBytes(this.maxPdfBytes))] };
    }
    return this.#addPdf(id, file, name, room);
  }

  async #addImage(
    id: string,
    file: File,
    name: string,
    width: number | undefined,
    height: number | undefined,
  ): Promise<{ added: number; errors: SlideError[] }> {
    const errors: SlideError[] = [];
    const large = width !== undefined && height !== undefined && width * height > LARGE_IMAGE_PIXELS;
    const source: Source = { id, file, kind: 'image', pages: 1, large };
    this.#setPreparing({ fileId: id, fileName: name, done: 0, total: 1 });
    // Decode once now (a damaged image is found here), at the slide size; keep it as a drawn slide.
    let drawn: Drawn | undefined;
    try {
      drawn = await this.#decodeImage(source);
    } catch {
      drawn = undefined;
    }
    this.#setPreparing(undefined, id);
    if (!drawn || this.#disposed) {
      if (drawn instanceof ImageBitmap) drawn.close();
      return { added: 0, errors: this.#disposed ? [] : [new SlideError('corrupt', name)] };
    }
    if (large) errors.push(new SlideError('scaled-down', name, `${width} × ${height}`));
    const thumbnail = await this.#thumbnailFrom(drawn);
    if (this.#disposed) {
      if (thumbnail) URL.revokeObjectURL(thumbnail);
      if (drawn instanceof ImageBitmap) drawn.close();
      return { added: 0, errors: [] };
    }
    this.#sources.set(id, source);
    const slide: Slide = {
      id: `${id}:1`,
      fileId: id,
      fileName: name,
      kind: 'image',
      page: 1,
      pages: 1,
      thumbnail,
      failed: false,
    };
    this.#keepDrawn(slide.id, drawn);
    this.#appendSlides([slide]);
    return { added: 1, errors };
  }

  async #addPdf(
    id: string,
    file: File,
    name: string,
    room: number,
  ): Promise<{ added: number; errors: SlideError[] }> {
    this.#setPreparing({ fileId: id, fileName: name, done: 0, total: 0 });
    let opened: Awaited<ReturnType<typeof openPdf>>;
    try {
      opened = await openPdf(new Uint8Array(await file.arrayBuffer()));
    } catch {
      opened = { ok: false, reason: 'corrupt' };
    }
    if (!opened.ok) {
      this.#setPreparing(undefined, id);
      return { added: 0, errors: [new SlideError(opened.reason, name)] };
    }
    const doc = opened.doc;
    if (this.#disposed) {
      void closePdf(doc);
      return { added: 0, errors: [] };
    }
    const errors: SlideError[] = [];
    const pages = doc.numPages;
    if (pages === 0) {
      this.#setPreparing(undefined, id);
      void closePdf(doc);
      return { added: 0, errors: [new SlideError('empty', name)] };
    }
    const count = Math.min(pages, room);
    if (count < pages) errors.push(new SlideError('deck-full', name, String(pages - count)));
    this.#sources.set(id, { id, file, kind: 'pdf', pages, doc });
    const slides: Slide[] = [];
    for (let page = 1; page <= count; page++) {
      slides.push({
        id: `${id}:${page}`,
        fileId: id,
        fileName: name,
        kind: 'pdf',
        page,
        pages,
        thumbnail: undefined,
        failed: false,
      });
    }
    this.#setPreparing({ fileId: id, fileName: name, done: 0, total: count });
    this.#appendSlides(slides);
    // Thumbnails in page order, behind any slide being drawn for sending.
    for (const slide of slides) {
      this.#schedule(2, async () => {
        if (!this.#sources.has(id)) return;
        let url: string | undefined;
        try {
          url = await this.#pdfThumbnail(doc, slide.page);
        } catch {
          if (this.#sources.has(id)) this.#markFailed(slide);
          return;
        }
        if (!this.#sources.has(id)) {
          if (url) URL.revokeObjectURL(url);
          return;
        }
        this.#pendingThumbs.set(slide.id, url);
        this.#publishSoon();
      });
    }
    return { added: count, errors };
  }

  /** Removes every slide of one file (`slide.fileId`). */
  remove(fileId: string): void {
    const source = this.#sources.get(fileId);
    if (!source) return;
    this.#sources.delete(fileId);
    this.#flushPending();
    const before = this.#state.get();
    const keep = before.slides.filter((s) => s.fileId !== fileId);
    for (const s of before.slides) {
      if (s.fileId === fileId) {
        if (s.thumbnail) URL.revokeObjectURL(s.thumbnail);
        this.#forget(s.id);
        this.#failed.delete(s.id);
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
    if (this.#stream && this.#stream.getVideoTracks().some((t) => t.readyState === 'live')) {
      return this.#stream;
    }
    const canvas = this.canvas;
    // Frames only when asked for (requestFrame): the rate is ours, at most `frameRate`.
    const stream = canvas.captureStream(0);
    const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
    if (track) track.contentHint = 'detail';
    this.#stream = stream;
    this.#track = track;
    this.#lastFrame = -Infinity;
    clearInterval(this.#timer);
    // A steady stream (receivers that join late need frames to start from), never above the rate:
    // a frame whenever the last is at least one frame interval old.
    const interval = 1000 / this.frameRate;
    this.#timer = setInterval(() => {
      if (performance.now() - this.#lastFrame >= interval) this.#frame();
    }, interval / 4);
    this.#state.update((s) => ({ ...s, streaming: true }));
    this.#show();
    if (this.#currentDrawn()) this.#frame();
    return stream;
  }

  /** Ends the stream (its track ends); the deck stays as it is. */
  stopStream(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    this.#timer = undefined;
    this.#soon = undefined;
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#stream = undefined;
    this.#track = undefined;
    this.#state.update((s) => (s.streaming ? { ...s, streaming: false } : s));
  }

  /** Paints and sends one frame now. */
  #frame(): void {
    this.#paint();
    this.#track?.requestFrame();
    this.#lastFrame = performance.now();
  }

  /** After a change of slide: a frame as soon as the frame rate allows. */
  #frameSoon(): void {
    if (!this.#track || this.#soon !== undefined) return;
    const wait = this.#lastFrame + 1000 / this.frameRate - performance.now();
    if (wait <= 0) {
      this.#frame();
      return;
    }
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      if (this.#track) this.#frame();
    }, wait);
  }

  #currentDrawn(): boolean {
    const slide = this.slides[this.current];
    return slide !== undefined && this.#drawn.has(slide.id);
  }

  /** Resolves when every file added so far is prepared (thumbnails made) and nothing is drawing. */
  idle(): Promise<void> {
    if (this.#isIdle()) {
      this.#flushPending();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  /** Draws one slide at the sending resolution (cached); undefined if it cannot be drawn. */
  draw(index: number, priority = 0): Promise<Drawn | undefined> {
    const slide = this.slides[index];
    if (!slide) return Promise.resolve(undefined);
    const have = this.#drawn.get(slide.id);
    if (have) {
      // Most recently used last.
      this.#drawn.delete(slide.id);
      this.#drawn.set(slide.id, have);
      return Promise.resolve(have);
    }
    const pending = this.#rendering.get(slide.id);
    if (pending) return pending;
    const promise = new Promise<Drawn | undefined>((resolve) => {
      this.#schedule(priority, async () => {
        const source = this.#sources.get(slide.fileId);
        let drawn: Drawn | undefined;
        try {
          if (source?.kind === 'image') drawn = await this.#decodeImage(source);
          else if (source?.doc)
            drawn = await this.#renderPdf(source.doc, slide.page, this.width, this.height);
        } catch {
          drawn = undefined;
          if (this.#sources.has(slide.fileId)) this.#markFailed(slide);
        }
        this.#rendering.delete(slide.id);
        if (drawn && this.#sources.has(slide.fileId)) this.#keepDrawn(slide.id, drawn);
        resolve(drawn);
      });
    });
    this.#rendering.set(slide.id, promise);
    return promise;
  }

  /** Releases everything: files, PDF documents, thumbnails, drawn slides and the stream. */
  dispose(): void {
    if (this.#disposed) return;
    this.stopStream();
    this.#disposed = true;
    this.#jobs.length = 0;
    clearTimeout(this.#publishTimer);
    for (const s of this.slides) if (s.thumbnail) URL.revokeObjectURL(s.thumbnail);
    for (const url of this.#pendingThumbs.values()) if (url) URL.revokeObjectURL(url);
    this.#pendingThumbs.clear();
    for (const id of [...this.#drawn.keys()]) this.#forget(id);
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
    this.#flushPending();
    const s = this.#state.get();
    const wasEmpty = s.slides.length === 0;
    this.#state.set({ ...s, slides: [...s.slides, ...slides], current: wasEmpty ? 0 : s.current });
    if (wasEmpty) this.#show();
  }

  #setPreparing(entry: Preparing | undefined, removeId?: string): void {
    this.#state.update((s) => {
      const id = entry?.fileId ?? removeId;
      const others = s.preparing.filter((p) => p.fileId !== id);
      return { ...s, preparing: entry ? [...others, entry] : others };
    });
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
      this.#frameSoon();
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
    const drawn = slide ? this.#drawn.get(slide.id) : undefined;
    if (slide && !drawn && !slide.failed) return; // keep the previous picture until this one is drawn
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (drawn) {
      const [w, h] = fit(drawn.width, drawn.height, canvas.width, canvas.height);
      const x = Math.round((canvas.width - w) / 2);
      const y = Math.round((canvas.height - h) / 2);
      ctx.fillStyle = '#fff';
      ctx.fillRect(x, y, w, h);
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(drawn, x, y, w, h);
    } else if (slide?.failed) {
      ctx.fillStyle = '#ccc';
      ctx.font = `${Math.round(canvas.height / 20)}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillText(msg('This page could not be shown.'), canvas.width / 2, canvas.height / 2);
    }
  }

  async #decodeImage(source: Source): Promise<Drawn> {
    // A very large image is decoded straight to the slide size, so the full picture is not kept.
    const full = await createImageBitmap(source.file, source.large ? await this.#slideSize(source) : {});
    const [w, h] = fit(full.width, full.height, this.width, this.height);
    if (w >= full.width || source.large) return full;
    // Larger than the slide: keep the slide-sized copy only.
    const scaled = await createImageBitmap(full, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
    full.close();
    return scaled;
  }

  /** Resize options that decode a very large image straight to the slide size. */
  async #slideSize(source: Source): Promise<ImageBitmapOptions> {
    const head = new Uint8Array(await source.file.slice(0, SNIFF_BYTES).arrayBuffer());
    const s = sniff(head, source.file.name, source.file.type);
    if (s.kind !== 'image' || !s.width || !s.height) return {};
    const [w, h] = fit(s.width, s.height, this.width, this.height);
    return { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' };
  }

  async #renderPdf(
    doc: PDFDocumentProxy,
    pageNumber: number,
    boxW: number,
    boxH: number,
    thumbnail = false,
  ): Promise<HTMLCanvasElement> {
    const page = await doc.getPage(pageNumber);
    try {
      const unit = page.getViewport({ scale: 1 });
      const [w] = fit(unit.width, unit.height, boxW, boxH);
      const viewport = page.getViewport({ scale: w / unit.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(viewport.width));
      canvas.height = Math.max(1, Math.floor(viewport.height));
      await page.render({ canvas, viewport, background: '#fff' }).promise;
      return canvas;
    } finally {
      // After a thumbnail, drop the page's parsed drawing: most pages are not shown soon after.
      if (thumbnail) page.cleanup();
    }
  }

  async #pdfThumbnail(doc: PDFDocumentProxy, pageNumber: number): Promise<string | undefined> {
    const canvas = await this.#renderPdf(doc, pageNumber, THUMB_W, THUMB_H, true);
    try {
      return await this.#blobUrl(canvas);
    } finally {
      canvas.width = 0;
      canvas.height = 0;
    }
  }

  async #thumbnailFrom(drawn: Drawn): Promise<string | undefined> {
    const [w, h] = fit(drawn.width, drawn.height, THUMB_W, THUMB_H);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(drawn, 0, 0, w, h);
    try {
      return await this.#blobUrl(canvas);
    } finally {
      canvas.width = 0;
      canvas.height = 0;
    }
  }

  #blobUrl(canvas: HTMLCanvasElement): Promise<string | undefined> {
    return new Promise((resolve) =>
      canvas.toBlob((blob) => resolve(blob ? URL.createObjectURL(blob) : undefined), 'image/jpeg', 0.85),
    );
  }

  #keepDrawn(id: string, drawn: Drawn): void {
    this.#forget(id);
    this.#drawn.set(id, drawn);
    const keep = new Set<string>();
    const { slides, current } = this.#state.get();
    for (const i of [current, current + 1, current - 1]) {
      const s = slides[i];
      if (s) keep.add(s.id);
    }
    keep.add(id);
    for (const key of [...this.#drawn.keys()]) {
      if (this.#drawn.size <= KEEP_DRAWN) break;
      if (!keep.has(key)) this.#forget(key);
    }
  }

  #forget(id: string): void {
    const d = this.#drawn.get(id);
    if (!d) return;
    this.#drawn.delete(id);
    if (d instanceof ImageBitmap) d.close();
    else {
      d.width = 0;
      d.height = 0;
    }
  }

  #markFailed(slide: Slide): void {
    if (this.#failed.has(slide.id)) return;
    this.#failed.add(slide.id);
    this.#pendingFailed.add(slide.id);
    this.#state.update((s) => ({
      ...s,
      errors: [...s.errors, new SlideError('page-failed', slide.fileName, String(slide.page))].slice(-20),
    }));
    this.#flushPending();
    if (this.slides[this.current]?.id === slide.id) this.#paint();
  }

  #publishSoon(): void {
    if (this.#publishTimer !== undefined) return;
    this.#publishTimer = setTimeout(() => {
      this.#publishTimer = undefined;
      this.#flushPending();
    }, 50);
  }

  /** Publishes thumbnails and failures made since the last snapshot, and the progress. */
  #flushPending(): void {
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

  #schedule(priority: number, run: () => Promise<void>): void {
    this.#jobs.push({ priority, seq: ++this.#jobSeq, run });
    this.#jobs.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#jobs.length && !this.#disposed) {
        const job = this.#jobs.shift()!;
        try {
          await job.run();
        } catch {
          // Each job reports its own failures.
        }
      }
    } finally {
      this.#running = false;
      this.#checkIdle();
    }
  }

  #isIdle(): boolean {
    return this.#disposed || (!this.#running && this.#jobs.length === 0 && this.#busy === 0);
  }

  #checkIdle(): void {
    if (!this.#isIdle()) return;
    this.#flushPending();
    for (const resolve of this.#idle) resolve();
    this.#idle.clear();
  }
}
