import { defineElement } from '../../internal/define.js';
import { PexRoster } from './roster.js';

defineElement('pex-roster', PexRoster);

declare global {
  interface HTMLElementTagNameMap {
    'pex-roster': PexRoster;
  }
}
export { PexRoster };
