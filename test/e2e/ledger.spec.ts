import type { Page, Worker } from '@playwright/test';
import { expect, test, type ExtensionSession } from './fixtures';
import { DAY, HOUR, MINUTE, openPopupPage, PopupPage, type CodeEntry } from './page-objects/popup';

/**
 * The code ledger in the real, built extension: the popup form, the background that owns the database,
 * the toolbar badge, reminders and their alarm, across service-worker and browser restarts.
 */

const ACCOUNT = '7012345678901234567';
const OTHER_ACCOUNT = '7098765432109876543';

/** A code for `handle`, made `createdAgo` ms ago, valid `validity`. */
function entry(handle: string, post: string, code: string, createdAgo: number, validity: CodeEntry['validity'] = '30 days'): CodeEntry {
  return {
    handle: `@${handle}`,
    postUrl: `https://www.tiktok.com/@${handle}/video/${post}`,
    code,
    adAccount: ACCOUNT,
    validity,
    createdAt: Date.now() - createdAgo,
  };
}

const VALID = { '7 days': 7 * DAY, '30 days': 30 * DAY } as const;

/** A code that expires `left` ms from now (give or take the minute "Code created" is rounded to). */
function expiringIn(handle: string, post: string, code: string, left: number, validity: keyof typeof VALID = '30 days') {
  return entry(handle, post, code, VALID[validity] - left, validity);
}

async function popupOf(extension: ExtensionSession): Promise<PopupPage> {
  return openPopupPage(await extension.context.newPage(), extension.extensionId);
}

const badgeText = (sw: Worker) => sw.evaluate(() => chrome.action.getBadgeText({}));
const badgeColor = (sw: Worker) => sw.evaluate(() => chrome.action.getBadgeBackgroundColor({}));
const shownNotifications = (sw: Worker) => sw.evaluate(() => chrome.notifications.getAll().then(Object.keys));

/** Takes every reminder off the screen, so a reminder shown again is seen. */
async function dismissNotifications(sw: Worker): Promise<void> {
  await sw.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
}

/**
 * Fires the reminder alarm now, from an extension page (so it also works while the worker is stopped:
 * the alarm is what wakes it), and waits until the background has handled it: it then sets the alarm
 * again to the next moment something falls due, hours away.
 */
async function fireReminderAlarm(page: Page): Promise<void> {
  await page.evaluate(() => chrome.alarms.create('next-due', { when: Date.now() }));
  await expect
    .poll(() => page.evaluate(async () => ((await chrome.alarms.get('next-due'))?.scheduledTime ?? 0) - Date.now()), {
      message: 'the background should handle the alarm and set the next one',
      timeout: 15_000,
    })
    .toBeGreaterThan(HOUR);
}

test('a saved code is listed with its countdown and what to do next', async ({ extension }) => {
  const popup = await popupOf(extension);

  const swap = await popup.save(expiringIn('mia.creates', '7301234567890123456', '#Sw4pS00nC0de1234567890=', 22 * HOUR + 30 * MINUTE, '7 days'));
  await expect(swap).toContainText('22 h left');
  await expect(swap).toContainText('No new code from @mia.creates: swap now or pull the ad');

  const reach = await popup.save(expiringIn('leo.cooks', '7301234567890123457', '#R34chOutC0de1234567890=', 60 * HOUR));
  await expect(reach).toContainText('2 days left');
  await expect(reach).toContainText('Reach out to @leo.cooks for a new code');

  const calm = await popup.save(expiringIn('ana.runs', '7301234567890123458', '#Calm5D4ysC0de123456789=', 5 * DAY + 12 * HOUR, '7 days'));
  await expect(calm).toContainText('5 days left');

  const expired = await popup.save(expiringIn('sam.paints', '7301234567890123459', '#Exp1redC0de12345678901=', -(2 * DAY + 6 * HOUR), '7 days'));
  await expect(expired).toContainText('expired 2 days ago');
  await expect(expired).toContainText('Expired: renew or pull the ad');

  // Soonest expiry first, so the most urgent code is on top.
  await expect(popup.items).toHaveText([/@sam\.paints/, /@mia\.creates/, /@leo\.cooks/, /@ana\.runs/]);
  expect(await popup.storedCodes()).toHaveLength(4);
});

