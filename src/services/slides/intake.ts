/**
 * Files on their way into the deck: the checks they pass (their type from their first bytes, their
 * size, an image's pixels), reading them (an image decoded at the slide size with its thumbnail, a
 * PDF opened by pdf.js), and the slides they make. The deck adds what comes out.
 *
 * @module
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { SlideError } from './errors.js';
import { closePdf, openPdf } from './pdf.js';
import type { DeckProgress } from './progress.js';
import { decodeImage, thumbnailFrom } from './render.js';
import { release, type Drawn } from './slide-cache.js';
import { SNIFF_BYTES, sniff, type Sniffed } from './sniff.js';
import { LARGE_IMAGE_PIXELS, MAX_IMAGE_PIXELS, type Slide, type Source } from './types.js';

const MB = 1024 * 1024;
const formatBytes = (n: number): string => `${Math.round(n / MB)} MB`;

/** A file the deck can take: an image (with its size, when its header tells) or a PDF. */
export type Acceptable = Extract<Sniffed, { kind: 'image' | 'pdf' }>;

/** What adding one file did. */
export interface Added {
  added: number;
  errors: SlideError[];
}

/** Nothing added, for this reason. */
export const refused = (error: SlideError): Added => ({ added: 0, errors: [error] });

/**
 * What `file` is, from its first bytes: an image or a PDF, else why not (`powerpoint`,
 * `unsupported`, or `corrupt` for an unreadable file or an empty one named like an image or PDF).
 */
export async function identify(file: File, name: string): Promise<Acceptable | SlideError> {
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch {
    return new SlideError('corrupt', name);
  }
  const kind = sniff(head, name, file.type);
  if (kind.kind === 'powerpoint') return new SlideError('powerpoint', name);
  if (kind.kind === 'unsupported') {
    // An empty or unreadable file named like an image or PDF is damaged, not of another type.
    const named = /\.(jpe?g|png|gif|bmp|pdf)$/i.test(name);
    return new SlideError(named ? 'corrupt' : 'unsupported', name);
  }
  return kind;
}

/** Why a file of this kind is too large to take (`too-large`, `too-many-pixels`), if it is. */
export function sizeProblem(
  file: File,
  name: string,
  kind: Acceptable,
  limits: { readonly maxImageBytes: number; readonly maxPdfBytes: number },
): SlideError | undefined {
  if (kind.kind === 'pdf') {
    return file.size > limits.maxPdfBytes
      ? new SlideError('too-large', name, formatBytes(limits.maxPdfBytes))
      : undefined;
  }
  if (file.size > limits.maxImageBytes) {
    return new SlideError('too-large', name, formatBytes(limits.maxImageBytes));
  }
  const { width, height } = kind;
  if (width !== undefined && height !== undefined && width * height > MAX_IMAGE_PIXELS) {
    return new SlideError('too-many-pixels', name, `${width} × ${height}`);
  }
  return undefined;
}

/** The first `count` slides of a file of `pages` pages (an image: one page, with its thumbnail). */
export function slidesOf(
  fileId: string,
  fileName: string,
  kind: 'image' | 'pdf',
  pages: number,
  count: number,
  thumbnail?: string,
): Slide[] {
  const slides: Slide[] = [];
  for (let page = 1; page <= count; page++) {
    slides.push({ id: `${fileId}:${page}`, fileId, fileName, kind, page, pages, thumbnail, failed: false });
  }
  return slides;
}

/** What reading a file needs from the deck. */
export interface Reader {
  /** The slide size. */
  readonly width: number;
  readonly height: number;
  readonly progress: DeckProgress;
  /** The deck was disposed meanwhile: stop, and add nothing. */
  gone(): boolean;
}

/** An image read: its source, its slide drawn at the slide size, its thumbnail, notes about it. */
export interface ImageRead {
  readonly source: Source;
  readonly drawn: Drawn;
  readonly thumbnail: string | undefined;
  readonly notes: SlideError[];
}

/** Decodes an image once (a damaged one is found here), at the slide size, and makes its thumbnail. */
export async function readImage(
  r: Reader,
  id: string,
  file: File,
  name: string,
  width: number | undefined,
  height: number | undefined,
): Promise<ImageRead | Added> {
  const notes: SlideError[] = [];
  const large = width !== undefined && height !== undefined && width * height > LARGE_IMAGE_PIXELS;
  const source: Source = { id, file, kind: 'image', pages: 1, large };
  r.progress.setPreparing({ fileId: id, fileName: name, done: 0, total: 1 });
  let drawn: Drawn | undefined;
  try {
    drawn = await decodeImage(source, r.width, r.height);
  } catch {
    drawn = undefined;
  }
  r.progress.setPreparing(undefined, id);
  if (!drawn || r.gone()) {
    if (drawn) release(drawn);
    return { added: 0, errors: r.gone() ? [] : [new SlideError('corrupt', name)] };
  }
  if (large) notes.push(new SlideError('scaled-down', name, `${width} × ${height}`));
  const thumbnail = await thumbnailFrom(drawn);
  if (r.gone()) {
    if (thumbnail) URL.revokeObjectURL(thumbnail);
    release(drawn);
    return { added: 0, errors: [] };
  }
  return { source, drawn, thumbnail, notes };
}

/** A PDF opened: its document, its pages, how many of them fit in the deck, notes about it. */
export interface PdfRead {
  readonly doc: PDFDocumentProxy;
  readonly pages: number;
  readonly count: number;
  readonly notes: SlideError[];
}

/** Opens a PDF (pdf.js, in a worker) and counts the pages that fit in the `room` left. */
export async function readPdf(
  r: Reader,
  id: string,
  file: File,
  name: string,
  room: number,
): Promise<PdfRead | Added> {
  r.progress.setPreparing({ fileId: id, fileName: name, done: 0, total: 0 });
  let opened: Awaited<ReturnType<typeof openPdf>>;
  try {
    opened = await openPdf(new Uint8Array(await file.arrayBuffer()));
  } catch {
    opened = { ok: false, reason: 'corrupt' };
  }
  if (!opened.ok) {
    r.progress.setPreparing(undefined, id);
    return refused(new SlideError(opened.reason, name));
  }
  const doc = opened.doc;
  if (r.gone()) {
    void closePdf(doc);
    return { added: 0, errors: [] };
  }
  const pages = doc.numPages;
  if (pages === 0) {
    r.progress.setPreparing(undefined, id);
    void closePdf(doc);
    return refused(new SlideError('empty', name));
  }
  const count = Math.min(pages, room);
  const notes = count < pages ? [new SlideError('deck-full', name, String(pages - count))] : [];
  return { doc, pages, count, notes };
}
