import {
  composedParent,
  composedRawText,
  isElement,
  OVERLAY_HOST,
  shadowRootsUnder,
  sortComposed,
  type ReadRoot,
} from './composed';
import {
  ACTION_NAMES,
  FORM_FIELD,
  HANDLE_LINE,
  matchesAny,
  normalizeLabel,
  NOT_PREVIEW_CONTENT,
  PREVIEW_LABELS,
  SPONSORED_LINE,
} from './selectors';

/**
 * Finding the ad preview by what it shows, not by what it is called: a mock of a TikTok post has a video
 * or its poster, an account line ("@handle"), a rail of like / comment / share counts and the "Sponsored"
 * label. A "Preview" label written as plain text is one more sign. Each sign found on the page counts for
 * the boxes around it (a few levels up, never past a list or a box holding form fields: the preview holds
 * neither), and a box showing enough different signs is a preview. Signs inside lists are never looked at,
 * so a long list costs one look at its table, not one per row.
 */

/** The kinds of signs; a preview shows at least MIN_KINDS of them. */
const MEDIA = 1;
const ACCOUNT = 2;
const ACTIONS = 4;
const SPONSORED = 8;
const LABEL = 16;
const MIN_KINDS = 3;

/** How far up a sign counts: from a count inside a rail button to the phone around the whole mock. */
const CLIMB = 8;

/** Smallest poster: the mock's video is a few hundred pixels tall; avatars and icons are far smaller. */
const POSTER_MIN_SIDE = 120;
const POSTER_MIN_LONG_SIDE = 200;

const MEDIA_SELECTOR = 'video, canvas, img, [role="img"]';
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg']);
/** A line that is only a count, as the rail shows it: "2,134", "1.2K", "0". */
const COUNT_ONLY = /^\s*(?:\d{1,3}(?:[,.\s\u00a0]\d{3})+|\d+(?:[.,]\d+)?)\s*[KkMmBb]?\s*$/;
/** A line starting with an @handle, or a lone "@" whose name comes in the next node. */
const ACCOUNT_START = /^\s*@\s*$/;

interface Evidence {
  kinds: number;
  counts: number;
  actions: Set<string>;
}

function declaredSize(el: Element): { w: number; h: number } {
  const doc = el.ownerDocument;
  const rect = el.getBoundingClientRect();
  if (rect.width > 0 || rect.height > 0) return { w: rect.width, h: rect.height };
  // Without layout (or before it), the declared size.
  const st = doc.defaultView?.getComputedStyle(el);
  const num = (v: string | null | undefined): number => {
    const m = v ? /^\s*(\d+(?:\.\d+)?)(?:px)?\s*$/.exec(v) : null;
    return m ? Number(m[1]) : 0;
  };
  return { w: num(st?.width) || num(el.getAttribute('width')), h: num(st?.height) || num(el.getAttribute('height')) };
}

/**
 * A poster drawn as a CSS background in the element's own style (frameworks set a picture's address
 * there). Only the attribute is read: a computed style per element would cost a long page dearly.
 */
function drawsBackgroundPicture(el: Element): boolean {
  const style = el.getAttribute('style');
  return !!style && style.includes('url(');
}

function isPoster(el: Element): boolean {
  if (el.localName === 'video' || el.localName === 'canvas') return true;
  const { w, h } = declaredSize(el);
  return Math.min(w, h) >= POSTER_MIN_SIDE && Math.max(w, h) >= POSTER_MIN_LONG_SIDE;
}

function actionOf(text: string): string | null {
  const t = normalizeLabel(text);
  if (!t || t.length > 40) return null;
  for (const [name, re] of ACTION_NAMES) if (re.test(t)) return name;
  return null;
}

interface Signs {
  /** Each sign: the element it sits in and what it says. */
  items: { el: Element; kind: number; action?: string; count?: boolean }[];
  /** Boxes holding a form field or a list, and every box around them: signs stop below these. */
  blocked: Set<Element>;
  /** The sign each box's whole text reads as (null: none), and the boxes already given their sign. */
  read: Map<Element, TextSign | null>;
  placed: Set<Element>;
}

/** How far up from a piece of text its whole line is looked for (words split over nested inline elements). */
const TEXT_CLIMB = 3;

type TextSign = { kind: number; action?: string; count?: boolean };

/**
 * The sign a text node is part of, read from the text of the boxes around it rather than the node
 * alone, so "Spon" + "sored" or "2,1" + "34" split over inline elements read as one sign: the highest
 * of the few boxes above it whose whole text still is the same sign. Each box is read once per search.
 */
function signAround(node: Node, read: Map<Element, TextSign | null>): { el: Element; sign: TextSign } | null {
  let best: { el: Element; sign: TextSign } | null = null;
  let box = composedParent(node);
  for (let step = 0; box && step < TEXT_CLIMB; step++) {
    if (box.localName === 'body' || box.matches(NOT_PREVIEW_CONTENT)) break;
    let sign = read.get(box);
    if (sign === undefined) {
      sign = textSign(composedRawText(box, 64));
      read.set(box, sign);
    }
    if (best && !sameSign(sign, best.sign)) break;
    if (sign) best = { el: box, sign };
    box = composedParent(box);
  }
  return best;
}

function sameSign(a: TextSign | null, b: TextSign): boolean {
  return !!a && a.kind === b.kind && a.action === b.action && a.count === b.count;
}

function blockUpwards(el: Element, blocked: Set<Element>): void {
  for (let node: Element | null = el; node && !blocked.has(node); node = composedParent(node)) blocked.add(node);
}

