import { z } from 'zod';
import { codeStatusSchema, reminderKindSchema } from './code';

/**
 * An imported row as it travels from the options page to the background, and what the background
 * answers. Kept apart from the import rules (import.ts), so that the message protocol, which every
 * part of the extension loads, does not load those rules too.
 */

/**
 * Ten times the biggest ledger a buyer is likely to hold, and still imported within seconds. The
 * README states it.
 */
export const MAX_IMPORT_ROWS = 50_000;

/**
 * One code read from a file, as the form would hold it, plus what a backup keeps beside it. Only the
 * shape is checked here: lengths and dates are the form's rules (parseCodeDraft), which judge each
 * row on its own and name it in the report, so one long note never refuses the whole file.
 */
export const importRowSchema = z.object({
  /** Where it was in the file (spreadsheet row, or position in a backup), for the buyer's report. */
  row: z.number().int().min(1),
  handle: z.string(),
  postUrl: z.string(),
  code: z.string(),
  adAccount: z.string(),
  /** "7" | "30" | "60" | "365" | "custom", as the form's "Valid for". */
  validity: z.string(),
  customEndsAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  /** The expiry the file states, checked against the validity; null when it states none. */
  expiresAt: z.number().int().nullable(),
  notes: z.string(),
  status: codeStatusSchema,
  // Kept from a backup so that a restored ledger is the ledger that was saved; null from a CSV.
  id: z.string().min(1).nullable(),
  renews: z.string().nullable(),
  replacedBy: z.string().nullable(),
  savedAt: z.number().int().nullable(),
  updatedAt: z.number().int().nullable(),
  reminders: z.partialRecord(reminderKindSchema, z.number().int()),
  /** Reminders confirmed on screen, from a backup that records them; null otherwise. */
  shown: z.partialRecord(reminderKindSchema, z.number().int()).nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export interface RowNote {
  row: number;
  /** The creator the row names, as written in the file, when it names one: said beside the row number. */
  handle?: string;
  message: string;
}

/**
 * The creator a row names, for the report: as written, without the @, shortened when a damaged file
 * put a whole paragraph there. Undefined when it names none.
 */
export function creatorNamed(handle: unknown): string | undefined {
  if (typeof handle !== 'string') return undefined;
  const text = handle.trim().replace(/^@+/, '').replace(/\s+/g, ' ');
  if (!text) return undefined;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
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
