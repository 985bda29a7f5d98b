/**
 * `pex-components/react`: the six elements as React components, made with `@lit/react`
 * (`createComponent`). Properties are set as properties (objects too), events arrive through typed
 * `onPex…` callbacks: the call's own events (join, leave, errors, presenting, participants, chat
 * sends) on `PexCall`, where they are raised once per call; each panel's view events on the panel.
 * Importing this module registers all six elements; import one wrapper
 * (`pex-components/react/pex-roster`) to register only that one.
 *
 * ```tsx
 * import { PexCall } from 'pex-components/react';
 * <PexCall conference="meet.alice" onPexJoin={(e) => console.log(e.conferenceName)} />
 * ```
 */
export { PexCall } from './pex-call.js';
export { PexChat } from './pex-chat.js';
export { PexDialpad } from './pex-dialpad.js';
export { PexRoster } from './pex-roster.js';
export { PexSettings } from './pex-settings.js';
export { PexShare } from './pex-share.js';
