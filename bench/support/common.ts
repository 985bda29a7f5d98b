/** What every benchmark shares: Debian's Chromium and its flags, and the `BENCH {json}` row format. */

export const CHROME = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

/** Headless on a closed network, fake camera and microphone, loopback WebRTC, no throttling. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
];

/** One row of the table `npm run bench` prints (value rounded to `digits` decimals). */
export function report(name: string, value: number, unit: string, target: string, digits = 1): void {
  const f = 10 ** digits;
  console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * f) / f, unit, target })}`);
}
