import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { fixtureHtml } from './overlay-marks';
import { SAMPLE_ACCOUNT } from './page-objects/popup';

/**
 * The two overlay pages the screen checks open: a creation page whose checklist fails (with the launch
 * guard's dialog one click away) and an ad group list with three badges. `css` goes into the page's
 * head, as the page's own styles.
 */

export const CREATION_URL = `https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=${SAMPLE_ACCOUNT}`;
const CREATION = new URL('../fixtures/overlay/creation-publish.html', import.meta.url);
export const LIST_URL = `https://ads.tiktok.com/i18n/manage/adgroup?aadvid=${SAMPLE_ACCOUNT}`;
const LIST = new URL('../fixtures/overlay/adgroups-with-handles.html', import.meta.url);

type Serve = (url: string, html: string) => Promise<void>;

function withCss(html: string, css: string): string {
  return html.replace('</head>', `${css}</head>`);
}

/** The creation page, its checklist showing a fail. */
export async function openCreation(context: BrowserContext, serve: Serve, css = ''): Promise<Page> {
  await serve(CREATION_URL, withCss(fixtureHtml(CREATION), css));
  const page = await context.newPage();
  await page.goto(CREATION_URL);
  await expect(page.locator('[data-spark-guard="preview-checklist"]')).toHaveAttribute('data-verdict', 'fail');
  return page;
}

/** Clicks the creation page's Publish and waits for the launch guard's dialog. */
export async function showLaunchGuard(page: Page): Promise<void> {
  await page.locator('ks-button-1-4-2x button').click();
  await expect(page.getByRole('dialog', { name: 'This Spark Ad is not ready to launch' })).toBeVisible();
}

/** The creation page with its failing checklist and the launch guard's dialog showing. */
export async function openCreationWithGuard(context: BrowserContext, serve: Serve, css = ''): Promise<Page> {
  const page = await openCreation(context, serve, css);
  await showLaunchGuard(page);
  return page;
}

/** The ad group list, its three not-delivering rows badged. */
export async function openListWithBadges(context: BrowserContext, serve: Serve, css = ''): Promise<Page> {
  await serve(LIST_URL, withCss(fixtureHtml(LIST), css));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(page.locator('[data-spark-guard-host="not-delivering-badge"]')).toHaveCount(3);
  return page;
}
