import React from 'react';
import { createComponent } from '@lit/react';
import { PexCall as PexCallElement } from '../components/call/pex-call.js';
import { callEvents } from './events.js';

/**
 * `<pex-call>` as a React component (the call: join form, room, prompts): element properties as typed props, the element's events
 * as typed callbacks (`onPexJoin={(e) => e.conferenceName}`). Importing it registers `<pex-call>`.
 */
export const PexCall = createComponent({
  tagName: 'pex-call',
  elementClass: PexCallElement,
  react: React,
  events: callEvents,
  displayName: 'PexCall',
});
