import type { z } from 'zod';
import type { SparkGuardDb } from '../../lib/db/schema';
import {
  markAsked,
  restoreWorkflow,
  saveCreator,
  savePerformanceReading,
  savePost,
  updateWorkflowSettings,
  type WorkflowFailure,
} from '../../lib/db/workflow-repo';
import {
  describeInvalid,
  idSchema,
  restoreWorkflowSchema,
  saveCreatorSchema,
  savePerformanceSchema,
  savePostSchema,
  workflowSettingsMessageSchema,
} from '../../lib/messaging/schemas';
import { onMessage, type ProtocolMap } from '../../lib/messaging/protocol';

/**
 * The workspace's message handlers (creators, posts, readings, reach-outs, workflow settings) and the
 * restore of their part of a backup. Each parses its payload before touching anything.
 */

export interface WorkflowHandlerDeps {
  db: SparkGuardDb;
  clock?: () => number;
}

type WorkflowMessage = 'saveCreator' | 'savePost' | 'savePerformanceReading' | 'markAsked' | 'updateWorkflowSettings' | 'restoreWorkflow';
export type WorkflowHandlers = { [K in WorkflowMessage]: (raw: unknown) => Promise<ReturnType<ProtocolMap[K]>> };

const SETTINGS_REFUSED = 'Those settings are out of range, so the last saved ones stay. Check each value and save again.';

export function createWorkflowHandlers({ db, clock = Date.now }: WorkflowHandlerDeps): WorkflowHandlers {
  function handler<S extends z.ZodType, R>(schema: S, write: (data: z.output<S>, now: number) => Promise<R>, refused?: string) {
    return async (raw: unknown): Promise<R | WorkflowFailure> => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return { ok: false, field: null, message: refused ?? describeInvalid(parsed.error) };
      try {
        return await write(parsed.data, clock());
      } catch (error) {
        console.error('Spark Guard could not write to its database', error);
        return { ok: false, field: null, message: 'Spark Guard could not save to its storage on this computer. Nothing was changed: please try again.' };
      }
    };
  }
  return {
    saveCreator: handler(saveCreatorSchema, (input, now) => saveCreator(db, input, now)),
    savePost: handler(savePostSchema, (input, now) => savePost(db, input, now)),
    savePerformanceReading: handler(savePerformanceSchema, (input, now) => savePerformanceReading(db, input, now)),
    markAsked: handler(idSchema, ({ id }, now) => markAsked(db, id, now)),
    updateWorkflowSettings: handler(workflowSettingsMessageSchema, (settings) => updateWorkflowSettings(db, settings), SETTINGS_REFUSED),
    restoreWorkflow: handler(restoreWorkflowSchema, (part) => restoreWorkflow(db, part)),
  };
}

/** Registers the handlers synchronously (from main()); returns a function that removes them. */
export function registerWorkflowHandlers(deps: WorkflowHandlerDeps): () => void {
  const h = createWorkflowHandlers(deps);
  const removers = [
    onMessage('saveCreator', ({ data }) => h.saveCreator(data)),
    onMessage('savePost', ({ data }) => h.savePost(data)),
    onMessage('savePerformanceReading', ({ data }) => h.savePerformanceReading(data)),
    onMessage('markAsked', ({ data }) => h.markAsked(data)),
    onMessage('updateWorkflowSettings', ({ data }) => h.updateWorkflowSettings(data)),
    onMessage('restoreWorkflow', ({ data }) => h.restoreWorkflow(data)),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
