/**
 * Every text, role and attribute pattern the readers use to recognise TikTok Ads Manager, in one place.
 * When Ads Manager changes its wording or markup, this file and the fixtures change; the readers do not.
 * Patterns match meaning (roles, header text, labels, alt text), never generated class names, hashed
 * test ids or suffixed custom-element tag names. Each variant below has a fixture in
 * test/fixtures/ads-manager that fails a test when the variant stops matching.
 */

/** Collapse whitespace and drop decorations around a label ("Status ⓘ", "Identity *", "Name:"). */
export function normalizeLabel(text: string): string {
  return text
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim()
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .trim();
}

export function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((re) => re.test(text));
}

/** Index of the first pattern `text` matches, or -1: earlier patterns win when several columns match. */
export function firstMatchIndex(text: string, patterns: readonly RegExp[]): number {
  return patterns.findIndex((re) => re.test(text));
}

// ---------------------------------------------------------------------------------------------------
// Status lists

/** Header cells of a list: `<th>` in tables, role=columnheader in ARIA grids and virtual tables. */
export const HEADER_CELL = 'th, [role="columnheader"]';
/** Data cells: `<td>`, and the ARIA cell roles (rowheader: some grids mark the name cell that way). */
export const DATA_CELL = 'td, [role="cell"], [role="gridcell"], [role="rowheader"]';
/** Row elements: `<tr>` and role=row. */
export const ROW = 'tr, [role="row"]';
/** List containers: `<table>` and the ARIA table roles. */
export const LIST_CONTAINER = 'table, [role="grid"], [role="table"]';

/** Status column headers, in order of preference when a list shows several. */
export const STATUS_HEADERS: readonly RegExp[] = [
  /^primary status$/i, // current lists: "Primary status" (the reason sits under it or in "Secondary status")
  /^delivery status$/i, // wording reported for some list views and regions
  /^status$/i, // plain "Status" column (older vi-table UI and simple views)
];

/** Columns holding the secondary reason when a list shows it apart from the status. */
export const REASON_HEADERS: readonly RegExp[] = [
  /^secondary status$/i, // shown beside "Primary status" when the buyer adds the column
];

/** Name column headers, in order of preference (an ad list may also show its campaign's name). */
export const NAME_HEADERS: readonly RegExp[] = [
  /^ad name$/i, // ads list (/i18n/manage/creative)
  /^ad group name$/i, // ad group list
  /^campaign name$/i, // campaign list
  /^name$/i, // lists that call the column just "Name"
];

/**
 * The header words above, as text: lists with no roles are found by them (a piece of text that could be
 * part of one, "Sta" of "Status" split over inline elements, is looked at closer). English only.
 */
export const HEADER_WORDS: readonly string[] = [
  'ad name',
  'ad group name',
  'campaign name',
  'name',
  'primary status',
  'delivery status',
  'status',
  'secondary status',
];

/** Whether a text node's words can be (part of) a known header. */
export function mayBeHeaderText(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 40) return false;
  const words = normalizeLabel(trimmed).toLowerCase();
  return words.length >= 3 && HEADER_WORDS.some((w) => w.includes(words));
}

/** Whether text holding a whole list could hold its header: a name and a status header's words. */
export function mayHoldHeaderWords(text: string): boolean {
  return /status/i.test(text) && /name/i.test(text);
}

const NOT_DELIVERING = 'notdelivering';

/** The status that gets flagged; case and spaces do not matter ("Not delivering", "NOT DELIVERING"). */
export function isNotDeliveringText(text: string): boolean {
  return text.replace(/[\s\u00a0]+/g, '').toLowerCase().startsWith(NOT_DELIVERING);
}

/**
 * The letters of "notdelivering" in order, anything between them: each `[^x]*x` takes the first x
 * still to come, which is all a search for letters in order needs. A regular expression runs as native
 * code, where a loop over each character of a long list's text would run in the script engine's
 * slowest tier (it runs once per page load).
 */
const MAY_READ_NOT_DELIVERING = new RegExp(`^${[...NOT_DELIVERING].map((c) => `[^${c}]*${c}`).join('')}`, 'i');

/**
 * False when no part of `text`, read with any characters left out, can say "Not delivering": its letters
 * do not even occur in that order. Visible text only ever leaves characters out of the raw text, so a
 * status cell whose raw text fails this cannot read as Not delivering, and needs no closer reading.
 */
export function mayReadNotDelivering(text: string): boolean {
  return MAY_READ_NOT_DELIVERING.test(text);
}

/**
 * Primary statuses as Ads Manager words them, so a status run together with its reason on one line
 * ("Not delivering Creator hasn't granted authorization") can be split. Unverified wording: data only.
 */
export const PRIMARY_STATUSES: readonly string[] = [
  'Not delivering',
  'Limited delivery',
  'To be delivered',
  'Active',
  'Delivering',
  'Inactive',
  'Completed',
  'Deleted',
  'In review',
  'Pending',
  'Scheduled',
  'Not approved',
];

