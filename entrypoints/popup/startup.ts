import { openDb } from '../../lib/db/schema';
import { loadLedger } from './ledger';

/**
 * Evaluated before React (main.tsx imports this first), so the database opens and the ledger is
 * read while the rest of the popup's code is still loading.
 */
export const db = openDb();
export const firstRead = loadLedger(db);
