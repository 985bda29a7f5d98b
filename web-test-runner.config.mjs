import commonjsPlugin from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { frameworksEsm } from './scripts/wtr-frameworks.mjs';
import { strictPages } from './scripts/wtr-csp.mjs';
import { libraryCopy } from './scripts/wtr-library-copy.mjs';
import { localNode } from './scripts/wtr-local-node.mjs';
import { mediaFeatures } from './scripts/wtr-media.mjs';
import { screenshots } from './scripts/wtr-screenshot.mjs';
import { sdpTransformEsm } from './scripts/wtr-sdp-transform.mjs';
import { shareFiles } from './scripts/wtr-share.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';

const commonjs = fromRollup(commonjsPlugin);

// Short tokens so every browser test also exercises the SDK's refresh loop.
const node = localNode({ overrides: { tokenExpiresSeconds: 3, dialAnswerMs: 300 } });

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { browser: true },
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 20000 } },
  middleware: [strictPages, node.middleware, shareFiles],
  plugins: [
    node.plugin,
    screenshots(),
    mediaFeatures(),
    sdpTransformEsm(),
    frameworksEsm(),
    libraryCopy(),
    commonjs({ include: ['**/node_modules/sdp-transform/**'] }),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'auto' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME,
        headless: true,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter(process.env.WTR_SUMMARY_FILE)],
};
