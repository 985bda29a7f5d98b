import { defineElement } from '../../internal/define.js';
import '../dialpad/pex-dialpad.js';
import { PexCall } from './call.js';

defineElement('pex-call', PexCall);

declare global {
  interface HTMLElementTagNameMap {
    'pex-call': PexCall;
  }
}
export { PexCall };
