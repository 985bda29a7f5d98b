// web-test-runner plugin: a second, self-contained copy of the library for the load-order tests
// (test/browser/load-order.test.ts), as a portal gets when two widgets each bring their own bundle.
// `/__wtr/pex-copy/<entry>.js` is one ES module bundled by esbuild from the sources (its own Lit,
// @lit/context, services and element classes; the SDK inlined and loaded lazily), so it shares no
// module with the dev server's copy; a query string (`?copy=3`) makes yet another instance.
import { build } from 'esbuild';

const PREFIX = '/__wtr/pex-copy/';
const ENTRIES = {
  index: 'src/index.ts',
  'pex-call': 'src/components/call/pex-call.ts',
  'pex-roster': 'src/components/roster/pex-roster.ts',
  'pex-chat': 'src/components/chat/pex-chat.ts',
};

export function libraryCopy() {
  const bodies = new Map();
  return {
    name: 'library-copy',
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const entry = ENTRIES[context.path.slice(PREFIX.length).replace(/\.js$/, '')];
      if (!entry) return undefined;
      if (!bodies.has(entry)) {
        const result = await build({
          entryPoints: [entry],
          bundle: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          tsconfig: 'tsconfig.json',
          define: { 'process.env.NODE_ENV': '"production"' },
          write: false,
          logLevel: 'silent',
        });
        bodies.set(entry, result.outputFiles[0].text);
      }
      return { body: bodies.get(entry), type: 'js' };
    },
  };
}
