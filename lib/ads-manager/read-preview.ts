import {
  composedClosest,
  composedContains,
  composedParent,
  composedTextContent,
  createVisibilityCache,
  deepQueryAll,
  deepLabelElements,
  flatQueryAll,
  hasLayout,
  isVisible,
  sortComposed,
  visibleLines,
  visibleText,
  type ReadRoot,
  type TextLine,
  type VisibilityCache,
} from './composed';
import {
  AVATAR_LABELS,
  BUSY,
  COMBOBOX,
  COMMENT_ITEM,
  COMMENT_LABELS,
  COMMENTS_OFF,
  COUNT_TOKEN,
  CUSTOM_IDENTITY,
  DEFAULT_AVATAR_LABELS,
  DEFAULT_AVATAR_SOURCES,
  HANDLE_LINE,
  HEADING,
  IDENTITY_LABELS,
  IDENTITY_WORDS,
  matchesAny,
  normalizeLabel,
  NOT_A_REGION,
  NOT_AN_AVATAR_LABELS,
  POST_ID,
  POST_ID_LABELS,
  POST_ID_WORDS,
  POST_LINK,
  PREVIEW_CHROME_WORDS,
  PREVIEW_LABELS,
  PREVIEW_PLACEHOLDERS,
  SELECTED_CHOICE,
  SPARK_IDENTITY,
  SPARK_SWITCH_LABELS,
  SPARK_SWITCH_WORDS,
  TOGGLE,
} from './selectors';
import { previewsByContent } from './preview-evidence';
import type { CommentsReading, IdentityReading, PreviewReading } from './types';

/**
 * How the ad preview is read: found by what it is (a region, dialog or section labelled "Preview" /
 * "Ad preview"), wherever it sits; then the creator's @handle, avatar, comments, the identity picked in
 * the form and the post id are read from what is visible. Nothing here throws into the page: anything
 * unreadable comes back unknown and named in `problems`.
 */

/** Problems, in the buyer's words. */
export const PREVIEW_PROBLEMS = {
  notRendered: 'the preview, which has not finished loading',
  handle: 'the creator handle',
  avatar: 'the profile picture',
  comments: 'the comment count',
  identity: 'the selected identity',
  whole: 'this preview',
} as const;

// ---------------------------------------------------------------------------------------------------
// Counts

/**
 * A count as Ads Manager shows it: "2,134", "1.2K", "3M", "0", "1 234". Returns null for anything
 * else (text, negative numbers, fractions without a K/M/B suffix).
 */
export function parseCount(text: string): number | null {
  if (typeof text !== 'string') return null;
  const t = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  const m = /^(\d{1,3}(?:[,. ]\d{3})+|\d+(?:[.,]\d+)?)\s*([KkMmBb])?$/.exec(t);
  if (!m) return null;
  const digits = m[1]!;
  const suffix = m[2]?.toUpperCase();
  const multiplier = suffix === 'K' ? 1e3 : suffix === 'M' ? 1e6 : suffix === 'B' ? 1e9 : 1;
  let value: number;
  if (/^\d{1,3}(?:[,. ]\d{3})+$/.test(digits) && !suffix) {
    value = Number(digits.replace(/[,. ]/g, ''));
  } else if (/^\d+[.,]\d+$/.test(digits)) {
    // "1.2K" / "1,2K": a decimal only makes sense with a suffix.
    if (!suffix) return null;
    value = Number(digits.replace(',', '.'));
  } else if (/[,. ]/.test(digits)) {
    value = Number(digits.replace(/[,. ]/g, '')); // "1,234K": grouped digits with a suffix
  } else {
    value = Number(digits);
  }
  if (!Number.isFinite(value)) return null;
  return Math.round(value * multiplier);
}

/** Digit runs this long are ids (a post id has 19 digits), never a count a preview shows. */
const ID_DIGITS = /\d{13,}/;

/** The first count inside a longer text ("2,134 comments" → 2134); a long id is not a count. */
function countIn(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = COUNT_TOKEN.exec(text);
  if (!m || ID_DIGITS.test(m[0].replace(/[,.\s\u00a0]/g, ''))) return null;
  return parseCount(m[0]);
}

/** The count a counter's own text shows, alone or with the word "comments" ("2,134", "1.2K comments"); else null. */
function countOnly(text: string): number | null {
  const count = countIn(text);
  if (count === null) return null;
  const rest = text.replace(COUNT_TOKEN, ' ').replace(/\bcomments?\b/gi, ' ');
  return /[\p{L}\d]/u.test(rest) ? null : count;
}

