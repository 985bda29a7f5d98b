import React from 'react';
import { createComponent } from '@lit/react';
import { PexShare as PexShareElement } from '../components/share/pex-share.js';
import { shareEvents } from './events.js';

/**
 * `<pex-share>` as a React component (presenting the screen or slides): element properties as typed props, the element's events
 * as typed callbacks (`onPexSlide={(e) => e.index}`). Importing it registers `<pex-share>`.
 */
export const PexShare = createComponent({
  tagName: 'pex-share',
  elementClass: PexShareElement,
  react: React,
  events: shareEvents,
  displayName: 'PexShare',
});
