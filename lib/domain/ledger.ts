import type { CodeDraft, CodeRecord, Result } from './code';

/**
 * Rules across codes: a code authorizes one ad account and belongs to one post; one post may have
 * codes for several ad accounts; a new code for the same post and ad account renews the old one.
 */

export interface Placement {
  /** The live code for the same post and ad account that the new one replaces, if any. */
  replaces: string | null;
}

function samePost(a: Pick<CodeRecord, 'postId' | 'postUrl'>, b: Pick<CodeDraft, 'postId' | 'postUrl'>) {
  if (a.postId && b.postId) return a.postId === b.postId;
  return a.postUrl === b.postUrl;
}

/**
 * Checks a draft against the stored codes. Refuses a code already used for another ad account or
 * another post, and a code already saved; otherwise says which live code it replaces.
 */
export function placeDraft(draft: CodeDraft, existing: readonly CodeRecord[]): Result<Placement> {
  for (const other of existing) {
    if (other.code !== draft.code) continue;
    if (other.adAccountId !== draft.adAccountId) {
      return {
        ok: false,
        field: 'adAccount',
        message:
          `This code is already used for ad account ${other.adAccountId}. A Spark Ads code authorizes ` +
          `one ad account only: each ad account needs its own code from the creator, so ask ` +
          `@${other.handle} for a new code for ad account ${draft.adAccountId}.`,
      };
    }
    if (!samePost(other, draft)) {
      return {
        ok: false,
        field: 'postUrl',
        message:
          `This code was saved for another post (${other.postUrl}). A code belongs to one post: ` +
          `check the link, or ask the creator for a code for this post.`,
      };
    }
    return {
      ok: false,
      field: 'code',
      message: `This code is already in your ledger for @${other.handle} in ad account ${other.adAccountId}.`,
    };
  }

  if (draft.renews !== null) {
    const old = existing.find((c) => c.id === draft.renews);
    if (!old) return { ok: false, field: null, message: 'The code you are renewing is no longer in the ledger.' };
    if (old.adAccountId !== draft.adAccountId || !samePost(old, draft)) {
      return {
        ok: false,
        field: 'postUrl',
        message: 'A renewal must be for the same post and ad account as the code it replaces.',
      };
    }
    return { ok: true, value: { replaces: old.id } };
  }

  // A second live code for the same post and ad account is a renewal, even when not started from "Renew".
  const live = existing
    .filter((c) => c.status === 'live' && c.adAccountId === draft.adAccountId && samePost(c, draft))
    .sort((a, b) => b.expiresAt - a.expiresAt)[0];
  return { ok: true, value: { replaces: live?.id ?? null } };
}
