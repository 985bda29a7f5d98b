import React from 'react';
import { createComponent } from '@lit/react';
import { PexDialpad as PexDialpadElement } from '../components/dialpad/pex-dialpad.js';
import { dialpadEvents } from './events.js';

/**
 * `<pex-dialpad>` as a React component (the DTMF keypad): element properties as typed props, the element's events
 * as typed callbacks (`onPexDtmf={(e) => e.digits}`). Importing it registers `<pex-dialpad>`.
 */
export const PexDialpad = createComponent({
  tagName: 'pex-dialpad',
  elementClass: PexDialpadElement,
  react: React,
  events: dialpadEvents,
  displayName: 'PexDialpad',
});
