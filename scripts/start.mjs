// `npm start`: builds the extension, then opens Chromium with it in a throw-away profile (deleted
// afterwards), the Spark Guard popup in the first tab, and the demo: a demo ledger and local Ads
// Manager pages, in that profile only. With no display it runs the same demo headless, saves a
// screenshot of every screen under demo-output/ and exits.
//
//   npm start                      build, open the browser with the demo
//   npm start -- --no-demo         an empty ledger and no demo pages
//   npm start -- --headless        screenshots only, even with a display
//   npm start -- --copy-to DIR     also copy the screenshots to DIR (docs/screenshots for the README)
//
// SPARK_GUARD_OUT chooses the build folder (default .output); SPARK_GUARD_NO_BUILD=1 uses the build
// already there; SPARK_GUARD_DEMO_OUTPUT chooses where screenshots go (default demo-output).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, extensionArgs } from './chromium.mjs';
import { DEMO_PAGES, captureDemo, createDemoProfile, seedDemoLedger, serveDemoPages } from './demo.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => args.includes(name);
const valueOf = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

const outDir = resolve(ROOT, process.env.SPARK_GUARD_OUT ?? '.output');
const extensionDir = join(outDir, 'chrome-mv3');
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = option('--headless') || !hasDisplay;
const demo = headless || !option('--no-demo');

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

if (process.env.SPARK_GUARD_NO_BUILD !== '1') {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SPARK_GUARD_OUT: outDir },
  });
}
if (!existsSync(join(extensionDir, 'manifest.json'))) {
  fail(`There is no built extension in ${extensionDir}. Build it first: npm run build (npm start does both).`);
}

let browserPath;
try {
  browserPath = chromiumPath();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const profile = createDemoProfile();
const cleanUp = () => rmSync(profile, { recursive: true, force: true });

/**
 * The extension is loaded by the browser as it starts; its pages open only once it runs. Opening the
 * popup's address as a start-up tab, before the extension is loaded, gives ERR_BLOCKED_BY_CLIENT, so
 * the browser starts empty and the popup is opened once the service worker is up.
 */
async function launch() {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless,
    viewport: headless ? { width: 1100, height: 720 } : null,
    args: [
      ...extensionArgs(extensionDir, { headless }),
      // Chromium refuses to run as root (containers, CI) with its sandbox on.
      ...(!headless && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    // No "controlled by automated test software" bar: the browser is the buyer's to drive.
    ignoreDefaultArgs: ['--enable-automation'],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 30_000 }));
  return { context, extensionId: new URL(worker.url()).host };
}

let context;
try {
  const launched = await launch();
  context = launched.context;
  const { extensionId } = launched;
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  console.log(`Chromium (${browserPath}) with Spark Guard from ${relative(ROOT, extensionDir) || extensionDir}, in a throw-away profile.`);

  if (demo) {
    await serveDemoPages(context, profile);
    const imported = await seedDemoLedger(context, extensionId, profile);
    console.log(`Demo ledger: ${imported}`);
  }

  if (headless) {
    const shotsDir = resolve(ROOT, process.env.SPARK_GUARD_DEMO_OUTPUT ?? 'demo-output');
    mkdirSync(shotsDir, { recursive: true });
    const { popup, shots } = await captureDemo(context, extensionId, profile, shotsDir);
    writeFileSync(join(shotsDir, 'demo.json'), `${JSON.stringify({ popup, shots }, null, 2)}\n`);
    if (!hasDisplay) console.log('No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): ran the demo headless.');
    console.log(`Popup checked: "${popup.title}", ${popup.codes} codes, first: ${popup.firstCode}`);
    console.log('Screenshots:');
    for (const shot of shots) console.log(`  ${shot.path}  (${shot.what})`);
    const copyTo = valueOf('--copy-to');
    if (copyTo) {
      const dir = resolve(ROOT, copyTo);
      mkdirSync(dir, { recursive: true });
      for (const shot of shots) copyFileSync(shot.path, join(dir, `${shot.name}.png`));
      console.log(`Copied to ${dir}`);
    }
    await context.close();
    cleanUp();
    process.exit(0);
  }

  // With a display: the popup in the first tab, the demo pages after it.
  const first = context.pages()[0] ?? (await context.newPage());
  await first.goto(popupUrl);
  if ((await first.title()) !== 'Spark Guard') throw new Error(`The popup did not open in the first tab (it shows "${await first.title()}").`);
  if (demo) {
    for (const { url } of [DEMO_PAGES.list, DEMO_PAGES.passingPreview, DEMO_PAGES.failingPreview]) {
      await (await context.newPage()).goto(url);
    }
    await first.bringToFront();
  }
  console.log(`Popup: ${popupUrl}  (also behind the Spark Guard toolbar button; pin it from the puzzle menu)`);
  if (demo) {
    console.log('Demo pages (served by this browser only, at Ads Manager addresses):');
    console.log(`  ad group list with not-delivering rows:       ${DEMO_PAGES.list.url}`);
    console.log(`  good Spark preview:                           ${DEMO_PAGES.passingPreview.url}`);
    console.log(`  failed handshake, Publish opens the guard:    ${DEMO_PAGES.failingPreview.url}`);
  }
  console.log('The profile is deleted when the browser closes. Close the browser or press Ctrl+C to stop.');

  const closed = new Promise((done) => context.on('close', done));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void context.close().catch(() => undefined));
  await closed;
  cleanUp();
  process.exit(0);
} catch (error) {
  await context?.close().catch(() => undefined);
  cleanUp();
  fail(`npm start could not finish: ${error instanceof Error ? error.message : String(error)}`);
}
