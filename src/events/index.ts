/**
 * Typed events of the pex-* elements, one module per family. All bubble and are composed (they
 * cross shadow roots); "request" events are cancelable so a host page can veto the action. Events
 * about the call (state, join, leave, errors, presenting, participants, chat) are raised once per
 * call by the call service on its `<pex-call>`; events about one element's own view (`pex-toggle`,
 * `pex-slide`, `pex-slide-error`) by that element.
 */
export * from './call-events.js';
export * from './chat-events.js';
export * from './panel-events.js';
export * from './participant-events.js';
export * from './presentation-events.js';
// dialpad-events.ts and settings-events.ts are not re-exported here: every element imports this index,
// and those two go with the elements loaded later (the keypad, the settings panel). The package's
// entry point (src/index.ts) exports them.
