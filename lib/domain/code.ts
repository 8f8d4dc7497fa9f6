import { z } from 'zod';
import { REMINDER_KINDS } from './expiry';

/**
 * What a Spark Ads authorization code record is, and how buyer input becomes one.
 * Pure: no DOM, no browser, no clock. Every parser returns a result with a message a media buyer
 * understands instead of throwing.
 */

export const VALIDITY_DAYS = [7, 30, 60, 365] as const;
export type ValidityDays = (typeof VALIDITY_DAYS)[number];

export const validitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('days'), days: z.union(VALIDITY_DAYS.map((d) => z.literal(d))) }),
  // Some creators pick other periods (e.g. 180 days): the real end date is what counts.
  z.object({ kind: z.literal('custom'), endsAt: z.number().int() }),
]);
export type Validity = z.infer<typeof validitySchema>;

export const CODE_STATUSES = ['live', 'replaced', 'pulled'] as const;
export const codeStatusSchema = z.enum(CODE_STATUSES);
export type CodeStatus = z.infer<typeof codeStatusSchema>;

export const reminderKindSchema = z.enum(REMINDER_KINDS);
export type ReminderKind = z.infer<typeof reminderKindSchema>;

/**
 * How long each field may be, as typed. Defined once: the popup's form stops typing there (with a
 * counter on the long fields), the form's rules (parseCodeDraft) refuse longer text from a message or
 * a file with the buyer's words, and the stored record below allows the same. So whatever the popup
 * saved fits in a backup that imports again. A handle or an ad account may be pasted as a link,
 * hence more room than the 24 characters or 25 digits that are kept of them.
 */
export const FIELD_LIMITS = {
  handle: 200,
  postUrl: 2_048,
  code: 2_048,
  adAccount: 2_048,
  notes: 10_000,
} as const;
export type LimitedField = keyof typeof FIELD_LIMITS;

/** A code as stored. Times are UTC epoch milliseconds. */
export const codeRecordSchema = z.object({
  id: z.string().min(1),
  /** Normalized: lower case, no leading @. */
  handle: z.string().max(FIELD_LIMITS.handle),
  postUrl: z.string().max(FIELD_LIMITS.postUrl),
  /** Null for short links (vm./vt./t/) that carry no id until resolved. */
  postId: z.string().max(FIELD_LIMITS.postUrl).nullable(),
  code: z.string().max(FIELD_LIMITS.code),
  adAccountId: z.string().max(FIELD_LIMITS.adAccount),
  validity: validitySchema,
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  notes: z.string().max(FIELD_LIMITS.notes),
  status: codeStatusSchema,
  /** The code this one renewed, and the code that renewed this one. */
  renews: z.string().nullable(),
  replacedBy: z.string().nullable(),
  savedAt: z.number().int(),
  updatedAt: z.number().int(),
  /** When each reminder was decided (sent, or superseded by a later one); absent = not yet. */
  reminders: z.partialRecord(reminderKindSchema, z.number().int()),
  /**
   * When each reminder was confirmed on screen. A reminder decided but not confirmed (the worker
   * stopped in between, or the system refused it) is shown again on the next run, under the same
   * notification id, so it is neither lost nor doubled. Older backups lack it: empty by default.
   */
  shown: z.partialRecord(reminderKindSchema, z.number().int()).default({}),
});
export type CodeRecord = z.infer<typeof codeRecordSchema>;

/**
 * What the buyer types in the form, as strings. Validated by {@link parseCodeDraft}, which also checks
 * the lengths in {@link FIELD_LIMITS}: it says which field is too long in the buyer's words, where a
 * limit here would only say the request was unreadable.
 */
export const codeDraftInputSchema = z.object({
  handle: z.string(),
  postUrl: z.string(),
  code: z.string(),
  adAccount: z.string(),
  /** "7" | "30" | "60" | "365" | "custom" */
  validity: z.string(),
  /** Epoch ms of the custom end date, when validity is "custom". */
  customEndsAt: z.number().int().nullable(),
  /** Epoch ms when the creator made the code. */
  createdAt: z.number().int(),
  notes: z.string(),
  /** Set when the buyer renews an existing code. */
  renews: z.string().nullable(),
});
export type CodeDraftInput = z.infer<typeof codeDraftInputSchema>;

/** A validated draft, ready to become a record. */
export interface CodeDraft {
  handle: string;
  postUrl: string;
  postId: string | null;
  code: string;
  adAccountId: string;
  validity: Validity;
  createdAt: number;
  expiresAt: number;
  notes: string;
  renews: string | null;
}

export type DraftField = 'handle' | 'postUrl' | 'code' | 'adAccount' | 'validity' | 'createdAt' | 'notes';
export type Result<T> = { ok: true; value: T } | { ok: false; field: DraftField | null; message: string };
