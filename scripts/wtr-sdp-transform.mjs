// web-test-runner plugin: gives `sdp-transform` (CommonJS) real named ESM exports in the dev server.
// Per-file CommonJS conversion (@rollup/plugin-commonjs in the dev server) yields no named exports
// for it, so @pexip/peer-connection's `import * as sdpTransform from 'sdp-transform'` finds no
// `parse` and every SDK call WITH MEDIA fails in createOffer ("sdpTransform.parse is not a
// function"); control-only joins never touch it. Here esbuild bundles the package once into one ES
// module with its named exports. The production bundle is unaffected (rollup synthesises them).
import { build } from 'esbuild';

const WRAPPER = '/__wtr/sdp-transform.js';
const NAMES = [
  'grammar',
  'write',
  'parse',
  'parseParams',
  'parseFmtpConfig',
  'parsePayloads',
  'parseRemoteCandidates',
  'parseImageAttributes',
  'parseSimulcastStreamList',
];

export function sdpTransformEsm() {
  let body;
  return {
    name: 'sdp-transform-esm',
    resolveImport({ source }) {
      if (source === 'sdp-transform') return WRAPPER;
      return undefined;
    },
    async serve(context) {
      if (context.path !== WRAPPER) return undefined;
      body ??= (
        await build({
          stdin: {
            contents:
              `import lib from 'sdp-transform';\n` +
              `export const { ${NAMES.join(', ')} } = lib;\n` +
              `export default lib;\n`,
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
        })
      ).outputFiles[0].text;
      return { body, type: 'js' };
    },
  };
}
