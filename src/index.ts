/**
 * pex-components: Lit web components for Pexip Infinity. Importing this module registers every
 * element; `import('pex-components/…')` of a single registration file registers just that one.
 */
export { defineElement } from './internal/define.js';

/** Library version, for support requests and the statistics overlay. */
export const version = '0.1.0';
