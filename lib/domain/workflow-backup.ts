import { z } from 'zod';
import { creatorRecordSchema } from './creator';
import { postRecordSchema, readingRecordSchema } from './organic-gate';
import { workflowSettingsSchema } from './workflow-settings';

/**
 * The Spark workflow's part of a backup: extra named tables beside the codes (creators, posts,
 * readings, reachOuts, workflowSettings), each row checked by its own schema on the way back in. A
 * backup without them (made before they existed) restores as before. Screenshots travel as base64.
 * Pure.
 */

export const backupScreenshotSchema = z.object({
  name: z.string().max(300),
  type: z.string().regex(/^image\//),
  base64: z.string().max(8_000_000),
});

export const backupCreatorSchema = creatorRecordSchema.omit({ screenshot: true }).extend({ screenshot: backupScreenshotSchema.nullable() });
export type BackupCreator = z.infer<typeof backupCreatorSchema>;
export const reachOutRowSchema = z.object({ codeId: z.string().min(1), askedAt: z.number().int() });

export interface WorkflowBackupPart {
  creators: BackupCreator[];
  posts: z.infer<typeof postRecordSchema>[];
  readings: z.infer<typeof readingRecordSchema>[];
  reachOuts: z.infer<typeof reachOutRowSchema>[];
  workflowSettings: z.infer<typeof workflowSettingsSchema> | null;
}

/** What the background accepts to restore (one message may carry part of the creators; see batches). */
export const workflowRestoreSchema = z.object({
  creators: z.array(backupCreatorSchema).max(10_000),
  posts: z.array(postRecordSchema).max(50_000),
  readings: z.array(readingRecordSchema).max(200_000),
  reachOuts: z.array(reachOutRowSchema).max(50_000),
  settings: workflowSettingsSchema.nullable(),
});
export type WorkflowRestorePayload = z.infer<typeof workflowRestoreSchema>;

export function isEmptyPart(part: WorkflowBackupPart): boolean {
  return !part.creators.length && !part.posts.length && !part.readings.length && !part.reachOuts.length && !part.workflowSettings;
}

const TABLE_NAMES = { creators: 'creator', posts: 'post', readings: 'reading', reachOuts: 'reach-out' } as const;

/**
 * Reads the workflow tables of a backup's JSON. Rows that fail their schema are left out and named
 * ("Creator entry 2 is damaged …"); the others come in.
 */
export function readWorkflowPart(json: unknown): { part: WorkflowBackupPart; problems: string[] } {
  const part: WorkflowBackupPart = { creators: [], posts: [], readings: [], reachOuts: [], workflowSettings: null };
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null) return { part, problems };
  const file = json as Record<string, unknown>;
  const take = <T>(table: keyof typeof TABLE_NAMES, schema: z.ZodType<T>, into: T[]) => {
    const rows = file[table];
    if (rows === undefined) return;
    if (!Array.isArray(rows)) {
      problems.push(`The ${TABLE_NAMES[table]}s in this backup are damaged, so they were left out.`);
      return;
    }
    rows.forEach((row, i) => {
      const parsed = schema.safeParse(row);
      if (parsed.success) into.push(parsed.data);
      else {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (its “${issue.path.join('.')}” is missing or wrong)` : '';
        const who = typeof (row as { handle?: unknown })?.handle === 'string' ? ` for @${(row as { handle: string }).handle}` : '';
        const name = TABLE_NAMES[table];
        problems.push(`${name[0]!.toUpperCase()}${name.slice(1)} entry ${i + 1}${who} is damaged${where}, so it was left out.`);
      }
    });
  };
  take('creators', backupCreatorSchema, part.creators);
  take('posts', postRecordSchema, part.posts);
  take('readings', readingRecordSchema, part.readings);
  take('reachOuts', reachOutRowSchema, part.reachOuts);
  if (file.workflowSettings !== undefined && file.workflowSettings !== null) {
    const parsed = workflowSettingsSchema.safeParse(file.workflowSettings);
    if (parsed.success) part.workflowSettings = parsed.data;
    else problems.push('The workflow settings in this backup are damaged, so your current ones stay.');
  }
  return { part, problems };
}

/** Most characters of screenshots one restore message carries (messages between pages have a size limit). */
export const MAX_BATCH_CHARS = 16_000_000;

/** The part as restore messages: everything but creators first, then creators in batches small enough to send. */
export function restoreBatches(part: WorkflowBackupPart): WorkflowRestorePayload[] {
  const batches: WorkflowRestorePayload[] = [
    { creators: [], posts: part.posts, readings: part.readings, reachOuts: part.reachOuts, settings: part.workflowSettings },
  ];
  let current: BackupCreator[] = [];
  let size = 0;
  for (const c of part.creators) {
    const weight = (c.screenshot?.base64.length ?? 0) + 1000;
    if (current.length && size + weight > MAX_BATCH_CHARS) {
      batches.push({ creators: current, posts: [], readings: [], reachOuts: [], settings: null });
      current = [];
      size = 0;
    }
    current.push(c);
    size += weight;
  }
  if (current.length) batches.push({ creators: current, posts: [], readings: [], reachOuts: [], settings: null });
  return batches;
}
