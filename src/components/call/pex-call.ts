import { defineElement } from '../../internal/define.js';
import { PexCall } from './call.js';

defineElement('pex-call', PexCall);

declare global {
  interface HTMLElementTagNameMap {
    'pex-call': PexCall;
  }
}
export { PexCall };
