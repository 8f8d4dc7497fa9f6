import type { CodeExtras } from '../../components/CodeItem';
import type { ReachOutRow, SparkGuardDb } from '../../lib/db/schema';
import type { CodeRecord } from '../../lib/domain/code';
import {
  gateVerdict,
  NOT_A_CANDIDATE_WARNING,
  postKeyOf,
  type PerformanceReading,
  type PostReading,
  verdictText,
} from '../../lib/domain/organic-gate';
import { performanceFlags } from '../../lib/domain/performance';
import { readWorkflowSettings, type WorkflowSettings } from '../../lib/domain/workflow-settings';

/** What the popup reads of the Spark workflow (it only reads; the workspace is where it is kept). */

export interface PopupWorkflow {
  settings: WorkflowSettings;
  performance: PerformanceReading[];
  reachOuts: ReachOutRow[];
}

export async function readPopupWorkflow(db: SparkGuardDb): Promise<PopupWorkflow> {
  const [row, performance, reachOuts] = await Promise.all([
    db.settings.get('workflow'),
    db.readings.filter((r) => r.kind === 'performance').toArray() as Promise<PerformanceReading[]>,
    db.reachOuts.toArray(),
  ]);
  return { settings: readWorkflowSettings(row?.value), performance, reachOuts };
}

/** Flags and asked times by code id, for the codes that have any. */
export function extrasByCode(workflow: PopupWorkflow | undefined): Map<string, CodeExtras> {
  const map = new Map<string, CodeExtras>();
  if (!workflow) return map;
  const byCode = new Map<string, PerformanceReading[]>();
  for (const r of workflow.performance) byCode.set(r.subject, [...(byCode.get(r.subject) ?? []), r]);
  const asked = new Map(workflow.reachOuts.map((r) => [r.codeId, r.askedAt]));
  for (const id of new Set([...byCode.keys(), ...asked.keys()])) {
    map.set(id, { flags: performanceFlags(byCode.get(id) ?? [], workflow.settings), askedAt: asked.get(id) ?? null });
  }
  return map;
}

/**
 * The warning for a code just saved for a tracked post the organic gate does not pass (waiting,
 * unknown, or refused), with the verdict's reason; null for a candidate or a post not tracked.
 */
export async function promotionWarning(db: SparkGuardDb, code: Pick<CodeRecord, 'postId' | 'postUrl'>, now: number): Promise<string | null> {
  const key = postKeyOf({ postId: code.postId, url: code.postUrl });
  const [post, readings, row] = await Promise.all([
    db.posts.get(key),
    db.readings.where('[kind+subject]').equals(['post', key]).toArray() as Promise<PostReading[]>,
    db.settings.get('workflow'),
  ]);
  if (!post) return null;
  const verdict = gateVerdict(post, readings, now, readWorkflowSettings(row?.value));
  return verdict.kind === 'candidate' ? null : `${NOT_A_CANDIDATE_WARNING} (${verdictText(verdict, now)}).`;
}
