import type { Page } from '@playwright/test';
import { contrast, readFocused, type Focused } from './contrast';
import { expect, test } from './fixtures';
import { openCreation, openListWithBadges, showLaunchGuard } from './overlay-pages';
import { openOptionsPage } from './page-objects/options';
import { DAY, openPopupPage, sampleCodes } from './page-objects/popup';

/**
 * Keyboard focus is always visible: every control the Tab key reaches in the popup, the settings page
 * and the overlay on Ads Manager shows a focus ring at least 2 px wide that stands out from what is
 * around it (3:1), in the light and the dark theme.
 */

/** Presses Tab up to `presses` times and checks the ring of every control reached (`only`: which ones count). */
async function tabThrough(page: Page, presses: number, only: (f: Focused) => boolean = () => true): Promise<number> {
  const seen = new Set<string>();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const f = await readFocused(page);
    if (!f || !only(f) || seen.has(f.where)) continue;
    seen.add(f.where);
    expect(f.ring, `${f.where} shows no focus ring`).not.toBe('none');
    expect(parseFloat(f.ring), `${f.where}: focus ring width`).toBeGreaterThanOrEqual(2);
    expect(contrast(f.ringColor, f.around), `${f.where}: ring ${f.ringColor} on ${f.around}`).toBeGreaterThanOrEqual(3);
  }
  return seen.size;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the keyboard's place shows in the popup and the settings page (${scheme} theme)`, async ({ extension, context }) => {
    const tab = await context.newPage();
    await tab.emulateMedia({ colorScheme: scheme });
    const popup = await openPopupPage(tab, extension.extensionId);
    // A code in its reach-out stage, so its actions are on screen.
    await popup.save({ ...sampleCodes(Date.now())[0], createdAt: Date.now() - 5 * DAY });
    await tab.locator('body').click({ position: { x: 1, y: 1 } });
    expect(await tabThrough(tab, 40)).toBeGreaterThan(8);

    const settings = await context.newPage();
    await settings.emulateMedia({ colorScheme: scheme });
    await openOptionsPage(settings, extension.extensionId);
    expect(await tabThrough(settings, 25)).toBeGreaterThan(3);
  });

  test(`the keyboard's place shows on the overlay's checklist, dialog and badges (${scheme} theme)`, async ({ context, serveAdsManager }) => {
    const ours = (f: Focused) => f.inOverlay;
    const creation = await openCreation(context, serveAdsManager);
    await creation.emulateMedia({ colorScheme: scheme });
    expect(await tabThrough(creation, 30, ours)).toBeGreaterThanOrEqual(1);
    await showLaunchGuard(creation);
    expect(await tabThrough(creation, 4, ours)).toBeGreaterThanOrEqual(2);

    const list = await openListWithBadges(context, serveAdsManager);
    await list.emulateMedia({ colorScheme: scheme });
    expect(await tabThrough(list, 30, ours)).toBeGreaterThanOrEqual(3);
  });
}
