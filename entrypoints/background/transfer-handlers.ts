import { importCodes } from '../../lib/db/transfer';
import type { SparkGuardDb } from '../../lib/db/schema';
import type { ImportOutcome } from '../../lib/domain/import-row';
import { describeInvalid, importCodesSchema } from '../../lib/messaging/schemas';
import { onMessage, type Failure } from '../../lib/messaging/protocol';
import type { Reconciler } from './reconcile';

/**
 * The options page's import. The page reads the file; the background, the only writer, checks every
 * row with the form's rules and stores the valid ones in one transaction, then brings reminders,
 * alarm and badge up to date before answering.
 */

export interface TransferHandlerDeps {
  db: SparkGuardDb;
  reconcile: Reconciler;
  clock?: () => number;
  /** New record ids; tests pass their own. */
  newId?: () => string;
}

export function createImportHandler({ db, reconcile, clock = Date.now, newId }: TransferHandlerDeps) {
  return async (raw: unknown): Promise<ImportOutcome | Failure> => {
    const parsed = importCodesSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, field: null, message: describeInvalid(parsed.error) };
    let outcome: ImportOutcome;
    try {
      outcome = await importCodes(db, parsed.data.rows, clock(), newId);
    } catch (error) {
      // The transaction rolled back as a whole.
      console.error('Spark Guard could not import codes', error);
      return {
        ok: false,
        field: null,
        message: 'Spark Guard could not save the imported codes to its storage on this computer. Nothing was changed: please try again.',
      };
    }
    if (outcome.imported > 0 || outcome.renewed > 0) await reconcile();
    return outcome;
  };
}

/** Registers the import handler synchronously (from main()); returns a function that removes it. */
export function registerTransferHandlers(deps: TransferHandlerDeps): () => void {
  const handleImport = createImportHandler(deps);
  return onMessage('importCodes', ({ data }) => handleImport(data));
}
