/** Events of one panel element (about that element's own view, so raised by the element). */
import { eventInit } from './init.js';

/** A panel (roster, chat) was collapsed or expanded by the person. */
export class PexToggleEvent extends Event {
  static readonly type = 'pex-toggle';
  constructor(readonly open: boolean) {
    super(PexToggleEvent.type, eventInit());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-toggle': PexToggleEvent;
  }
}
