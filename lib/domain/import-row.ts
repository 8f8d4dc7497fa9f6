import { z } from 'zod';
import { codeStatusSchema, reminderKindSchema } from './code';

/**
 * An imported row as it travels from the options page to the background, and what the background
 * answers. Kept apart from the import rules (import.ts), so that the message protocol, which every
 * part of the extension loads, does not load those rules too.
 */

/** More rows than any buyer's ledger holds: a bigger file is not a ledger. */
export const MAX_IMPORT_ROWS = 5000;

/** One code read from a file, as the form would hold it, plus what a backup keeps beside it. */
export const importRowSchema = z.object({
  /** Where it was in the file (spreadsheet row, or position in a backup), for the buyer's report. */
  row: z.number().int().min(1),
  handle: z.string().max(200),
  postUrl: z.string().max(2048),
  code: z.string().max(2048),
  adAccount: z.string().max(2048),
  /** "7" | "30" | "60" | "365" | "custom", as the form's "Valid for". */
  validity: z.string().max(40),
  customEndsAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  /** The expiry the file states, checked against the validity; null when it states none. */
  expiresAt: z.number().int().nullable(),
  notes: z.string().max(10_000),
  status: codeStatusSchema,
  // Kept from a backup so that a restored ledger is the ledger that was saved; null from a CSV.
  id: z.string().min(1).max(200).nullable(),
  renews: z.string().max(200).nullable(),
  replacedBy: z.string().max(200).nullable(),
  savedAt: z.number().int().nullable(),
  updatedAt: z.number().int().nullable(),
  reminders: z.partialRecord(reminderKindSchema, z.number().int()),
  /** Reminders confirmed on screen, from a backup that records them; null otherwise. */
  shown: z.partialRecord(reminderKindSchema, z.number().int()).nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export interface RowNote {
  row: number;
  message: string;
}

/** What an import did, as the background answers it. */
export interface ImportOutcome {
  ok: true;
  imported: number;
  /** Live codes in the ledger that an imported newer code renewed. */
  renewed: number;
  already: RowNote[];
  skipped: RowNote[];
  asHistory: HistoryNote[];
}

/** A row stored as history: whose code it was. */
export interface HistoryNote {
  row: number;
  handle: string;
}
