// web-test-runner command `emulate-media-features`: emulates CSS media features that the built-in
// `emulateMedia` command cannot on Chromium through Puppeteer (`prefers-contrast`, `forced-colors`),
// by the DevTools protocol. `{ features: [] }` ends the emulation.

export function mediaFeatures() {
  const sessions = new Map();
  return {
    name: 'emulate-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      if (session.browser.type !== 'puppeteer') return null;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      const features = Array.isArray(payload?.features) ? payload.features : [];
      await cdp.send('Emulation.setEmulatedMedia', {
        features: features.map((f) => ({ name: String(f.name), value: String(f.value) })),
      });
      return true;
    },
  };
}
