/** Chat events, raised once per call by the call service on its `<pex-call>`. */
import { eventInit } from './init.js';

/**
 * The person is about to send a chat message (from any `<pex-chat>`, or `CallService.sendChat`);
 * cancel it (preventDefault) to stop it being sent.
 */
export class PexChatSendEvent extends Event {
  static readonly type = 'pex-chat-send';
  constructor(readonly text: string) {
    super(PexChatSendEvent.type, eventInit(true));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pex-chat-send': PexChatSendEvent;
  }
}
