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

type CreateOptions = Browser.notifications.NotificationCreateOptions;

/**
 * Creates a notification; where the browser refuses the options only some browsers take (Firefox has
 * no `requireInteraction`), shows it again with the plain ones: the reminder still comes, it just
 * goes away on its own, and a click still opens Spark Guard on the code.
 */
export async function createNotification(api: NotificationsApi, id: string, options: CreateOptions): Promise<void> {
  try {
    await api.notifications.create(id, options);
  } catch (error) {
    const { requireInteraction, priority, ...plain } = options;
    if (requireInteraction === undefined && priority === undefined) throw error;
    await api.notifications.create(id, plain);
  }
}

/** Shows a reminder and takes down the code's earlier, now outdated ones. */
export async function showReminder(api: NotificationsApi, notice: ReminderNotice): Promise<void> {
  for (const kind of REMINDER_KINDS) {
    if (kind !== notice.kind) await api.notifications.clear(notificationId(notice.codeId, kind));
  }
  const urgent = notice.kind !== 'reachOut';
  await createNotification(api, notificationId(notice.codeId, notice.kind), {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title: notice.title,
    message: notice.message,
    priority: urgent ? 2 : 0,
    // A swap or an expiry costs delivery: those stay on screen until the buyer deals with them.
    requireInteraction: urgent,
  });
}

/**
 * More reminders than this falling due at once (an import of old codes, a machine back from a long
 * sleep) come as one digest: a stack of pop-ups, the urgent ones staying on screen, buries the one
 * that matters and trains the buyer to dismiss them all.
 */
export const DIGEST_OVER = 3;
const DIGEST_PREFIX = 'digest:';
/** Creators named per kind in a digest; the rest are counted. */
const DIGEST_HANDLES = 3;

/** A digest's id names its codes, so it can be taken down once none of them is live any more. */
export function digestId(codeIds: readonly string[]): string {
  return DIGEST_PREFIX + codeIds.join(',');
}

/** The codes behind a digest's id, or null for any other notification. */
export function parseDigestId(id: string): string[] | null {
  if (!id.startsWith(DIGEST_PREFIX)) return null;
  const ids = id.slice(DIGEST_PREFIX.length).split(',').filter(Boolean);
  return ids.length ? ids : null;
}

const DIGEST_LINES: Record<ReminderKind, (handles: string) => string> = {
  expired: (handles) => `Expired, renew or pull the ad: ${handles}.`,
  swap: (handles) => `No new code, swap now or pull the ad: ${handles}.`,
  reachOut: (handles) => `Reach out for a new code: ${handles}.`,
};

/** The creators behind `notices`, each once (a creator can have codes for several ad accounts). */
function handleList(notices: readonly ReminderNotice[]): string {
  const handles = [...new Set(notices.map((n) => `@${n.handle}`))];
  const named = handles.slice(0, DIGEST_HANDLES);
  const more = handles.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

/** One pop-up for many reminders: how many codes need what, most urgent first, with their creators. */
export async function showDigest(api: NotificationsApi, notices: readonly ReminderNotice[]): Promise<void> {
  // A code's own reminders from earlier runs are outdated by what the digest says of it. Only those
  // on screen are taken down: a digest can speak of thousands of codes (an import of old ones).
  const inDigest = new Set(notices.map((n) => n.codeId));
  for (const id of Object.keys(await api.notifications.getAll())) {
    const own = parseNotificationId(id);
    if (own && inDigest.has(own.codeId)) await api.notifications.clear(id);
  }
  const lines = [...REMINDER_KINDS]
    .reverse()
    .map((kind) => notices.filter((n) => n.kind === kind))
    .filter((group) => group.length > 0)
    .map((group) => DIGEST_LINES[group[0]!.kind](handleList(group)));
  const urgent = notices.some((n) => n.kind !== 'reachOut');
  await createNotification(api, digestId(notices.map((n) => n.codeId)), {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title: `${notices.length} Spark codes need you`,
    message: lines.join('\n'),
    priority: urgent ? 2 : 0,
    requireInteraction: urgent,
  });
}

/**
 * Takes down reminders about codes that no longer need them (renewed, pulled or deleted), and a digest
 * once that is so of every code in it.
 */
export async function clearStaleReminders(api: NotificationsApi, liveCodeIds: ReadonlySet<string>): Promise<void> {
  const shown = await api.notifications.getAll();
  for (const id of Object.keys(shown)) {
    const parsed = parseNotificationId(id);
    const digest = parseDigestId(id);
    const stale = parsed ? !liveCodeIds.has(parsed.codeId) : digest ? !digest.some((codeId) => liveCodeIds.has(codeId)) : false;
    if (stale) await api.notifications.clear(id);
  }
}

/** The popup page focused on one code. */
export function codePageUrl(api: Pick<OpenCodeApi, 'runtime'>, codeId: string): string {
  return `${api.runtime.getURL('/popup.html')}#code=${encodeURIComponent(codeId)}`;
}

/**
 * A click on a reminder opens that code in the popup page, in a tab, and dismisses the reminder; a
 * click on a digest opens the whole list there.
 */
export async function openCodeFromNotification(api: OpenCodeApi, id: string): Promise<void> {
  const parsed = parseNotificationId(id);
  const url = parsed ? codePageUrl(api, parsed.codeId) : parseDigestId(id) ? api.runtime.getURL('/popup.html') : null;
  if (!url) return;
  await api.tabs.create({ url, active: true });
  await api.notifications.clear(id);
}
