/** What every benchmark shares: Debian's Chromium and its flags, and the `BENCH {json}` row format. */

import { CHROME, CHROMIUM_ARGS as BASE } from '../../scripts/chromium.mjs';

export { CHROME };

/** The test flags, plus no throttling of background renderers and timers (stable figures). */
export const CHROMIUM_ARGS: readonly string[] = [
  ...BASE,
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
];

/** One row of the table `npm run bench` prints (value rounded to `digits` decimals). */
export function report(name: string, value: number, unit: string, target: string, digits = 1): void {
  const f = 10 ** digits;
  console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * f) / f, unit, target })}`);
}
