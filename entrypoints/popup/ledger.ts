import type { CodeRecord } from '../../lib/domain/code';
import type { SettingsRow, SparkGuardDb } from '../../lib/db/schema';

/** How the popup reads the ledger. It only reads: every write goes to the background as a message. */

export interface LedgerSnapshot {
  codes: CodeRecord[];
  settings: SettingsRow | undefined;
}

/** Every code (the popup sorts them; a plain table read is the cheapest for the live query to watch). */
export function readCodes(db: SparkGuardDb): Promise<CodeRecord[]> {
  return db.codes.toArray();
}

export function readSettings(db: SparkGuardDb): Promise<SettingsRow | undefined> {
  return db.settings.get('reminders').then((row) => (row?.key === 'reminders' ? row : undefined));
}

/** One read of everything the list shows, started before React, to paint the first frame with. */
export async function loadLedger(db: SparkGuardDb): Promise<LedgerSnapshot> {
  const [codes, settings] = await Promise.all([readCodes(db), readSettings(db)]);
  return { codes, settings };
}
