import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoCsv } from '../../scripts/demo.mjs';
import { expect, test } from './fixtures';
import { openOptionsPage } from './page-objects/options';
import { openPopupPage } from './page-objects/popup';

/**
 * axe-core's WCAG 2 A and AA rules on the popup and the settings page, in the light and the dark
 * theme, beside the project's own contrast and focus checks (themes.spec.ts, focus.spec.ts).
 */

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2 A or AA problem in the popup and the settings page (${scheme} theme)`, async ({ extension, context }) => {
    test.setTimeout(120_000);
    // Codes in every stage, with reminders shown and notes, and an "In Ads Manager" report: every part of the popup drawn.
    const options = await openOptionsPage(await context.newPage(), extension.extensionId);
    await options.page.emulateMedia({ colorScheme: scheme });
    await options.importFile('codes.csv', demoCsv(Date.now()));
    await expect(options.status('Import')).toContainText('Imported 6 codes.');
    // The import's report is on the page too.
    expect(await violations(options.page)).toEqual([]);

    const popup = await openPopupPage(await context.newPage(), extension.extensionId);
    await popup.page.emulateMedia({ colorScheme: scheme });
    await expect(popup.items).toHaveCount(5);
    expect(await violations(popup.page), 'with the form closed').toEqual([]);
    await popup.openForm();
    await popup.submit({ handle: '@x', postUrl: 'not a link', code: '#short', adAccount: '12' });
    await expect(popup.alert).toBeVisible();
    expect(await violations(popup.page), 'with the form open, showing a problem').toEqual([]);
    await popup.page.getByLabel('Show replaced').check();
    expect(await violations(popup.page), 'with replaced codes shown').toEqual([]);
  });
}
