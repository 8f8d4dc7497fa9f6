import { importIntoLedger, type LedgerImport } from '../../lib/db/transfer';
import type { SparkGuardDb } from '../../lib/db/schema';
import type { ImportOutcome } from '../../lib/domain/import-row';
import { describeInvalid, importCodesSchema } from '../../lib/messaging/schemas';
import { onMessage, type Failure } from '../../lib/messaging/protocol';
import type { Reconciler } from './reconcile';

/**
 * The options page's import. The page reads the file; the background, the only writer, checks every
 * row with the form's rules and stores the valid ones, with the reminders now due, in one
 * transaction, then shows those reminders and brings alarm and badge up to date before answering.
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
    let imported: LedgerImport;
    try {
      imported = await importIntoLedger(db, parsed.data.rows, clock(), newId);
    } catch (error) {
      // The transaction rolled back as a whole.
      console.error('Spark Guard could not import codes', error);
      return {
        ok: false,
        field: null,
        message: 'Spark Guard could not save the imported codes to its storage on this computer. Nothing was changed: please try again.',
      };
    }
    const { outcome, pass } = imported;
    // The import already made the pass over the ledger: reconcile shows its reminders and sets the
    // alarm and badge from it without reading the ledger again.
    await reconcile(pass);
    return outcome;
  };
}

/** Registers the import handler synchronously (from main()); returns a function that removes it. */
export function registerTransferHandlers(deps: TransferHandlerDeps): () => void {
  const handleImport = createImportHandler(deps);
  return onMessage('importCodes', ({ data }) => handleImport(data));
}
