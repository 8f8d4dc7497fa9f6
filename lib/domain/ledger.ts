import type { CodeDraft, CodeRecord, Result } from './code';

/**
 * Rules across codes: a code authorizes one ad account and belongs to one post; one post may have
 * codes for several ad accounts; a new code for the same post and ad account renews the old one.
 * A renewal may also keep the same code when the creator extended the authorization.
 */

export interface Placement {
  /** The live code for the same post and ad account that the new one replaces, if any. */
  replaces: string | null;
}

export type PostMatch = 'same' | 'different' | 'unknown';

/** Whether two codes are for the same post; a short link without an id may be either. */
export function comparePosts(
  a: Pick<CodeRecord, 'postId' | 'postUrl'>,
  b: Pick<CodeDraft, 'postId' | 'postUrl'>,
): PostMatch {
  if (a.postId && b.postId) return a.postId === b.postId ? 'same' : 'different';
  if (a.postUrl === b.postUrl) return 'same';
  // A short link carries no post id until resolved: it may well be the other link's post.
  return a.postId === null || b.postId === null ? 'unknown' : 'different';
}

/**
 * The code without the leading `#` and the trailing `=` padding, which a copy-paste easily drops:
 * the same code pasted with and without them is still the same code.
 */
export function codeKey(code: string): string {
  return code.replace(/^#/, '').replace(/=+$/, '');
}

/**
 * Checks a draft against the stored codes. Refuses a code already used for another ad account or
 * another post, and a code already saved (unless it is the explicit extension of that very code);
 * otherwise says which live code it replaces.
 */
export function placeDraft(draft: CodeDraft, existing: readonly CodeRecord[]): Result<Placement> {
  const renewed = draft.renews === null ? null : (existing.find((c) => c.id === draft.renews) ?? null);
  if (draft.renews !== null && renewed === null) {
    return {
      ok: false,
      field: null,
      message: 'The code you are renewing is no longer in your ledger (it may have been deleted). Save this code as a new one.',
    };
  }

  const key = codeKey(draft.code);
  for (const other of existing) {
    if (codeKey(other.code) !== key) continue;
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
    if (comparePosts(other, draft) === 'different') {
      return {
        ok: false,
        field: 'postUrl',
        message:
          `This code was saved for another post (${other.postUrl}). A code belongs to one post: ` +
          `check the link, or ask the creator for a code for this post.`,
      };
    }
    // The creator extended the authorization and the code stayed the same: a renewal, not a duplicate.
    const extendsThisCode = renewed !== null && codeKey(renewed.code) === key;
    if (!extendsThisCode) {
      return {
        ok: false,
        field: 'code',
        message: `This code is already in your ledger for @${other.handle} in ad account ${other.adAccountId}.`,
      };
    }
  }

  if (renewed !== null) {
    if (renewed.status === 'replaced') {
      return {
        ok: false,
        field: null,
        message: 'That code was already renewed. Renew its newest code instead, so the ledger keeps one chain.',
      };
    }
    if (renewed.adAccountId !== draft.adAccountId || comparePosts(renewed, draft) === 'different') {
      return {
        ok: false,
        field: 'postUrl',
        message:
          `A renewal must be for the same post and ad account as the code it replaces ` +
          `(${renewed.postUrl} in ad account ${renewed.adAccountId}). For another post or account, save a new code.`,
      };
    }
    if (codeKey(renewed.code) === key && draft.expiresAt <= renewed.expiresAt) {
      return {
        ok: false,
        field: 'validity',
        message:
          'This is the same code with no later end date. If the creator extended it, enter when they extended ' +
          'it and for how long.',
      };
    }
    return { ok: true, value: { replaces: renewed.id } };
  }

  // A second live code for the same post and ad account is a renewal, even when not started from "Renew".
  const live = existing
    .filter((c) => c.status === 'live' && c.adAccountId === draft.adAccountId && comparePosts(c, draft) === 'same')
    .sort((a, b) => b.expiresAt - a.expiresAt)[0];
  return { ok: true, value: { replaces: live?.id ?? null } };
}

/** What a stored record adds to a draft; a new live code with no history unless told otherwise. */
export type RecordFields = Partial<
  Pick<CodeRecord, 'status' | 'renews' | 'replacedBy' | 'savedAt' | 'updatedAt' | 'reminders' | 'shown'>
>;

/** A draft as a record to store. `draft.renews` is the renewal asked for; `fields.renews` what was placed. */
export function recordFromDraft(draft: CodeDraft, id: string, now: number, fields: RecordFields = {}): CodeRecord {
  const { renews: _asked, ...typed } = draft;
  return {
    id,
    ...typed,
    status: 'live',
    renews: null,
    replacedBy: null,
    savedAt: now,
    updatedAt: now,
    reminders: {},
    shown: {},
    ...fields,
  };
}
