import { parseCreatorDraft, type CreatorDraftInput, type CreatorField, type CreatorRecord, type Screenshot } from '../domain/creator';
import { parsePostDraft, type PostDraftInput, type PostField, type ReadingRecord } from '../domain/organic-gate';
import { parsePerformanceDraft, type PerformanceDraftInput, type PerformanceField } from '../domain/performance';
import { imageTypeOf, screenshotProblem } from '../domain/screenshot';
import { readWorkflowSettings, workflowSettingsSchema, type WorkflowSettings } from '../domain/workflow-settings';
import type { WorkflowRestorePayload } from '../domain/workflow-backup';
import type { SparkGuardDb } from './schema';

/**
 * The background's writes for the Spark workflow: creators, posts, readings, reach-outs and the
 * workflow settings. Each checks the input before touching anything and writes in one transaction; a
 * refused write answers in the buyer's words and changes nothing stored.
 */

export type WorkflowField = CreatorField | PostField | PerformanceField | 'settings';
export type WorkflowFailure = { ok: false; field: WorkflowField | null; message: string };
export type WorkflowDone = { ok: true } | WorkflowFailure;

/** A picture as it travels in a message: its file name and bytes in base64 (messages carry no Blobs). */
export interface ScreenshotUpload {
  name: string;
  base64: string;
}

export function base64ToBytes(base64: string): Uint8Array | null {
  try {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(text);
}

/** The upload as a stored screenshot, or the reason it cannot be one. */
export function screenshotFromUpload(upload: ScreenshotUpload): { ok: true; value: Screenshot } | WorkflowFailure {
  const bytes = base64ToBytes(upload.base64);
  const problem = bytes
    ? screenshotProblem({ name: upload.name, size: bytes.length, head: bytes.subarray(0, 16) })
    : `“${upload.name}” could not be read. Choose the screenshot again.`;
  if (problem || !bytes) return { ok: false, field: 'screenshot', message: problem ?? 'unreadable' };
  const type = imageTypeOf(bytes)!;
  return { ok: true, value: { blob: new Blob([bytes as BlobPart], { type }), type, size: bytes.length, name: upload.name } };
}

export interface SaveCreatorInput extends CreatorDraftInput {
  /** A new picture; null keeps the stored one (unless removed). */
  screenshot: ScreenshotUpload | null;
  removeScreenshot: boolean;
}

/** Adds a creator or updates the one with the same handle (the ledger may have named it first). */
export async function saveCreator(
  db: SparkGuardDb,
  input: SaveCreatorInput,
  now: number,
): Promise<{ ok: true; handle: string } | WorkflowFailure> {
  const draft = parseCreatorDraft(input);
  if (!draft.ok) return draft;
  let picture: Screenshot | null = null;
  if (input.screenshot) {
    const read = screenshotFromUpload(input.screenshot);
    if (!read.ok) return read;
    picture = read.value;
  }
  return db.transaction('rw', db.creators, async () => {
    const existing = await db.creators.get(draft.value.handle);
    const record: CreatorRecord = {
      ...draft.value,
      screenshot: picture ?? (input.removeScreenshot ? null : (existing?.screenshot ?? null)),
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
    };
    await db.creators.put(record);
    return { ok: true as const, handle: record.handle };
  });
}

/**
 * Stores a post (or updates when it went up) and, when any number was given, a reading of it at
 * `now`: readings pile up over time and the latest decides.
 */
export async function savePost(
  db: SparkGuardDb,
  input: PostDraftInput,
  now: number,
  newId: () => string = () => crypto.randomUUID(),
): Promise<{ ok: true; key: string; reading: boolean } | WorkflowFailure> {
  const draft = parsePostDraft(input, now);
  if (!draft.ok) return draft;
  const d = draft.value;
  return db.transaction('rw', db.posts, db.readings, async () => {
    const existing = await db.posts.get(d.key);
    await db.posts.put({
      key: d.key,
      url: d.url,
      postId: d.postId,
      handle: d.handle ?? existing?.handle ?? null,
      postedAt: d.postedAt,
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
    });
    const reading = d.views !== null || d.completion !== null || d.sentiment !== null;
    if (reading) {
      const row: ReadingRecord = { id: newId(), kind: 'post', subject: d.key, at: now, views: d.views, completion: d.completion, sentiment: d.sentiment };
      await db.readings.add(row);
    }
    return { ok: true as const, key: d.key, reading };
  });
}

const GONE = 'That code is no longer in your ledger. It may have been deleted in another window.';

/** Adds a performance reading to a code in the ledger. */
export async function savePerformanceReading(
  db: SparkGuardDb,
  input: PerformanceDraftInput,
  now: number,
  newId: () => string = () => crypto.randomUUID(),
): Promise<WorkflowDone> {
  const draft = parsePerformanceDraft(input);
  if (!draft.ok) return draft;
  return db.transaction('rw', db.codes, db.readings, async (): Promise<WorkflowDone> => {
    if (!(await db.codes.get(draft.value.subject))) return { ok: false, field: 'codeId', message: GONE };
    const row: ReadingRecord = { id: newId(), kind: 'performance', at: now, ...draft.value };
    await db.readings.add(row);
    return { ok: true };
  });
}

/** Records when the buyer asked the creator of this code for a new one. */
export async function markAsked(db: SparkGuardDb, codeId: string, now: number): Promise<WorkflowDone> {
  return db.transaction('rw', db.codes, db.reachOuts, async (): Promise<WorkflowDone> => {
    if (!(await db.codes.get(codeId))) return { ok: false, field: null, message: GONE };
    await db.reachOuts.put({ codeId, askedAt: now });
    return { ok: true };
  });
}

export async function getWorkflowSettings(db: SparkGuardDb): Promise<WorkflowSettings> {
  const row = await db.settings.get('workflow');
  return readWorkflowSettings(row?.value);
}

/** Replaces the workflow settings; values that do not fit are refused and the stored ones stay. */
export async function updateWorkflowSettings(db: SparkGuardDb, settings: unknown): Promise<WorkflowDone> {
  const parsed = workflowSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    return { ok: false, field: 'settings', message: 'Those settings are out of range, so the last saved ones stay. Check each value and save again.' };
  }
  await db.settings.put({ key: 'workflow', value: parsed.data });
  return { ok: true };
}

