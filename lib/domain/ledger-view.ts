import { z } from 'zod';
import { codeStatusSchema, type CodeRecord } from './code';

/**
 * What the Ads Manager overlay may know about a ledger code. The authorization code itself never
 * leaves the background: the overlay only needs who, which post, which account and when it ends.
 */
export const ledgerCodeViewSchema = z.object({
  id: z.string().min(1),
  handle: z.string(),
  postId: z.string().nullable(),
  postUrl: z.string(),
  adAccountId: z.string(),
  expiresAt: z.number().int(),
  status: codeStatusSchema,
});
export type LedgerCodeView = z.infer<typeof ledgerCodeViewSchema>;

export function toLedgerView(record: CodeRecord): LedgerCodeView {
  return {
    id: record.id,
    handle: record.handle,
    postId: record.postId,
    postUrl: record.postUrl,
    adAccountId: record.adAccountId,
    expiresAt: record.expiresAt,
    status: record.status,
  };
}

/**
 * The code that speaks for a group of codes (one post, or one creator, in one account): the live one
 * that lasts longest; when none is live, the most recent one.
 */
export function currentCode<T extends Pick<LedgerCodeView, 'status' | 'expiresAt'>>(codes: readonly T[]): T | null {
  const live = codes.filter((c) => c.status === 'live').sort((a, b) => b.expiresAt - a.expiresAt);
  if (live[0]) return live[0];
  return [...codes].sort((a, b) => b.expiresAt - a.expiresAt)[0] ?? null;
}

/** Short, readable span: "3 days", "5 h", "40 min". Rounds down so a countdown never overstates time left. */
export function spanWords(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return minutes <= 1 ? '1 min' : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}
