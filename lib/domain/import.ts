import type { CodeDraft, CodeRecord } from './code';
import { creatorNamed, type HistoryNote, type ImportRow, type RowNote } from './import-row';
import { shownReminders } from './expiry';
import { codeKey, comparePosts, placeDraft, recordFromDraft } from './ledger';
import { parseCodeDraft } from './parse';
import { formatUtc } from '../time/countdown';

/**
 * How codes from a file join the ledger. Every row passes the same checks as the popup's form
 * (parseCodeDraft) and the same rules across codes (placeDraft): a code already used for another ad
 * account or post is refused, a newer code for the same post and ad account renews the live one.
 * Importing the same codes twice changes nothing: a code already stored is reported, not doubled.
 * Pure: `now` and new ids come from the caller.
 */

export interface ImportPlan {
  /** New records to store. */
  add: CodeRecord[];
  /** Stored live codes that an imported newer code renews: each becomes replaced by it. */
  replace: { id: string; replacedBy: string }[];
  /** Rows whose code is already stored (or earlier in the file): left as they are. */
  already: RowNote[];
  /** Rows refused, with the reason in the buyer's words. */
  skipped: RowNote[];
  /** Rows stored as history, because a code that lasts longer is live for the same post and ad account. */
  asHistory: HistoryNote[];
}

/** A date as UTC words; a number no calendar holds (a hand-edited file) is said to be one. */
function utcOrImpossible(at: number): string {
  return Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? formatUtc(at) : 'at a date no calendar has';
}

/** Two versions of one code whose ends are closer than this are the same version (see planImport). */
const SAME_EXPIRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A difference smaller than this between a stated expiry and the computed one is rounding, not a mistake. */
const EXPIRY_SLACK_MS = 60 * 1000;

function validityWords(draft: CodeDraft): string {
  return draft.validity.kind === 'days' ? `and valid for ${draft.validity.days} days` : 'with that end date';
}

/**
 * Codes for the same post in the same ad account share this key: the post id, or for a short link
 * without one, its URL (comparePosts calls two codes the same post exactly then).
 */
function postKey(c: Pick<CodeRecord, 'adAccountId' | 'postId' | 'postUrl'>): string {
  return `${c.adAccountId} ${c.postId ?? `url ${c.postUrl}`}`;
}

/**
 * Plans how `rows` join `existing`, in file order, each row checked against the ledger as it will be
 * after the rows before it. Nothing stored is changed except a live code that an imported code renews.
 */