test('the toolbar badge counts the codes that need action, coloured by the most urgent', async ({ extension, serviceWorker }) => {
  const popup = await popupOf(extension);

  await popup.save(expiringIn('ana.runs', '7301234567890123458', '#Calm5D4ysC0de123456789=', 10 * DAY));
  await expect.poll(() => badgeText(serviceWorker)).toBe('');

  await popup.save(expiringIn('leo.cooks', '7301234567890123457', '#R34chOutC0de1234567890=', 60 * HOUR));
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');
  // Amber for "reach out".
  await expect.poll(() => badgeColor(serviceWorker)).toEqual([0x9a, 0x5b, 0x00, 255]);

  await popup.save(expiringIn('mia.creates', '7301234567890123456', '#Sw4pS00nC0de1234567890=', 20 * HOUR));
  await expect.poll(() => badgeText(serviceWorker)).toBe('2');
  // Red once a code must be swapped.
  await expect.poll(() => badgeColor(serviceWorker)).toEqual([0xc5, 0x22, 0x1f, 255]);
});

test('a code already used for another ad account is refused with an alert, and nothing is stored', async ({ extension }) => {
  const popup = await popupOf(extension);
  const first = expiringIn('mia.creates', '7301234567890123456', '#Sp4rkC0deF0rOneAcc0unt=', 20 * DAY);
  await popup.save(first);

  await popup.submit({ ...first, adAccount: OTHER_ACCOUNT });
  await expect(popup.alert).toContainText(`already used for ad account ${ACCOUNT}`);
  await expect(popup.alert).toContainText(`new code for ad account ${OTHER_ACCOUNT}`);
  const stored = await popup.storedCodes();
  expect(stored.map((c) => c.adAccountId)).toEqual([ACCOUNT]);
  await expect(popup.items).toHaveCount(1);
});

test('a malformed code is refused with an alert, and nothing is stored', async ({ extension }) => {
  const popup = await popupOf(extension);

  await popup.submit(expiringIn('mia.creates', '7301234567890123456', 'not a code!', 20 * DAY));
  await expect(popup.alert).toContainText('does not look like an authorization code');

  await popup.submit(expiringIn('mia.creates', '7301234567890123456', '4829137', 20 * DAY));
  await expect(popup.alert).toContainText('7 digits, not 6');

  expect(await popup.storedCodes()).toEqual([]);
  await expect(popup.items).toHaveCount(0);
  // What was typed stays, so the buyer only fixes the code.
  await expect(popup.handleField).toHaveValue('@mia.creates');
});

test('a six-digit code is accepted', async ({ extension }) => {
  const popup = await popupOf(extension);
  const item = await popup.save(expiringIn('mia.creates', '7301234567890123456', '482913', 20 * DAY + 12 * HOUR));
  await expect(item).toContainText('20 days left');
  expect((await popup.storedCodes()).map((c) => c.code)).toEqual(['482913']);
});

test('the reach-out reminder is sent once, and not again after the alarm fires or the service worker restarts', async ({
  extension,
  serviceWorker,
}) => {
  const popup = await popupOf(extension);
  const item = await popup.save(expiringIn('mia.creates', '7301234567890123456', '#R34chOutC0de1234567890=', 72 * HOUR - MINUTE));
  const [code] = await popup.storedCodes();
  const notificationId = `${code!.id}:reachOut`;

  await expect.poll(() => shownNotifications(serviceWorker)).toEqual([notificationId]);
  await expect(item.getByText(/^Reminder sent/)).toHaveCount(1);
  await expect(item).toContainText('(reach out)');
  const sentAt = (await popup.storedCodes())[0]!.reminders.reachOut;
  expect(sentAt).toBeDefined();

  // The alarm fires again: nothing new to say.
  await dismissNotifications(serviceWorker);
  await fireReminderAlarm(popup.page);
  expect(await shownNotifications(serviceWorker)).toEqual([]);
  expect((await popup.storedCodes())[0]!.reminders).toEqual({ reachOut: sentAt });

  // Chrome stops the worker; the next alarm starts it again, and it still remembers.
  await extension.stopServiceWorker();
  await fireReminderAlarm(popup.page);
  expect(await extension.serviceWorkerRunning()).toBe(true);
  expect(await shownNotifications(serviceWorker)).toEqual([]);
  expect((await popup.storedCodes())[0]!.reminders).toEqual({ reachOut: sentAt });
  await expect(item.getByText(/^Reminder sent/)).toHaveCount(1);
});

