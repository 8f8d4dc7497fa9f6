import type { SparkGuardDb } from '../../lib/db/schema';
import { workflowBackupPart } from '../../lib/db/workflow-backup';
import { isEmptyPart, readWorkflowPart, restoreBatches } from '../../lib/domain/workflow-backup';
import { plural } from '../../lib/domain/plural';
import { sendMessage } from '../../lib/messaging/protocol';

/**
 * The Spark workflow's tables in the backup the settings page downloads and restores: kept apart from
 * the code ledger's own backup, as extra named tables beside its codes.
 */

/** The extra tables for backupText, or nothing when the workflow is empty. */
export async function workflowBackupFor(db: SparkGuardDb): Promise<object> {
  const part = await workflowBackupPart(db);
  return isEmptyPart(part) ? {} : part;
}

/**
 * Restores the workflow tables of a backup's text. Notes say what was left out, in the buyer's words;
 * a backup without these tables gives nothing to do.
 */
export async function restoreWorkflowFromBackup(text: string): Promise<{ ok: true; notes: string[] } | { ok: false; message: string } | null> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  const { part, problems } = readWorkflowPart(json);
  if (isEmptyPart(part)) return problems.length ? { ok: true, notes: problems } : null;
  const notes = [...problems];
  let added = 0;
  for (const batch of restoreBatches(part)) {
    const answer = await sendMessage('restoreWorkflow', batch);
    if (!answer.ok) return { ok: false, message: answer.message };
    added += answer.added;
    for (const handle of answer.droppedScreenshots) notes.push(`The toggle screenshot of @${handle} could not be read, so it was left out.`);
  }
  if (added > 0) notes.unshift(`Restored ${plural(added, 'creator, post or reading', 'creators, posts and readings')}.`);
  return { ok: true, notes };
}
