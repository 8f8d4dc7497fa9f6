import type { Page } from '@playwright/test';
import { expect, test, type ExtensionSession } from './fixtures';
import { openOptionsPage } from './page-objects/options';
import { openListWithBadges } from './overlay-pages';
import { DAY, HOUR, openPopupPage, SAMPLE_ACCOUNT, type PopupPage } from './page-objects/popup';

/**
 * The popup at its real size in the toolbar, 380×600: what needs the buyer is on screen first, the add
 * form waits behind "Add a code", and the status line never covers a code's buttons.
 */

const iso = (at: number) => new Date(at).toISOString();

/** Five codes, one of them expired, brought in through the settings page's import. */
async function importFiveCodes(extension: ExtensionSession, now = Date.now()): Promise<void> {
  const rows: [handle: string, days: number, createdAt: number][] = [
    ['fresh.one', 30, now - DAY],
    ['fresh.two', 60, now - 2 * DAY],
    ['reach.out.soon', 7, now - 5 * DAY],
    ['a.rather.long.handle_24c', 7, now - 6 * DAY - 12 * HOUR],
    ['gone.quiet', 7, now - 9 * DAY],
  ];
  const csv = [
    'Creator,Post URL,Ad account,Code,Valid for,Created,Notes',
    ...rows.map(
      ([handle, days, createdAt], i) =>
        `${handle},https://www.tiktok.com/@${handle}/video/730155555555555555${i},${SAMPLE_ACCOUNT},#Layout${i}CodeAAAAAAAAAAAAAAAAAA=,${days} days,${iso(createdAt)},A note that takes a line or two of the card`,
    ),
  ].join('\r\n');
  const options = await openOptionsPage(await extension.context.newPage(), extension.extensionId);
  await options.importFile('codes.csv', csv);
  await expect(options.status('Import')).toContainText('Imported 5 codes.');
  await options.page.close();
}

async function popupAt380x600(extension: ExtensionSession): Promise<PopupPage> {
  const page = await extension.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  const popup = await openPopupPage(page, extension.extensionId);
  await expect(popup.items).toHaveCount(5);
  return popup;
}

test('at 380×600, with five codes of which one expired, the expired code is on screen without scrolling', async ({
  extension,
  context,
  serveAdsManager,
}) => {
  await importFiveCodes(extension);
  // The overlay has seen a list, so the popup's "In Ads Manager" summary is there too, as it is for a buyer.
  await (await openListWithBadges(context, serveAdsManager)).close();

  const popup = await popupAt380x600(extension);
  await expect(popup.page.getByRole('region', { name: 'In Ads Manager' })).toBeVisible();
  const expired = popup.item('gone.quiet');
  await expect(expired).toContainText('Expired');
  await expect(popup.items.first()).toContainText('@gone.quiet');
  // All of it: what to do and its buttons too.
  await expect(expired).toBeInViewport({ ratio: 1 });
  await expect(expired.getByRole('button', { name: 'Renew code for @gone.quiet' })).toBeInViewport();
  // The add form waits behind its button.
  await expect(popup.saveButton).toBeHidden();
  await expect(popup.addToggle).toHaveAttribute('aria-expanded', 'false');

  // Each countdown stays on one line, even beside a long handle at this width.
  const countdownLines = await popup.list.evaluate((list) =>
    Array.from(list.querySelectorAll('li > p:first-child > span:last-child')).map((span) => [span.textContent, span.getClientRects().length]),
  );
  expect(countdownLines).toHaveLength(5);
  for (const [text, lines] of countdownLines) expect(lines, `"${text}"`).toBe(1);
});

test('the add form opens by itself on an empty ledger, and waits behind "Add a code" once there are codes', async ({ extension }) => {
  const empty = await openPopupPage(await extension.context.newPage(), extension.extensionId);
  await expect(empty.saveButton).toBeVisible();
  await expect(empty.addToggle).toHaveAttribute('aria-expanded', 'true');
  await empty.page.close();

  await importFiveCodes(extension);
  const popup = await popupAt380x600(extension);
  await expect(popup.saveButton).toBeHidden();
  await popup.addToggle.click();
  await expect(popup.addToggle).toHaveAttribute('aria-expanded', 'true');
  await expect(popup.saveButton).toBeVisible();
  await expect(popup.handleField).toBeFocused();
  // Closed again with the same button, from the keyboard.
  await popup.addToggle.focus();
  await popup.page.keyboard.press('Enter');
  await expect(popup.saveButton).toBeHidden();
});

/** The list's buttons wholly on screen that something else covers at their centre. */
function coveredButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('ul[aria-label="Codes"] button'))) {
      const r = button.getBoundingClientRect();
      const inView = r.top >= 0 && r.bottom <= innerHeight && r.width > 0;
      const main = button.closest('main')!.getBoundingClientRect();
      if (!inView || r.top < main.top || r.bottom > main.bottom) continue;
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !button.contains(top)) covered.push(`${button.getAttribute('aria-label')} under ${top?.textContent?.slice(0, 40)}`);
    }
    return covered;
  });
}

test('the status line never covers a code’s buttons, wherever the list is scrolled', async ({ extension }) => {
  await importFiveCodes(extension);
  const popup = await popupAt380x600(extension);
  await popup.openForm();
  await popup.item('fresh.two').getByRole('button', { name: 'Mark pulled: code for @fresh.two' }).click();
  await expect(popup.status).toContainText('Marked pulled: @fresh.two');

  const main = popup.page.getByRole('main');
  for (const where of ['top', 'middle', 'bottom'] as const) {
    await main.evaluate((el, to) => {
      el.scrollTop = to === 'top' ? 0 : to === 'middle' ? (el.scrollHeight - el.clientHeight) / 2 : el.scrollHeight;
    }, where);
    await expect(popup.status).toBeVisible();
    expect(await coveredButtons(popup.page), `scrolled to the ${where}`).toEqual([]);
    // The line sits below the list's box, not over it.
    const [status, list] = await Promise.all([popup.status.boundingBox(), main.boundingBox()]);
    expect(status!.y, `scrolled to the ${where}`).toBeGreaterThanOrEqual(list!.y + list!.height - 0.5);
  }
});
