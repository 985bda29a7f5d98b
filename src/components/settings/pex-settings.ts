import { defineElement } from '../../internal/define.js';
import { PexSettings } from './settings.js';

defineElement('pex-settings', PexSettings);

declare global {
  interface HTMLElementTagNameMap {
    'pex-settings': PexSettings;
  }
}
export { PexSettings };
