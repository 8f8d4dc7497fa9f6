import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { codeDraftInputSchema, codeRecordSchema, type CodeRecord, type DraftField } from '../domain/code';
import type { ReminderSettings } from '../domain/expiry';
import { MAX_IMPORT_ROWS, importRowSchema, type ImportOutcome } from '../domain/import-row';
import type { LedgerCodeView } from '../domain/ledger-view';

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

// Ads Manager overlay. Page-derived strings are bounded: a page can put anything in a name.
const adAccountIdSchema = z.string().regex(/^\d{1,25}$/, 'an ad account id is digits');
const pageKindSchema = z.string().min(1).max(40);
const pageUrlSchema = z.url().max(2048);
const rowNameSchema = z.string().min(1).max(512);
export const overlayLedgerSchema = z.object({ adAccountId: adAccountIdSchema.nullable() });
export const listScanSchema = z.object({
  adAccountId: adAccountIdSchema,
  pageKind: pageKindSchema,
  url: pageUrlSchema,
  notDelivering: z.number().int().min(0),
  rowsRead: z.number().int().min(0),
  seenAt: z.number().int(),
});
export const layoutHealthSchema = z.object({
  pageUrl: pageUrlSchema,
  pageKind: pageKindSchema,
  /** Which part of the overlay read the page: problems of one area never clear the other's. */
  area: z.enum(['preview', 'list']),
  /** What could not be read, in the buyer's words; empty when the page reads fine. */
  problems: z.array(z.string().min(1).max(300)).max(20),
  seenAt: z.number().int(),
});
export const linkRowSchema = z.object({ adAccountId: adAccountIdSchema, rowName: rowNameSchema, codeId: z.string().min(1) });
export const unlinkRowSchema = z.object({ adAccountId: adAccountIdSchema, rowName: rowNameSchema });

// Options page: codes read from a backup or CSV, to be checked and stored in one go.
export const importCodesSchema = z.object({ rows: z.array(importRowSchema).min(1).max(MAX_IMPORT_ROWS) });

/** What the overlay needs from the ledger: code summaries (never the code itself), row links, settings. */
export type OverlayLedger = {
  ok: true;
  codes: LedgerCodeView[];
  /** The buyer's row links in the requested ad account. */
  links: { rowName: string; codeId: string }[];
  settings: ReminderSettings;
};

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
  /** Overlay: the ledger as the Ads Manager overlay may see it. */
  overlayLedger(data: z.input<typeof overlayLedgerSchema>): OverlayLedger | Failure;
  /** Overlay: how many rows of a list page read "Not delivering". */
  reportListScan(data: z.input<typeof listScanSchema>): Done;
  /** Overlay: what could not be read on a page (empty problems = reads fine again). */
  reportLayoutHealth(data: z.input<typeof layoutHealthSchema>): Done;
  /** Overlay: tie a list row to a ledger code, or undo that. */
  linkRow(data: z.input<typeof linkRowSchema>): Done;
  unlinkRow(data: z.input<typeof unlinkRowSchema>): Done;
  /**
   * Options page: check every row with the form's rules and store the valid ones in one transaction;
   * the answer says, per row, what was skipped and why, and what was already in the ledger.
   */
  importCodes(data: z.input<typeof importCodesSchema>): ImportOutcome | Failure;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

/** Turns a zod failure into one sentence for the buyer. */
export function describeInvalid(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.join('.') || 'request';
  return `Spark Guard could not read that request (${where}: ${first?.message ?? 'invalid'}). Nothing was changed.`;
}
