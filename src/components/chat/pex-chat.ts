import { defineElement } from '../../internal/define.js';
import { PexChat } from './chat.js';

defineElement('pex-chat', PexChat);

declare global {
  interface HTMLElementTagNameMap {
    'pex-chat': PexChat;
  }
}
export { PexChat };
