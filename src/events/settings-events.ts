/** Events of `<pex-settings>` (raised by the element when the person saves a setting). */
import type { Settings } from '../services/settings.js';
import { eventInit } from './init.js';

/**
 * A setting was saved: `settings` is every setting as saved. A `CustomEvent` whose `detail` is
 * `{ settings }` too, as before this class existed.
 */
export class PexSettingsChangeEvent extends CustomEvent<{ settings: Readonly<Settings> }> {
  static readonly type = 'pex-settings-change';
  constructor(readonly settings: Readonly<Settings>) {
    super(PexSettingsChangeEvent.type, { ...eventInit(), detail: { settings } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-settings-change': PexSettingsChangeEvent;
  }
}
