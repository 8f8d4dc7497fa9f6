import { createdAtProblem, endProblem } from './code-dates';
import {
  FIELD_LIMITS,
  VALIDITY_DAYS,
  type CodeDraft,
  type CodeDraftInput,
  type DraftField,
  type Result,
  type Validity,
} from './code';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(field: DraftField | null, message: string): Result<T> => ({ ok: false, field, message });

/** TikTok allows up to 24 characters in a handle. */
export const MAX_HANDLE_LENGTH = 24;

/**
 * TikTok handles: letters, digits, `_` and `.`, up to 24 characters. Stored lower case without @.
 * A pasted profile link (`tiktok.com/@handle`) gives its handle, since buyers often copy it from there.
 */
export function parseHandle(raw: string): Result<string> {
  const text = raw.trim();
  const profile = /^(?:https?:\/\/)?(?:www\.|m\.)?tiktok\.com\/@([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(text);
  const handle = (profile ? profile[1]! : text).replace(/^@+/, '').toLowerCase();
  const example = 'for example @mia.creates';
  if (!handle) return fail('handle', `Enter the creator’s TikTok handle, ${example}.`);
  const bad = /[^a-z0-9_.]/u.exec(handle);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? 'a space' : `“${bad[0]}”`;
    return fail(
      'handle',
      `A TikTok handle has only letters, digits, underscores and dots, but this one has ${shown}. Enter it ${example}.`,
    );
  }
  if (handle.length > MAX_HANDLE_LENGTH) {
    return fail(
      'handle',
      `That handle has ${handle.length} characters, but a TikTok handle has at most ${MAX_HANDLE_LENGTH}. Check it for extra text.`,
    );
  }
  return ok(handle);
}

export interface PostRef {
  url: string;
  postId: string | null;
  /** The handle in the URL, when it carries one. */
  handle: string | null;
}

const POST_HOSTS = /^(?:www\.|m\.)?tiktok\.com$/i;
const SHORT_HOSTS = /^(?:vm|vt)\.tiktok\.com$/i;
/** The code part of a short link: `vm.tiktok.com/<code>/` or `www.tiktok.com/t/<code>/`. */
const SHORT_CODE = /^\/[A-Za-z0-9]+\/?$/;
const SHORT_T_CODE = /^\/t\/[A-Za-z0-9]+\/?$/;

/**
 * A TikTok post link. Full links (`/@handle/video/<id>`, `/@handle/photo/<id>`, `/embed/<id>`,
 * `/embed/v2/<id>`, `/v/<id>.html`) give the post id; short links (vm., vt., `/t/`) are kept without one.
 */
export function parsePostUrl(raw: string): Result<PostRef> {
  const text = raw.trim();
  const help = 'Paste the TikTok post link, like https://www.tiktok.com/@mia.creates/video/7301234567890123456.';
  if (!text) return fail('postUrl', `Enter the post’s link. ${help}`);
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return fail('postUrl', `That is not a link. ${help}`);
  }
  const host = url.hostname.toLowerCase();
  // A bare word parses as a host name ("https://hello/"): it is not a link anyone could have copied.
  if (!host.includes('.')) return fail('postUrl', `That is not a link. ${help}`);
  const path = url.pathname;
  if (SHORT_HOSTS.test(host)) {
    if (!SHORT_CODE.test(path)) return fail('postUrl', `That short link is incomplete: copy it again from TikTok. ${help}`);
    return ok({ url: `https://${host}${path}`, postId: null, handle: null });
  }
  if (POST_HOSTS.test(host) && SHORT_T_CODE.test(path)) {
    return ok({ url: `https://${host}${path}`, postId: null, handle: null });
  }
  if (!POST_HOSTS.test(host)) return fail('postUrl', `That link is not a TikTok post. ${help}`);
  const post = /^\/@([A-Za-z0-9_.]{1,24})\/(video|photo)\/(\d{15,22})\/?$/.exec(path);
  if (post) {
    const handle = post[1]!.toLowerCase();
    // Photo posts keep their own path: /video/ would not open them.
    return ok({ url: `https://www.tiktok.com/@${handle}/${post[2]}/${post[3]}`, postId: post[3]!, handle });
  }
  const embed = /^\/(?:embed\/(?:v2\/)?(\d{15,22})|v\/(\d{15,22})\.html)\/?$/.exec(path);
  if (embed) {
    const id = (embed[1] ?? embed[2])!;
    return ok({ url: `https://www.tiktok.com/embed/v2/${id}`, postId: id, handle: null });
  }
  if (/^\/@[^/]+\/?$/.test(path)) {
    return fail('postUrl', `That is a profile link, not a post. Open the video and copy its link. ${help}`);
  }
  return fail('postUrl', `That TikTok link does not point to a post. ${help}`);
}

/**
 * The ad account (advertiser) id: digits, or a whole Ads Manager URL whose `aadvid` is taken.
 */
