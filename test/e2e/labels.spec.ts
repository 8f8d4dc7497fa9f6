import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixtureHtml } from './overlay-marks';
import { openOptionsPage } from './page-objects/options';
import { DAY, openPopupPage } from './page-objects/popup';

/**
 * Every control Spark Guard shows has a name a screen reader can say: in the popup with codes listed,
 * on the settings page, and in the overlay's checklist, launch dialog, badges and their cards.
 */

const CONTROLS = 'button, select, input, textarea, a[href], [role="button"], [role="checkbox"], [role="switch"], [role="tab"], [role="link"]';

/** Checks each visible control `controls` finds; returns how many it checked. */
async function expectNamed(controls: Locator): Promise<number> {
  let checked = 0;
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const html = await control.evaluate((el) => el.outerHTML.slice(0, 120));
    await expect(control, `a control without a name: ${html}`).toHaveAccessibleName(/\S/);
    checked += 1;
  }
  return checked;
}

test('every control in the popup and the settings page has a name', async ({ extension, context }) => {
  const tab = await context.newPage();
  const popup = await openPopupPage(tab, extension.extensionId);
  await popup.save({
    handle: '@jon_eats',
    postUrl: 'https://www.tiktok.com/@jon_eats/video/7301111111111111111',
    code: '#JonEatsCodeAAAAAAAAAAAAAA=',
    adAccount: '7012345678901234567',
    validity: '7 days',
    createdAt: Date.now() - 9 * DAY,
  });
  expect(await expectNamed(tab.locator(CONTROLS))).toBeGreaterThan(10);

  const settings = await context.newPage();
  await openOptionsPage(settings, extension.extensionId);
  expect(await expectNamed(settings.locator(CONTROLS))).toBeGreaterThan(3);
});

test("every control the overlay adds to Ads Manager has a name", async ({ extension, context, serveAdsManager }) => {
  const ours = (page: Page) => page.locator(`[data-spark-guard-host] :is(${CONTROLS})`);

  const creation = 'https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=7012345678901234567';
  await serveAdsManager(creation, fixtureHtml(new URL('../fixtures/overlay/creation-publish.html', import.meta.url)));
  const page = await context.newPage();
  await page.goto(creation);
  await expect(page.locator('[data-spark-guard="preview-checklist"]')).toHaveAttribute('data-verdict', 'fail');
  await page.locator('ks-button-1-4-2x button').click();
  await expect(page.getByRole('dialog', { name: 'This Spark Ad is not ready to launch' })).toBeVisible();
  expect(await expectNamed(ours(page))).toBeGreaterThanOrEqual(3);

  // A code in the ledger for the account, so the badge cards offer a code to link.
  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  await popup.save({
    handle: '@mia.creates',
    postUrl: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
    code: '#MiaCreatesCodeBBBBBBBBBBBB=',
    adAccount: '7012345678901234567',
    validity: '30 days',
    createdAt: Date.now() - DAY,
  });
  const list = 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7012345678901234567';
  await serveAdsManager(list, fixtureHtml(new URL('../fixtures/overlay/adgroups-with-handles.html', import.meta.url)));
  await page.goto(list);
  await expect(page.locator('[data-spark-guard-host="not-delivering-badge"]')).toHaveCount(3);
  // Every card opened, so its link controls are checked too.
  for (const pill of await page.locator('[data-spark-guard-host="not-delivering-badge"] button.pill').all()) {
    await pill.click();
    expect(await expectNamed(ours(page))).toBeGreaterThanOrEqual(3);
    // Closed again: an open card lies over the rows below it.
    await page.keyboard.press('Escape');
  }
});
