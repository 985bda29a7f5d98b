/**
 * Presentation events. `pex-present-request` and `pex-present` are about the call: the call service
 * raises them once per call on its `<pex-call>`, whichever button or element started it.
 * `pex-slide` and `pex-slide-error` are about one `<pex-share>`'s own deck: that element raises them.
 */
import type { SlideError } from '../services/slides/errors.js';
import { eventInit } from './init.js';

/**
 * What a person presents: the screen, slides made from images and PDFs, or a stream the page gave
 * (`CallService.present`).
 */
export type PexPresentSource = 'screen' | 'slides' | 'stream';

/**
 * The person asked to present (the toolbar's "Share screen", `<pex-share>`, or a `CallService`
 * command); cancel it (preventDefault) to stop it, e.g. a portal that only allows slides.
 */
export class PexPresentRequestEvent extends Event {
  static readonly type = 'pex-present-request';
  constructor(readonly source: PexPresentSource) {
    super(PexPresentRequestEvent.type, eventInit(true));
  }
}

/**
 * Presenting started or stopped. `reason` says why it stopped: `stopped` (by the person or the
 * browser's own "Stop sharing"), `taken-over` (someone else presented), `ended` (the call ended).
 */
export class PexPresentEvent extends Event {
  static readonly type = 'pex-present';
  constructor(
    readonly presenting: boolean,
    readonly source: PexPresentSource | undefined,
    readonly reason: 'started' | 'stopped' | 'taken-over' | 'ended' = presenting ? 'started' : 'stopped',
  ) {
    super(PexPresentEvent.type, eventInit());
  }
}

/** The current slide of a `<pex-share>`'s deck changed (`index` from 0, of `count`). */
export class PexSlideEvent extends Event {
  static readonly type = 'pex-slide';
  constructor(
    readonly index: number,
    readonly count: number,
  ) {
    super(PexSlideEvent.type, eventInit());
  }
}

/** Some added files could not become slides (or were scaled down); each error has a localised message. */
export class PexSlideErrorEvent extends Event {
  static readonly type = 'pex-slide-error';
  constructor(readonly errors: readonly SlideError[]) {
    super(PexSlideErrorEvent.type, eventInit());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-present-request': PexPresentRequestEvent;
    'pex-present': PexPresentEvent;
    'pex-slide': PexSlideEvent;
    'pex-slide-error': PexSlideErrorEvent;
  }
}
