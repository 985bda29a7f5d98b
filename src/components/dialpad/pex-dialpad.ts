import { defineElement } from '../../internal/define.js';
import { PexDialpad } from './dialpad.js';

defineElement('pex-dialpad', PexDialpad);

declare global {
  interface HTMLElementTagNameMap {
    'pex-dialpad': PexDialpad;
  }
}
export { PexDialpad };
