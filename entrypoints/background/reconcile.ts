import { markAllShown, markShown, passOverLedger, unmarkShown, type LedgerPass, type ReminderNotice } from '../../lib/db/reminders';
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

/**
 * `given` is a pass already made on the ledger by the write that asked for this run (an import makes
 * it in its own transaction): then the ledger is not read again. An import records its reminders as
 * shown in that same write, before they are on screen, so that open pages re-read the ledger once for
 * the import instead of twice more; if the system then refuses them, the record is taken back and a
 * later run shows them. Only a worker stopped in the moment between that write and the pop-up loses
 * them, and the buyer, who is watching the import's answer, still sees each code's stage in the list.
 */
export async function reconcile({ db, api }: ReconcileDeps, now: number, given?: LedgerPass): Promise<ReconcileOutcome> {
  const { notices: shown, live, settings, recordedAt } = given ?? (await passOverLedger(db, now));
  // A pop-up the system refuses (notifications turned off, a missing icon) must not cost the buyer the
  // badge and the alarm: log it and carry on. Not marked shown, a reminder is tried again on the next
  // run (the next write, alarm or start).
  if (shown.length > DIGEST_OVER) {
    try {
      await showDigest(api, shown);
      if (recordedAt === undefined) await markAllShown(db, shown, now);
    } catch (error) {
      console.error(`Spark Guard could not show a digest of ${shown.length} reminders`, error);
      if (recordedAt !== undefined) await retryLater(db, shown, recordedAt);
    }
  } else {
    for (const notice of shown) {
      try {
        await showReminder(api, notice);
        if (recordedAt === undefined) await markShown(db, notice, now);
      } catch (error) {
        console.error(`Spark Guard could not show the "${notice.title}" reminder`, error);
        if (recordedAt !== undefined) await retryLater(db, [notice], recordedAt);
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

/** `given`: a pass the asking write already made (see reconcile). */
/** Takes back reminders recorded as shown that the system refused, so a later run shows them. */
async function retryLater(db: SparkGuardDb, notices: readonly ReminderNotice[], recordedAt: number): Promise<void> {
  await unmarkShown(db, notices, recordedAt).catch((error: unknown) =>
    console.error('Spark Guard could not note the reminders to show again later', error),
  );
}

export type Reconciler = (given?: LedgerPass) => Promise<ReconcileOutcome | null>;

/**
 * A reconcile function for one service-worker life. Calls queue up one after the other, so a run that
 * read the database earlier never overwrites the badge or alarm of a run that read it later. A failed
 * run is logged and answers null; it never breaks the write that asked for it.
 */
export function createReconciler(deps: ReconcileDeps, clock: () => number = Date.now): Reconciler {
  let queue: Promise<unknown> = Promise.resolve();
  return (given) => {
    const run = queue.then(() => reconcile(deps, clock(), given));
    queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      console.error('Spark Guard could not update reminders, alarm and badge', error);
      return null;
    });
  };
}
