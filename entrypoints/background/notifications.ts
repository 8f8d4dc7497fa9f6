import type { Browser } from 'wxt/browser';
import type { ReminderKind } from '../../lib/domain/code';
import { REMINDER_KINDS } from '../../lib/domain/expiry';
import type { ReminderNotice } from '../../lib/db/reminders';

/**
 * Reminder pop-ups. Chrome calls stay thin here; what to show is decided by passOverLedger (lib/db/reminders.ts).
 */

export type NotificationsApi = {
  notifications: Pick<typeof Browser.notifications, 'create' | 'clear' | 'getAll'>;
};
export type OpenCodeApi = {
  notifications: Pick<typeof Browser.notifications, 'clear'>;
  tabs: Pick<typeof Browser.tabs, 'create'>;
  runtime: { getURL(path: '/popup.html'): string };
};

/**
 * The spark mark, packaged with the extension: Chrome requires an icon for every notification. Not a
 * data: URL: the extension's CSP (connect-src 'none') stops Chrome loading one, and the reminder
 * then fails to show ("Unable to download all specified images").
 */
export const NOTIFICATION_ICON = '/icon/notification.png';

/** One id per code and kind: showing the same reminder again replaces it instead of stacking a copy. */
export function notificationId(codeId: string, kind: ReminderKind): string {
  return `${codeId}:${kind}`;
}

/** The code and kind behind one of our notification ids, or null for anything else. */
export function parseNotificationId(id: string): { codeId: string; kind: ReminderKind } | null {
  const at = id.lastIndexOf(':');
  if (at <= 0) return null;
  const kind = REMINDER_KINDS.find((k) => k === id.slice(at + 1));
  return kind ? { codeId: id.slice(0, at), kind } : null;
}

/** Shows a reminder and takes down the code's earlier, now outdated ones. */
export async function showReminder(api: NotificationsApi, notice: ReminderNotice): Promise<void> {
  for (const kind of REMINDER_KINDS) {
    if (kind !== notice.kind) await api.notifications.clear(notificationId(notice.codeId, kind));
  }
  const urgent = notice.kind !== 'reachOut';
  await api.notifications.create(notificationId(notice.codeId, notice.kind), {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title: notice.title,
    message: notice.message,
    priority: urgent ? 2 : 0,
    // A swap or an expiry costs delivery: those stay on screen until the buyer deals with them.
    requireInteraction: urgent,
  });
}

/** Takes down reminders about codes that no longer need them (renewed, pulled or deleted). */
export async function clearStaleReminders(api: NotificationsApi, liveCodeIds: ReadonlySet<string>): Promise<void> {
  const shown = await api.notifications.getAll();
  for (const id of Object.keys(shown)) {
    const parsed = parseNotificationId(id);
    if (parsed && !liveCodeIds.has(parsed.codeId)) await api.notifications.clear(id);
  }
}

/** The popup page focused on one code. */
export function codePageUrl(api: Pick<OpenCodeApi, 'runtime'>, codeId: string): string {
  return `${api.runtime.getURL('/popup.html')}#code=${encodeURIComponent(codeId)}`;
}

/** A click on a reminder opens that code in the popup page, in a tab, and dismisses the reminder. */
export async function openCodeFromNotification(api: OpenCodeApi, id: string): Promise<void> {
  const parsed = parseNotificationId(id);
  if (!parsed) return;
  await api.tabs.create({ url: codePageUrl(api, parsed.codeId), active: true });
  await api.notifications.clear(id);
}
