// web-test-runner plugin: React 19 and Vue 3 for the framework host tests (test/browser/frameworks.test.ts),
// offline, from node_modules. React ships CommonJS only, and `react-dom` must share the very `react`
// instance the host app uses, so esbuild bundles both once into one ES module that every `react`,
// `react-dom` and `react-dom/client` import resolves to. Vue ships an ES build for browsers (with the
// template compiler), served as is.
import { build } from 'esbuild';

const REACT = '/__wtr/react.js';
const REACT_NAMES = [
  'Children',
  'Fragment',
  'StrictMode',
  'createContext',
  'createElement',
  'useCallback',
  'useContext',
  'useEffect',
  'useLayoutEffect',
  'useMemo',
  'useReducer',
  'useRef',
  'useState',
  'version',
];
const VUE = '/node_modules/vue/dist/vue.esm-browser.prod.js';

export function frameworksEsm() {
  let react;
  return {
    name: 'frameworks-esm',
    resolveImport({ source }) {
      if (source === 'react' || source === 'react-dom' || source === 'react-dom/client') return REACT;
      if (source === 'vue') return VUE;
      return undefined;
    },
    async serve(context) {
      if (context.path !== REACT) return undefined;
      react ??= (
        await build({
          stdin: {
            contents:
              `import React from 'react';\n` +
              `import { flushSync } from 'react-dom';\n` +
              `import { createRoot } from 'react-dom/client';\n` +
              // Named exports listed: esbuild cannot see the names of a CommonJS module for `export *`.
              `export const { ${REACT_NAMES.join(', ')} } = React;\n` +
              `export { createRoot, flushSync };\n` +
              `export default React;\n`,
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          define: { 'process.env.NODE_ENV': '"production"' },
          write: false,
          logLevel: 'silent',
        })
      ).outputFiles[0].text;
      return { body: react, type: 'js' };
    },
  };
}
