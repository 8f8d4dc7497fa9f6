import { formatCountdown } from '../time/countdown';
import { SPARK_IDENTITY_SWITCH } from './advice';
import { stageOf, type ReminderSettings } from './expiry';
import { currentCode, type LedgerCodeView } from './ledger-view';

/**
 * Why an Ads Manager row is not delivering, as far as the ledger can tell. A row ties to a code when
 * its name carries the creator's handle ("@jon_eats" or "jon_eats" in the ad or ad group name), or
 * when the buyer linked the row to a code once. Pure: `now` and the settings are parameters.
 */

export interface RowMatch {
  code: LedgerCodeView;
  by: 'link' | 'name';
}

/** Bare handles shorter than this are too likely to be ordinary words in a name ("us", "ad"). */
const MIN_BARE_HANDLE = 4;

function tokens(name: string): { mentions: Set<string>; words: Set<string> } {
  const lower = name.toLowerCase();
  const mentions = new Set<string>();
  for (const m of lower.matchAll(/@([a-z0-9_.]{1,24})/g)) mentions.add(m[1]!.replace(/\.+$/, ''));
  const words = new Set<string>();
  for (const w of lower.split(/[^a-z0-9_.]+/)) {
    const word = w.replace(/^\.+|\.+$/g, '');
    if (word) words.add(word);
  }
  return { mentions, words };
}

/** The code that speaks for a group: among codes for the same post, the current one (a renewal wins). */
function currentForPostOf(code: LedgerCodeView, codes: readonly LedgerCodeView[]): LedgerCodeView {
  const samePost = codes.filter(
    (c) => c.adAccountId === code.adAccountId && (code.postId ? c.postId === code.postId : c.postUrl === code.postUrl),
  );
  return currentCode(samePost.length ? samePost : [code]) ?? code;
}

/**
 * The ledger code a row belongs to. `codes` are the ledger's codes for the row's ad account. A link the
 * buyer made wins over the name; an @mention wins over a bare word; two creators in one name match
 * neither (the buyer can link the row instead).
 */
export function matchRow(name: string | null, codes: readonly LedgerCodeView[], linkedCodeId: string | null): RowMatch | null {
  if (linkedCodeId) {
    const linked = codes.find((c) => c.id === linkedCodeId);
    if (linked) return { code: currentForPostOf(linked, codes), by: 'link' };
  }
  if (!name) return null;
  const { mentions, words } = tokens(name);
  const handles = [...new Set(codes.map((c) => c.handle))];
  let found = handles.filter((h) => mentions.has(h));
  if (!found.length) found = handles.filter((h) => h.length >= MIN_BARE_HANDLE && words.has(h));
  if (found.length !== 1) return null;
  const code = currentCode(codes.filter((c) => c.handle === found[0]));
  return code ? { code, by: 'name' } : null;
}

/**
 * What the page's secondary status says about a not-delivering row: `spark`, the creator's authorization
 * or identity is gone (a code problem, whatever the ledger holds); `other`, a cause a Spark code does not
 * touch (budget, schedule, balance, review); `unknown`, no reason shown or one not known here.
 */
export type ReasonKind =
  | { kind: 'spark'; label: string; what: string; todo: (who: string) => string }
  | { kind: 'other'; label: string; what: string }
  | { kind: 'unknown' };

/** What to do when the creator's authorization is gone, for `who` (a handle, or "the creator"). */
function renewal(who: string): string {
  return `Ask ${who} for a new or extended code, then enter it with '${SPARK_IDENTITY_SWITCH}'`;
}

interface ReasonRule {
  pattern: RegExp;
  kind: 'spark' | 'other';
  label: string;
  /** What it means for the buyer, after the page's words. */
  what: string;
  /** Spark causes: what to ask of `who` (a @handle, or "the creator"). */
  todo?: (who: string) => string;
}

/**
 * The secondary statuses TikTok documents, by meaning. Spark ones first: "Asset unavailable or
 * authorization revoked" (AD_STATUS_ASSET_AUTHORIZATION_LOST) and "Identity is unavailable. Edit the ad
 * to check details." (AD_STATUS_NO_AUTHORIZATION_OF_SHOWCASE) are what an expired or revoked code shows as.
 */
