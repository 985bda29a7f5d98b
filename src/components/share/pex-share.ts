import { defineElement } from '../../internal/define.js';
import { PexShare } from './share.js';

defineElement('pex-share', PexShare);

declare global {
  interface HTMLElementTagNameMap {
    'pex-share': PexShare;
  }
}
export { PexShare };