/** What a backup brings back of the workflow (its own part of the file, see lib/domain/workflow-backup.ts). */
export type WorkflowRestore = WorkflowRestorePayload;

export interface WorkflowRestoreOutcome {
  ok: true;
  added: number;
  already: number;
  /** Creators whose screenshot could not be kept (the creator itself is restored). */
  droppedScreenshots: string[];
}

/**
 * Restores the workflow part of a backup in one transaction. What is already stored stays as it is
 * (a restore never overwrites the buyer's newer data); everything else is added.
 */
export async function restoreWorkflow(db: SparkGuardDb, part: WorkflowRestore): Promise<WorkflowRestoreOutcome> {
  const droppedScreenshots: string[] = [];
  const creators: CreatorRecord[] = part.creators.map((c) => {
    let screenshot: Screenshot | null = null;
    if (c.screenshot) {
      const read = screenshotFromUpload(c.screenshot);
      if (read.ok) screenshot = read.value;
      else droppedScreenshots.push(c.handle);
    }
    return { ...c, screenshot };
  });
  return db.transaction('rw', [db.creators, db.posts, db.readings, db.reachOuts, db.settings], async () => {
    let added = 0;
    let already = 0;
    async function addMissing<T>(name: string, rows: readonly T[], keyOf: (row: T) => string) {
      const table = db.table<T, string>(name);
      const keys = rows.map(keyOf);
      const found = await table.bulkGet(keys);
      const fresh = rows.filter((_, i) => found[i] === undefined);
      already += rows.length - fresh.length;
      added += fresh.length;
      if (fresh.length) await table.bulkAdd([...fresh]);
    }
    await addMissing('creators', creators, (c) => c.handle);
    await addMissing('posts', part.posts, (p) => p.key);
    await addMissing('readings', part.readings, (r) => r.id);
    await addMissing('reachOuts', part.reachOuts, (r) => r.codeId);
    if (part.settings && !(await db.settings.get('workflow'))) await db.settings.put({ key: 'workflow', value: part.settings });
    return { ok: true as const, added, already, droppedScreenshots };
  });
}
