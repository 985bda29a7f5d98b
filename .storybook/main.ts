import { readFileSync } from 'node:fs';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

// pdf.js's worker is looked up next to the module that loads pdf.js
// (`new URL('./pdf.worker.min.mjs', import.meta.url)` in src/services/slides/pdf.ts): serve it under
// any such path in development, and emit it next to the built chunks.
const PDF_WORKER = 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs';
const pdfWorker: Plugin = {
  name: 'pex-pdf-worker',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (!req.url?.split('?')[0]?.endsWith('/pdf.worker.min.mjs')) return next();
      res.setHeader('Content-Type', 'text/javascript');
      res.end(readFileSync(PDF_WORKER));
    });
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'assets/pdf.worker.min.mjs', source: readFileSync(PDF_WORKER) });
  },
};

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  // Docs pages (autodocs from custom-elements.json, the MDX introduction) and the accessibility panel
  // (axe on every story).
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal: (vite) => ({
    ...vite,
    plugins: [...(vite.plugins ?? []), pdfWorker],
    // Assets stay files: the chat stories link to an image by its http(s) URL (a data: URL is no link).
    build: { ...vite.build, assetsInlineLimit: 0 },
  }),
};
export default config;
