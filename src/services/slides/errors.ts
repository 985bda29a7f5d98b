/**
 * What can go wrong with a file added to a slide deck, as values. `message` is user-facing and
 * localised when it is read (so a language switch re-localises it).
 */
import { msg, str } from '@lit/localize';

export type SlideErrorCode =
  /** A PowerPoint (or other presentation program) file: save it as a PDF first. */
  | 'powerpoint'
  /** Not a JPEG, BMP, PNG, GIF or PDF. */
  | 'unsupported'
  /** The file could not be read: damaged, truncated or not what its name says. */
  | 'corrupt'
  /** A PDF that needs a password. */
  | 'password'
  /** The file is bigger than the deck accepts (bytes). */
  | 'too-large'
  /** An image with more pixels than the deck decodes safely. */
  | 'too-many-pixels'
  /** The deck already holds the most slides it accepts; `detail` = how many were left out. */
  | 'deck-full'
  /** A PDF without pages. */
  | 'empty'
  /** One page could not be drawn; the rest of the file is fine. `detail` = the page number. */
  | 'page-failed'
  /** The PDF reader could not be loaded (network, blocked worker). */
  | 'reader-unavailable'
  /** Not an error: a very large image is shown scaled down. `detail` = "width × height". */
  | 'scaled-down';

export class SlideError extends Error {
  override name = 'SlideError';

  constructor(
    readonly code: SlideErrorCode,
    /** The file this is about ('' when it is about the deck). */
    readonly fileName = '',
    /** Extra context for the message (a size, a page number); see {@link SlideErrorCode}. */
    readonly detail = '',
  ) {
    // No message to Error: an own `message` property would hide the localised getter below.
    super();
  }

  /** `info` for notes that need no action (a scaled-down image), `error` for everything else. */
  get level(): 'error' | 'info' {
    return this.code === 'scaled-down' ? 'info' : 'error';
  }

  /** The localised, user-facing explanation. */
  override get message(): string {
    const f = this.fileName;
    const d = this.detail;
    switch (this.code) {
      case 'powerpoint':
        return msg(
          str`"${f}" is a PowerPoint presentation, which can't be shared directly. Save it as a PDF and add the PDF, or show it as a slide show and share your screen.`,
        );
      case 'unsupported':
        return msg(str`"${f}" can't be shared. Add JPEG, BMP, PNG or GIF images, or PDF files.`);
      case 'corrupt':
        return msg(str`"${f}" could not be read. The file may be damaged.`);
      case 'password':
        return msg(
          str`"${f}" is protected with a password. Save a copy without the password and add that instead.`,
        );
      case 'too-large':
        return msg(str`"${f}" is too large to share (the limit is ${d}).`);
      case 'too-many-pixels':
        return msg(str`"${f}" is too large to share (${d} pixels; the limit is 64 megapixels).`);
      case 'deck-full':
        return msg(str`There is no room for more slides: ${d} pages of "${f}" were left out.`);
      case 'empty':
        return msg(str`"${f}" has no pages.`);
      case 'page-failed':
        return msg(str`Page ${d} of "${f}" could not be shown.`);
      case 'reader-unavailable':
        return msg(
          str`"${f}" could not be opened: the PDF reader did not load. Check the connection and try again.`,
        );
      case 'scaled-down':
        return msg(str`"${f}" is very large (${d} pixels), so it is shown scaled down.`);
    }
  }
}
