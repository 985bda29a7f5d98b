/**
 * Drawing slides: images decoded at the slide size, PDF pages rendered by pdf.js, thumbnails as
 * JPEG object URLs, and the current slide painted letterboxed onto the sending canvas.
 *
 * @module
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { msg } from '@lit/localize';
import type { Drawn } from './slide-cache.js';
import { SNIFF_BYTES, sniff } from './sniff.js';

const THUMB_W = 256;
const THUMB_H = 144;

/** The size of a `w`×`h` picture scaled to fit a `boxW`×`boxH` box, keeping its shape. */
export const fit = (w: number, h: number, boxW: number, boxH: number): [number, number] => {
  const s = Math.min(boxW / w, boxH / h);
  return [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
};

/** An image file to decode; `large` ones are decoded straight to the slide size. */
export interface ImageSource {
  readonly file: File;
  readonly large?: boolean;
}

/** Decodes an image no larger than the `width`×`height` slide (a larger one is scaled down). */
export async function decodeImage(source: ImageSource, width: number, height: number): Promise<Drawn> {
  // A very large image is decoded straight to the slide size, so the full picture is not kept.
  const full = await createImageBitmap(
    source.file,
    source.large ? await slideSize(source.file, width, height) : {},
  );
  const [w, h] = fit(full.width, full.height, width, height);
  if (w >= full.width || source.large) return full;
  // Larger than the slide: keep the slide-sized copy only.
  const scaled = await createImageBitmap(full, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
  full.close();
  return scaled;
}

/** Resize options that decode a very large image straight to the slide size. */
async function slideSize(file: File, width: number, height: number): Promise<ImageBitmapOptions> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const s = sniff(head, file.name, file.type);
  if (s.kind !== 'image' || !s.width || !s.height) return {};
  const [w, h] = fit(s.width, s.height, width, height);
  return { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' };
}

/** Renders one PDF page to fit `boxW`×`boxH`, on white. */
export async function renderPdf(
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

/** A thumbnail (object URL) of one PDF page. */
export async function pdfThumbnail(doc: PDFDocumentProxy, pageNumber: number): Promise<string | undefined> {
  const canvas = await renderPdf(doc, pageNumber, THUMB_W, THUMB_H, true);
  try {
    return await blobUrl(canvas);
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** A thumbnail (object URL) of a drawn slide. */
export async function thumbnailFrom(drawn: Drawn): Promise<string | undefined> {
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
    return await blobUrl(canvas);
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}

function blobUrl(canvas: HTMLCanvasElement): Promise<string | undefined> {
  return new Promise((resolve) =>
    canvas.toBlob((blob) => resolve(blob ? URL.createObjectURL(blob) : undefined), 'image/jpeg', 0.85),
  );
}

/**
 * Paints a slide onto the sending canvas: `drawn` letterboxed on black, or, for a page that could not
 * be drawn, a placeholder; with neither, just black (an empty deck).
 */
export function paintSlide(ctx: CanvasRenderingContext2D, drawn: Drawn | undefined, failed: boolean): void {
  const canvas = ctx.canvas;
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
  } else if (failed) {
    ctx.fillStyle = '#ccc';
    ctx.font = `${Math.round(canvas.height / 20)}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillText(msg('This page could not be shown.'), canvas.width / 2, canvas.height / 2);
  }
}