export function parseAdAccount(raw: string): Result<string> {
  const text = raw.trim();
  const help = 'Enter the ad account ID (digits), or paste any Ads Manager link from that account.';
  if (!text) return fail('adAccount', help);
  if (/^\d[\d\s]*$/.test(text)) {
    const digits = text.replace(/\s+/g, '');
    if (digits.length < 6 || digits.length > 25) return fail('adAccount', `That ad account ID looks too ${digits.length < 6 ? 'short' : 'long'}. ${help}`);
    return ok(digits);
  }
  // Also the bare `aadvid=…` part, when only that much of the link was copied.
  const match = /(?:^|[?&#])aadvid=(\d{6,25})(?!\d)/.exec(text);
  if (match) return ok(match[1]!);
  return fail('adAccount', `No ad account ID found there. ${help}`);
}

/**
 * The shortest long-form code accepted, not counting a leading `#` or trailing `=` padding. Real codes
 * are much longer, but their exact length is unverified, so this floor only has to rule out what
 * cannot be a code. A code lets whoever holds it run the creator's post as an ad, so it must be
 * unguessable: the usual minimum for such a token is 64 random bits, and base64 carries 6 bits a
 * character, hence 11 characters. Anything shorter (that is not the 6-digit shape) was cut off or is
 * not a code at all.
 */
export const MIN_LONG_CODE_LENGTH = 11;

/** Characters that copy-paste from chat apps and documents leaves in or around a code. */
const PASTE_NOISE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/**
 * Ads Manager codes: a long run of letters, digits and base64 punctuation, usually starting with `#`
 * and often ending with `=`; or six digits. Whitespace anywhere (line breaks from copy-paste) is removed.
 */
export function parseAuthCode(raw: string): Result<string> {
  const code = raw.replace(PASTE_NOISE, '');
  const shape =
    'A Spark Ads code is either the long code the creator copies from TikTok (it usually starts with # and ' +
    'may end with =) or a 6-digit number.';
  if (!code) return fail('code', `Paste the authorization code. ${shape}`);
  if (/^\d+$/.test(code)) {
    if (code.length === 6) return ok(code);
    return fail('code', `That number has ${code.length} digits, not 6. ${shape}`);
  }
  if (/^(?:https?:\/\/|www\.)|tiktok\.com/i.test(code)) {
    return fail('code', `That is a link, not a code: paste the code the creator sent, not the post link. ${shape}`);
  }
  const long = /^#?([A-Za-z0-9+/_-]*)={0,3}$/.exec(code);
  if (long) {
    if (long[1]!.length >= MIN_LONG_CODE_LENGTH) return ok(code);
    return fail('code', `That code is too short: it may be cut off. ${shape}`);
  }
  return fail('code', `That does not look like an authorization code: it has characters a code never has. ${shape}`);
}

/** A code lasts whole 24-hour days from the moment it was made, whatever the clocks do in between. */
export function expiryOf(validity: Validity, createdAt: number): number {
  if (validity.kind === 'custom') return validity.endsAt;
  return createdAt + validity.days * 24 * 60 * 60 * 1000;
}

export function parseValidity(raw: string, customEndsAt: number | null): Result<Validity> {
  if (raw === 'custom') {
    if (customEndsAt === null || !Number.isSafeInteger(customEndsAt)) {
      return fail('validity', 'Pick the custom end date the creator chose.');
    }
    return ok({ kind: 'custom', endsAt: customEndsAt });
  }
  const days = Number(raw);
  const match = VALIDITY_DAYS.find((d) => d === days);
  if (match === undefined) return fail('validity', 'Choose how long the code is valid: 7, 30, 60 or 365 days, or a custom end date.');
  return ok({ kind: 'days', days: match });
}

/** The order the form shows its fields in: {@link parseCodeDraft} reports the first problem in this order. */
export const DRAFT_FIELD_ORDER: readonly DraftField[] = ['handle', 'postUrl', 'code', 'adAccount', 'createdAt', 'validity'];

/** The form's names for its fields, to say which one is too long. */
const FIELD_LABELS: Record<keyof typeof FIELD_LIMITS, string> = {
  handle: 'Creator handle',
  postUrl: 'TikTok post URL',
  code: 'Authorization code',
  adAccount: 'Ad account ID',
  notes: 'Notes',
};

/** The first field longer than {@link FIELD_LIMITS} allows, in form order, or null. */
function tooLong(input: CodeDraftInput): Result<never> | null {
  for (const field of ['handle', 'postUrl', 'code', 'adAccount', 'notes'] as const) {
    const length = input[field].length;
    const max = FIELD_LIMITS[field];
    if (length > max) {
      return fail(
        field,
        `“${FIELD_LABELS[field]}” has ${length.toLocaleString('en-US')} characters; Spark Guard keeps at most ${max.toLocaleString('en-US')}. Shorten it.`,
      );
    }
  }
  return null;
}

/**
 * Turns what the buyer typed into a draft, or the first problem found, in form order. `now` decides
 * which "Code created" dates are possible (see code-dates.ts).
 */
export function parseCodeDraft(input: CodeDraftInput, now: number): Result<CodeDraft> {
  const long = tooLong(input);
  if (long) return long;
  const handle = parseHandle(input.handle);
  if (!handle.ok) return handle;
  const post = parsePostUrl(input.postUrl);
  if (!post.ok) return post;
  if (post.value.handle && post.value.handle !== handle.value) {
    return fail(
      'postUrl',
      `That post belongs to @${post.value.handle}, not @${handle.value}. Check the handle or the link.`,
    );
  }
  const code = parseAuthCode(input.code);
  if (!code.ok) return code;
  const account = parseAdAccount(input.adAccount);
  if (!account.ok) return account;
  const created = createdAtProblem(input.createdAt, now);
  if (created) return fail(created.field, created.message);
  const validity = parseValidity(input.validity, input.customEndsAt);
  if (!validity.ok) return validity;
  const expiresAt = expiryOf(validity.value, input.createdAt);
  const end = endProblem(input.createdAt, expiresAt);
  if (end) return fail(end.field, end.message);
  return ok({
    handle: handle.value,
    postUrl: post.value.url,
    postId: post.value.postId,
    code: code.value,
    adAccountId: account.value,
    validity: validity.value,
    createdAt: input.createdAt,
    expiresAt,
    notes: input.notes.trim(),
    renews: input.renews,
  });
}
