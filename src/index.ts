/**
 * pex-components: Lit web components for Pexip Infinity. Importing this module registers every
 * element; importing a single registration file (e.g. `components/call/pex-call.js`) registers one.
 */
export { defineElement } from './internal/define.js';
export * from './components/call/pex-call.js';
export * from './components/dialpad/pex-dialpad.js';
export * from './components/settings/pex-settings.js';
export * from './events/events.js';
export * from './events/dialpad-events.js';
export * from './events/settings-events.js';
export { CallService, setTransportFactory, type JoinOptions } from './services/call-service.js';
export { openMedia, stopStream } from './services/media/open-media.js';
export { callServiceContext } from './services/context.js';
export { CallError, type CallErrorCode } from './services/errors.js';
export type * from './services/types.js';
export type * from './services/transport.js';
export { StoreController } from './controllers/store-controller.js';
export { CallController } from './controllers/call-controller.js';
export { CallConsumer } from './components/shared/call-consumer.js';
export {
  VirtualListController,
  type VirtualListOptions,
  type VirtualRange,
} from './controllers/virtual-list.js';

/** Library version, for support requests. */
export const version = '0.1.0';
export { getLanguage, languages, matchLanguage, setLanguage, type Language } from './i18n/localization.js';
export * from './components/roster/pex-roster.js';
export * from './components/chat/pex-chat.js';
export * from './components/share/pex-share.js';
export {
  SlideDeck,
  type DeckState,
  type Slide,
  type Preparing,
  type SlideDeckOptions,
} from './services/slides/deck.js';
export { SlideError, type SlideErrorCode } from './services/slides/errors.js';
export { setPdfWorkerSrc } from './services/slides/pdf.js';
export { ShareError, type ShareErrorReason } from './services/share-error.js';
export { setLogLevel, getLogLevel, type LogLevel } from './services/log.js';
