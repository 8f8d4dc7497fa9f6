import type { PreviewReading } from '../ads-manager/types';
import { SPARK_IDENTITY_SWITCH } from './advice';
import { stageOf, type ReminderSettings } from './expiry';
import { formatCountdown } from '../time/countdown';
import { currentCode, type LedgerCodeView } from './ledger-view';

/**
 * The pre-launch preview checklist: what a Spark Ad preview must show before launch, and what to do
 * when it does not. Pure: the reading, the ledger and `now` come in as parameters.
 *
 * Rules, in the order shown:
 * - handle: an @handle is shown; where the ledger knows the post, it is the creator the code came from.
 *   Whether the preview writes the "@" is not known for sure, so the verdict never hangs on it: an
 *   account line without "@" that matches the creator the ledger expects passes; a username-like one
 *   ("mia.creates") with nothing to match it against is unknown; a plain display name ("Acme Snacks"),
 *   or any name under a custom identity, is the silent handshake failure (fail).
 * - avatar: a profile picture is shown.
 * - comments: a comment count above zero, or comments listed. Zero, or comments off, fails.
 * - identity: the creator's own identity passes, "Custom identity" (or the Spark switch off) fails;
 *   read from the form, so it is judged even while the preview is still loading; unknown where an
 *   identity field shows but cannot be read, and left out where no identity choice shows at all (a
 *   preview drawer on a list; the current flow, where the identity follows the post). There the
 *   handle and the organic comments, which a non-Spark ad cannot show, carry the verdict.
 * - post (only where the ledger knows this creator and the page names the post): the post is one the
 *   creator's code was issued for.
 * - code (only where the ledger knows this post or creator): the code is for this ad account and is
 *   not about to expire. Decision: the swap stage (by default under 24 h left) fails, because an ad
 *   launched on it stops delivering within a day; the reach-out stage passes with a warning (the code
 *   still works, but the buyer should be asking the creator for a renewal now).
 * Anything not read is "unknown" with a "Can't read …" title; a placeholder preview is all unknown.
 * Verdict: fail if any check fails, else unknown if any is unknown, else pass.
 */

export type CheckState = 'pass' | 'fail' | 'unknown';
export type CheckName = 'handle' | 'avatar' | 'comments' | 'identity' | 'post' | 'code';

export interface Check {
  name: CheckName;
  state: CheckState;
  /** A pass that still deserves attention (e.g. the code expires in 2 days). */
  warn: boolean;
  /** The finding, short. */
  title: string;
  /** Why it matters and what to do, in a buyer's words. */
  advice: string;
}

export interface Checklist {
  verdict: CheckState;
  checks: Check[];
}

/** What the ledger knows about the previewed post or creator. */
export interface LedgerContext {
  /** The page's ad account (`aadvid`), when the URL carries one. */
  adAccountId: string | null;
  /** 'post': codes saved for the previewed post id; 'handle': codes from the previewed creator. */
  matchedBy: 'post' | 'handle';
  /** Never empty. */
  codes: LedgerCodeView[];
}

export interface LedgerQuery {
  postId: string | null;
  handle: string | null;
  adAccountId: string | null;
}

/** Finds the ledger codes that concern a preview: by post id first, else by the creator's handle. */
export function ledgerContextFor(codes: readonly LedgerCodeView[], query: LedgerQuery): LedgerContext | null {
  if (query.postId) {
    const byPost = codes.filter((c) => c.postId === query.postId);
    if (byPost.length) return { adAccountId: query.adAccountId, matchedBy: 'post', codes: byPost };
  }
  const handle = query.handle?.replace(/^@/, '').toLowerCase();
  if (handle) {
    const byHandle = codes.filter((c) => c.handle === handle);
    if (byHandle.length) return { adAccountId: query.adAccountId, matchedBy: 'handle', codes: byHandle };
  }
  return null;
}

const HANDSHAKE_FIX = `Re-enter the Spark code with '${SPARK_IDENTITY_SWITCH}' before launching.`;

function check(name: CheckName, state: CheckState, title: string, advice: string, warn = false): Check {
  return { name, state, warn, title, advice };
}

/** TikTok usernames: letters, digits, "_" and ".", up to 24, with at least one letter. */
const USERNAME = /^(?=[A-Za-z0-9_.]*[A-Za-z])[A-Za-z0-9_.]{2,24}$/;

/**
 * The account line read as a username, when it could be one written without "@" ("mia.creates",
 * "Jon_Eats"); null for a display name ("Acme Snacks", "Glow Labs ✨").
 */
export function usernameWithoutAt(displayName: string | null): string | null {
  const name = displayName?.trim() ?? '';
  return USERNAME.test(name) ? name.toLowerCase() : null;
}

/** Handles the ledger expects in this preview: the post's creator, or the creator the line matched. */
function expectedHandles(ledger: LedgerContext | null): string[] {
  if (!ledger) return [];
  if (ledger.matchedBy === 'post') {
    const code = currentCode(inAccount(ledger)) ?? currentCode(ledger.codes);
    return code ? [code.handle] : [];
  }
  return [...new Set(ledger.codes.map((c) => c.handle))];
}

