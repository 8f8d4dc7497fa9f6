import { planImport } from '../domain/import';
import { decideReminders } from './reminders';
import { getSettings } from './repo';
import type { ImportOutcome, ImportRow } from '../domain/import-row';
import type { SparkGuardDb } from './schema';

/**
 * Imports codes read from a backup or CSV in ONE read-write transaction: the rows are checked
 * against the ledger as it is inside the transaction, the valid ones are stored and the live codes
 * they renew are marked replaced, all together or not at all. Rows that are refused, or already
 * stored, are reported and change nothing.
 */
export async function importCodes(
  db: SparkGuardDb,
  rows: readonly ImportRow[],
  now: number,
  newId: () => string = () => crypto.randomUUID(),
): Promise<ImportOutcome> {
  return db.transaction('rw', db.codes, db.settings, async (): Promise<ImportOutcome> => {
    const existing = await db.codes.toArray();
    const plan = planImport(rows, existing, now, newId);
    // The reminders already due are decided as the codes are stored, as the background's pass would
    // decide them right after: then that pass has nothing to write, and open pages re-read the
    // ledger once for the import instead of twice.
    const settings = await getSettings(db);
    const add = plan.add.map((c) => (c.status === 'live' ? decideReminders(c, now, settings) : c));
    // bulkAdd refuses an id that is taken: the whole import then rolls back.
    if (add.length) await db.codes.bulkAdd(add);
    if (plan.replace.length) {
      await db.codes.bulkUpdate(
        plan.replace.map(({ id, replacedBy }) => ({ key: id, changes: { status: 'replaced' as const, replacedBy, updatedAt: now } })),
      );
    }
    return {
      ok: true,
      imported: plan.add.length,
      renewed: plan.replace.length,
      already: plan.already,
      skipped: plan.skipped,
      asHistory: plan.asHistory,
    };
  });
}

