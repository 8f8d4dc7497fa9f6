import type { Page } from '@playwright/test';
import { contrast, luminance, readShownTexts } from './contrast';
import { expect, test } from './fixtures';
import { openOptionsPage } from './page-objects/options';
import { DAY, HOUR, openPopupPage, type CodeEntry } from './page-objects/popup';

/**
 * The popup and the settings page in the buyer's light and dark themes: the page itself turns light or
 * dark, and every piece of text on it (code stages, countdowns, hints) reads at 4.5:1 or better.
 * The overlay on Ads Manager has its own checks in overlay-look.spec.ts.
 */

const ACCOUNT = '7012345678901234567';

/** One code in each stage, so each stage's colours are on screen. */
function codesInEveryStage(now: number): CodeEntry[] {
  const code = (handle: string, n: number, createdAt: number, validity: CodeEntry['validity']): CodeEntry => ({
    handle: `@${handle}`,
    postUrl: `https://www.tiktok.com/@${handle}/video/73011111111111111${n}`,
    code: `#${handle.replace(/\W/g, '')}CodeAAAAAAAAAAAAAAAA${n}=`,
    adAccount: ACCOUNT,
    validity,
    createdAt,
  });
  return [
    code('expired_one', 11, now - 9 * DAY, '7 days'),
    code('swap_today', 12, now - 7 * DAY + 12 * HOUR, '7 days'),
    code('reach_out', 13, now - 5 * DAY, '7 days'),
    code('all_fine', 14, now - DAY, '30 days'),
  ];
}

async function expectThemed(page: Page, scheme: 'light' | 'dark', what: string): Promise<void> {
  const texts = await readShownTexts(page, null);
  expect(texts.length, `${what}: text read`).toBeGreaterThan(10);
  for (const t of texts) {
    expect(contrast(t.color, t.background), `${what} ${t.where}: ${t.color} on ${t.background}`).toBeGreaterThanOrEqual(4.5);
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  if (scheme === 'dark') expect(luminance(background), `${what} background ${background}`).toBeLessThan(0.05);
  else expect(luminance(background), `${what} background ${background}`).toBeGreaterThan(0.8);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the popup and the settings follow the ${scheme} theme, with readable text`, async ({ extension, context }) => {
    const tab = await context.newPage();
    await tab.emulateMedia({ colorScheme: scheme });
    const popup = await openPopupPage(tab, extension.extensionId);
    for (const entry of codesInEveryStage(Date.now())) await popup.save(entry);
    await expect(tab.getByText('@all_fine')).toBeVisible();
    await expectThemed(tab, scheme, 'popup');

    const settings = await context.newPage();
    await settings.emulateMedia({ colorScheme: scheme });
    await openOptionsPage(settings, extension.extensionId);
    await expectThemed(settings, scheme, 'settings');
  });
}