/**
 * The comments of a list labelled "Comments" drawn without list markup: its visible child boxes that
 * hold text which is not a counter. Counted only when there are such boxes and no counter among them.
 */
function roleLessComments(marker: Element, cache: VisibilityCache): number {
  // A control labelled "Comments" (the rail's icon button, "View comments") is not a list of them.
  if (marker.matches('button, a, [role="button"], [role="link"], [tabindex]')) return 0;
  const shown = (box: Element) => Array.from(box.children).filter((c) => isVisible(c, cache) && visibleText(c).trim());
  let box = marker;
  for (let step = 0; step < 3; step++) {
    const only = shown(box);
    if (only.length !== 1) break;
    box = only[0]!; // a wrapper around the comments
  }
  if (box !== marker && shown(box).length === 0) box = marker; // one comment, not a wrapper
  let comments = 0;
  for (const child of shown(box)) {
    const text = visibleText(child).trim();
    if (countOnly(text) !== null || matchesAny(text, PREVIEW_CHROME_WORDS)) return 0;
    comments++;
  }
  return comments;
}

// ---------------------------------------------------------------------------------------------------
// Finding previews

function labelTextOf(el: Element): string | null {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return null;
  const root = el.getRootNode() as Document | ShadowRoot;
  const parts = ids
    .split(/\s+/)
    .map((id) => (id && typeof root.getElementById === 'function' ? root.getElementById(id) : null))
    .filter((x): x is HTMLElement => !!x)
    .map((x) => composedTextContent(x));
  return parts.length ? parts.join(' ') : null;
}

/** From a "Preview" heading to the block it titles: the nearest ancestor holding more than the heading. */
function regionOfHeading(heading: Element): Element {
  let region = composedParent(heading);
  for (let step = 0; region && step < 4; step++) {
    if (region.localName === 'body') return region;
    const more =
      visibleLines(region, 2000, heading).length > 0 ||
      deepQueryAll(region, 'img, video, [role="img"]').some((m) => !composedContains(heading, m));
    if (more) return region;
    region = composedParent(region);
  }
  return region ?? heading;
}

/**
 * The ad previews the buyer can see under `root`: elements labelled "Preview"/"Ad preview" (aria-label
 * or aria-labelledby, controls excluded), blocks titled by such a heading, and mocks of a TikTok post
 * found by what they show with no label at all (see preview-evidence.ts), in open shadow roots too.
 * Hidden copies are dropped and nested matches collapse to the outermost, so each preview on screen is
 * returned once, in page order.
 */
