import { z } from 'zod';
import { codeDraftInputSchema, codeRecordSchema } from '../domain/code';
import { MAX_IMPORT_ROWS, importRowSchema } from '../domain/import-row';
import { creatorDraftInputSchema } from '../domain/creator';
import { postDraftInputSchema } from '../domain/organic-gate';
import { performanceDraftInputSchema } from '../domain/performance';
import { workflowRestoreSchema } from '../domain/workflow-backup';
import { workflowSettingsSchema } from '../domain/workflow-settings';

/**
 * The payload schema of every message in the protocol (protocol.ts). The background parses each
 * payload with these before it acts, so a malformed message is answered with a readable error and
 * never touches stored data. Kept apart from protocol.ts so that senders (popup, options page,
 * content script) load the protocol without zod.
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
  area: z.enum(['preview', 'list', 'language']),
  /** What could not be read, in the buyer's words; empty when the page reads fine. */
  problems: z.array(z.string().min(1).max(300)).max(20),
  seenAt: z.number().int(),
});
export const linkRowSchema = z.object({ adAccountId: adAccountIdSchema, rowName: rowNameSchema, codeId: z.string().min(1) });
export const unlinkRowSchema = z.object({ adAccountId: adAccountIdSchema, rowName: rowNameSchema });

// Options page: codes read from a backup or CSV, to be checked and stored in one go.
export const importCodesSchema = z.object({ rows: z.array(importRowSchema).min(1).max(MAX_IMPORT_ROWS) });

// Workspace: the Spark workflow around the code.
/** A 5 MB picture is under 7 million characters of base64; the background checks the real size. */
export const saveCreatorSchema = creatorDraftInputSchema.extend({
  screenshot: z.object({ name: z.string().max(300), base64: z.string().max(7_200_000) }).nullable(),
  removeScreenshot: z.boolean(),
});
export const savePostSchema = postDraftInputSchema;
export const savePerformanceSchema = performanceDraftInputSchema;
export const workflowSettingsMessageSchema = workflowSettingsSchema;
export const restoreWorkflowSchema = workflowRestoreSchema;

/** Turns a zod failure into one sentence for the buyer. */
export function describeInvalid(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.join('.') || 'request';
  return `Spark Guard could not read that request (${where}: ${first?.message ?? 'invalid'}). Nothing was changed.`;
}
