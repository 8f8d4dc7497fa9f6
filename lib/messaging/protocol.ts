import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { codeDraftInputSchema, codeRecordSchema, type CodeRecord, type DraftField } from '../domain/code';

/**
 * The one message protocol between the popup, options page, content script and the background, which
 * owns the database. Every payload has a zod schema; the background parses before it acts, so a
 * malformed message is answered with a readable error and never touches stored data.
 */

export const saveCodeSchema = codeDraftInputSchema;
export const idSchema = z.object({ id: z.string().min(1) });
export const setStatusSchema = z.object({ id: z.string().min(1), status: z.enum(['live', 'pulled']) });
export const restoreCodeSchema = z.object({ record: codeRecordSchema });
export const settingsPatchSchema = z
  .object({
    reachOutHours: z.number().int().min(2).max(24 * 30),
    swapHours: z.number().int().min(1).max(24 * 29),
  })
  .partial();

export type Failure = { ok: false; field: DraftField | null; message: string };
export type SaveCodeResult = { ok: true; id: string; replaced: string | null } | Failure;
export type Done = { ok: true } | Failure;

export interface ProtocolMap {
  /** Validate and store a new code (or a renewal, when `renews` is set). */
  saveCode(data: z.input<typeof saveCodeSchema>): SaveCodeResult;
  /** Mark a code pulled, or undo that. */
  setCodeStatus(data: z.input<typeof setStatusSchema>): Done;
  /** Delete a code; the deleted record comes back so the buyer can undo. */
  deleteCode(data: z.input<typeof idSchema>): { ok: true; record: CodeRecord } | Failure;
  /** Put a deleted record back (undo). */
  restoreCode(data: z.input<typeof restoreCodeSchema>): Done;
  updateSettings(data: z.input<typeof settingsPatchSchema>): Done;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

/** Turns a zod failure into one sentence for the buyer. */
export function describeInvalid(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.join('.') || 'request';
  return `Spark Guard could not read that request (${where}: ${first?.message ?? 'invalid'}). Nothing was changed.`;
}
