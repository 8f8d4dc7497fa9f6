import { readFileSync } from 'node:fs';
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { reminderNotice } from '../../lib/db/reminders';
import { NOW, record } from '../../lib/db/test-fixtures';
import {
  NOTIFICATION_ICON,
  codePageUrl,
  notificationId,
  openCodeFromNotification,
  parseNotificationId,
  showReminder,
} from './notifications';

const code = record({ id: 'c0de-1', handle: 'mia.creates', expiresAt: NOW });

describe('notification ids', () => {
  it('name the code and the kind, and read back', () => {
    expect(notificationId('c0de-1', 'swap')).toBe('c0de-1:swap');
    expect(parseNotificationId('c0de-1:swap')).toEqual({ codeId: 'c0de-1', kind: 'swap' });
  });

  it('ignore notifications that are not reminders', () => {
    expect(parseNotificationId('c0de-1:later')).toBeNull();
    expect(parseNotificationId('swap')).toBeNull();
    expect(parseNotificationId(':swap')).toBeNull();
  });
});

describe('showReminder', () => {
  it('shows the reminder with the spark icon, and keeps urgent ones on screen', async () => {
    await showReminder(fakeBrowser, reminderNotice(code, 'expired'));
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({
      'c0de-1:expired': {
        type: 'basic',
        iconUrl: NOTIFICATION_ICON,
        title: 'Spark code for @mia.creates expired: renew or pull the ad',
        message: expect.stringContaining('stops delivering'),
        priority: 2,
        requireInteraction: true,
      },
    });
  });

  it('lets a reach-out reminder go away on its own', async () => {
    await showReminder(fakeBrowser, reminderNotice(code, 'reachOut'));
    expect(fakeBrowser.notifications.getAllCreateOptions()['c0de-1:reachOut']).toMatchObject({
      requireInteraction: false,
    });
  });

  it('shows the same reminder once even when asked twice', async () => {
    await showReminder(fakeBrowser, reminderNotice(code, 'swap'));
    await showReminder(fakeBrowser, reminderNotice(code, 'swap'));
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual(['c0de-1:swap']);
  });

  it('carries a PNG icon packaged with the extension', () => {
    const bytes = readFileSync(new URL(`../../public${NOTIFICATION_ICON}`, import.meta.url));
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});

describe('clicking a reminder', () => {
  it('opens that code in the Spark Guard page and dismisses the reminder', async () => {
    await showReminder(fakeBrowser, reminderNotice(code, 'swap'));
    await openCodeFromNotification(fakeBrowser, 'c0de-1:swap');
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain('chrome-extension://test-extension-id/popup.html#code=c0de-1');
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('escapes the code id in the page address', () => {
    expect(codePageUrl(fakeBrowser, 'a b#c')).toBe('chrome-extension://test-extension-id/popup.html#code=a%20b%23c');
  });

  it('leaves other notifications alone', async () => {
    await openCodeFromNotification(fakeBrowser, 'something-else');
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.filter((t) => t.url?.includes('popup.html'))).toEqual([]);
  });
});
