/**
 * The one module that imports Pexip's official client SDK. It is built as a self-contained chunk
 * (`dist/pex/pexip-infinity.js`) and loaded with `import()` only when a call starts.
 */
export * from '@pexip/infinity';
