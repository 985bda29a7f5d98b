/**
 * The slide deck's public shapes (slides, state, options) and limits.
 *
 * @module
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { SlideError } from './errors.js';

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

/** A file in the deck. */
export interface Source {
  id: string;
  file: File;
  kind: 'image' | 'pdf';
  pages: number;
  doc?: PDFDocumentProxy;
  /** Image pixels when very large (decoded straight to the slide size). */
  large?: boolean;
}