/**
 * Attributes a virtual table may carry to say which row a cell belongs to (ARIA first, then common
 * framework attributes). Without any of them, cells on one line share a row.
 */
export const ROW_INDEX_ATTRIBUTES: readonly string[] = [
  'aria-rowindex', // ARIA grids that render only part of their rows
  'data-row-index', // virtual-table libraries
];

/** Attributes saying which column a cell is in; matched between header and cells. */
export const COLUMN_INDEX_ATTRIBUTES: readonly string[] = [
  'aria-colindex', // ARIA grids
  'data-col-index', // virtual-table libraries
];

// ---------------------------------------------------------------------------------------------------
// Ad preview

/** Labels of the preview region (aria-label, aria-labelledby text, or a heading's text). */
export const PREVIEW_LABELS: readonly RegExp[] = [
  /^preview$/i, // the creation sidebar: role=region aria-label="Preview", or a "Preview" heading
  /^ad preview$/i, // preview dialogs and the edit page: aria-label or heading "Ad preview"
  /^(?:ad )?preview\s*[:：–—-]\s*\S/i, // a drawer or dialog named for the ad: "Preview: Spring promo – Mia"
];

/** Headings whose text names the preview below them (the creation sidebar uses <h3>, the edit page role=heading). */
export const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** Labelled elements that are controls, not regions (a "Preview" button opens a preview, it is not one). */
export const NOT_A_REGION = 'button, a, [role="button"], [role="link"], [role="tab"]';

/**
 * The creator's handle as the preview shows it: a line starting "@name" (letters, digits, _ and ., up
 * to 24), alone, followed by a badge glyph ("@mia.creates ✔"), or by a separator and more
 * ("@mia.creates · 2d ago"). A caption that merely mentions an @account does not start with one.
 */
export const HANDLE_LINE = /^@([A-Za-z0-9_.]{1,24})(?![A-Za-z0-9_.])(?:\s*[·•|–-].*|[\s\p{S}\uFE0F]*)$/u;

/** Avatar images: alt, aria-label or title naming an avatar or a profile picture. */
export const AVATAR_LABELS: readonly RegExp[] = [
  /avatar/i, // alt="mia.creates avatar", aria-label="Default avatar"
  /profile/i, // alt/aria-label "Profile picture", "Profile photo"
];

/** Avatar that is TikTok's or Ads Manager's stand-in, not a picture of the creator. */
export const DEFAULT_AVATAR_LABELS: readonly RegExp[] = [
  /default/i, // alt="Default avatar"
  /silhouette|placeholder/i, // alt/aria-label "Avatar placeholder", "Profile silhouette"
];
/** Image addresses of stand-in avatars (an <img> src or a CSS background-image). */
export const DEFAULT_AVATAR_SOURCES: readonly RegExp[] = [
  /default[-_]?avatar|avatar[-_]?default/i, // ".../default_avatar.png"
  /avatar[-_]?placeholder|placeholder[-_]?avatar/i, // ".../avatar-placeholder.svg"
];

/**
 * Pictures that say they are something other than the account's picture (alt, aria-label or title):
 * never taken for the avatar, whatever their shape. A creator's name or handle is not among them:
 * avatars are often labelled that way.
 */
export const NOT_AN_AVATAR_LABELS: readonly RegExp[] = [
  /cover|poster|thumbnail|video|frame/i, // the video or its poster
  /\b(?:like|likes|comment|comments|share|shares|favou?rites?|saves?|bookmark)\b/i, // the action rail's icons
  /music|sound|disc|album/i, // the spinning sound disc
  /\bicon\b|\bfollow\b|\bplus\b|verified|badge/i, // glyphs beside the avatar
];

/** Form fields: an ad preview holds none, so a box holding one is the form around it, not the preview. */
export const FORM_FIELD = 'input:not([type="hidden"]), select, textarea, [role="combobox"], [role="listbox"], [role="radiogroup"], [role="textbox"]';

/** Where an ad preview never is: inside a list (rows, tables, grids), where "Preview" is a control. */
export const NOT_PREVIEW_CONTENT = 'table, tr, [role="grid"], [role="table"], [role="row"], [role="treegrid"]';

/** The ad label of the mock ("Sponsored"), a line of its own. */
export const SPONSORED_LINE: readonly RegExp[] = [
  /^(?:sponsored|promoted)$/i, // TikTok's in-feed ads say "Sponsored"; some mock-ups "Promoted"
];

/** The action rail's buttons by name (aria-label, title, alt or their own text): like, comment, share. */
export const ACTION_NAMES: readonly (readonly [string, RegExp])[] = [
  ['like', /^(?:\d[\d.,]*\s*[kmb]?\s+)?(?:like|likes|liked|heart)\b/i],
  ['comment', /^(?:\d[\d.,]*\s*[kmb]?\s+)?comments?\b/i],
  ['share', /^(?:\d[\d.,]*\s*[kmb]?\s+)?(?:share|shares)\b/i],
  ['save', /^(?:\d[\d.,]*\s*[kmb]?\s+)?(?:favou?rites?|saves?|bookmarks?)\b/i],
];

