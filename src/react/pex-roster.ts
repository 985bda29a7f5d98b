import React from 'react';
import { createComponent } from '@lit/react';
import { PexRoster as PexRosterElement } from '../components/roster/pex-roster.js';
import { rosterEvents } from './events.js';

/**
 * `<pex-roster>` as a React component (the participant list): element properties as typed props, the element's events
 * as typed callbacks (`onPexToggle={(e) => e.open}`). Importing it registers `<pex-roster>`.
 */
export const PexRoster = createComponent({
  tagName: 'pex-roster',
  elementClass: PexRosterElement,
  react: React,
  events: rosterEvents,
  displayName: 'PexRoster',
});
