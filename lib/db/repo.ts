import type { CodeDraftInput, CodeRecord, DraftField } from '../domain/code';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../domain/expiry';
import { placeDraft, recordFromDraft } from '../domain/ledger';
import { parseCodeDraft } from '../domain/parse';
import { settingsPatchSchema } from '../messaging/schemas';
import type { Done, Failure, SaveCodeResult } from '../messaging/protocol';
import type { SparkGuardDb } from './schema';

/**
 * Repository functions: every write the background makes to the ledger. Each write checks and
 * changes the data inside ONE read-write transaction, so two writes racing each other cannot both
 * pass a check the other would have failed. A refused write returns a message for the buyer and
 * leaves the stored data exactly as it was.
 */

export type { Done, Failure, SaveCodeResult };
export type DeleteCodeResult = { ok: true; record: CodeRecord } | Failure;

const fail = (message: string, field: DraftField | null = null): Failure => ({ ok: false, field, message });

const NOT_FOUND = 'That code is no longer in your ledger. It may have been deleted in another window.';

/**
 * Validates what the buyer typed and stores it as a live code. A renewal (explicit, or a second code
 * for the same post and ad account) marks the old code replaced, which stops its reminders.
 */
export async function saveCode(db: SparkGuardDb, input: CodeDraftInput, now: number): Promise<SaveCodeResult> {
  const parsed = parseCodeDraft(input, now);
  if (!parsed.ok) return parsed;
  const draft = parsed.value;
  return db.transaction('rw', db.codes, async (): Promise<SaveCodeResult> => {
    const existing = await db.codes.toArray();
    const placed = placeDraft(draft, existing);
    if (!placed.ok) return placed;
    const id = crypto.randomUUID();
    const replaced = placed.value.replaces;
    await db.codes.add(recordFromDraft(draft, id, now, { renews: replaced }));
    if (replaced !== null) {
      await db.codes.update(replaced, { status: 'replaced', replacedBy: id, updatedAt: now });
    }
    return { ok: true, id, replaced };
  });
}

/** Marks a code pulled (the ad was stopped), or live again. A replaced code stays replaced. */
export async function setCodeStatus(
  db: SparkGuardDb,
  input: { id: string; status: 'live' | 'pulled' },
  now: number,
): Promise<Done> {
  return db.transaction('rw', db.codes, async (): Promise<Done> => {
    const record = await db.codes.get(input.id);
    if (!record) return fail(NOT_FOUND);
    if (record.status === 'replaced') {
      return fail(
        `This code for @${record.handle} was renewed with a newer code. Manage the newer code instead.`,
      );
    }
    if (record.status !== input.status) {
      await db.codes.update(record.id, { status: input.status, updatedAt: now });
    }
    return { ok: true };
  });
}

/**
 * Deletes a code and hands the record back so the buyer can undo. Deleting a renewal brings the code
 * it replaced back to live: otherwise a mistyped renewal, once deleted, would leave the old code
 * expiring with no reminders at all.
 */
export async function deleteCode(db: SparkGuardDb, id: string, now: number): Promise<DeleteCodeResult> {
  return db.transaction('rw', db.codes, async (): Promise<DeleteCodeResult> => {
    const record = await db.codes.get(id);
    if (!record) return fail(NOT_FOUND);
    await db.codes.delete(id);
    if (record.renews !== null) {
      const old = await db.codes.get(record.renews);
      if (old && old.status === 'replaced' && old.replacedBy === id) {
        await db.codes.update(old.id, { status: 'live', replacedBy: null, updatedAt: now });
      }
    }
    return { ok: true, record };
  });
}

/**
 * Puts a deleted record back (undo). Refused when its code is meanwhile in the ledger again, so the
 * one-code-one-account-one-post rules still hold. A restored live renewal takes over from its old
 * code again, as before the delete.
 */
export async function restoreCode(db: SparkGuardDb, record: CodeRecord, now: number): Promise<Done> {
  return db.transaction('rw', db.codes, async (): Promise<Done> => {
    if (await db.codes.get(record.id)) return fail('That code is already back in your ledger.');
    const others = await db.codes.toArray();
    // The same checks as a new save, minus the renewal link, which is restored below as it was. Codes
    // in its own renewal chain may share its code (an extended authorization keeps the code).
    const linked = (c: CodeRecord) =>
      c.id === record.renews || c.id === record.replacedBy || c.renews === record.id || c.replacedBy === record.id;
    const placed = placeDraft({ ...record, renews: null }, others.filter((c) => !linked(c)));
    if (!placed.ok) {
      return fail(`This code can't be restored: ${placed.message}`, placed.field);
    }
    await db.codes.add(record);
    if (record.status === 'live' && record.renews !== null) {
      const old = others.find((c) => c.id === record.renews);
      if (old && old.status === 'live') {
        await db.codes.update(old.id, { status: 'replaced', replacedBy: record.id, updatedAt: now });
      }
    }
    return { ok: true };
  });
}

const SETTINGS_KEY = 'reminders';

/** The same bounds the settings message accepts, with both times present. */
export const reminderSettingsSchema = settingsPatchSchema.required();

/** Why a pair of reminder times cannot work, or null when it can. */
export function settingsProblem(settings: ReminderSettings): string | null {
  const parsed = reminderSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    return 'Reminder times must be whole hours: reach out between 2 and 720 hours before expiry, swap between 1 and 696.';
  }
  if (settings.swapHours >= settings.reachOutHours) {
    return (
      `The swap reminder must come after the reach-out reminder, so it needs fewer hours before expiry: ` +
      `you chose reach out ${settings.reachOutHours} h and swap ${settings.swapHours} h before expiry.`
    );
  }
  return null;
}

/** The buyer's reminder times; the defaults (72 h / 24 h) until changed, or if the stored row is unreadable. */
export async function getSettings(db: SparkGuardDb): Promise<ReminderSettings> {
  const row = await db.settings.get(SETTINGS_KEY);
  const parsed = reminderSettingsSchema.safeParse(row?.value);
  // An unreadable row is ignored, not overwritten: the buyer's next save replaces it.
  if (!parsed.success || settingsProblem(parsed.data) !== null) return { ...DEFAULT_REMINDER_SETTINGS };
  return parsed.data;
}

/** Changes one or both reminder times; the pair must still make sense together. */
export async function updateSettings(
  db: SparkGuardDb,
  patch: Partial<ReminderSettings>,
): Promise<Done> {
  return db.transaction('rw', db.settings, async (): Promise<Done> => {
    const current = await getSettings(db);
    const next: ReminderSettings = {
      reachOutHours: patch.reachOutHours ?? current.reachOutHours,
      swapHours: patch.swapHours ?? current.swapHours,
    };
    const problem = settingsProblem(next);
    if (problem) return fail(problem);
    await db.settings.put({ key: SETTINGS_KEY, value: next });
    return { ok: true };
  });
}
