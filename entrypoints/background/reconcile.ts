import { markAllShown, markShown, passOverLedger, type ReminderNotice } from '../../lib/db/reminders';
import type { SparkGuardDb } from '../../lib/db/schema';
import { badgeOf, nextDueAt } from '../../lib/domain/expiry';
import { applyNextDueAlarm, type AlarmsApi } from './alarms';
import { applyBadge, deriveBadge, type BadgeApi, type BadgeView } from './badge';
import { clearStaleReminders, DIGEST_OVER, showDigest, showReminder, type NotificationsApi } from './notifications';

/**
 * Brings everything the buyer sees outside the popup in line with the database: due reminders, the
 * one alarm and the badge. Everything is derived from stored expiry times, never from when an alarm
 * fired, so a machine that slept through a due time catches up on the first run after waking.
 * Running it twice changes nothing the second time.
 */

export type ReconcileApi = AlarmsApi & BadgeApi & NotificationsApi;

export interface ReconcileDeps {
  db: SparkGuardDb;
  api: ReconcileApi;
}

export interface ReconcileOutcome {
  shown: ReminderNotice[];
  nextDueAt: number | null;
  badge: BadgeView;
}

export async function reconcile({ db, api }: ReconcileDeps, now: number): Promise<ReconcileOutcome> {
  const { notices: shown, live, settings } = await passOverLedger(db, now);
  // A pop-up the system refuses (notifications turned off, a missing icon) must not cost the buyer the
  // badge and the alarm: log it and carry on. Not marked shown, a reminder is tried again on the next
  // run (the next write, alarm or start).
  if (shown.length > DIGEST_OVER) {
    try {
      await showDigest(api, shown);
      await markAllShown(db, shown, now);
    } catch (error) {
      console.error(`Spark Guard could not show a digest of ${shown.length} reminders`, error);
    }
  } else {
    for (const notice of shown) {
      try {
        await showReminder(api, notice);
        await markShown(db, notice, now);
      } catch (error) {
        console.error(`Spark Guard could not show the "${notice.title}" reminder`, error);
      }
    }
  }

  await clearStaleReminders(api, new Set(live.map((c) => c.id))).catch((error: unknown) =>
    console.error('Spark Guard could not take down outdated reminders', error),
  );

  const due = nextDueAt(live, now, settings);
  await applyNextDueAlarm(api, due);
  const badge = deriveBadge(badgeOf(live, now, settings));
  await applyBadge(api, badge);
  return { shown, nextDueAt: due, badge };
}

export type Reconciler = () => Promise<ReconcileOutcome | null>;

/**
 * A reconcile function for one service-worker life. Calls queue up one after the other, so a run that
 * read the database earlier never overwrites the badge or alarm of a run that read it later. A failed
 * run is logged and answers null; it never breaks the write that asked for it.
 */
export function createReconciler(deps: ReconcileDeps, clock: () => number = Date.now): Reconciler {
  let queue: Promise<unknown> = Promise.resolve();
  return () => {
    const run = queue.then(() => reconcile(deps, clock()));
    queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      console.error('Spark Guard could not update reminders, alarm and badge', error);
      return null;
    });
  };
}