function textSign(text: string): TextSign | null {
  const t = text.trim();
  if (!t || t.length > 120) return null;
  if (HANDLE_LINE.test(t) || ACCOUNT_START.test(t)) return { kind: ACCOUNT };
  if (COUNT_ONLY.test(t)) return { kind: 0, count: true };
  if (matchesAny(t, SPONSORED_LINE)) return { kind: SPONSORED };
  const action = actionOf(t);
  if (action) return { kind: 0, action };
  if (matchesAny(normalizeLabel(t), PREVIEW_LABELS)) return { kind: LABEL };
  return null;
}

/** Walks one tree (a document or a shadow root), leaving lists, form fields and the overlay's own UI out. */
function collectIn(tree: Node, signs: Signs): void {
  const doc = tree.ownerDocument ?? (tree as Document);
  const walker = doc.createTreeWalker(tree, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node: Node): number {
      if (!isElement(node)) return 1; // FILTER_ACCEPT
      const tag = node.localName;
      if (SKIP_TAGS.has(tag) || node.hasAttribute(OVERLAY_HOST)) return 2; // FILTER_REJECT: skips the subtree
      if (node.matches(NOT_PREVIEW_CONTENT) || node.matches(FORM_FIELD)) {
        const parent = composedParent(node);
        if (parent) blockUpwards(parent, signs.blocked);
        return 2;
      }
      return 1;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!isElement(node)) {
      if (!(node as Text).data.trim()) continue;
      const found = signAround(node, signs.read);
      if (found && !signs.placed.has(found.el)) {
        signs.placed.add(found.el);
        signs.items.push({ el: found.el, ...found.sign });
      }
      continue;
    }
    if ((node.matches(MEDIA_SELECTOR) || drawsBackgroundPicture(node)) && isPoster(node)) signs.items.push({ el: node, kind: MEDIA });
    const label = node.getAttribute('aria-label') ?? node.getAttribute('title') ?? (node.localName === 'img' ? node.getAttribute('alt') : null);
    if (label) {
      const action = actionOf(label);
      if (action) signs.items.push({ el: node, kind: 0, action });
    }
  }
}

/** Whether a shadow root's host sits in a list or a form field (its content is then no preview's). */
function hostInsideExcluded(host: Element, memo: Map<Element, boolean>): boolean {
  const path: Element[] = [];
  let result = false;
  for (let node: Element | null = host; node; node = composedParent(node)) {
    const known = memo.get(node);
    if (known !== undefined) {
      result = known;
      break;
    }
    path.push(node);
    if (node !== host && (node.matches(NOT_PREVIEW_CONTENT) || node.matches(FORM_FIELD) || node.hasAttribute(OVERLAY_HOST))) {
      result = true;
      break;
    }
  }
  for (const node of path) memo.set(node, result);
  return result;
}

function kindsOf(e: Evidence): number {
  let kinds = e.kinds;
  const actions = e.actions.size;
  if (actions >= 2 || e.counts >= 3 || (actions >= 1 && e.counts >= 2)) kinds |= ACTIONS;
  let n = 0;
  for (let k = kinds; k; k &= k - 1) n++;
  return n;
}

/**
 * The boxes under `root` that show enough signs of an ad preview: for each group of signs, the smallest
 * box that shows as many kinds of signs as any box around it (so the whole mock, not its rail alone, and
 * not the page around it). Not filtered for visibility. Never throws.
 */
export function previewsByContent(root: ReadRoot): Element[] {
  try {
    const signs: Signs = { items: [], blocked: new Set(), read: new Map(), placed: new Set() };
    const memo = new Map<Element, boolean>();
    if (isElement(root) && root.matches(NOT_PREVIEW_CONTENT)) return [];
    collectIn(root, signs);
    for (const shadow of shadowRootsUnder(root)) {
      if (!hostInsideExcluded(shadow.host, memo)) collectIn(shadow, signs);
    }
    if (signs.items.length < MIN_KINDS) return [];

    const evidence = new Map<Element, Evidence>();
    for (const item of signs.items) {
      let box: Element | null = item.el;
      for (let step = 0; box && step < CLIMB; step++) {
        if (signs.blocked.has(box) || box.localName === 'body' || box.localName === 'html') break;
        let e = evidence.get(box);
        if (!e) evidence.set(box, (e = { kinds: 0, counts: 0, actions: new Set() }));
        e.kinds |= item.kind;
        if (item.count) e.counts++;
        if (item.action) e.actions.add(item.action);
        box = composedParent(box);
      }
    }
    const scored = new Map<Element, number>();
    for (const [box, e] of evidence) {
      const n = kindsOf(e);
      if (n >= MIN_KINDS) scored.set(box, n);
    }
    const best: Element[] = [];
    for (const [box, n] of scored) {
      // Dropped when a box around it shows more, or a box inside it shows as much.
      let keep = true;
      for (let up = composedParent(box); up && keep; up = composedParent(up)) if ((scored.get(up) ?? 0) > n) keep = false;
      if (!keep) continue;
      for (const [other, m] of scored) {
        if (other !== box && m >= n && isBelow(other, box)) {
          keep = false;
          break;
        }
      }
      if (keep) best.push(box);
    }
    return sortComposed(best);
  } catch {
    return [];
  }
}

function isBelow(node: Element, ancestor: Element): boolean {
  for (let up = composedParent(node); up; up = composedParent(up)) if (up === ancestor) return true;
  return false;
}
