import type { Page } from '@playwright/test';
import { contrast } from './contrast';
import { expect, test } from './fixtures';
import { fixtureHtml } from './overlay-marks';
import { openOptionsPage } from './page-objects/options';
import { DAY, openPopupPage } from './page-objects/popup';

/**
 * Keyboard focus is always visible: every control the Tab key reaches in the popup, the settings page
 * and the overlay on Ads Manager shows a focus ring at least 2 px wide that stands out from what is
 * around it (3:1), in the light and the dark theme.
 */

interface Focused {
  where: string;
  inOverlay: boolean;
  ring: string;
  ringColor: string;
  around: string;
}

/** The element the keyboard is on (through shadow roots), with its focus ring and the background around it. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const painted = (from: Element | null): string => {
      for (let n: Element | null = from; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) {
        const bg = getComputedStyle(n).backgroundColor;
        if (bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const st = getComputedStyle(el);
    const host = (el.getRootNode() as ShadowRoot).host;
    // Which overlay host it is in, so three badges' look-alike pills count as three.
    const hostIndex = host ? Array.from(document.querySelectorAll('[data-spark-guard-host]')).indexOf(host) : -1;
    return {
      where: `${hostIndex} ${el.localName}.${el.className} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`,
      inOverlay: !!host?.hasAttribute('data-spark-guard-host'),
      ring: st.outlineStyle === 'none' ? 'none' : st.outlineWidth,
      ringColor: st.outlineColor,
      around: painted(el.parentElement ?? host ?? null),
    };
  });
}

/** Presses Tab up to `presses` times and checks the ring of every control reached (`only`: which ones count). */
async function tabThrough(page: Page, presses: number, only: (f: Focused) => boolean = () => true): Promise<number> {
  const seen = new Set<string>();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
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
    await popup.save({
      handle: '@jon_eats',
      postUrl: 'https://www.tiktok.com/@jon_eats/video/7301111111111111111',
      code: '#JonEatsCodeAAAAAAAAAAAAAA=',
      adAccount: '7012345678901234567',
      validity: '7 days',
      createdAt: Date.now() - 5 * DAY,
    });
    await tab.locator('body').click({ position: { x: 1, y: 1 } });
    expect(await tabThrough(tab, 40)).toBeGreaterThan(8);

    const settings = await context.newPage();
    await settings.emulateMedia({ colorScheme: scheme });
    await openOptionsPage(settings, extension.extensionId);
    expect(await tabThrough(settings, 25)).toBeGreaterThan(3);
  });

  test(`the keyboard's place shows on the overlay's checklist, dialog and badges (${scheme} theme)`, async ({ context, serveAdsManager }) => {
    const creation = 'https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=7012345678901234567';
    await serveAdsManager(creation, fixtureHtml(new URL('../fixtures/overlay/creation-publish.html', import.meta.url)));
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(creation);
    await expect(page.locator('[data-spark-guard="preview-checklist"]')).toHaveAttribute('data-verdict', 'fail');
    const ours = (f: Focused) => f.inOverlay;
    expect(await tabThrough(page, 30, ours)).toBeGreaterThanOrEqual(1);
    await page.locator('ks-button-1-4-2x button').click();
    await expect(page.getByRole('dialog', { name: 'This Spark Ad is not ready to launch' })).toBeVisible();
    expect(await tabThrough(page, 4, ours)).toBeGreaterThanOrEqual(2);

    const list = 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7012345678901234567';
    await serveAdsManager(list, fixtureHtml(new URL('../fixtures/overlay/adgroups-with-handles.html', import.meta.url)));
    await page.goto(list);
    await expect(page.locator('[data-spark-guard-host="not-delivering-badge"]')).toHaveCount(3);
    expect(await tabThrough(page, 30, ours)).toBeGreaterThanOrEqual(3);
  });
}
