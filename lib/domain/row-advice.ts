import { formatCountdown } from '../time/countdown';
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

export interface RowAdvice {
  /** 'bad': the code explains it; 'warn': the code needs attention soon; 'info': the code is not the cause. */
  tone: 'bad' | 'warn' | 'info';
  /** A word or two for the row's pill, e.g. "Code expired". */
  label: string;
  /** The whole sentence: why, and what to do. */
  text: string;
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
  if (!match) return { tone: 'bad', label: 'No code linked', text: `Not delivering${because}` };
  const { code } = match;
  const who = `@${code.handle}`;
  const countdown = formatCountdown(code.expiresAt, now);
  switch (stageOf(code, now, settings)) {
    case 'expired':
      return { tone: 'bad', label: 'Code expired', text: `Spark code for ${who} ${countdown}: ask for a new code` };
    case 'swap':
      return { tone: 'bad', label: 'Code expiring', text: `Spark code for ${who} is about to expire (${countdown}): swap the code now` };
    case 'pulled':
      return { tone: 'bad', label: 'Code pulled', text: `You pulled the Spark code for ${who}: enter a new code or stop this ad` };
    case 'replaced':
      return { tone: 'warn', label: 'Code replaced', text: `The Spark code for ${who} was replaced: check this ad uses the new code` };
    case 'reachOut':
    case 'active': {
      if (reason && /authori[sz]/i.test(reason)) {
        return {
          tone: 'bad',
          label: 'Authorization off',
          text: `Not delivering${because}: ${who} may have turned off ad authorization. Ask ${who} to turn it back on or send a new code`,
        };
      }
      const soon = stageOf(code, now, settings) === 'reachOut';
      return {
        tone: soon ? 'warn' : 'info',
        label: 'Code still valid',
        text:
          `Not delivering${because}. The Spark code for ${who} is still valid (${countdown}), so look elsewhere` +
          (soon ? `; reach out to ${who} for a new code soon` : ''),
      };
    }
  }
}
