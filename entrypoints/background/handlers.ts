import type { z } from 'zod';
import { deleteCode, restoreCode, saveCode, setCodeStatus, updateSettings } from '../../lib/db/repo';
import type { SparkGuardDb } from '../../lib/db/schema';
import { describeInvalid, idSchema, restoreCodeSchema, saveCodeSchema, setStatusSchema, settingsPatchSchema } from '../../lib/messaging/schemas';
import { onMessage, type Failure, type ProtocolMap } from '../../lib/messaging/protocol';
import type { Reconciler } from './reconcile';

/**
 * The code ledger's message handlers. Each takes the raw payload, parses it with the protocol's zod
 * schema before touching anything, writes through the repository, then brings reminders, alarm and
 * badge up to date before answering, so the buyer sees the effect as soon as the answer arrives.
 */

export interface CodeHandlerDeps {
  db: SparkGuardDb;
  reconcile: Reconciler;
  clock?: () => number;
}

type Answer<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;
export type CodeHandlers = { [K in CodeMessage]: (raw: unknown) => Promise<Answer<K>> };
export type CodeMessage = 'saveCode' | 'setCodeStatus' | 'deleteCode' | 'restoreCode' | 'updateSettings';

const invalid = (error: z.ZodError): Failure => ({ ok: false, field: null, message: describeInvalid(error) });

/** A storage failure rolls the transaction back: the buyer hears that nothing changed. */
function storageFailure(error: unknown): Failure {
  console.error('Spark Guard could not write to its database', error);
  return {
    ok: false,
    field: null,
    message: 'Spark Guard could not save to its storage on this computer. Nothing was changed: please try again.',
  };
}

export function createCodeHandlers({ db, reconcile, clock = Date.now }: CodeHandlerDeps): CodeHandlers {
  /** Parse, write, then reconcile after a successful write. */
  function handler<S extends z.ZodType, R extends { ok: boolean }>(
    schema: S,
    write: (data: z.output<S>, now: number) => Promise<R>,
  ) {
    return async (raw: unknown): Promise<R | Failure> => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      let result: R;
      try {
        result = await write(parsed.data, clock());
      } catch (error) {
        return storageFailure(error);
      }
      if (result.ok) await reconcile();
      return result;
    };
  }

  return {
    saveCode: handler(saveCodeSchema, (input, now) => saveCode(db, input, now)),
    setCodeStatus: handler(setStatusSchema, (input, now) => setCodeStatus(db, input, now)),
    deleteCode: handler(idSchema, ({ id }, now) => deleteCode(db, id, now)),
    restoreCode: handler(restoreCodeSchema, ({ record }, now) => restoreCode(db, record, now)),
    updateSettings: handler(settingsPatchSchema, (patch) => updateSettings(db, patch)),
  };
}

/**
 * Answers the code ledger's messages. Call synchronously from the background's main(); returns a
 * function that removes the listeners again.
 */
export function registerCodeHandlers(deps: CodeHandlerDeps): () => void {
  const handlers = createCodeHandlers(deps);
  const removers = [
    onMessage('saveCode', ({ data }) => handlers.saveCode(data)),
    onMessage('setCodeStatus', ({ data }) => handlers.setCodeStatus(data)),
    onMessage('deleteCode', ({ data }) => handlers.deleteCode(data)),
    onMessage('restoreCode', ({ data }) => handlers.restoreCode(data)),
    onMessage('updateSettings', ({ data }) => handlers.updateSettings(data)),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
