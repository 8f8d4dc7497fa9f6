import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixtureHtml } from './overlay-marks';

/**
 * The launch guard: while the checklist fails (or cannot tell), Publish and Submit first ask, say why,
 * keep the keyboard in the dialog, and let the buyer go ahead; once the preview passes, they never ask.
 */

const URL = 'https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=7012345678901234567';
const FIXTURE = new globalThis.URL('../fixtures/overlay/creation-publish.html', import.meta.url);

const launches = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __published: number; __submitted: number };
    return { published: w.__published, submitted: w.__submitted };
  });
const verdict = (page: Page) => page.locator('[data-spark-guard="preview-checklist"]').getAttribute('data-verdict');

test('Publish on a broken Spark Ad asks first, says why, and lets the buyer go ahead', async ({ context, serveAdsManager, expectNoOutsideRequests }) => {
  await serveAdsManager(URL, fixtureHtml(FIXTURE));
  const page = await context.newPage();
  await page.goto(URL);
  await expect.poll(() => verdict(page)).toBe('fail');

  const publish = page.locator('ks-button-1-4-2x button');
  const dialog = page.getByRole('dialog', { name: 'This Spark Ad is not ready to launch' });
  await publish.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toContainText('No creator handle in the preview');
  await expect(dialog).toContainText('Identity is "Custom identity');
  expect(await launches(page)).toEqual({ published: 0, submitted: 0 });

  // Focus starts on the safe choice and stays inside the dialog.
  const back = dialog.getByRole('button', { name: 'Go back and fix' });
  const anyway = dialog.getByRole('button', { name: 'Publish anyway' });
  await expect(back).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(back).not.toBeFocused();
  await expect(anyway).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(back).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(anyway).toBeFocused();

  // Escape goes back, and nothing was published.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await launches(page)).toEqual({ published: 0, submitted: 0 });

  // A plain role=button "Submit" is guarded too; "Go back and fix" closes without submitting.
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(dialog).toBeVisible();
  await back.click();
  await expect(dialog).toBeHidden();
  expect(await launches(page)).toEqual({ published: 0, submitted: 0 });

  // "Publish anyway" lets exactly that click through to the page.
  await publish.click();
  await anyway.click();
  await expect(dialog).toBeHidden();
  expect(await launches(page)).toEqual({ published: 1, submitted: 0 });

  // Asked again next time: going ahead once is not a standing permission.
  await publish.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  expect(await launches(page)).toEqual({ published: 1, submitted: 0 });

  expectNoOutsideRequests();
});

test('once the preview passes, Publish goes straight through; a later identity change brings the guard back', async ({ context, serveAdsManager }) => {
  await serveAdsManager(URL, fixtureHtml(FIXTURE));
  const page = await context.newPage();
  await page.goto(URL);
  await expect.poll(() => verdict(page)).toBe('fail');
  await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
  await expect.poll(() => verdict(page)).toBe('pass');

  await page.locator('ks-button-1-4-2x button').click();
  await page.getByRole('button', { name: 'Submit' }).click();
  expect(await launches(page)).toEqual({ published: 1, submitted: 1 });
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The identity changes in the form while the preview stays the same: the guard is back.
  await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
  await expect.poll(() => verdict(page)).toBe('fail');
  await expect(page.locator('[data-check="identity"]')).toHaveAttribute('data-state', 'fail');
  await expect(page.locator('[data-check="handle"]')).toHaveAttribute('data-state', 'pass');
  await page.locator('ks-button-1-4-2x button').click();
  await expect(page.getByRole('dialog')).toContainText('Identity is "Custom identity');
});

test('a Publish click in the same moment the identity changes is judged on the changed page', async ({ context, serveAdsManager }) => {
  await serveAdsManager(URL, fixtureHtml(FIXTURE));
  const page = await context.newPage();
  await page.goto(URL);
  await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
  await expect.poll(() => verdict(page)).toBe('pass');

  // The form switches back to Custom identity and Publish is clicked in the same task: no frame, no
  // pass of the overlay in between.
  await page.evaluate(() => {
    document.getElementById('identity')!.innerHTML = '<span>Custom identity</span><span>· Acme Snacks</span>';
    document.querySelector('ks-button-1-4-2x')!.shadowRoot!.querySelector('button')!.click();
  });
  await expect(page.getByRole('dialog')).toContainText('Identity is "Custom identity');
  expect(await launches(page)).toEqual({ published: 0, submitted: 0 });
  await expect.poll(() => verdict(page)).toBe('fail');
});

const UNLABELLED = new globalThis.URL('../fixtures/overlay/creation-unlabelled.html', import.meta.url);

test('a preview with no "Preview" label anywhere, known only by what it shows, gets the checklist and the launch guard', async ({
  context,
  serveAdsManager,
  expectNoOutsideRequests,
}) => {
  await serveAdsManager(URL, fixtureHtml(UNLABELLED));
  const page = await context.newPage();
  await page.goto(URL);
  await page.evaluate(() => (window as unknown as { __fixture: { ready: Promise<void> } }).__fixture.ready);
  // Nothing the page shows or says names a preview: no text, no label, no heading, no attribute.
  const named = await page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((el) => !el.hasAttribute('data-spark-guard-host') && !el.closest('[data-spark-guard-host]') && el.localName !== 'script')
      .some((el) => /preview/i.test(Array.from(el.attributes).map((a) => a.value).join(' ') + ' ' + (el.childNodes.length ? Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join(' ') : ''))),
  );
  expect(named).toBe(false);

  await expect.poll(() => verdict(page)).toBe('fail');
  await expect(page.locator('[data-spark-guard="preview-checklist"]')).toHaveCount(1);
  await expect(page.locator('[data-check="handle"]')).toHaveAttribute('data-state', 'fail');
  await expect(page.locator('[data-check="avatar"]')).toHaveAttribute('data-state', 'fail');
  await expect(page.locator('[data-check="comments"]')).toHaveAttribute('data-state', 'fail');

  const publish = page.locator('ks-button-1-4-2x button');
  const dialog = page.getByRole('dialog', { name: 'This Spark Ad is not ready to launch' });
  await publish.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('No creator handle in the preview');
  await page.keyboard.press('Escape');
  expect(await launches(page)).toEqual({ published: 0, submitted: 0 });

  // The buyer fixes the identity: the unlabelled preview re-renders as a Spark Ad, still one checklist,
  // and Publish goes straight through.
  await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
  await expect.poll(() => verdict(page)).toBe('pass');
  await expect(page.locator('[data-spark-guard="preview-checklist"]')).toHaveCount(1);
  await publish.click();
  expect(await launches(page)).toEqual({ published: 1, submitted: 0 });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expectNoOutsideRequests();
});