function handleCheck(reading: PreviewReading, expected: string | null, known: readonly string[]): Check {
  if (reading.handle) {
    if (expected && reading.handle !== expected) {
      return check(
        'handle',
        'fail',
        `Shows @${reading.handle}, not @${expected}`,
        `The code in your ledger for this post came from @${expected}, but the preview shows @${reading.handle}. ` +
          'Check that you picked the right post and entered the right code before launching.',
      );
    }
    return check(
      'handle',
      'pass',
      `Shows the creator's handle @${reading.handle}`,
      expected ? 'It matches the creator whose code is in your ledger.' : 'The ad runs under the creator’s identity.',
    );
  }
  if (reading.displayName) {
    const username = usernameWithoutAt(reading.displayName);
    if (username && reading.identity.kind !== 'custom') {
      if (known.includes(username)) {
        return check(
          'handle',
          'pass',
          `Shows the creator's account ${reading.displayName}`,
          'It matches the creator whose code is in your ledger (written without the @).',
        );
      }
      if (expected) {
        return check(
          'handle',
          'fail',
          `Shows ${reading.displayName}, not @${expected}`,
          `The code in your ledger for this post came from @${expected}, but the preview shows "${reading.displayName}". ` +
            'Check that you picked the right post and entered the right code before launching.',
        );
      }
      return check(
        'handle',
        'unknown',
        `Can't tell if "${reading.displayName}" is the creator`,
        'The preview shows a username without an @. Save this post’s Spark code in Spark Guard to check it, ' +
          'or check by eye that it is the creator’s handle and not your brand’s name.',
      );
    }
    return check(
      'handle',
      'fail',
      'No creator handle in the preview',
      `It shows "${reading.displayName}" instead of an @handle: the authorization handshake failed. ${HANDSHAKE_FIX}`,
    );
  }
  return check(
    'handle',
    'unknown',
    "Can't read the creator handle",
    'Spark Guard could not find the name in this preview. Check by eye that it shows the creator’s @handle.',
  );
}

function avatarCheck(reading: PreviewReading): Check {
  switch (reading.avatar) {
    case 'present':
      return check('avatar', 'pass', 'Shows a profile picture', 'The creator’s avatar appears on the ad.');
    case 'absent':
      return check(
        'avatar',
        'fail',
        'No profile picture in the preview',
        `A Spark Ad shows the creator's avatar; without it the handshake probably failed. ${HANDSHAKE_FIX}`,
      );
    default:
      return check(
        'avatar',
        'unknown',
        "Can't read the profile picture",
        'Spark Guard could not find where the avatar should be. Check by eye that the creator’s picture shows.',
      );
  }
}

function commentsCheck(reading: PreviewReading): Check {
  const c = reading.comments;
  const noComments = (what: string) =>
    check(
      'comments',
      'fail',
      what,
      'A Spark Ad carries the post’s organic comments. If the post has comments on TikTok, the handshake ' +
        `failed: ${HANDSHAKE_FIX}`,
    );
  switch (c.kind) {
    case 'count':
      if (c.value > 0) {
        return check('comments', 'pass', `Shows ${c.value.toLocaleString('en-US')} organic comments`, 'The post’s social proof carries over to the ad.');
      }
      return noComments('No organic comments in the preview (0)');
    case 'listed':
      if (c.count > 0) {
        return check('comments', 'pass', 'Shows organic comments', 'The post’s social proof carries over to the ad.');
      }
      return noComments('No organic comments in the preview');
    case 'off':
      return check(
        'comments',
        'fail',
        'Comments are turned off',
        'The ad will run without the post’s organic comments. Turn comments on in the ad settings before launching.',
      );
    default:
      return check(
        'comments',
        'unknown',
        "Can't read the comments",
        'Spark Guard could not find a comment count in this preview. Check by eye that organic comments show.',
      );
  }
}

/** Null where no identity choice shows on the page: the check does not apply there (PAGE_MARKS.md). */
function identityCheck(reading: PreviewReading): Check | null {
  const id = reading.identity;
  if (id.kind === 'none') return null;
  if (id.kind === 'custom' && id.switchedOff) {
    return check(
      'identity',
      'fail',
      `'${SPARK_IDENTITY_SWITCH}' is off`,
      'With the switch off the ad is a plain in-feed ad: no creator handle, no organic comments. ' +
        'Turn it on and enter the creator\'s Spark code before launching.',
    );
  }
  if (id.kind === 'custom') {
    return check(
      'identity',
      'fail',
      `Identity is "${id.label ?? 'Custom identity'}"`,
      'A custom identity makes a plain in-feed ad: no creator handle, no organic comments. ' +
        `Choose '${SPARK_IDENTITY_SWITCH}' and enter the creator's Spark code before launching.`,
    );
  }
  if (id.kind === 'spark') {
    return check('identity', 'pass', 'Uses the creator’s TikTok account', id.label ? `Identity: ${id.label}.` : 'The ad runs as a Spark Ad.');
  }
  return check(
    'identity',
    'unknown',
    "Can't read the selected identity",
    `Check by eye that '${SPARK_IDENTITY_SWITCH}' is on with the creator's post, not 'Custom identity'.`,
  );
}

