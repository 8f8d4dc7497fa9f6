import type { SparkGuardDb, ReachOutRow } from '../../lib/db/schema';
import { getSettings } from '../../lib/db/repo';
import { getWorkflowSettings } from '../../lib/db/workflow-repo';
import type { CodeRecord } from '../../lib/domain/code';
import type { CreatorRecord } from '../../lib/domain/creator';
import type { ReminderSettings } from '../../lib/domain/expiry';
import type { PostRecord, ReadingRecord } from '../../lib/domain/organic-gate';
import type { WorkflowSettings } from '../../lib/domain/workflow-settings';

/** Everything the workspace shows, read in one go (it only reads: writes are messages to the background). */
export interface WorkspaceData {
  codes: CodeRecord[];
  creators: CreatorRecord[];
  posts: PostRecord[];
  readings: ReadingRecord[];
  reachOuts: ReachOutRow[];
  reminders: ReminderSettings;
  workflow: WorkflowSettings;
}

export async function readWorkspace(db: SparkGuardDb): Promise<WorkspaceData> {
  const [codes, creators, posts, readings, reachOuts, reminders, workflow] = await Promise.all([
    db.codes.toArray(),
    db.creators.toArray(),
    db.posts.toArray(),
    db.readings.toArray(),
    db.reachOuts.toArray(),
    getSettings(db),
    getWorkflowSettings(db),
  ]);
  return { codes, creators, posts, readings, reachOuts, reminders, workflow };
}

/** Readings grouped by what they are about ("post:<key>", "performance:<code id>"). */
export function readingsBySubject(readings: readonly ReadingRecord[]): Map<string, ReadingRecord[]> {
  const map = new Map<string, ReadingRecord[]>();
  for (const r of readings) {
    const key = `${r.kind}:${r.subject}`;
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  }
  return map;
}
