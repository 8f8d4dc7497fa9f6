import type { WorkflowBackupPart } from '../domain/workflow-backup';
import { getWorkflowSettings, bytesToBase64 } from './workflow-repo';
import type { SparkGuardDb } from './schema';

/** The workflow tables as a backup holds them: every row as stored, screenshots as base64. */
export async function workflowBackupPart(db: SparkGuardDb): Promise<WorkflowBackupPart> {
  const [creators, posts, readings, reachOuts, stored] = await Promise.all([
    db.creators.toArray(),
    db.posts.toArray(),
    db.readings.toArray(),
    db.reachOuts.toArray(),
    db.settings.get('workflow'),
  ]);
  return {
    creators: await Promise.all(
      creators.map(async (c) => ({
        ...c,
        screenshot: c.screenshot
          ? { name: c.screenshot.name, type: c.screenshot.type, base64: bytesToBase64(new Uint8Array(await c.screenshot.blob.arrayBuffer())) }
          : null,
      })),
    ),
    posts,
    readings,
    reachOuts,
    // Only settings the buyer changed: defaults are not pinned into the file.
    workflowSettings: stored ? await getWorkflowSettings(db) : null,
  };
}