export function findPreviews(root: ReadRoot): Element[] {
  try {
    const cache = createVisibilityCache();
    const found = new Set<Element>();
    for (const el of deepQueryAll(root, '[aria-label], [aria-labelledby]')) {
      if (el.matches(NOT_A_REGION)) continue;
      const label = labelTextOf(el);
      if (label && matchesAny(normalizeLabel(label), PREVIEW_LABELS)) found.add(el);
    }
    for (const heading of deepQueryAll(root, HEADING)) {
      const text = normalizeLabel(visibleText(heading));
      if (text && matchesAny(text, PREVIEW_LABELS) && isVisible(heading, cache)) found.add(regionOfHeading(heading));
    }
    // By content: the mock itself, labelled or not (a drawer, a dialog, a shadow root of any tag name).
    for (const el of previewsByContent(root)) found.add(el);
    const visible = [...found].filter((el) => isVisible(el, cache));
    const outermost = visible.filter((el) => !visible.some((other) => other !== el && composedContains(other, el)));
    return sortComposed(outermost);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading one preview

function findHandle(lines: readonly TextLine[]): { handle: string; element: Element } | null {
  for (const line of lines) {
    const m = HANDLE_LINE.exec(line.text);
    if (m) return { handle: m[1]!.toLowerCase(), element: line.element };
  }
  return null;
}

function labelsOf(el: Element): string {
  return [el.getAttribute('alt'), el.getAttribute('aria-label'), el.getAttribute('title')]
    .filter((x): x is string => !!x)
    .join(' ');
}

function sizeOf(el: Element): { w: number; h: number } {
  if (hasLayout(el.ownerDocument)) {
    const r = el.getBoundingClientRect();
    return { w: r.width, h: r.height };
  }
  const view = el.ownerDocument.defaultView;
  const st = view?.getComputedStyle(el);
  const num = (v: string | null | undefined): number => {
    const m = v ? /^\s*(\d+(?:\.\d+)?)(px)?\s*$/.exec(v) : null;
    return m ? Number(m[1]) : NaN;
  };
  const w = num(st?.width) || num(el.getAttribute('width'));
  const h = num(st?.height) || num(el.getAttribute('height'));
  return { w: Number.isNaN(w) ? 0 : w, h: Number.isNaN(h) ? 0 : h };
}

/** Round: border-radius of at least half the side (or ≥50%) on the image or the box clipping it. */
function isRound(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  const candidates = [el, composedParent(el)].filter((x): x is Element => !!x);
  for (const box of candidates) {
    const st = view?.getComputedStyle(box);
    const radius = st?.borderTopLeftRadius || st?.borderRadius || '';
    const pct = /(\d+(?:\.\d+)?)%/.exec(radius);
    if (pct && Number(pct[1]) >= 50) return true;
    const pxm = /(\d+(?:\.\d+)?)px/.exec(radius);
    if (pxm) {
      const { w, h } = sizeOf(box);
      const side = Math.min(w || Infinity, h || Infinity);
      if (Number(pxm[1]) >= 999 || (Number.isFinite(side) && Number(pxm[1]) * 2 >= side)) return true;
    }
  }
  return false;
}

/** The address a picture is drawn from: an <img>'s src, or a box's CSS background image. */
function pictureSource(el: Element): string {
  if (el.localName === 'img') return `${el.getAttribute('src') ?? ''} ${el.getAttribute('srcset') ?? ''}`;
  const style = el.getAttribute('style') ?? '';
  const computed = el.ownerDocument.defaultView?.getComputedStyle(el).backgroundImage ?? '';
  return `${style} ${computed}`;
}

function isDefaultAvatar(el: Element): boolean {
  if (matchesAny(labelsOf(el), DEFAULT_AVATAR_LABELS)) return true;
  if (matchesAny(pictureSource(el), DEFAULT_AVATAR_SOURCES)) return true;
  // An <img> with no address shows nothing but a broken frame.
  return el.localName === 'img' && !(el.getAttribute('src') ?? '').trim() && !el.getAttribute('srcset');
}

/** Pictures larger than this (px, either side) are covers or product shots, never the avatar. */
const MAX_AVATAR_SIDE = 160;
/** Smaller than this is a glyph (a badge, a "+" to follow), not a picture of anyone. */
const MIN_AVATAR_SIDE = 16;
/** How many boxes of a preview are looked at for a CSS background picture. */
const BACKGROUND_BUDGET = 1500;

const HAS_URL = /url\(/i;

/** Boxes drawn with a CSS background picture (no <img>, no role): avatars are often drawn so. */
function backgroundPictures(preview: Element, cache: VisibilityCache): Element[] {
  const view = preview.ownerDocument.defaultView;
  if (!view) return [];
  return flatQueryAll(preview, '*', { budget: BACKGROUND_BUDGET }).filter((el) => {
    if (el.localName === 'img' || el.getAttribute('role') === 'img' || el.localName === 'video') return false;
    const st = view.getComputedStyle(el);
    return HAS_URL.test(st.backgroundImage || st.background || '') && isVisible(el, cache);
  });
}

/** Its picture could be a face: not labelled as anything else, not a cover, not a glyph. */
function mayBeAvatar(el: Element): boolean {
  if (matchesAny(labelsOf(el), NOT_AN_AVATAR_LABELS)) return false;
  const { w, h } = sizeOf(el);
  if (Math.max(w, h) > MAX_AVATAR_SIDE) return false;
  // Without a size (no layout, none declared) it is not ruled out.
  return !((w > 0 && w < MIN_AVATAR_SIDE) || (h > 0 && h < MIN_AVATAR_SIDE));
}

/** `a` and `b` share a box at most `levels` levels above `a`. */
function near(a: Element, b: Element, levels: number): boolean {
  let box = composedParent(a);
  for (let step = 0; box && step < levels; step++) {
    if (box.localName === 'body') return false;
    if (composedContains(box, b)) return true;
    box = composedParent(box);
  }
  return false;
}

interface AvatarPlaces {
  /** The account line (the @handle). */
  account: Element | null;
  /** The action rail's parts: comment markers, like / share buttons, count-only lines. */
  rail: readonly Element[];
  /** Names the avatar may be labelled with: the handle and the name shown. */
  names: readonly string[];
}

/**
 * The account's picture however it is drawn: an <img> (any alt: empty, the creator's name, "avatar"),
 * role="img", or a CSS background, picked when it says it is an avatar, is round, is labelled with the
 * account's name, or sits beside the account line or on the action rail. A stand-in (default avatar,
 * silhouette) is 'absent'; small pictures none of these fit leave it 'unknown'.
 */
function findAvatar(
  pictures: readonly Element[],
  graphics: readonly Element[],
  places: AvatarPlaces,
): { state: 'present' | 'absent' | 'unknown'; element: Element | null } {
  const judge = (el: Element) => ({ state: isDefaultAvatar(el) ? ('absent' as const) : ('present' as const), element: el });
  const marked = sortComposed([...pictures, ...graphics]).find((el) => matchesAny(labelsOf(el), AVATAR_LABELS));
  if (marked) return judge(marked);
  const maybe = sortComposed(pictures.filter(mayBeAvatar));
  const names = places.names.map((n) => n.toLowerCase().replace(/^@/, '')).filter((n) => n.length > 1);
  const named = (el: Element): boolean => {
    const label = labelsOf(el).toLowerCase();
    return !!label && names.some((n) => label.includes(n) || n.includes(label.replace(/^@/, '').trim()));
  };
  const picked =
    maybe.find((el) => isRound(el)) ??
    maybe.find(named) ??
    maybe.find((el) => !!places.account && near(el, places.account, 2)) ??
    maybe.find((el) => places.rail.some((part) => near(el, part, 2)));
  if (picked) return judge(picked);
  return { state: maybe.length === 0 ? 'absent' : 'unknown', element: null };
}

function isPlausibleName(text: string): boolean {
  if (text.length > 40 || !/\p{L}/u.test(text)) return false;
  if (text.startsWith('@')) return false;
  if (matchesAny(text, PREVIEW_CHROME_WORDS) || matchesAny(text, PREVIEW_PLACEHOLDERS)) return false;
  if (matchesAny(text, COMMENTS_OFF) || matchesAny(normalizeLabel(text), PREVIEW_LABELS)) return false;
  return parseCount(text) === null;
}

/** The name where the handle belongs: next to the avatar when there is one, else the first name-like line. */
function findDisplayName(lines: readonly TextLine[], avatar: Element | null): TextLine | null {
  if (avatar) {
    let around = composedParent(avatar);
    for (let step = 0; around && step < 3; step++) {
      const near = lines.find((l) => composedContains(around!, l.element) && isPlausibleName(l.text));
      if (near) return near;
      around = composedParent(around);
    }
  }
  return lines.find((l) => isPlausibleName(l.text)) ?? null;
}

/** What an element is called: its alt, aria-label and title (labelsOf), or else an svg's own <title>. */
function nameOf(el: Element): string {
  const given = labelsOf(el);
  if (given || el.localName !== 'svg') return given;
  return Array.from(el.children).find((c) => c.localName === 'title')?.textContent ?? '';
}

/** A line that names the comments, with or without their count: "Comments", "2,134 comments". */
const COMMENT_LINE = /^(?:\d[\d.,]*\s*[kmb]?\s+)?comments?(?:\s*[(:]?\s*\d[\d.,]*\s*[kmb]?\)?)?$/i;

function readComments(preview: Element, lines: readonly TextLine[], cache: VisibilityCache): CommentsReading {
  if (lines.some((l) => matchesAny(l.text, COMMENTS_OFF))) return { kind: 'off' };
  // The comments' icon or list by its name, however given (aria-label, title, alt, an svg's <title>),
  // then a line that says it ("Comments", "2,134 comments").
  const named = deepQueryAll(preview, '[aria-label], [title], img[alt], svg').filter(
    (el) => matchesAny(nameOf(el), COMMENT_LABELS) && isVisible(el, cache),
  );
  const said = lines.filter((l) => COMMENT_LINE.test(normalizeLabel(l.text))).map((l) => l.element);
  const markers = [...sortComposed(named), ...said.filter((el) => !named.some((n) => composedContains(n, el)))];
  for (const marker of markers) {
    const label = named.includes(marker) ? nameOf(marker) : visibleText(marker);
    if (matchesAny(label, COMMENTS_OFF)) return { kind: 'off' };
    const items = flatQueryAll(marker, COMMENT_ITEM, { prune: true }).filter((i) => isVisible(i, cache));
    if (items.length > 0) return { kind: 'listed', count: items.length };
    const fromLabel = countIn(label);
    if (fromLabel !== null) return { kind: 'count', value: fromLabel };
    const listed = roleLessComments(marker, cache);
    if (listed > 0) return { kind: 'listed', count: listed };
    const fromText = countIn(visibleText(marker));
    if (fromText !== null) return { kind: 'count', value: fromText };
    // A counter drawn beside its icon, in either order: a box next to it, or the smallest box around
    // it, that shows nothing but the count (the rail's box, holding every counter, is not taken).
    for (const sibling of [marker.nextElementSibling, marker.previousElementSibling]) {
      const value = sibling && isVisible(sibling, cache) ? countOnly(visibleText(sibling).trim()) : null;
      if (value !== null) return { kind: 'count', value };
    }
    let box = composedParent(marker);
    for (let step = 0; box && step < 2 && box.localName !== 'body'; step++) {
      const text = visibleText(box).trim();
      const value = countOnly(text);
      if (value !== null) return { kind: 'count', value };
      if (text) break;
      box = composedParent(box);
    }
  }
  return { kind: 'unknown' };
}

function postIdFromText(text: string): string | null {
  return POST_ID.exec(text)?.[1] ?? null;
}

function postIdFromLinks(links: readonly Element[], cache: VisibilityCache): string[] {
  const ids = new Set<string>();
  for (const a of links) {
    const id = POST_LINK.exec(a.getAttribute('href') ?? '')?.[1];
    if (id && isVisible(a, cache)) ids.add(id);
  }
  return [...ids];
}

/** The post id: a link or a 19+ digit id in the preview, else a labelled "Post ID" or one post link on the page. */
function readPostId(preview: Element, lines: readonly TextLine[], root: ReadRoot, cache: VisibilityCache): string | null {
  const inPreview = postIdFromLinks(deepQueryAll(preview, 'a[href]'), cache);
  if (inPreview[0]) return inPreview[0];
  for (const line of lines) {
    const id = postIdFromText(line.text);
    if (id) return id;
  }
  for (const label of deepLabelElements(root, POST_ID_WORDS, (t) => matchesAny(t.trim(), POST_ID_LABELS))) {
    let box: Element | null = label;
    for (let step = 0; box && step < 3; step++) {
      if (!isVisible(box, cache)) break;
      const id = postIdFromText(visibleText(box));
      if (id) return id;
      box = composedParent(box);
    }
  }
  const onPage = postIdFromLinks(deepQueryAll(root, 'a[href*="/video/"], a[href*="/photo/"]'), cache);
  return onPage.length === 1 ? onPage[0]! : null;
}

export interface ReadPreviewOptions {
  /** The identity already read (e.g. once per pass); read from `root` when absent. */
  identity?: IdentityReading;
  /** Where the form around the preview lives (identity, post id); the preview's document by default. */
  root?: ReadRoot;
}

function unknownReading(problem: string, identity: IdentityReading = { kind: 'unknown' }): PreviewReading {
  return {
    rendered: false,
    handle: null,
    displayName: null,
    avatar: 'unknown',
    comments: { kind: 'unknown' },
    identity,
    postId: null,
    problems: [problem],
  };
}

/**
 * What one preview shows: the creator's @handle (or the name shown instead), the avatar, the comments,
 * the identity picked in the form, and the post id. A preview that shows no handle, name, counts or
 * images (a placeholder or spinner) reads `rendered: false`. Never throws.
 */
export function readPreview(el: Element, options: ReadPreviewOptions = {}): PreviewReading {
  let identity: IdentityReading = options.identity ?? { kind: 'unknown' };
  try {
    const root: ReadRoot = options.root ?? el.ownerDocument;
    if (!options.identity) identity = readIdentity(root);
    const cache = createVisibilityCache();
    const lines = visibleLines(el);
    const busyBoxes = deepQueryAll(el, BUSY);
    const inBusy = (node: Element): boolean => busyBoxes.some((b) => composedContains(b, node));
    const media = deepQueryAll(el, 'img, video, canvas, [role="img"]').filter(
      (m) => isVisible(m, cache) && !inBusy(m),
    );
    const images = media.filter((m) => m.localName === 'img' || m.getAttribute('role') === 'img');
    // Avatars drawn as labelled boxes without text (svg icons, background images).
    const graphics = deepQueryAll(el, '[aria-label], svg[aria-label]').filter(
      (g) => !images.includes(g) && !g.matches(NOT_A_REGION) && isVisible(g, cache) && !visibleText(g).trim(),
    );
    const handle = findHandle(lines);
    const comments = readComments(el, lines, cache);
    const busy = busyBoxes.some((b) => b === el || isVisible(b, cache));
    const pictures = [...images, ...backgroundPictures(el, cache).filter((b) => !inBusy(b))];
    const rail = [
      ...deepQueryAll(el, '[aria-label], [title]').filter((m) => matchesAny(labelsOf(m), NOT_AN_AVATAR_LABELS) && !pictures.includes(m)),
      ...lines.filter((l) => parseCount(l.text) !== null).map((l) => l.element),
    ];
    const firstName = handle ? null : findDisplayName(lines, null);
    const avatarFound = findAvatar(pictures, graphics, {
      account: handle?.element ?? null,
      rail,
      names: [handle?.handle, firstName?.text].filter((x): x is string => !!x),
    });
    const nameLine = handle ? null : findDisplayName(lines, avatarFound.element);
    const rendered = !!handle || media.length > 0 || comments.kind !== 'unknown' || (!!nameLine && !busy);
    const postId = readPostId(el, lines, root, cache);
    if (!rendered) return { ...unknownReading(PREVIEW_PROBLEMS.notRendered, identity), postId };

    const avatar = avatarFound.state;
    const problems: string[] = [];
    if (!handle && !nameLine) problems.push(PREVIEW_PROBLEMS.handle);
    if (avatar === 'unknown') problems.push(PREVIEW_PROBLEMS.avatar);
    if (comments.kind === 'unknown') problems.push(PREVIEW_PROBLEMS.comments);
    if (identity.kind === 'unknown') problems.push(PREVIEW_PROBLEMS.identity);
    return {
      rendered: true,
      handle: handle?.handle ?? null,
      displayName: nameLine?.text ?? null,
      avatar,
      comments,
      identity,
      postId,
      problems,
    };
  } catch {
    return unknownReading(PREVIEW_PROBLEMS.whole, identity);
  }
}

// ---------------------------------------------------------------------------------------------------
// Identity

function classifyIdentity(text: string): IdentityReading {
  const label = text.split('\n')[0]!.trim().slice(0, 120) || null;
  const custom = matchesAny(text, CUSTOM_IDENTITY);
  const spark = matchesAny(text, SPARK_IDENTITY);
  if (custom && !spark) return { kind: 'custom', label };
  if (spark && !custom) return { kind: 'spark', label };
  return { kind: 'unknown' };
}

/** The text of a selected choice: its own text, its <label>, or its aria-label. */
function choiceText(choice: Element): string {
  if (choice.localName === 'input') {
    const id = choice.getAttribute('id');
    const root = choice.getRootNode() as Document | ShadowRoot;
    const byFor = id ? root.querySelector?.(`label[for="${CSS_escape(id)}"]`) : null;
    const wrapping = composedClosest(choice, 'label');
    const label = byFor ?? wrapping;
    if (label) return visibleText(label);
    const parent = composedParent(choice);
    return parent ? visibleText(parent) : '';
  }
  return visibleText(choice) || choice.getAttribute('aria-label') || '';
}

function CSS_escape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/** The box of a form field: the nearest ancestor of its label that holds more than the label. */
function fieldOf(label: Element): Element | null {
  let box = composedParent(label);
  for (let step = 0; box && step < 4; step++) {
    if (box.localName === 'body') return null;
    const more =
      visibleLines(box, 2000, label).length > 0 ||
      flatQueryAll(box, `${SELECTED_CHOICE}, ${COMBOBOX}`, { budget: 2000 }).length > 0;
    if (more) return box;
    box = composedParent(box);
  }
  return null;
}

function identityOfField(field: Element, label: Element, cache: VisibilityCache): IdentityReading {
  const choices = flatQueryAll(field, SELECTED_CHOICE).filter((c) => isVisible(c, cache) || c.localName === 'input');
  for (const choice of choices) {
    const r = classifyIdentity(choiceText(choice));
    if (r.kind !== 'unknown') return r;
  }
  const boxes = flatQueryAll(field, COMBOBOX, { prune: true }).filter((c) => isVisible(c, cache));
  for (const box of boxes) {
    const text =
      box.localName === 'select'
        ? ((box as HTMLSelectElement).selectedOptions?.[0]?.textContent ?? '')
        : visibleText(box) || box.getAttribute('aria-valuetext') || '';
    const r = classifyIdentity(text.trim());
    if (r.kind !== 'unknown') return r;
  }
  if (choices.length > 0 || boxes.length > 0) return { kind: 'unknown' };
  const rest = visibleLines(field, 20000, label).map((line) => line.text);
  return classifyIdentity(rest.join('\n'));
}

/** A toggle's on/off state, or null when it shows none. */
function toggleState(toggle: Element): boolean | null {
  if (toggle.localName === 'input') return (toggle as HTMLInputElement).checked;
  const checked = toggle.getAttribute('aria-checked');
  return checked === 'true' ? true : checked === 'false' ? false : null;
}

/**
 * Where no identity field can be read (the current flow, where the identity follows the chosen post):
 * the visible switch "Use TikTok account to deliver Spark Ads". On is the creator's identity; off is
 * a plain in-feed ad. The switch is found by its own name or by the words beside it.
 */
function sparkSwitch(root: ReadRoot, cache: VisibilityCache): IdentityReading | null {
  const found: { toggle: Element; label: string }[] = deepQueryAll(root, TOGGLE)
    .filter((t) => matchesAny(labelsOf(t), SPARK_SWITCH_LABELS))
    .map((toggle) => ({ toggle, label: labelsOf(toggle) }));
  for (const label of deepLabelElements(root, SPARK_SWITCH_WORDS, (t) => matchesAny(normalizeLabel(t), SPARK_SWITCH_LABELS))) {
    let box: Element | null = label; // a <label> may hold its checkbox
    for (let step = 0; box && step < 4 && box.localName !== 'body'; step++) {
      const toggles = flatQueryAll(box, TOGGLE, { budget: 200 });
      if (toggles.length === 1) found.push({ toggle: toggles[0]!, label: visibleText(label) });
      if (toggles.length) break; // one switch beside the words; several are some other list
      box = composedParent(box);
    }
  }
  let seen = false;
  for (const { toggle, label: text } of found) {
    // A styled switch often hides its real checkbox: then the box around it must show.
    const shown = toggle.localName === 'input' ? isVisible(composedParent(toggle) ?? toggle, cache) : isVisible(toggle, cache);
    if (!shown) continue;
    seen = true;
    const on = toggleState(toggle);
    const label = normalizeLabel(text).slice(0, 120) || null;
    if (on === true) return { kind: 'spark', label };
    if (on === false) return { kind: 'custom', label, switchedOff: true };
  }
  return seen ? { kind: 'unknown' } : null;
}

/**
 * The identity picked in the visible form on the page ("Identity" field, else the Spark switch):
 * `custom` for "Custom identity" (or the switch off), `spark` for the creator's own (TikTok account,
 * Spark Ads post, Use TikTok post, an @handle, the switch on), `unknown` when a field shows but what
 * it says cannot be told, `none` when no identity choice shows at all. Hidden form copies are
 * ignored. Never throws.
 */
export function readIdentity(root: ReadRoot): IdentityReading {
  try {
    const cache = createVisibilityCache();
    // By the element's whole text: a page may split "Identity" over inline elements.
    const found = deepLabelElements(root, IDENTITY_WORDS, (t) => matchesAny(normalizeLabel(t), IDENTITY_LABELS));
    // A list's "Identity" column header is not an identity choice.
    const labels = sortComposed(
      found.filter(
        (l) =>
          matchesAny(normalizeLabel(visibleText(l)), IDENTITY_LABELS) &&
          !composedClosest(l, 'th, [role="columnheader"], thead') &&
          isVisible(l, cache),
      ),
    );
    let seen = false;
    for (const label of labels) {
      const field = fieldOf(label);
      if (!field) continue;
      seen = true;
      const reading = identityOfField(field, label, cache);
      if (reading.kind !== 'unknown') return reading;
    }
    return sparkSwitch(root, cache) ?? (seen ? { kind: 'unknown' } : { kind: 'none' });
  } catch {
    return { kind: 'unknown' };
  }
}