/** The ledger codes that count for this page: the ones for its ad account when it has any. */
function inAccount(ctx: LedgerContext): LedgerCodeView[] {
  if (!ctx.adAccountId) return ctx.codes;
  return ctx.codes.filter((c) => c.adAccountId === ctx.adAccountId);
}

function postCheck(reading: PreviewReading, ctx: LedgerContext): Check | null {
  if (ctx.matchedBy === 'post') {
    return check('post', 'pass', 'The post the code was issued for', 'The previewed post is in your ledger with this code.');
  }
  if (!reading.postId) return null;
  const codes = inAccount(ctx).length ? inAccount(ctx) : ctx.codes;
  const handle = codes[0]!.handle;
  if (codes.some((c) => c.postId === null)) {
    return check(
      'post',
      'unknown',
      "Can't tell if this is the post the code was made for",
      `Your ledger has @${handle}'s post as a short link without a post id. Open the link, then save the full post link in Spark Guard.`,
    );
  }
  const ids = [...new Set(codes.map((c) => c.postId))].join(', ');
  return check(
    'post',
    'fail',
    'Not the post the code was issued for',
    `The preview shows post ${reading.postId}, but @${handle}'s code in your ledger is for post ${ids}. ` +
      'A code belongs to one post: pick the post the code was made for, or ask the creator for a code for this post.',
  );
}

function codeCheck(ctx: LedgerContext, now: number, settings: ReminderSettings): Check {
  const here = inAccount(ctx);
  const handle = ctx.codes[0]!.handle;
  if (!here.length) {
    const others = [...new Set(ctx.codes.map((c) => c.adAccountId))].join(', ');
    if (ctx.matchedBy === 'post') {
      return check(
        'code',
        'fail',
        'The code is for another ad account',
        `Your ledger's code for this post authorizes ad account ${others}, not this one (${ctx.adAccountId}). ` +
          `A code works for one ad account only: ask @${handle} for a code for ad account ${ctx.adAccountId}.`,
      );
    }
    return check(
      'code',
      'unknown',
      `No code from @${handle} for this ad account in your ledger`,
      `Your ledger only has @${handle}'s codes for ad account ${others}. If you entered a new code here, ` +
        'save it in Spark Guard so you are reminded before it expires.',
    );
  }
  const code = currentCode(here)!;
  const left = formatCountdown(code.expiresAt, now);
  switch (stageOf(code, now, settings)) {
    case 'active':
      return check('code', 'pass', `Spark code valid: ${left}`, `@${handle}'s code for this ad account is in your ledger.`);
    case 'reachOut':
      return check(
        'code',
        'pass',
        `Spark code expires soon: ${left}`,
        `Reach out to @${handle} for a renewal now, so the ad keeps delivering.`,
        true,
      );
    case 'swap':
      return check(
        'code',
        'fail',
        `Spark code about to expire: ${left}`,
        `An ad launched now stops delivering when the code expires. Get a renewed code from @${handle} and swap it in before launching.`,
      );
    case 'expired':
      return check(
        'code',
        'fail',
        `Spark code ${left}`,
        `The ad can't deliver on an expired code: ask @${handle} for a new code and enter it before launching.`,
      );
    case 'pulled':
      return check(
        'code',
        'fail',
        'You marked this code as pulled',
        `If @${handle} sent a new code, save it in Spark Guard; otherwise don't launch this post.`,
      );
    default:
      return check(
        'code',
        'unknown',
        "Can't find the current code",
        `Your ledger only has replaced codes from @${handle} for this ad account. Save the current code in Spark Guard.`,
      );
  }
}

function verdictOf(checks: readonly Check[]): CheckState {
  if (checks.some((c) => c.state === 'fail')) return 'fail';
  if (checks.some((c) => c.state === 'unknown')) return 'unknown';
  return checks.length ? 'pass' : 'unknown';
}

const NOT_RENDERED = 'The preview has not rendered yet: Spark Guard checks it as soon as the post shows.';

export function evaluateChecklist(
  reading: PreviewReading,
  ledger: LedgerContext | null,
  now: number,
  settings: ReminderSettings,
): Checklist {
  if (!reading.rendered) {
    const checks = [
      check('handle', 'unknown', "Can't read the creator handle yet", NOT_RENDERED),
      check('avatar', 'unknown', "Can't read the profile picture yet", NOT_RENDERED),
      check('comments', 'unknown', "Can't read the comments yet", NOT_RENDERED),
      identityCheck(reading),
    ].filter((c): c is Check => c !== null);
    return { verdict: verdictOf(checks), checks };
  }
  const known = expectedHandles(ledger);
  const expected = ledger?.matchedBy === 'post' ? (known[0] ?? null) : null;
  const checks: Check[] = [handleCheck(reading, expected, known), avatarCheck(reading), commentsCheck(reading), identityCheck(reading)].filter(
    (c): c is Check => c !== null,
  );
  if (ledger) {
    const post = postCheck(reading, ledger);
    if (post) checks.push(post);
    checks.push(codeCheck(ledger, now, settings));
  }
  return { verdict: verdictOf(checks), checks };
}
