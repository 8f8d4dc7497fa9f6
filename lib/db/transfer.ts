import { planImport } from '../domain/import';
import { decideLedger, type LedgerPass } from './reminders';
import { getSettings } from './repo';
import type { ImportOutcome, ImportRow } from '../domain/import-row';
import type { SparkGuardDb } from './schema';

/** What an import did, and the pass over the ledger it made in the same transaction. */
export interface LedgerImport {
  outcome: ImportOutcome;
  pass: LedgerPass;
}

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
  return (await importIntoLedger(db, rows, now, newId)).outcome;
}

/**
 * importCodes, with the pass the background would make right after it (passOverLedger) made inside
 * the same transaction, on the ledger it already read: the reminders now due are decided, and the
 * ones owed are recorded as shown, all in the import's one write. Every write makes each open popup
 * and settings page read the whole ledger again; after an import of thousands of old codes, a second
 * write for the reminders (and a third for recording them shown) had them re-read and re-draw it
 * twice more. The caller shows `pass.notices` and takes the record back if the system refuses them
 * (see reconcile.ts).
 */
export async function importIntoLedger(
  db: SparkGuardDb,
  rows: readonly ImportRow[],
  now: number,
  newId: () => string = () => crypto.randomUUID(),
): Promise<LedgerImport> {
  return db.transaction('rw', db.codes, db.settings, async (): Promise<LedgerImport> => {
    const existing = await db.codes.toArray();
    const plan = planImport(rows, existing, now, newId);
    const settings = await getSettings(db);
    // The live codes as they will be: the stored ones not renewed by a row, then the added ones.
    const renewed = new Set(plan.replace.map((r) => r.id));
    const live = [...existing.filter((c) => c.status === 'live' && !renewed.has(c.id)), ...plan.add.filter((c) => c.status === 'live')];
    // In the order the status index gives them (by id), as passOverLedger reads them.
    live.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const before = new Map(live.map((c) => [c.id, c]));
    const { notices } = decideLedger(live, now, settings);
    // Recorded as shown in this write: see the trade-off in reconcile.ts.
    const at = new Map(live.map((c, i) => [c.id, i]));
    for (const notice of notices) {
      const i = at.get(notice.codeId)!;
      live[i] = { ...live[i]!, shown: { ...live[i]!.shown, [notice.kind]: now } };
    }
    const final = new Map(live.map((c) => [c.id, c]));
    const add = plan.add.map((c) => final.get(c.id) ?? c);
    const addedIds = new Set(plan.add.map((c) => c.id));
    const changed = live.filter((c) => !addedIds.has(c.id) && before.get(c.id) !== c);
    // bulkAdd refuses an id that is taken: the whole import then rolls back.
    if (add.length) await db.codes.bulkAdd(add);
    if (changed.length) await db.codes.bulkPut(changed);
    if (plan.replace.length) {
      await db.codes.bulkUpdate(
        plan.replace.map(({ id, replacedBy }) => ({ key: id, changes: { status: 'replaced' as const, replacedBy, updatedAt: now } })),
      );
    }
    return {
      outcome: {
        ok: true,
        imported: plan.add.length,
        renewed: plan.replace.length,
        already: plan.already,
        skipped: plan.skipped,
        asHistory: plan.asHistory,
      },
      pass: { notices, live, settings, recordedAt: now },
    };
  });
}