export function planImport(
  rows: readonly ImportRow[],
  existing: readonly CodeRecord[],
  now: number,
  newId: () => string,
): ImportPlan {
  const plan: ImportPlan = { add: [], replace: [], already: [], skipped: [], asHistory: [] };
  // The ledger as it will be: copies of the stored codes (the plan may mark one replaced) and the
  // added ones, looked up by code and by post so a big file against a big ledger stays linear.
  const byKey = new Map<string, CodeRecord[]>();
  const byPost = new Map<string, CodeRecord[]>();
  const add = (map: Map<string, CodeRecord[]>, key: string, c: CodeRecord) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  const track = (c: CodeRecord) => {
    add(byKey, codeKey(c.code), c);
    add(byPost, postKey(c), c);
  };
  existing.forEach((c) => track({ ...c }));
  const storedIds = new Set(existing.map((c) => c.id));
  const usedIds = new Set(storedIds);
  /** A backup's own ids, mapped to the ids the codes have in the ledger, to restore renewal links. */
  const idFor = new Map<string, string>();
  /** Links the renewal rule set; backup links fill in only where it set none. */
  const ruledLinks = new Set<string>();
  /** The file row each added record came from: to say "same code as row 3", and for its backup links. */
  const rowFor = new Map<string, ImportRow>();

  const replaced = new Map<string, string>();

  /** The renewal rule: `rival`, live until now, is replaced by the imported code `by`. */
  const replaceLive = (rival: CodeRecord, by: string) => {
    Object.assign(rival, { status: 'replaced', replacedBy: by, updatedAt: now });
    if (storedIds.has(rival.id)) {
      // A map, so a file renewing thousands of stored codes stays linear; the last renewal wins.
      replaced.delete(rival.id);
      replaced.set(rival.id, by);
    } else {
      ruledLinks.add(`${rival.id}:replacedBy`);
    }
  };

  for (const row of rows) {
    const parsed = parseCodeDraft({
      handle: row.handle,
      postUrl: row.postUrl,
      code: row.code,
      adAccount: row.adAccount,
      validity: row.validity,
      customEndsAt: row.customEndsAt,
      createdAt: row.createdAt,
      notes: row.notes,
      renews: null,
    }, now);
    if (!parsed.ok) {
      plan.skipped.push({ row: row.row, handle: creatorNamed(row.handle), message: parsed.message });
      continue;
    }
    const draft: CodeDraft = parsed.value;
    if (row.expiresAt !== null && Math.abs(row.expiresAt - draft.expiresAt) >= EXPIRY_SLACK_MS) {
      plan.skipped.push({
        row: row.row,
        handle: draft.handle,
        message:
          `It says the code expires ${utcOrImpossible(row.expiresAt)}, but a code made ${formatUtc(draft.createdAt)} ` +
          `${validityWords(draft)} expires ${formatUtc(draft.expiresAt)}. Correct the dates, or set “Valid for” to custom.`,
      });
      continue;
    }

    // The same code for the same post and ad account: another version of a stored code (an extension
    // keeps the code), or the very same one.
    const key = codeKey(draft.code);
    const sameCode = byKey.get(key) ?? [];
    const versions = sameCode.filter((c) => c.adAccountId === draft.adAccountId && comparePosts(c, draft) !== 'different');
    // A spreadsheet that rewrote the UTC times as local ones moves them by the zone's offset: still
    // the same code. A real extension adds at least 7 days.
    const same = versions.find((c) => Math.abs(c.expiresAt - draft.expiresAt) < SAME_EXPIRY_WINDOW_MS);
    if (same) {
      const earlierRow = rowFor.get(same.id)?.row;
      plan.already.push({
        row: row.row,
        message:
          earlierRow === undefined
            ? `@${same.handle}’s code for ad account ${same.adAccountId} is already in your ledger.`
            : `The same code as row ${earlierRow}.`,
      });
      if (row.id !== null) idFor.set(row.id, same.id);
      continue;
    }
    if (versions.some((c) => c.expiresAt > draft.expiresAt)) {
      plan.already.push({
        row: row.row,
        message: `@${draft.handle}’s code for ad account ${draft.adAccountId} is already in your ledger, with a later end date.`,
      });
      continue;
    }

    // Conflicts with other codes: the same code for another ad account or another post.
    // placeDraft refuses a draft only for a stored code with the same code, so those are all it needs.
    const placed = placeDraft(draft, sameCode.filter((c) => !versions.includes(c)));
    if (!placed.ok) {
      plan.skipped.push({ row: row.row, handle: draft.handle, message: placed.message });
      continue;
    }

    const id = row.id !== null && !usedIds.has(row.id) ? row.id : newId();
    usedIds.add(id);
    const record = recordFromDraft(draft, id, now, {
      status: row.status,
      savedAt: row.savedAt ?? now,
      updatedAt: row.updatedAt ?? now,
      reminders: { ...row.reminders },
      // A backup's reminders went out before: they are not shown again.
      shown: row.shown ?? shownReminders(row.reminders),
    });

    if (row.status === 'live') {
      // The renewal rule: one live code per post and ad account, the one that lasts longest.
      const rival = (byPost.get(postKey(draft)) ?? [])
        .filter((c) => c.status === 'live' && comparePosts(c, draft) === 'same')
        .sort((a, b) => b.expiresAt - a.expiresAt)[0];
      if (rival && rival.expiresAt >= draft.expiresAt) {
        Object.assign(record, { status: 'replaced', replacedBy: rival.id, updatedAt: now });
        ruledLinks.add(`${id}:replacedBy`);
        plan.asHistory.push({ row: row.row, handle: draft.handle });
      } else if (rival) {
        replaceLive(rival, id);
        record.renews = rival.id;
        ruledLinks.add(`${id}:renews`);
      }
    }

    track(record);
    plan.add.push(record);
    rowFor.set(id, row);
    if (row.id !== null) idFor.set(row.id, id);
  }

  plan.replace = [...replaced].map(([id, replacedBy]) => ({ id, replacedBy }));

  // A backup's renewal links, where both ends are in the ledger now and the rule above set none.
  for (const record of plan.add) {
    const row = rowFor.get(record.id)!;
    if (!ruledLinks.has(`${record.id}:renews`) && row.renews !== null) {
      record.renews = idFor.get(row.renews) ?? null;
    }
    if (!ruledLinks.has(`${record.id}:replacedBy`)) {
      record.replacedBy = record.status === 'replaced' && row.replacedBy !== null ? (idFor.get(row.replacedBy) ?? null) : null;
    }
  }
  return plan;
}
