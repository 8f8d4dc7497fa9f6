import type { BrowserContext, Locator, Page } from '@playwright/test';
import { fixtureUrl } from '../fixtures/ads-manager/expected';
import { expect, test, type ExtensionSession } from './fixtures';
import { fixtureHtml, pageStorage, readMarks } from './overlay-marks';
import { LIST_URL } from './overlay-pages';
import { DAY, openPopupPage, SAMPLE_ACCOUNT, sampleCodes, type PopupPage } from './page-objects/popup';

/**
 * The overlay together with the ledger: badges that say why a row is not delivering, linking a row to
 * a code, the checklist's code check, the counts and unreadable pages the popup shows, and a single-page
 * navigation. Codes are saved through the popup, as a buyer does.
 */

const ACCOUNT = SAMPLE_ACCOUNT;
const HANDLES_FIXTURE = new URL('../fixtures/overlay/adgroups-with-handles.html', import.meta.url);

/** How a line names an ad account, as text: its end shown ("…234567"), then the whole id for screen readers. */
const inAccount = (id: string): string => `in account …${id.slice(-6)}${id}`;

const row = (page: Page, name: string): Locator => page.locator(`tr[data-fixture-row="${name}"]`);
const badge = (page: Page, name: string): Locator => row(page, name).locator('[data-spark-guard-host="not-delivering-badge"]');
/** The badge's pill: a button named by its visible words, described by the card's sentence. */
const pill = (page: Page, name: string): Locator => badge(page, name).locator('button.pill');
const card = (page: Page, name: string): Locator => badge(page, name).getByRole('dialog', { name: 'Why this row is not delivering' });

/**
 * Rows and cells whose size a badge changes: each badge is taken out for a moment and the row and its
 * status cell measured with and without it.
 */
function roomTakenByBadges(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const changed: string[] = [];
    for (const host of Array.from(document.querySelectorAll<HTMLElement>('[data-spark-guard-host="not-delivering-badge"]'))) {
      const row = host.closest('tr')!;
      const cell = host.closest('td')!;
      const measure = () => [row.getBoundingClientRect().height, cell.getBoundingClientRect().width].join(' × ');
      const withBadge = measure();
      host.style.setProperty('display', 'none', 'important');
      const without = measure();
      host.style.setProperty('display', 'inline-block', 'important');
      if (withBadge !== without) changed.push(`${row.getAttribute('data-fixture-row')}: ${without} became ${withBadge}`);
    }
    return changed;
  });
}

/** Saves the two codes through the popup, as a buyer does, then opens the ad group list with handles. */
async function openListWithCodes(
  extension: ExtensionSession,
  context: BrowserContext,
  serveAdsManager: (url: string, html: string) => Promise<void>,
): Promise<{ popup: PopupPage; page: Page }> {
  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  for (const entry of sampleCodes(Date.now())) await popup.save(entry);
  await serveAdsManager(LIST_URL, fixtureHtml(HANDLES_FIXTURE));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  return { popup, page };
}

