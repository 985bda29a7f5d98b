import React from 'react';
import { createComponent } from '@lit/react';
import { PexSettings as PexSettingsElement } from '../components/settings/pex-settings.js';
import { settingsEvents } from './events.js';

/**
 * `<pex-settings>` as a React component (the client settings): element properties as typed props, the element's events
 * as typed callbacks (`onPexSettingsChange={(e) => e.settings}`). Importing it registers `<pex-settings>`.
 */
export const PexSettings = createComponent({
  tagName: 'pex-settings',
  elementClass: PexSettingsElement,
  react: React,
  events: settingsEvents,
  displayName: 'PexSettings',
});
