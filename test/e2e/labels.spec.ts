import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openCreationWithGuard, openListWithBadges } from './overlay-pages';
import { openOptionsPage } from './page-objects/options';
import { openPopupPage, sampleCodes } from './page-objects/popup';

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
  await popup.save(sampleCodes(Date.now())[0]);
  expect(await expectNamed(tab.locator(CONTROLS))).toBeGreaterThan(10);

  const settings = await context.newPage();
  await openOptionsPage(settings, extension.extensionId);
  expect(await expectNamed(settings.locator(CONTROLS))).toBeGreaterThan(3);
});

test("every control the overlay adds to Ads Manager has a name", async ({ extension, context, serveAdsManager }) => {
  const ours = (page: Page) => page.locator(`[data-spark-guard-host] :is(${CONTROLS})`);

  const creation = await openCreationWithGuard(context, serveAdsManager);
  expect(await expectNamed(ours(creation))).toBeGreaterThanOrEqual(3);

  // A code in the ledger for the account, so the badge cards offer a code to link.
  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  await popup.save(sampleCodes(Date.now())[1]);
  const page = await openListWithBadges(context, serveAdsManager);
  // Every card opened, so its link controls are checked too.
  for (const pill of await page.locator('[data-spark-guard-host="not-delivering-badge"] button.pill').all()) {
    await pill.click();
    expect(await expectNamed(ours(page))).toBeGreaterThanOrEqual(3);
    // Closed again: an open card lies over the rows below it.
    await page.keyboard.press('Escape');
  }
});
