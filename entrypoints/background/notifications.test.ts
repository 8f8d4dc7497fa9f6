import { readFileSync } from 'node:fs';
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { reminderNotice } from '../../lib/db/reminders';
import { NOW, record } from '../../lib/db/test-fixtures';
import {
  NOTIFICATION_ICON,
  createNotification,
  clearStaleReminders,
  codePageUrl,
  digestId,
  notificationId,
  openCodeFromNotification,
  parseDigestId,
  parseNotificationId,
  showDigest,
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

describe('createNotification', () => {
  it('still shows the reminder where the browser refuses to keep it on screen (Firefox)', async () => {
    // Firefox's notifications take no requireInteraction: the call is refused as a whole.
    const created: Record<string, unknown> = {};
    const firefoxLike = {
      notifications: {
        ...fakeBrowser.notifications,
        async create(id: string, options: Record<string, unknown>) {
          if ('requireInteraction' in options) throw new Error('Type error for parameter options (Property "requireInteraction" is unsupported by Firefox)');
          created[id] = options;
          return id;
        },
      },
    } as unknown as Parameters<typeof showReminder>[0];
    await showReminder(firefoxLike, reminderNotice(code, 'expired'));
    expect(created).toEqual({
      'c0de-1:expired': {
        type: 'basic',
        iconUrl: NOTIFICATION_ICON,
        title: 'Spark code for @mia.creates expired: renew or pull the ad',
        message: expect.stringContaining('stops delivering'),
      },
    });
  });

  it('passes on a refusal that has nothing to do with those options', async () => {
    const broken = {
      notifications: {
        ...fakeBrowser.notifications,
        async create() {
          throw new Error('Unable to download all specified images.');
        },
      },
    } as unknown as Parameters<typeof showReminder>[0];
    await expect(createNotification(broken, 'x', { type: 'basic', iconUrl: NOTIFICATION_ICON, title: 't', message: 'm' })).rejects.toThrow(
      'Unable to download',
    );
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

describe('a digest of many reminders', () => {
  const due = (handle: string, kind: 'reachOut' | 'swap' | 'expired') =>
    reminderNotice(record({ id: `id-${handle}`, handle, expiresAt: NOW }), kind);

  it('has an id that names its codes and is never read as one reminder', () => {
    expect(parseDigestId(digestId(['a', 'b']))).toEqual(['a', 'b']);
    expect(parseNotificationId(digestId(['a', 'b']))).toBeNull();
    expect(parseDigestId('c0de-1:swap')).toBeNull();
    expect(parseDigestId('digest:')).toBeNull();
  });

  it('is one pop-up saying what each code needs, most urgent first, with its creators', async () => {
    const notices = [
      due('ana.runs', 'reachOut'),
      due('leo.cooks', 'expired'),
      due('mia.creates', 'swap'),
      due('kai.draws', 'expired'),
      due('zoe.sings', 'expired'),
      due('bo.bakes', 'expired'),
      due('eli.skates', 'expired'),
    ];
    await showDigest(fakeBrowser, notices);
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual([digestId(notices.map((n) => n.codeId))]);
    expect(Object.values(shown)[0]).toEqual({
      type: 'basic',
      iconUrl: NOTIFICATION_ICON,
      title: '7 Spark codes need you',
      message: [
        'Expired, renew or pull the ad: @leo.cooks, @kai.draws, @zoe.sings and 2 more.',
        'No new code, swap now or pull the ad: @mia.creates.',
        'Reach out for a new code: @ana.runs.',
      ].join('\n'),
      priority: 2,
      requireInteraction: true,
    });
  });

  it('names a creator with codes for several ad accounts once', async () => {
    const notices = ['1', '2', '3'].map((n) => reminderNotice(record({ id: `mia-${n}`, handle: 'mia.creates', expiresAt: NOW }), 'expired'));
    await showDigest(fakeBrowser, [...notices, due('leo.cooks', 'expired')]);
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions())[0]).toMatchObject({
      title: '4 Spark codes need you',
      message: 'Expired, renew or pull the ad: @mia.creates, @leo.cooks.',
    });
  });

  it('lets a digest of reach-out reminders go away on its own', async () => {
    await showDigest(fakeBrowser, ['a.one', 'b.two', 'c.three', 'd.four'].map((h) => due(h, 'reachOut')));
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions())[0]).toMatchObject({
      message: 'Reach out for a new code: @a.one, @b.two, @c.three and 1 more.',
      priority: 0,
      requireInteraction: false,
    });
  });

  it('takes down the earlier reminders of the codes it speaks of, and no others', async () => {
    await showReminder(fakeBrowser, due('ana.runs', 'reachOut'));
    await showReminder(fakeBrowser, due('leo.cooks', 'reachOut'));
    await showDigest(fakeBrowser, ['ana.runs', 'b.two', 'c.three', 'd.four'].map((h) => due(h, 'swap')));
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions()).sort()).toEqual([
      digestId(['id-ana.runs', 'id-b.two', 'id-c.three', 'id-d.four']),
      'id-leo.cooks:reachOut',
    ]);
  });

  it('opens the whole list in the Spark Guard page when clicked, and goes away', async () => {
    const id = digestId(['id-a', 'id-b']);
    await fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: NOTIFICATION_ICON, title: 't', message: 'm' });
    await openCodeFromNotification(fakeBrowser, id);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain('chrome-extension://test-extension-id/popup.html');
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('stays while any of its codes is still live, and goes once none is', async () => {
    const id = digestId(['id-a', 'id-b']);
    await fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: NOTIFICATION_ICON, title: 't', message: 'm' });
    await clearStaleReminders(fakeBrowser, new Set(['id-b', 'id-other']));
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([id]);
    await clearStaleReminders(fakeBrowser, new Set(['id-other']));
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
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