/** Elements naming the comments (icon buttons, counters, comment lists) by aria-label. */
export const COMMENT_LABELS: readonly RegExp[] = [/comment/i];

/** The preview says comments are disabled for the post. */
export const COMMENTS_OFF: readonly RegExp[] = [
  /comments?\s+(?:are\s+)?turned\s+off/i, // "Comments turned off"
  /comments?\s+are\s+off/i, // "Comments are off" (aria-label of the comment icon)
];

/** Items of a comment list (an element labelled "Comments"): counted when no count is shown. */
export const COMMENT_ITEM = 'li, [role="listitem"]';

/** Busy indicators: a preview that shows only these has not rendered. */
export const BUSY = '[aria-busy="true"], [role="progressbar"]';

/** Placeholder wording shown before a preview renders; never taken for a name. */
export const PREVIEW_PLACEHOLDERS: readonly RegExp[] = [
  /^loading\b/i, // "Loading preview…"
  /preview will (?:appear|show)/i, // "Your ad preview will appear here"
];

/** Words of the mock's chrome that are never the account name. */
export const PREVIEW_CHROME_WORDS: readonly RegExp[] = [
  /^(?:sponsored|promoted|ad)$/i, // the ad label above or under the account name
  /^(?:follow|following|like|likes|comment|comments|share|shares)$/i, // buttons of the mock
  /^(?:learn more|shop now|sign up|download|contact us|apply now|book now|order now)$/i, // call-to-action buttons
];

/** Numbers as counts show them: "2,134", "1.2K", "3M", "0". */
export const COUNT_TOKEN = /(\d{1,3}(?:[,.\s\u00a0]\d{3})+|\d+(?:[.,]\d+)?)\s*([KkMmBb])?(?![\p{L}\d])/u;

// ---------------------------------------------------------------------------------------------------
// Identity and post (creation and edit forms)

/** The label of the identity field. */
export const IDENTITY_LABELS: readonly RegExp[] = [
  /^identity$/i, // creation/edit form section "Identity"
];

/** IDENTITY_LABELS' words in lower case: a piece of page text inside one may be part of the label. */
export const IDENTITY_WORDS: readonly string[] = ['identity'];

/** The selected identity is a custom identity: a plain in-feed ad without the creator. */
export const CUSTOM_IDENTITY: readonly RegExp[] = [/custom identity/i];

/** The selected identity is the creator's (Spark): the post's own account. */
export const SPARK_IDENTITY: readonly RegExp[] = [
  /use tiktok post/i, // older UI: "Use TikTok post" option
  /spark ads? post/i, // "Spark Ads post"
  /tiktok account/i, // current UI: the switch "Use TikTok account to deliver Spark Ads", identity type "TikTok account"
  /other authorized account or post/i, // help centre: the identity type posts authorized by a code land under
  /(?:^|\s)@[A-Za-z0-9_.]{1,24}(?![A-Za-z0-9_.])/, // an identity shown as the creator's @handle
];

/** The switch that makes an ad a Spark Ad, by its words (current UI: "Use TikTok account to deliver Spark Ads"). */
export const SPARK_SWITCH_LABELS: readonly RegExp[] = [/use tiktok account to deliver spark ads?/i];
/** SPARK_SWITCH_LABELS' words in lower case, for finding the label when a page splits it. */
export const SPARK_SWITCH_WORDS: readonly string[] = ['use tiktok account to deliver spark ads'];
/** On/off controls: a switch or a checkbox. */
export const TOGGLE = '[role="switch"], [role="checkbox"], input[type="checkbox"]';

/** Choices inside a field that carry a selected state. */
export const SELECTED_CHOICE =
  'input[type="radio"]:checked, [role="radio"][aria-checked="true"], [role="option"][aria-selected="true"]';
/** Elements showing a dropdown's current value. */
export const COMBOBOX = 'select, [role="combobox"]';

/** Labels next to a post id in forms and previews. */
export const POST_ID_LABELS: readonly RegExp[] = [
  /^(?:tiktok )?(?:post|video) id\b/i, // "Post ID", "Video ID", "TikTok post ID"
];
/** POST_ID_LABELS' words in lower case: a piece of page text inside one may be part of the label. */
export const POST_ID_WORDS: readonly string[] = ['tiktok post id', 'tiktok video id', 'post id', 'video id'];
/** A TikTok post id: 19 digits or more (shorter numbers are ad, ad group or account ids). */
export const POST_ID = /(?<!\d)(\d{19,22})(?!\d)/;
/** A link to the post on TikTok. */
export const POST_LINK = /tiktok\.com\/@[A-Za-z0-9_.]{1,24}\/(?:video|photo)\/(\d{15,22})/i;
