/** The typed events of the pex-* elements (kept for existing imports; see `index.ts`). */
export * from './index.js';
