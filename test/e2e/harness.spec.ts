import { expect, test } from './fixtures';

// The e2e harness itself: if these fail, the ledger and overlay specs cannot be trusted.

test('a stopped service worker is really gone, and the next alarm starts it again', async ({
  extension,
  openPopup,
  serviceWorker,
}) => {
  expect(await extension.serviceWorkerRunning()).toBe(true);
  await extension.stopServiceWorker();
  expect(await extension.serviceWorkerRunning()).toBe(false);

  const popup = await openPopup();
  await popup.evaluate(() => chrome.alarms.create('next-due', { when: Date.now() }));
  await expect.poll(() => extension.serviceWorkerRunning()).toBe(true);
  // The same handle drives the restarted worker.
  expect(await serviceWorker.evaluate(() => chrome.runtime.id)).toBe(extension.extensionId);
});

test('requests to the outside world are blocked and recorded', async ({ context, extension }) => {
  const page = await context.newPage();
  await expect(page.goto('https://www.tiktok.com/@mia.creates')).rejects.toThrow();
  expect(extension.outsideRequests.map((r) => r.url)).toContain('https://www.tiktok.com/@mia.creates');
});

test('Ads Manager pages are served locally from fixture HTML', async ({ context, serveAdsManager, expectNoOutsideRequests }) => {
  const url = 'https://ads.tiktok.com/i18n/perf/campaign?aadvid=7012345678901234567';
  await serveAdsManager(url, '<!doctype html><title>Campaigns</title><h1>Campaigns</h1>');
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Campaigns' })).toBeVisible();
  expectNoOutsideRequests();
});
