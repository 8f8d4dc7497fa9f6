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

test('a list whose headers turn Japanese without a reload is named in the popup as not in English', async ({
  context,
  serveAdsManager,
  openPopup,
}) => {
  const url = 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7000000000003';
  // No lang on the page: only the headers tell. They change in place soon after the first reading,
  // as a single-page app switching its language would, and nothing on the page changes after that.
  await serveAdsManager(
    url,
    `<!doctype html><html><head><meta charset="utf-8"><title>Ad groups</title></head><body><table>
      <thead><tr><th>Ad group name</th><th>Status</th></tr></thead>
      <tbody><tr><td>Spring push</td><td>Active</td></tr></tbody></table>
      <script>
        setTimeout(() => {
          const [name, status] = document.querySelectorAll('th');
          name.textContent = '広告グループ名';
          status.textContent = 'ステータス';
        }, 600);
      </script></body></html>`,
  );
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(() => page.evaluate(() => document.querySelector('th')?.textContent)).toBe('広告グループ名');

  const popup = await openPopup();
  const watch = popup.getByRole('region', { name: 'In Ads Manager' });
  await expect(watch).toContainText('Ads Manager is not in English: Spark Guard reads the English interface only.', { timeout: 10_000 });
});

test('a list too long to read at once is read over idle time: every not-delivering row flagged, changes during the reading included', async ({
  context,
  serveAdsManager,
}) => {
  const url = 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7000000000002';
  const rows = Array.from(
    { length: 1500 },
    (_, i) =>
      `<tr data-fixture-row="Ad group ${i}"><td>Ad group ${i}</td><td data-fixture-status>${i % 10 === 0 ? 'Not delivering' : 'Active'}</td></tr>`,
  ).join('');
  await serveAdsManager(
    url,
    `<!doctype html><html lang="en"><head><title>Ad groups</title></head><body><table>
      <thead><tr><th>Ad group name</th><th>Status</th></tr></thead><tbody id="rows">${rows}</tbody></table>
      <script>
        // While the overlay may still be reading: a row far down changes, another is appended.
        setTimeout(() => {
          document.querySelector('[data-fixture-row="Ad group 1499"] td:last-child').textContent = 'Not delivering';
          document.querySelector('[data-fixture-row="Ad group 1490"] td:last-child').textContent = 'Active';
          document.getElementById('rows').insertAdjacentHTML('beforeend', '<tr data-fixture-row="Late"><td>Late</td><td data-fixture-status>Not delivering</td></tr>');
        }, 1600);
      </script></body></html>`,
  );
  const page = await context.newPage();
  await page.goto(url);
  const expected = [
    ...Array.from({ length: 150 }, (_, k) => k * 10)
      .filter((i) => i !== 1490)
      .map((i) => `Ad group ${i} on row`),
    'Ad group 1499 on row',
    'Late on row',
  ].sort();
  await expect.poll(async () => (await readMarks(page)).flags, { timeout: 15_000 }).toEqual(expected);
});
