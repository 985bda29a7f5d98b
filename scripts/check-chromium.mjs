// Makes sure a Chromium for the browser tests exists: CHROME_PATH, else Debian's /usr/bin/chromium.
// As root on Debian it installs the `chromium` package (never a downloaded browser build).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(wanted)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!process.env.CHROME_PATH && isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("Chromium is not installed: installing Debian's chromium package (about a minute)…");
    try {
      execSync(
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation',
        {
          stdio: 'inherit',
        },
      );
    } catch {
      // reported below
    }
  }
  if (!existsSync(wanted)) {
    console.error(
      `No Chromium at ${wanted}. Install Debian's package (apt-get install chromium fonts-liberation) ` +
        'or set CHROME_PATH to a Chromium/Chrome executable.',
    );
    process.exit(1);
  }
}