const REASON_RULES: readonly ReasonRule[] = [
  {
    pattern: /asset unavailable|authori[sz]ation (?:revoked|lost)|asset authori[sz]ation/i,
    kind: 'spark',
    label: 'Spark code lost',
    what: 'the creator’s authorization for this post is gone (the code expired or was revoked)',
    todo: renewal,
  },
  {
    pattern: /identity is unavailable|identity unavailable/i,
    kind: 'spark',
    label: 'Spark identity lost',
    what: 'the creator’s identity can no longer deliver this ad (the code expired or was revoked)',
    todo: renewal,
  },
  {
    pattern: /(?:hasn['’]t|has not|not) granted authori[sz]ation|creator authori[sz]ation/i,
    kind: 'spark',
    label: 'Authorization off',
    what: 'the creator turned off ad authorization for this post',
    todo: (who) => `Ask ${who} to turn ad authorization back on, or for a new or extended code`,
  },
  { pattern: /budget/i, kind: 'other', label: 'Budget', what: 'not a Spark code problem: raise the budget to deliver again' },
  { pattern: /schedule/i, kind: 'other', label: 'Schedule', what: 'not a Spark code problem: the ad runs again inside its schedule' },
  { pattern: /balance/i, kind: 'other', label: 'Balance', what: 'not a Spark code problem: add funds to the ad account' },
  { pattern: /in review|under review|pending review/i, kind: 'other', label: 'In review', what: 'not a Spark code problem: the ad delivers once approved' },
  { pattern: /not approved|rejected|disapproved/i, kind: 'other', label: 'Not approved', what: 'not a Spark code problem: edit the ad as the review asks' },
];

export function reasonKind(reason: string | null): ReasonKind {
  if (!reason) return { kind: 'unknown' };
  const rule = REASON_RULES.find((r) => r.pattern.test(reason));
  if (!rule) return { kind: 'unknown' };
  return rule.kind === 'spark'
    ? { kind: 'spark', label: rule.label, what: rule.what, todo: rule.todo ?? renewal }
    : { kind: 'other', label: rule.label, what: rule.what };
}

export interface RowAdvice {
  /** 'bad': the code explains it; 'warn': the code needs attention soon; 'info': the code is not the cause. */
  tone: 'bad' | 'warn' | 'info';
  /** A word or two for the row's pill, e.g. "Code expired". */
  label: string;
  /** The whole sentence: why, and what to do. */
  text: string;
  /** Whether a Spark code can be the cause: false when the page's reason is one a code does not touch. */
  sparkCause: boolean;
}

/**
 * The badge text for a row that reads "Not delivering". `reason` is the page's secondary status, when
 * shown (e.g. "Creator hasn't granted authorization").
 */
export function notDeliveringAdvice(
  match: RowMatch | null,
  reason: string | null,
  now: number,
  settings: ReminderSettings,
): RowAdvice {
  const because = reason ? ` (${reason})` : '';
  const cause = reasonKind(reason);
  if (!match) {
    if (cause.kind === 'spark') {
      return { tone: 'bad', label: cause.label, text: `Not delivering${because}: ${cause.what}. ${cause.todo('the creator')}`, sparkCause: true };
    }
    if (cause.kind === 'other') return { tone: 'info', label: cause.label, text: `Not delivering${because}: ${cause.what}`, sparkCause: false };
    return { tone: 'bad', label: 'No code linked', text: `Not delivering${because}`, sparkCause: true };
  }
  const { code } = match;
  const who = `@${code.handle}`;
  const countdown = formatCountdown(code.expiresAt, now);
  switch (stageOf(code, now, settings)) {
    case 'expired':
      return { tone: 'bad', label: 'Code expired', text: `Spark code for ${who} ${countdown}: ask for a new code`, sparkCause: true };
    case 'swap':
      return {
        tone: 'bad',
        label: 'Code expiring',
        text: `Spark code for ${who} is about to expire (${countdown}): swap the code now`,
        sparkCause: true,
      };
    case 'pulled':
      return { tone: 'bad', label: 'Code pulled', text: `You pulled the Spark code for ${who}: enter a new code or stop this ad`, sparkCause: true };
    case 'replaced':
      return {
        tone: 'warn',
        label: 'Code replaced',
        text: `The Spark code for ${who} was replaced: check this ad uses the new code`,
        sparkCause: true,
      };
    case 'reachOut':
    case 'active': {
      if (cause.kind === 'spark') {
        return {
          tone: 'bad',
          label: cause.label,
          text: `Not delivering${because}: ${cause.what}, though your code for ${who} has not run out (${countdown}). ${cause.todo(who)}`,
          sparkCause: true,
        };
      }
      const soon = stageOf(code, now, settings) === 'reachOut';
      return {
        tone: soon ? 'warn' : 'info',
        label: 'Code still valid',
        text:
          `Not delivering${because}. The Spark code for ${who} is still valid (${countdown}), so look elsewhere` +
          (soon ? `; reach out to ${who} for a new code soon` : ''),
        sparkCause: cause.kind !== 'other',
      };
    }
  }
}
