import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type { CodeRecord, DraftField } from '../domain/code';
import type { ReminderSettings } from '../domain/expiry';
import type { ImportOutcome } from '../domain/import-row';
import type { LedgerCodeView } from '../domain/ledger-view';
import type { WorkflowDone, WorkflowFailure, WorkflowRestoreOutcome } from '../db/workflow-repo';
import type {
  idSchema,
  importCodesSchema,
  layoutHealthSchema,
  linkRowSchema,
  listScanSchema,
  restoreWorkflowSchema,
  saveCreatorSchema,
  savePerformanceSchema,
  savePostSchema,
  workflowSettingsMessageSchema,
  overlayLedgerSchema,
  restoreCodeSchema,
  saveCodeSchema,
  setStatusSchema,
  settingsPatchSchema,
  unlinkRowSchema,
} from './schemas';

/**
 * The one message protocol between the popup, options page, content script and the background, which
 * owns the database. Every payload has a zod schema in schemas.ts that the background parses before
 * it acts; this module imports them as types only, so every sender loads it without zod.
 */

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

  /** Workspace: add or update a creator (the toggle screenshot travels as base64). */
  saveCreator(data: z.input<typeof saveCreatorSchema>): { ok: true; handle: string } | WorkflowFailure;
  /** Workspace: add or update a post, with a reading of its organic numbers when any were given. */
  savePost(data: z.input<typeof savePostSchema>): { ok: true; key: string; reading: boolean } | WorkflowFailure;
  /** Workspace: a running code's frequency, completion rate and comment sentiment, now. */
  savePerformanceReading(data: z.input<typeof savePerformanceSchema>): WorkflowDone;
  /** Popup and workspace: the buyer asked the creator of this code for a new one. */
  markAsked(data: z.input<typeof idSchema>): WorkflowDone;
  updateWorkflowSettings(data: z.input<typeof workflowSettingsMessageSchema>): WorkflowDone;
  /** Settings page: the workflow part of a backup; what is stored already stays. */
  restoreWorkflow(data: z.input<typeof restoreWorkflowSchema>): WorkflowRestoreOutcome | WorkflowFailure;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
