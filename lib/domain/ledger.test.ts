import { describe, expect, it } from 'vitest';
import type { CodeDraft, CodeRecord, Result } from './code';
import { codeKey, placeDraft, type Placement } from './ledger';

const DAY = 24 * 60 * 60 * 1000;
const CREATED = Date.UTC(2026, 2, 1, 15, 0);
const CODE_A = '#kqA7Vd3rP0f9+LmZ2xYc8TnB1sWuQe5GhJi4Ko6MvRtN=';
const CODE_B = '#Zz91mQ4tRw8yUe2IoP6aSd0fGh3jKl5xCv7bNm1QwErT=';
const POST_1 = '7301234567890123456';
const POST_2 = '7309876543210987654';
const ACCOUNT_1 = '7012345678901234567';
const ACCOUNT_2 = '7098765432109876543';
const postUrl = (id: string) => `https://www.tiktok.com/@mia.creates/video/${id}`;

function draft(overrides: Partial<CodeDraft> = {}): CodeDraft {
  return {
    handle: 'mia.creates',
    postUrl: postUrl(POST_1),
    postId: POST_1,
    code: CODE_A,
    adAccountId: ACCOUNT_1,
    validity: { kind: 'days', days: 30 },
    createdAt: CREATED,
    expiresAt: CREATED + 30 * DAY,
    notes: '',
    renews: null,
    ...overrides,
  };
}

function record(id: string, overrides: Partial<CodeRecord> = {}): CodeRecord {
  const { renews: _ignored, ...fromDraft } = draft();
  return {
    id,
    ...fromDraft,
    status: 'live',
    renews: null,
    replacedBy: null,
    savedAt: CREATED,
    updatedAt: CREATED,
    reminders: {},
    shown: {},
    ...overrides,
  };
}

function refusal(result: Result<Placement>) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result;
}
function placement(result: Result<Placement>): Placement {
  if (!result.ok) throw new Error(`expected placement, got "${result.message}"`);
  return result.value;
}

