// web-test-runner command `save-screenshot`: saves a PNG of the test page as it is drawn (frames
// included) under dist/test-screenshots/<name>.png, for a person to look at. Nothing compares it.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'test-screenshots');

export function screenshots() {
  return {
    name: 'save-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'save-screenshot') return undefined;
      if (session.browser.type !== 'puppeteer') return null;
      const name = String(payload?.name ?? 'screenshot').replace(/[^\w.-]+/g, '_');
      await mkdir(DIR, { recursive: true });
      const path = resolve(DIR, `${name}.png`);
      await session.browser.getPage(session.id).screenshot({ path, fullPage: true });
      return path;
    },
  };
}
