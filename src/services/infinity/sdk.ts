/**
 * The one module that imports Pexip's official client SDK. It is built as a self-contained chunk
 * (`dist/pex/pexip-infinity.js`) and loaded with `import()` only when a call starts.
 */
// Only what the adapter uses (not `export *`): the rest of the SDK is left out of the chunk.
export {
  ClientCallType,
  createCallSignals,
  createInfinityClient,
  createInfinityClientSignals,
  setLogger,
} from '@pexip/infinity';
// The SDK's other packages log through loggers of their own (`@pexip/infinity`'s setLogger does not
// reach them): the adapter sets all three.
export { setLogger as setPeerConnectionLogger } from '@pexip/peer-connection';
export { setLogger as setSignalLogger } from '@pexip/signal';
// The SDK's event stream internals (same module instance as the client's): `reconnect.ts` hears when
// the SDK's stream opens or gives up, and opens streams of its own once the SDK has given up.
export { eventSignals, createEventSource } from '@pexip/infinity/dist/eventSource.js';
