/**
 * Loads Pexip's SDK when a call starts (a page that only shows the join form never downloads it).
 *
 * The SDK keeps its event signals in module scope, so two calls sharing one module instance would
 * hear each other. The drop-in build (rollup.config.mjs) therefore emits the SDK as one self-contained
 * chunk, `pexip-infinity.js`, and replaces `SDK_CHUNK` below with its name: every call imports it
 * with a distinct URL and so gets its own module instance. Unbundled (dist/lib, tests) the SDK is
 * imported normally: one call per page.
 */
export type SdkModule = typeof import('./sdk.js');

// Replaced by the drop-in build with "./pexip-infinity.js".
const SDK_CHUNK: string | null = null;

let instances = 0;

function importChunk(chunk: string): Promise<SdkModule> {
  const url = new URL(chunk, import.meta.url);
  url.searchParams.set('call', String(++instances));
  return import(/* @vite-ignore */ url.href) as Promise<SdkModule>;
}

export function loadSdk(): Promise<SdkModule> {
  return SDK_CHUNK ? importChunk(SDK_CHUNK) : import('./sdk.js');
}
