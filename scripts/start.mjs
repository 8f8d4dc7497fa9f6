// `npm start`: opens Chromium with the freshly built extension, in a throw-away profile, showing the
// Spark Guard popup as a tab. The browser is the user's to drive; closing it ends the command.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumPath, extensionArgs } from './chromium.mjs';

const outDir = process.env.SPARK_GUARD_OUT ?? '.output';
const extensionDir = resolve(outDir, 'chrome-mv3');

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

if (!existsSync(join(extensionDir, 'manifest.json'))) {
  fail(`There is no built extension in ${extensionDir}. Build it first: npm run build (npm start does both).`);
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail(
    [
      'No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so a browser window cannot open here.',
      'Either:',
      '  - run it on a virtual display:   xvfb-run -a npm start   (Debian/Ubuntu: apt-get install -y xvfb)',
      '  - or load it into your own Chrome or Chromium: open chrome://extensions, switch on Developer mode,',
      `    click "Load unpacked" and choose ${extensionDir}`,
    ].join('\n'),
  );
}

let browserPath;
try {
  browserPath = chromiumPath();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

/**
 * Chrome's id for an unpacked extension: the first 32 hex digits of the SHA-256 of its folder's real
 * path, written with the letters a-p. Knowing it up front lets the popup open as the first tab.
 */
function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

const id = unpackedExtensionId(extensionDir);
const profile = mkdtempSync(join(tmpdir(), 'spark-guard-start-'));
const popupUrl = `chrome-extension://${id}/popup.html`;

const args = [
  `--user-data-dir=${profile}`,
  ...extensionArgs(extensionDir, { headless: false }),
  // Branded Chrome 137+ ignores --load-extension unless this feature is turned off.
  '--disable-features=DisableLoadExtensionCommandLineSwitch',
  // Chromium refuses to run as root (containers, CI) with its sandbox on.
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  popupUrl,
  'about:blank',
];

console.log(`Opening ${browserPath} with Spark Guard from ${extensionDir}`);
console.log(`Popup: ${popupUrl}  (also behind the Spark Guard toolbar button; pin it from the puzzle menu)`);
console.log('Fresh profile, deleted when the browser closes. Close the browser or press Ctrl+C to stop.');

const browser = spawn(browserPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
let errors = '';
browser.stderr.on('data', (chunk) => {
  // Chromium is chatty on stderr; keep only the tail, for when it fails to start.
  errors = (errors + chunk).slice(-4000);
});

function cleanUp() {
  rmSync(profile, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => browser.kill('SIGTERM'));
}

browser.on('error', (error) => {
  cleanUp();
  fail(`Could not start ${browserPath}: ${error.message}`);
});

browser.on('exit', (code, signal) => {
  cleanUp();
  if (code !== 0 && signal === null) {
    fail(`The browser stopped with exit code ${code}. Its last messages:\n${errors.trim()}`);
  }
  process.exit(0);
});
