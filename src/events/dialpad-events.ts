/** Events of `<pex-dialpad>` (about its own keys and panel, so raised by the element). */
import { eventInit } from './init.js';

/**
 * A key of the keypad was pressed: `digits` to send as DTMF. A `CustomEvent` whose `detail` is
 * `{ digits }` too, as before this class existed.
 */
export class PexDtmfEvent extends CustomEvent<{ digits: string }> {
  static readonly type = 'pex-dtmf';
  constructor(readonly digits: string) {
    super(PexDtmfEvent.type, { ...eventInit(), detail: { digits } });
  }
}

/** The keypad's close button (or Escape) was pressed: whoever opened it closes it. */
export class PexCloseEvent extends Event {
  static readonly type = 'pex-close';
  constructor() {
    super(PexCloseEvent.type, eventInit());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-dtmf': PexDtmfEvent;
    'pex-close': PexCloseEvent;
  }
}
