// The demo `npm start` offers: a demo ledger and local Ads Manager pages, only ever in the throw-away
// profile that `createDemoProfile` made. Nothing here touches any other profile: every entry point
// checks the profile's marker first and refuses otherwise.
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROFILE_PREFIX = 'spark-guard-demo-';
const MARKER = '.spark-guard-demo-profile';

/** The ad account the demo pages and most demo codes belong to. */
export const DEMO_ACCOUNT = '7012345678901234567';
const OTHER_ACCOUNT = '7098765432109876543';

/**
 * The demo's Ads Manager pages: the project's own fixture pages, served at real Ads Manager addresses
 * inside the demo browser only.
 */
export const DEMO_PAGES = {
  /** An ad group list: three rows not delivering, two of them tied to demo codes by the handle in their name. */
  list: {
    url: `https://ads.tiktok.com/i18n/manage/adgroup?aadvid=${DEMO_ACCOUNT}`,
    file: 'test/fixtures/overlay/adgroups-with-handles.html',
  },
  /** A Spark Ad whose handshake worked: @mia.creates's post, her avatar and organic comments. */
  passingPreview: {
    url: `https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=${DEMO_ACCOUNT}&campaign_draft_id=1812345678901234`,
    file: 'test/fixtures/ads-manager/preview-spark-pass.html',
  },
  /** A failed handshake: "Custom identity" with the brand's name, no creator, and a Publish button. */
  failingPreview: {
    url: `https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=${DEMO_ACCOUNT}`,
    file: 'test/fixtures/overlay/creation-publish.html',
  },
};

const HOOK_MARKER = '<script data-fixture-hook></script>';

/** A fixture page as served: its shared step hook inline (as test/fixtures/ads-manager/html.ts does). */
export function demoPageHtml(file) {
  const html = readFileSync(join(ROOT, file), 'utf8');
  const hook = readFileSync(join(ROOT, 'test/fixtures/ads-manager/fixture-hook.js'), 'utf8');
  return html.includes(HOOK_MARKER) ? html.replace(HOOK_MARKER, `<script>\n${hook}</script>`) : html;
}

/** A new, empty browser profile in the temp folder, marked as the demo's own. */
export function createDemoProfile() {
  const dir = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  writeFileSync(join(dir, MARKER), realpathSync(dir));
  return dir;
}

/**
 * Throws unless `profileDir` is a profile `createDemoProfile` made: in the temp folder, named by it, and
 * carrying its marker. The demo ledger and pages never reach the buyer's own profile, nor a test's.
 */
