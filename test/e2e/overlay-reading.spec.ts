import type { Locator, Page } from '@playwright/test';
import { FIXTURES, fixtureUrl } from '../fixtures/ads-manager/expected';
import { expect, test } from './fixtures';
import { fixtureHtml, readMarks } from './overlay-marks';

/**
 * The overlay on Ads Manager pages it can only read by meaning, live in the built extension at real
 * Ads Manager addresses: a virtual list with no roles at all gets its flags and badges, TikTok's Spark
 * secondary statuses and the reasons that are not Spark problems get the right badges, and a page in
 * Japanese is named as such in the popup.
 */

const spec = (file: string) => FIXTURES.find((f) => f.file === file)!;

/** The badge pill on the virtual row named `name` (its status cell carries the flag and the badge). */
function pill(page: Page, name: string): Locator {
  return page
    .locator(`[data-fixture-row="${name}"][data-fixture-status]`)
    .locator('[data-spark-guard-host="not-delivering-badge"] button.pill');
}

test('a virtual list with no ARIA roles gets its not-delivering flags, and badges that tell Spark causes from others', async ({
  context,
  serveAdsManager,
  expectNoOutsideRequests,
}) => {
  const roleless = spec('list-virtual-roleless-ads.html');
  await serveAdsManager(roleless.url, fixtureHtml(fixtureUrl(roleless.file)));
  const page = await context.newPage();
  await page.goto(roleless.url);

  const flagsOnStatusCells = roleless.initial.flagged.map((name) => `${name} on status`).sort();
  await expect.poll(async () => (await readMarks(page)).flags.sort()).toEqual(flagsOnStatusCells);

  // TikTok's Spark secondary statuses: red, and what to do, with no code in the ledger.
  for (const name of ['Glow Serum – Mia', 'Night Balm – Zoe']) {
    await expect(pill(page, name)).toHaveText(/^Spark (code|identity) lost$/);
    await expect(pill(page, name)).toHaveAccessibleDescription(/Ask the creator for a new or extended code, then enter it with 'Use TikTok account to deliver Spark Ads'/);
    await expect(pill(page, name)).toHaveClass(/\bbad\b/);
  }
  // Budget, schedule, balance and review: neutral, never "No code linked".
  for (const [name, label] of [
    ['Lip Tint – Ava', 'Budget'],
    ['Sun Fluid – Kai', 'Schedule'],
    ['Body Oil – Lea', 'Balance'],
    ['Face Mist – Eli', 'Not approved'],
  ]) {
    await expect(pill(page, name!)).toHaveText(label!);
    await expect(pill(page, name!)).toHaveClass(/\binfo\b/);
    await expect(pill(page, name!)).toHaveAccessibleDescription(/not a Spark code problem/);
  }
  await expect(page.getByText('No code linked')).toHaveCount(0);

  // The list keeps changing in place: flags follow, inside the shadow roots too.
  for (const after of roleless.after ?? []) {
    await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
    await expect.poll(async () => (await readMarks(page)).flags.sort()).toEqual(after.flagged.map((name) => `${name} on status`).sort());
  }
  expectNoOutsideRequests();
});

test('after a visit to Ads Manager in Japanese, the popup says Spark Guard reads the English interface only', async ({
  context,
  serveAdsManager,
  openPopup,
}) => {
  const ja = spec('list-ja-adgroups.html');
  await serveAdsManager(ja.url, fixtureHtml(fixtureUrl(ja.file)));
  const page = await context.newPage();
  await page.goto(ja.url);
  await expect.poll(async () => (await readMarks(page)).flags).toEqual([]);

  const popup = await openPopup();
  const watch = popup.getByRole('region', { name: 'In Ads Manager' });
  await expect(watch).toContainText('Ads Manager is in Japanese: Spark Guard reads the English interface only.', { timeout: 10_000 });

  // Back in English, the note goes away.
  const english = spec('list-table-campaigns.html');
  await serveAdsManager(ja.url, fixtureHtml(fixtureUrl(english.file)));
  await page.reload();
  await expect(popup.getByText('Ads Manager is in Japanese')).toHaveCount(0, { timeout: 10_000 });
});