test('a reminder that falls due while the service worker is stopped is sent when its alarm wakes it', async ({
  extension,
  serviceWorker,
}) => {
  // "Code created" takes whole minutes, so the reminder falls due on the next minute boundary that
  // leaves time to save and stop the worker first.
  test.setTimeout(150_000);
  const dueAt = Math.ceil((Date.now() + 15_000) / MINUTE) * MINUTE;
  const popup = await popupOf(extension);
  await popup.save({
    ...expiringIn('mia.creates', '7301234567890123456', '#R34chOutC0de1234567890=', 0),
    createdAt: dueAt + 72 * HOUR - VALID['30 days'],
  });
  const [code] = await popup.storedCodes();
  expect(code!.reminders).toEqual({});
  expect(await popup.page.evaluate(async () => (await chrome.alarms.get('next-due'))?.scheduledTime)).toBe(dueAt);

  await extension.stopServiceWorker();
  await expect
    .poll(async () => (await popup.storedCodes())[0]!.reminders.reachOut, { timeout: 120_000, intervals: [1_000] })
    .toBeGreaterThanOrEqual(dueAt);
  expect(await extension.serviceWorkerRunning()).toBe(true);
  await expect.poll(() => shownNotifications(serviceWorker)).toEqual([`${code!.id}:reachOut`]);
  await expect(popup.item('mia.creates')).toContainText('Reach out to @mia.creates for a new code');
  await expect(popup.item('mia.creates').getByText(/^Reminder sent/)).toHaveCount(1);
});

test('a code nearing its swap time gets exactly one swap reminder', async ({ extension, serviceWorker }) => {
  const popup = await popupOf(extension);
  const item = await popup.save(expiringIn('mia.creates', '7301234567890123456', '#Sw4pS00nC0de1234567890=', 24 * HOUR - MINUTE, '7 days'));
  const [code] = await popup.storedCodes();

  // Only the most urgent reminder shows: the reach-out it overtook never pops up.
  await expect.poll(() => shownNotifications(serviceWorker)).toEqual([`${code!.id}:swap`]);
  await expect(item.getByText(/^Reminder sent/)).toHaveText([/\(swap the code\)/]);
  const { swap } = (await popup.storedCodes())[0]!.reminders;
  expect(swap).toBeDefined();

  await dismissNotifications(serviceWorker);
  await fireReminderAlarm(popup.page);
  expect(await shownNotifications(serviceWorker)).toEqual([]);
  expect((await popup.storedCodes())[0]!.reminders.swap).toBe(swap);
});

test('codes and the badge survive a browser restart on the same profile', async ({ extension }) => {
  const popup = await popupOf(extension);
  await popup.save(expiringIn('mia.creates', '7301234567890123456', '#Sw4pS00nC0de1234567890=', 20 * HOUR));
  await popup.save(expiringIn('ana.runs', '7301234567890123458', '#Calm5D4ysC0de123456789=', 10 * DAY));
  await expect.poll(async () => badgeText(await extension.serviceWorker())).toBe('1');

  await extension.restartBrowser();

  const again = await popupOf(extension);
  await expect(again.items).toHaveText([/@mia\.creates.*No new code from @mia\.creates: swap now or pull the ad/, /@ana\.runs/]);
  expect(await again.storedCodes()).toHaveLength(2);
  await expect.poll(async () => badgeText(await extension.serviceWorker())).toBe('1');
});

test('the popup makes no network request, and cannot make one', async ({ extension, expectNoOutsideRequests }) => {
  const popup = await popupOf(extension);
  await popup.save(expiringIn('mia.creates', '7301234567890123456', '#Sw4pS00nC0de1234567890=', 20 * HOUR));
  await popup.submit(expiringIn('leo.cooks', '7301234567890123457', 'bad', 20 * DAY));
  await expect(popup.alert).toBeVisible();

  // The page's own policy (connect-src 'none') stops a request before it reaches the network.
  const attempt = await popup.page.evaluate(() =>
    fetch('https://ads.tiktok.com/').then(
      () => 'sent',
      () => 'blocked',
    ),
  );
  expect(attempt).toBe('blocked');
  expectNoOutsideRequests();
});

test('the link in a reminder opens the popup on that code', async ({ extension }) => {
  const popup = await popupOf(extension);
  for (let i = 0; i < 8; i += 1) {
    await popup.save(expiringIn(`creator.${i}`, `73012345678901234${50 + i}`, `#C0deNumber${i}abcdefghijkl=`, (10 + i) * DAY));
  }
  const target = (await popup.storedCodes()).find((c) => c.handle === 'creator.6')!;

  // What a click on the reminder opens (the click itself is the system's; headless Chromium has none).
  const opened = await openPopupPage(await extension.context.newPage(), extension.extensionId, `#code=${encodeURIComponent(target.id)}`);
  const item = opened.item('creator.6');
  await expect(item).toBeFocused();
  await expect(item).toBeInViewport();
});
