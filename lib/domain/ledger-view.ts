import type { CodeRecord } from './code';

/**
 * What the Ads Manager overlay may know about a ledger code. The authorization code itself never
 * leaves the background: the overlay only needs who, which post, which account and when it ends.
 */
export type LedgerCodeView = Pick<CodeRecord, 'id' | 'handle' | 'postId' | 'postUrl' | 'adAccountId' | 'expiresAt' | 'status'>;

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
