// Where Chromium is and how to start it with the built extension: shared by `npm start`, the e2e
// tests and the benchmarks, so all three run the browser the same way.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const INSTALL_HINT =
  'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or point ' +
  'CHROMIUM_PATH at a Chromium or Chrome binary.';

/** CHROMIUM_PATH, else a Chromium on the usual paths or on PATH; throws a how-to when there is none. */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist. ${INSTALL_HINT}`);
  }
  for (const path of CANDIDATES) if (existsSync(path)) return path;
  for (const name of NAMES) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // not on PATH; try the next name
    }
  }
  throw new Error(INSTALL_HINT);
}

/** Flags that load only this extension and keep the browser quiet (no background traffic). */
export function extensionArgs(extensionDir, { headless = true } = {}) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...(headless ? ['--no-sandbox', '--disable-gpu'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
  ];
}