test('badges say why a row is not delivering, a row can be linked to a code, and the popup counts them', async ({
  extension,
  context,
  serveAdsManager,
  expectNoOutsideRequests,
}) => {
  const { popup, page } = await openListWithCodes(extension, context, serveAdsManager);

  await expect
    .poll(async () => (await readMarks(page)).flags)
    .toEqual(['Broad – US on row', 'Spring promo @jon_eats on row', 'UGC mia.creates 9:16 on row']);
  // Each badge is a pill after the status that says in a word or two why; its card says it in full.
  const spring = pill(page, 'Spring promo @jon_eats');
  await expect(spring).toHaveText('Code expired');
  await expect(spring).toHaveAccessibleName('Code expired');
  await expect(spring).toHaveAccessibleDescription('Spark code for @jon_eats expired 2 days ago: ask for a new code');
  await expect(card(page, 'Spring promo @jon_eats')).toBeHidden();
  await spring.hover();
  await expect(card(page, 'Spring promo @jon_eats')).toBeVisible();
  await expect(card(page, 'Spring promo @jon_eats')).toHaveText(/^Code expired\s*Spark code for @jon_eats expired 2 days ago: ask for a new code$/);
  // Moving away closes a card the pointer opened.
  await page.mouse.move(0, 0);
  await expect(card(page, 'Spring promo @jon_eats')).toBeHidden();

  await expect(pill(page, 'UGC mia.creates 9:16')).toHaveText('Code still valid');
  await expect(pill(page, 'UGC mia.creates 9:16')).toHaveAccessibleDescription(
    /^Not delivering \(Ad group out of budget\)\. The Spark code for @mia\.creates is still valid/,
  );
  await expect(badge(page, 'Always on @jon_eats')).toHaveCount(0);

  // The badges take no room: no row grew taller or changed its columns to fit one.
  expect(await roomTakenByBadges(page)).toEqual([]);

  // A row whose name carries no handle: the buyer links it once, from the badge's card.
  const broad = pill(page, 'Broad – US');
  await expect(broad).toHaveText('No code linked');
  await broad.click();
  const broadCard = card(page, 'Broad – US');
  await expect(broadCard).toBeVisible();
  // A card opened with a click stays open while the pointer goes elsewhere.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  await expect(broadCard).toBeVisible();
  const choice = broadCard.getByLabel('Link to a code');
  await choice.selectOption({ label: await choice.locator('option', { hasText: '@jon_eats' }).innerText() });
  await broadCard.getByRole('button', { name: 'Link' }).click();
  await expect(broad).toHaveText('Code expired');
  await expect(broadCard).toContainText('Spark code for @jon_eats expired 2 days ago: ask for a new code');
  await expect(broadCard.getByRole('button', { name: 'Unlink this row from the code for @jon_eats' })).toBeVisible();
  // Using the badge never opened the row underneath it.
  expect(await page.evaluate(() => (window as unknown as { __rowClicks: number }).__rowClicks)).toBe(0);
  await page.keyboard.press('Escape');
  await expect(broadCard).toBeHidden();

  // The link is kept: a fresh load of the page shows it again.
  await page.reload();
  await expect(pill(page, 'Broad – US')).toHaveAccessibleDescription(/^Spark code for @jon_eats expired 2 days ago/);

  // Statuses change in place: the flag and the badge follow the row.
  await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
  await expect
    .poll(async () => (await readMarks(page)).flags)
    .toEqual(['Always on @jon_eats on row', 'Broad – US on row', 'UGC mia.creates 9:16 on row']);
  await expect(badge(page, 'Spring promo @jon_eats')).toHaveCount(0);
  await expect(pill(page, 'Always on @jon_eats')).toHaveAccessibleDescription(/^Spark code for @jon_eats expired 2 days ago/);

  // The popup shows what the overlay saw.
  await popup.page.reload();
  const watch = popup.page.getByRole('region', { name: 'In Ads Manager' });
  await expect(watch).toContainText(`3 ad groups not delivering ${inAccount(ACCOUNT)}, seen`);
  await expect(watch).toContainText('(4 ad groups read)');

  expect(await pageStorage(page)).toEqual({ databases: [], local: 0, session: 0 });
  expectNoOutsideRequests();
});

