import type { CodeRecord } from '../../lib/domain/code';
import type { SettingsRow, SparkGuardDb } from '../../lib/db/schema';

/** How the popup reads the ledger. It only reads: every write goes to the background as a message. */

/** About a screenful of codes: what the first frame paints while the rest loads. */
export const FIRST_SCREEN = 12;

export interface LedgerSnapshot {
  /** The soonest-expiring codes, or all of them when `complete`. */
  codes: CodeRecord[];
  settings: SettingsRow | undefined;
  complete: boolean;
}

/** Every code, soonest expiry first (the index order). */
export function readCodes(db: SparkGuardDb): Promise<CodeRecord[]> {
  return db.codes.orderBy('expiresAt').toArray();
}

export function readSettings(db: SparkGuardDb): Promise<SettingsRow | undefined> {
  return db.settings.get('reminders');
}

/**
 * The first screenful of codes and the settings: a small read, so the popup paints the most urgent
 * codes at once however long the ledger is. The full list follows from the live query.
 */
export async function loadFirstScreen(db: SparkGuardDb): Promise<LedgerSnapshot> {
  const [codes, settings] = await Promise.all([
    db.codes.orderBy('expiresAt').limit(FIRST_SCREEN + 1).toArray(),
    readSettings(db),
  ]);
  const complete = codes.length <= FIRST_SCREEN;
  return { codes: complete ? codes : codes.slice(0, FIRST_SCREEN), settings, complete };
}