export function assertDemoProfile(profileDir) {
  let real;
  let marked;
  try {
    real = realpathSync(profileDir);
    marked = readFileSync(join(real, MARKER), 'utf8');
  } catch {
    marked = null;
  }
  const inTemp = real !== undefined && dirname(real) === realpathSync(tmpdir()) && basename(real).startsWith(PROFILE_PREFIX);
  if (!inTemp || marked !== real) {
    throw new Error(`Refusing to run the demo in ${profileDir}: it is not a throw-away demo profile made by npm start.`);
  }
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const NOTE = 'Demo code: made up for the npm start demo, not a real authorization code.';

/** Codes in every stage, relative to `now`. Handles tie them to the rows of the demo list. */
export function demoCodes(now) {
  const post = (handle, id) => `https://www.tiktok.com/@${handle}/video/${id}`;
  return [
    // Expired two days ago: "Spring promo @jon_eats" is not delivering because of it.
    { handle: 'jon_eats', post: post('jon_eats', '7301111111111111111'), account: DEMO_ACCOUNT, code: '#DemoJonEatsNotARealCode0001=', days: 7, createdAt: now - 9 * DAY },
    // Active: the passing preview is this post.
    { handle: 'mia.creates', post: post('mia.creates', '7301234567890123456'), account: DEMO_ACCOUNT, code: '#DemoMiaCreatesNotARealCode02=', days: 30, createdAt: now - DAY },
    // Reach out: two days left.
    { handle: 'demo.sam.cooks', post: post('demo.sam.cooks', '7302000000000000001'), account: DEMO_ACCOUNT, code: '#DemoSamCooksNotARealCode0003=', days: 7, createdAt: now - 5 * DAY },
    // Swap now: twelve hours left.
    { handle: 'demo.lena.fit', post: post('demo.lena.fit', '7302000000000000002'), account: DEMO_ACCOUNT, code: '#DemoLenaFitNotARealCode00004=', days: 7, createdAt: now - 6 * DAY - 12 * HOUR },
    // Replaced: the earlier code for Sam's post.
    { handle: 'demo.sam.cooks', post: post('demo.sam.cooks', '7302000000000000001'), account: DEMO_ACCOUNT, code: '#DemoSamCooksOldNotARealCode05=', days: 7, createdAt: now - 12 * DAY, stage: 'Replaced' },
    // Pulled, in a second ad account.
    { handle: 'demo.kai.draws', post: post('demo.kai.draws', '7302000000000000003'), account: OTHER_ACCOUNT, code: '#DemoKaiDrawsNotARealCode0006=', days: 30, createdAt: now - 10 * DAY, stage: 'Pulled' },
  ];
}

/** The demo ledger as a CSV the settings page imports, the way a buyer would bring codes in. */
export function demoCsv(now) {
  const rows = demoCodes(now).map((c) =>
    [c.handle, c.post, c.account, c.code, `${c.days} days`, new Date(c.createdAt).toISOString(), c.stage ?? '', NOTE].join(','),
  );
  return ['Creator,Post URL,Ad account,Code,Valid for,Created,Stage,Notes', ...rows].join('\r\n');
}

/** Serves the demo pages at their Ads Manager addresses, in this browser only; other addresses go on as usual. */
export async function serveDemoPages(context, profileDir) {
  assertDemoProfile(profileDir);
  const pages = new Map(Object.values(DEMO_PAGES).map((p) => [p.url, demoPageHtml(p.file)]));
  await context.route('https://ads.tiktok.com/**', async (route) => {
    const body = pages.get(route.request().url());
    if (body === undefined) return route.fallback();
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

/**
 * Fills the demo profile's empty ledger through the settings page's own import, and waits for its
 * answer. The extension's code is not changed for the demo: the demo codes are ordinary codes, marked
 * as demo in their notes and their made-up code text.
 */
export async function seedDemoLedger(context, extensionId, profileDir, now = Date.now()) {
  assertDemoProfile(profileDir);
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('Import backup or CSV').setInputFiles({
      name: 'spark-guard-demo-codes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(demoCsv(now), 'utf8'),
    });
    const status = page.getByRole('region', { name: 'Import' }).getByRole('status');
    await status.getByText(/^Imported \d+ codes/).waitFor({ timeout: 15_000 });
    return (await status.textContent())?.trim() ?? '';
  } finally {
    await page.close();
  }
}

/** Waits until `read` returns true, or throws `message` after `timeout` ms. */
async function until(read, message, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await read().catch(() => false)) return;
    if (Date.now() > end) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The verdict of the page's checklist (it lives in a shadow root). */
function verdict(page) {
  return page.evaluate(() => {
    const trees = [document];
    for (let i = 0; i < trees.length; i++) {
      for (const el of trees[i].querySelectorAll('*')) if (el.shadowRoot) trees.push(el.shadowRoot);
    }
    for (const tree of trees) {
      const root = tree.querySelector('[data-spark-guard="preview-checklist"]');
      if (root) return root.getAttribute('data-verdict');
    }
    return null;
  });
}

/**
 * Opens every screen of the demo and saves a screenshot of each into `outDir`: the popup (light and
 * dark, at the toolbar popup's 380×600), the list with its flags and one badge's card open, the passing
 * preview, the failing preview with the launch guard's dialog, and the settings page. Each screen is
 * checked before it is captured (the popup by its title and its list of codes), so a picture of an
 * error page is never saved as the product. Returns what was saved and what was checked.
 */
export async function captureDemo(context, extensionId, profileDir, outDir) {
  assertDemoProfile(profileDir);
  const shots = [];
  const page = context.pages()[0] ?? (await context.newPage());
  const save = async (name, what, fullPage = false) => {
    const path = resolve(outDir, `${name}.png`);
    await page.screenshot({ path, fullPage });
    shots.push({ name, what, path });
  };

  // The list first, unseen, so the popup's "In Ads Manager" summary has something to say.
  await page.goto(DEMO_PAGES.list.url);
  const pills = page.locator('[data-spark-guard-host="not-delivering-badge"] button.pill');
  await until(async () => (await pills.count()) === 3, 'The demo list did not get its three badges.');

  // The popup, as the toolbar shows it.
  await page.setViewportSize({ width: 380, height: 600 });
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  await page.goto(popupUrl);
  const codes = page.getByRole('list', { name: 'Codes' }).getByRole('listitem');
  await until(async () => (await codes.count()) >= 5, 'The popup did not list the demo codes.');
  const popup = {
    url: page.url(),
    title: await page.title(),
    heading: (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '',
    codes: await codes.count(),
    firstCode: (await codes.first().locator('p').first().textContent())?.trim() ?? '',
  };
  if (popup.title !== 'Spark Guard' || popup.heading !== 'Spark Guard') {
    throw new Error(`The popup did not open (its page is titled "${popup.title}").`);
  }
  await save('popup', 'the popup at 380×600, most urgent code first');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await until(async () => (await codes.count()) >= 5, 'The popup did not list the demo codes in the dark theme.');
  await save('popup-dark', 'the popup in the dark theme');
  await page.emulateMedia({ colorScheme: 'light' });

  // The ad group list with its flags, one badge's card open.
  await page.setViewportSize({ width: 1100, height: 520 });
  await page.goto(DEMO_PAGES.list.url);
  await until(async () => (await pills.count()) === 3, 'The demo list did not get its three badges.');
  await pills.first().click();
  await until(() => page.getByRole('dialog', { name: 'Why this row is not delivering' }).first().isVisible(), 'The badge card did not open.');
  await save('list', 'the ad group list: not-delivering rows flagged, one badge card open');

  await page.setViewportSize({ width: 1100, height: 720 });
  await page.goto(DEMO_PAGES.passingPreview.url);
  await until(async () => (await verdict(page)) === 'pass', 'The passing preview did not get a passing checklist.');
  // A passing checklist starts folded; open it to show each check.
  const fold = page.locator('[data-spark-guard="preview-checklist"] [aria-expanded="false"]');
  if (await fold.count()) await fold.first().click();
  await save('preview-pass', 'a good Spark preview: the checklist passes', true);

  await page.goto(DEMO_PAGES.failingPreview.url);
  await until(async () => (await verdict(page)) === 'fail', 'The failing preview did not get a failing checklist.');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await until(() => page.getByRole('dialog', { name: 'This Spark Ad is not ready to launch' }).isVisible(), 'The launch guard did not open.');
  await save('preview-fail-guard', 'a failed handshake (Custom identity): the checklist fails and Publish opens the launch guard');

  await page.setViewportSize({ width: 900, height: 720 });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Spark Guard settings' }).waitFor();
  // Once the ledger and the settings are read: the fields hold the reminder times.
  await until(async () => (await page.getByLabel('Reach out before expiry (hours)').inputValue()) !== '', 'The settings page did not load its settings.');
  await until(async () => (await page.getByText('Reading your ledger').count()) === 0, 'The settings page did not read the ledger.');
  await save('settings', 'the settings page');

  return { popup, shots };
}
