import { format } from 'date-fns';
import type { CodeRecord, ReminderKind } from '../domain/code';
import { silenceText } from '../domain/reach-out';
import { owedReminder, planReminder, type ReminderSettings } from '../domain/expiry';
import { getSettings } from './repo';
import type { SparkGuardDb } from './schema';

/** A reminder to show the buyer, already recorded as sent. */
export interface ReminderNotice {
  codeId: string;
  /** The creator's handle, without the "@". */
  handle: string;
  kind: ReminderKind;
  title: string;
  message: string;
}

/** Expiry as the buyer reads it, in the machine's own time zone: "Thu, Mar 12 at 2:00 PM". */
export function formatExpiry(at: number): string {
  return format(at, "EEE, MMM d 'at' h:mm a");
}

/** The wording of each reminder, in the buyer's terms. */
export function reminderNotice(
  code: Pick<CodeRecord, 'id' | 'handle' | 'adAccountId' | 'expiresAt'>,
  kind: ReminderKind,
): ReminderNotice {
  const when = formatExpiry(code.expiresAt);
  const handle = `@${code.handle}`;
  switch (kind) {
    case 'reachOut':
      return {
        codeId: code.id,
        handle: code.handle,
        kind,
        title: `Reach out to ${handle} for a new code`,
        message: `Their Spark code for ad account ${code.adAccountId} expires ${when}. Ask for a new code now, so you can swap it in time.`,
      };
    case 'swap':
      return {
        codeId: code.id,
        handle: code.handle,
        kind,
        title: silenceText(code.handle),
        message: `The Spark code from ${handle} for ad account ${code.adAccountId} expires ${when}. Enter the new code before then, or the ad stops delivering.`,
      };
    case 'expired':
      return {
        codeId: code.id,
        handle: code.handle,
        kind,
        title: `Spark code for ${handle} expired: renew or pull the ad`,
        message: `It expired ${when}. The ad in ad account ${code.adAccountId} stops delivering until you enter a new code.`,
      };
  }
}

/** What one pass over the ledger found: the reminders to show, and the live codes as now stored. */
export interface LedgerPass {
  notices: ReminderNotice[];
  live: CodeRecord[];
  settings: ReminderSettings;
  /**
   * Set when the notices were recorded as shown, at this time, in the pass's own write (an import):
   * the caller then takes the record back if it cannot show them, instead of recording them after.
   */
  recordedAt?: number;
}

/**
 * The reminders due at `now` decided on `live` (in place: changed codes are replaced by their new
 * version), with the codes that changed and the notices owed. Pure; the callers write `changed`.
 */
export function decideLedger(
  live: CodeRecord[],
  now: number,
  settings: ReminderSettings,
): { changed: CodeRecord[]; notices: ReminderNotice[] } {
  const notices: ReminderNotice[] = [];
  const changed: CodeRecord[] = [];
  for (const [i, code] of live.entries()) {
    const current = decideReminders(code, now, settings);
    if (current !== code) {
      live[i] = current;
      changed.push(current);
    }
    const owed = owedReminder(current, now, settings);
    if (owed) notices.push(reminderNotice(current, owed));
  }
  return { changed, notices };
}

/**
 * Decides the reminders due at `now` and returns the ones to show, with the live codes, read once.
 * Each code gets each kind decided at most once: the check and the record happen in one read-write
 * transaction, so repeated or simultaneous runs (alarm, start-up, a write) never decide twice. After a
 * long sleep only the most urgent reminder is decided; the ones it overtook are recorded as handled
 * so they never pop up late. A reminder decided but not yet confirmed on screen (see markShown) is
 * returned again, so a worker stopped between deciding and showing loses nothing. The caller derives
 * the alarm and badge from `live` without reading the ledger again.
 */
export async function passOverLedger(db: SparkGuardDb, now: number): Promise<LedgerPass> {
  return db.transaction('rw', db.codes, db.settings, async () => {
    const settings = await getSettings(db);
    const live = await db.codes.where('status').equals('live').toArray();
    const { changed, notices } = decideLedger(live, now, settings);
    if (changed.length) await db.codes.bulkPut(changed);
    return { notices, live, settings };
  });
}

/**
 * The code with the reminders due at `now` recorded as decided (and the ones they overtook as
 * handled), or the very same object when none is due.
 */
export function decideReminders(code: CodeRecord, now: number, settings: ReminderSettings): CodeRecord {
  const plan = planReminder(code, now, settings);
  const handled = plan.send ? [...plan.supersede, plan.send] : plan.supersede;
  if (handled.length === 0) return code;
  const reminders = { ...code.reminders };
  for (const kind of handled) reminders[kind] = now;
  return { ...code, reminders };
}

/** Records that a reminder is on screen, so it is not shown again. */
export async function markShown(db: SparkGuardDb, notice: Pick<ReminderNotice, 'codeId' | 'kind'>, at: number): Promise<void> {
  await markAllShown(db, [notice], at);
}

/**
 * Records that reminders are on screen, all in one write. One write, not one per reminder: every
 * write makes each open popup and settings page read the ledger again, so after an import of
 * thousands of overdue codes, a write per reminder had them re-read it thousands of times.
 */
export async function markAllShown(db: SparkGuardDb, notices: readonly Pick<ReminderNotice, 'codeId' | 'kind'>[], at: number): Promise<void> {
  await updateShown(db, notices, (shown, kind) => (shown[kind] !== undefined ? null : { ...shown, [kind]: at }));
}

/**
 * Takes back the record that reminders are on screen (those recorded at `at`), after the system
 * refused to show them: a later run then shows them again.
 */
export async function unmarkShown(db: SparkGuardDb, notices: readonly Pick<ReminderNotice, 'codeId' | 'kind'>[], at: number): Promise<void> {
  await updateShown(db, notices, (shown, kind) => {
    if (shown[kind] !== at) return null;
    const rest = { ...shown };
    delete rest[kind];
    return rest;
  });
}

/** Changes the `shown` record of each notice's code in one write; `change` gives null to leave a code as it is. */
async function updateShown(
  db: SparkGuardDb,
  notices: readonly Pick<ReminderNotice, 'codeId' | 'kind'>[],
  change: (shown: CodeRecord['shown'], kind: ReminderNotice['kind']) => CodeRecord['shown'] | null,
): Promise<void> {
  if (notices.length === 0) return;
  await db.transaction('rw', db.codes, async () => {
    const codes = await db.codes.bulkGet(notices.map((n) => n.codeId));
    const changed = new Map<string, CodeRecord>();
    notices.forEach((notice, i) => {
      const code = changed.get(notice.codeId) ?? codes[i];
      const shown = code ? change(code.shown, notice.kind) : null;
      if (code && shown) changed.set(code.id, { ...code, shown });
    });
    if (changed.size) await db.codes.bulkPut([...changed.values()]);
  });
}
