import React from 'react';
import { createComponent } from '@lit/react';
import { PexChat as PexChatElement } from '../components/chat/pex-chat.js';
import { chatEvents } from './events.js';

/**
 * `<pex-chat>` as a React component (the conference chat): element properties as typed props, the element's events
 * as typed callbacks (`onPexToggle={(e) => e.open}`). Importing it registers `<pex-chat>`.
 */
export const PexChat = createComponent({
  tagName: 'pex-chat',
  elementClass: PexChatElement,
  react: React,
  events: chatEvents,
  displayName: 'PexChat',
});