describe('placeDraft', () => {
  it('places a first code with nothing to replace', () => {
    expect(placement(placeDraft(draft(), []))).toEqual({ replaces: null });
  });

  it('refuses the same code for a second ad account: each ad account needs its own code from the creator', () => {
    const stored = [record('a', { code: CODE_A, adAccountId: ACCOUNT_1 })];
    const result = refusal(placeDraft(draft({ code: CODE_A, adAccountId: ACCOUNT_2 }), stored));
    expect(result.field).toBe('adAccount');
    expect(result.message).toBe(
      `This code is already used for ad account ${ACCOUNT_1}. A Spark Ads code authorizes one ad account ` +
        `only: each ad account needs its own code from the creator, so ask @mia.creates for a new code for ` +
        `ad account ${ACCOUNT_2}.`,
    );
  });

  it('recognizes the same code pasted without its leading # or trailing =', () => {
    const stored = [record('a', { code: CODE_A })];
    const bare = CODE_A.replace(/^#/, '').replace(/=+$/, '');
    expect(codeKey(bare)).toBe(codeKey(CODE_A));
    expect(refusal(placeDraft(draft({ code: bare, adAccountId: ACCOUNT_2 }), stored)).field).toBe('adAccount');
  });

  it('refuses the same code for another post', () => {
    const stored = [record('a', { code: CODE_A })];
    const result = refusal(placeDraft(draft({ postId: POST_2, postUrl: postUrl(POST_2) }), stored));
    expect(result.field).toBe('postUrl');
    expect(result.message).toBe(
      `This code was saved for another post (${postUrl(POST_1)}). A code belongs to one post: check the ` +
        `link, or ask the creator for a code for this post.`,
    );
  });

  it('refuses an exact duplicate', () => {
    const stored = [record('a')];
    const result = refusal(placeDraft(draft(), stored));
    expect(result.field).toBe('code');
    expect(result.message).toBe(`This code is already in your ledger for @mia.creates in ad account ${ACCOUNT_1}.`);
  });

  it('refuses the same code saved once with a short link and again with the full link as a duplicate', () => {
    const stored = [record('a', { postId: null, postUrl: 'https://vm.tiktok.com/ZMabc123/' })];
    expect(refusal(placeDraft(draft(), stored)).field).toBe('code');
  });

  it('allows one post to have codes for several ad accounts, without replacing the other account’s code', () => {
    const stored = [record('a', { code: CODE_A, adAccountId: ACCOUNT_1 })];
    expect(placement(placeDraft(draft({ code: CODE_B, adAccountId: ACCOUNT_2 }), stored))).toEqual({ replaces: null });
  });

  it('a new code for the same post and ad account replaces the live one', () => {
    const stored = [
      record('old-replaced', { code: '#Old1Replaced2Code3xyz=', status: 'replaced', expiresAt: CREATED + 40 * DAY }),
      record('live', { code: CODE_A }),
      record('other-post', { code: '#Other4Post5Code6xyz=', postId: POST_2, postUrl: postUrl(POST_2) }),
    ];
    expect(placement(placeDraft(draft({ code: CODE_B }), stored))).toEqual({ replaces: 'live' });
  });

  it('does not guess a replacement when one side is a short link without a post id', () => {
    const stored = [record('a', { postId: null, postUrl: 'https://vm.tiktok.com/ZMabc123/' })];
    expect(placement(placeDraft(draft({ code: CODE_B }), stored))).toEqual({ replaces: null });
  });

  it('links an explicit renewal to the code it renews', () => {
    const stored = [record('a', { code: CODE_A })];
    expect(placement(placeDraft(draft({ code: CODE_B, renews: 'a' }), stored))).toEqual({ replaces: 'a' });
  });

  it('renews a pulled code (the creator came back)', () => {
    const stored = [record('a', { code: CODE_A, status: 'pulled' })];
    expect(placement(placeDraft(draft({ code: CODE_B, renews: 'a' }), stored))).toEqual({ replaces: 'a' });
  });

  it('renews a code saved with a short link when the new code has the full link', () => {
    const stored = [record('a', { postId: null, postUrl: 'https://vm.tiktok.com/ZMabc123/' })];
    expect(placement(placeDraft(draft({ code: CODE_B, renews: 'a' }), stored))).toEqual({ replaces: 'a' });
  });

  it('records an extension that keeps the same code as a renewal when it ends later', () => {
    const stored = [record('a', { code: CODE_A, expiresAt: CREATED + 30 * DAY })];
    const extension = draft({ code: CODE_A, renews: 'a', createdAt: CREATED + 25 * DAY, expiresAt: CREATED + 55 * DAY });
    expect(placement(placeDraft(extension, stored))).toEqual({ replaces: 'a' });
  });

  it('extends again a code that was already extended once, keeping the same code', () => {
    const stored = [
      record('a', { code: CODE_A, status: 'replaced', replacedBy: 'b', expiresAt: CREATED + 30 * DAY }),
      record('b', { code: CODE_A, renews: 'a', expiresAt: CREATED + 55 * DAY }),
    ];
    const again = draft({ code: CODE_A, renews: 'b', expiresAt: CREATED + 90 * DAY });
    expect(placement(placeDraft(again, stored))).toEqual({ replaces: 'b' });
  });

  it('refuses an extension with the same code that does not end later', () => {
    const stored = [record('a', { code: CODE_A, expiresAt: CREATED + 30 * DAY })];
    const result = refusal(placeDraft(draft({ code: CODE_A, renews: 'a', expiresAt: CREATED + 30 * DAY }), stored));
    expect(result.field).toBe('validity');
    expect(result.message).toBe(
      'This is the same code with no later end date. If the creator extended it, enter when they extended it and for how long.',
    );
  });

  it('refuses a renewal that reuses a different stored code', () => {
    const stored = [record('a', { code: CODE_A }), record('b', { code: CODE_B, adAccountId: ACCOUNT_2 })];
    // Renewing "a" in account 1 with the code of "b": that code belongs to account 2.
    expect(refusal(placeDraft(draft({ code: CODE_B, renews: 'a' }), stored)).field).toBe('adAccount');
  });

  it('refuses a renewal for a different post or a different ad account', () => {
    const stored = [record('a', { code: CODE_A })];
    const message =
      `A renewal must be for the same post and ad account as the code it replaces (${postUrl(POST_1)} in ad ` +
      `account ${ACCOUNT_1}). For another post or account, save a new code.`;
    const otherPost = refusal(placeDraft(draft({ code: CODE_B, renews: 'a', postId: POST_2, postUrl: postUrl(POST_2) }), stored));
    expect(otherPost.field).toBe('postUrl');
    expect(otherPost.message).toBe(message);
    const otherAccount = refusal(placeDraft(draft({ code: CODE_B, renews: 'a', adAccountId: ACCOUNT_2 }), stored));
    expect(otherAccount.message).toBe(message);
  });

  it('refuses renewing a code that is no longer stored', () => {
    const result = refusal(placeDraft(draft({ code: CODE_B, renews: 'deleted' }), [record('a')]));
    expect(result.field).toBeNull();
    expect(result.message).toBe(
      'The code you are renewing is no longer in your ledger (it may have been deleted). Save this code as a new one.',
    );
  });

  it('refuses renewing a code that was already renewed, so the ledger keeps one chain', () => {
    const stored = [
      record('a', { code: CODE_A, status: 'replaced', replacedBy: 'b' }),
      record('b', { code: '#Newer7Code8In9Chain0xyz=', renews: 'a' }),
    ];
    const result = refusal(placeDraft(draft({ code: CODE_B, renews: 'a' }), stored));
    expect(result.message).toBe('That code was already renewed. Renew its newest code instead, so the ledger keeps one chain.');
  });
});
