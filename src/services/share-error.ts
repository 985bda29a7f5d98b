/**
 * Errors of presenting (screen or slides) as values: a {@link CallError} (so everything that shows a
 * call error shows these) with its own reasons and localised messages.
 */
import { msg, str } from '@lit/localize';
import { CallError, FRAME_ALLOW, type CallErrorCode } from './errors.js';

export type ShareErrorReason =
  /** The browser cannot share the screen (no `getDisplayMedia`, e.g. most phones). */
  | 'screen-unsupported'
  /** The browser or the system refused screen capture. */
  | 'screen-blocked'
  /** The page embedding this one in an iframe did not allow `display-capture`. */
  | 'screen-frame-blocked'
  /** The meeting does not let Guests present. */
  | 'guests-cannot-present'
  /** The node refused the presentation (took no floor). */
  | 'presentation-refused'
  /** "Start presenting" with no slides. */
  | 'no-slides';

const codeFor: Record<ShareErrorReason, CallErrorCode> = {
  'screen-unsupported': 'unknown',
  'screen-blocked': 'device-blocked',
  'screen-frame-blocked': 'frame-blocked',
  'guests-cannot-present': 'not-allowed',
  'presentation-refused': 'not-allowed',
  'no-slides': 'invalid-input',
};

export class ShareError extends CallError {
  override name = 'ShareError';

  constructor(
    readonly reason: ShareErrorReason,
    detail = '',
  ) {
    super(codeFor[reason], detail);
  }

  override get message(): string {
    switch (this.reason) {
      case 'screen-unsupported':
        return msg(
          "This browser can't share the screen. Share images or PDFs instead, or use a desktop browser.",
        );
      case 'screen-blocked':
        return msg(
          'Screen sharing is blocked. Allow this browser to record the screen in your system settings.',
        );
      case 'screen-frame-blocked':
        return msg(
          str`This page is embedded in a frame that does not allow screen sharing. The page that embeds it must add ${FRAME_ALLOW} to its iframe.`,
        );
      case 'guests-cannot-present':
        return msg('Guests are not allowed to present in this meeting.');
      case 'presentation-refused':
        return msg('The meeting did not accept your presentation.');
      case 'no-slides':
        return msg('Add images or PDFs first.');
    }
  }
}