test('a badge’s card opens from the keyboard, takes the keyboard in, keeps it through a link, and Escape brings it back to the pill', async ({
  extension,
  context,
  serveAdsManager,
}) => {
  const { page } = await openListWithCodes(extension, context, serveAdsManager);

  const broad = pill(page, 'Broad – US');
  const broadCard = card(page, 'Broad – US');
  await expect(broad).toHaveText('No code linked');
  // Reach the pill with the keyboard, from whatever comes before it.
  await broad.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(broad).toBeFocused();
  await expect(broadCard).toBeVisible();
  await expect(broad).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(broadCard.getByLabel('Link to a code')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(broadCard).toBeHidden();
  await expect(broad).toBeFocused();
  await expect(broad).toHaveAttribute('aria-expanded', 'false');
  // Enter opens it for good; Enter again closes it.
  await page.keyboard.press('Enter');
  await expect(broadCard).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(broadCard).toBeHidden();
  // Linking from the keyboard: the keyboard stays in the card, on what replaced the Link button.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const choice = broadCard.getByLabel('Link to a code');
  await choice.selectOption({ label: await choice.locator('option', { hasText: '@jon_eats' }).innerText() });
  await page.keyboard.press('Tab');
  await expect(broadCard.getByRole('button', { name: 'Link' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(broad).toHaveText('Code expired');
  await expect(broadCard.getByRole('button', { name: 'Unlink this row from the code for @jon_eats' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(broadCard).toBeHidden();
  await expect(broad).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { __rowClicks: number }).__rowClicks)).toBe(0);
});

test('the checklist checks the code in the ledger for the previewed post and this ad account', async ({
  extension,
  context,
  serveAdsManager,
}) => {
  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  const now = Date.now();
  // The post in preview-spark-pass.html, with a code that has 20 hours left: time to swap, not to launch.
  await popup.save({
    handle: '@mia.creates',
    postUrl: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
    code: '#MiaCreatesCodeCCCCCCCCCCCC=',
    adAccount: ACCOUNT,
    validity: '7 days',
    createdAt: now - 7 * DAY + 20 * 60 * 60 * 1000,
  });

  const url = `https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=${ACCOUNT}`;
  await serveAdsManager(url, fixtureHtml(fixtureUrl('preview-spark-pass.html')));
  const page = await context.newPage();
  await page.goto(url);
  const checklist = page.locator('[data-spark-guard="preview-checklist"]');
  await expect(checklist).toHaveAttribute('data-verdict', 'fail');
  await expect(checklist.locator('[data-check="handle"]')).toHaveAttribute('data-state', 'pass');
  await expect(checklist.locator('[data-check="post"]')).toHaveAttribute('data-state', 'pass');
  const code = checklist.locator('[data-check="code"]');
  await expect(code).toHaveAttribute('data-state', 'fail');
  await expect(code).toContainText(/Spark code about to expire: (19|20) h left/);
  await expect(code).toContainText('swap it in before launching');

  // In another ad account the same post's code does not count.
  const other = 'https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=7098765432109876543';
  await serveAdsManager(other, fixtureHtml(fixtureUrl('preview-spark-pass.html')));
  await page.goto(other);
  await expect(checklist.locator('[data-check="code"]')).toContainText('The code is for another ad account');
});

test('an account line shown without "@" passes once the post’s code is in the ledger, and is never failed for the missing "@"', async ({
  extension,
  context,
  serveAdsManager,
}) => {
  const url = `https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=${ACCOUNT}`;
  await serveAdsManager(url, fixtureHtml(fixtureUrl('preview-account-no-at.html')));
  const page = await context.newPage();
  await page.goto(url);
  const checklist = page.locator('[data-spark-guard="preview-checklist"]');
  const handle = checklist.locator('[data-check="handle"]');
  // Nothing to match "sam.cooks" against: it may be the creator or a brand name, so it is not judged.
  await expect(checklist).toHaveAttribute('data-verdict', 'unknown');
  await expect(handle).toHaveAttribute('data-state', 'unknown');
  await expect(handle).toContainText('Can\'t tell if "sam.cooks" is the creator');

  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  await popup.save({
    handle: '@sam.cooks',
    postUrl: 'https://www.tiktok.com/@sam.cooks/video/7304567890123456789',
    code: '#SamCooksCodeDDDDDDDDDDDDDD=',
    adAccount: ACCOUNT,
    validity: '30 days',
    createdAt: Date.now() - DAY,
  });
  await page.reload();
  await expect(handle).toHaveAttribute('data-state', 'pass');
  await expect(handle).toContainText("Shows the creator's account sam.cooks");
  await expect(checklist).toHaveAttribute('data-verdict', 'pass');
});

test('the popup names a page that could not be read, and forgets it once that page reads fine', async ({
  extension,
  context,
  serveAdsManager,
}) => {
  const broken = `https://ads.tiktok.com/i18n/manage/adgroup?aadvid=${ACCOUNT}&st=2026-01-01`;
  const fine = `https://ads.tiktok.com/i18n/manage/adgroup?aadvid=${ACCOUNT}&st=2026-02-01`;
  await serveAdsManager(broken, fixtureHtml(fixtureUrl('list-no-status-column.html')));
  await serveAdsManager(fine, fixtureHtml(fixtureUrl('list-aria-grid-adgroups.html')));

  const page = await context.newPage();
  await page.goto(broken);
  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  const problem = popup.page.getByText("Ad groups page: couldn't find the status column. Spark Guard can't flag 'Not delivering' rows there.");
  await expect(problem).toBeVisible();

  await page.goto(fine);
  await expect.poll(async () => (await readMarks(page)).flags.length).toBe(2);
  await expect(problem).toHaveCount(0);
  await expect(popup.page.getByRole('region', { name: 'In Ads Manager' })).toContainText(`2 ad groups not delivering ${inAccount(ACCOUNT)}`);
});

test('a single-page navigation is followed without a reload', async ({ extension, context, serveAdsManager }) => {
  await serveAdsManager(LIST_URL, fixtureHtml(HANDLES_FIXTURE));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect.poll(async () => (await readMarks(page)).flags.length).toBe(3);

  // The app moves to the ads list of another account and renders new rows in place.
  const other = '7098765432109876543';
  await page.evaluate((account) => {
    history.pushState({}, '', `/i18n/manage/creative?aadvid=${account}`);
    const rows = document.getElementById('rows')!;
    rows.innerHTML =
      '<tr data-fixture-row="Night ad"><td>Night ad</td><td data-fixture-status>Not delivering</td><td>$5.00</td></tr>' +
      '<tr data-fixture-row="Day ad"><td>Day ad</td><td data-fixture-status>Active</td><td>$5.00</td></tr>';
  }, other);
  await expect.poll(async () => (await readMarks(page)).flags).toEqual(['Night ad on row']);

  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  const watch = popup.page.getByRole('region', { name: 'In Ads Manager' });
  await expect(watch).toContainText(`1 ad not delivering ${inAccount(other)}`);
  await expect(watch).toContainText(`3 ad groups not delivering ${inAccount(ACCOUNT)}`);
});

/** A long ad group list in its own scrolling box, as Ads Manager draws it; 400 rows, of which 5, 200 and 290 are not delivering. */
function longListHtml(): string {
  const rows = Array.from({ length: 400 }, (_, i) => {
    const status = [5, 200, 290].includes(i) ? '<div>Not delivering</div><div>Ad group out of budget</div>' : '<div>Active</div>';
    return `<tr data-fixture-row="Row ${i}"><td>Row ${i}</td><td>${status}</td><td>$50.00</td></tr>`;
  }).join('');
  return `<!doctype html><html><head><title>Ad groups</title><style>
    body { margin: 0; font: 13px sans-serif; } #box { height: 600px; overflow: auto; }
    td, th { padding: 6px 8px; border-bottom: 1px solid #ddd; text-align: left; }
  </style></head><body><div id="box"><table><thead><tr><th>Ad group name</th><th>Status</th><th>Budget</th></tr></thead>
  <tbody>${rows}</tbody></table></div></body></html>`;
}

const OUT_OF_BUDGET = /Not delivering\s*\(Ad group out of budget\)/;

test('rows far down a long list get their badge when the buyer scrolls to them, or when rows above them leave', async ({
  context,
  serveAdsManager,
}) => {
  await serveAdsManager(LIST_URL, longListHtml());
  const page = await context.newPage();
  await page.goto(LIST_URL);

  // Every not-delivering row is flagged at once; only the one on screen has its badge drawn yet.
  await expect.poll(async () => (await readMarks(page)).flags).toEqual(['Row 200 on row', 'Row 290 on row', 'Row 5 on row']);
  await expect(pill(page, 'Row 5')).toHaveAccessibleDescription(OUT_OF_BUDGET);
  await expect(badge(page, 'Row 200')).toHaveCount(0);
  await expect(badge(page, 'Row 290')).toHaveCount(0);

  // The buyer scrolls the list's own box down to row 200.
  await page.evaluate(() => {
    const target = document.querySelector('tr[data-fixture-row="Row 200"]')!;
    const box = document.getElementById('box')!;
    box.scrollTop += target.getBoundingClientRect().top - box.getBoundingClientRect().top - 100;
  });
  await expect(pill(page, 'Row 200')).toHaveAccessibleDescription(OUT_OF_BUDGET);
  await expect(badge(page, 'Row 290')).toHaveCount(0);

  // The page takes out the rows between: row 290 moves up into view without any scrolling.
  await page.evaluate(() => {
    for (let i = 201; i < 288; i++) document.querySelector(`tr[data-fixture-row="Row ${i}"]`)!.remove();
  });
  await expect(pill(page, 'Row 290')).toHaveAccessibleDescription(OUT_OF_BUDGET);
  await expect.poll(async () => (await readMarks(page)).flags).toEqual(['Row 200 on row', 'Row 290 on row', 'Row 5 on row']);
});
