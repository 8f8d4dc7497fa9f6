import { eachShadowRoot } from '../dom/shadow-hosts';

/**
 * Reading Ads Manager as it is rendered: the composed ("flat") tree, where a host's open shadow root
 * replaces its light children and a `<slot>` shows the nodes assigned to it. Ads Manager keeps much of
 * its text inside open shadow roots of `ks-*` elements, so `textContent`, `innerText` and plain
 * `querySelectorAll` all miss it.
 *
 * Node-type numbers are used instead of `instanceof Element`: the readers run on documents from other
 * realms (the page's window, jsdom in tests), where the global constructors are not the page's.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** Marks the hosts of the overlay's own UI; what is inside them is never read as the page. */
export const OVERLAY_HOST = 'data-spark-guard-host';

/** Where a reader may start: a whole document, an open shadow root, or any element. */
export type ReadRoot = Document | ShadowRoot | Element;

export function isElement(node: unknown): node is Element {
  return !!node && (node as Node).nodeType === ELEMENT_NODE;
}

export function isShadowRoot(node: unknown): node is ShadowRoot {
  return !!node && (node as Node).nodeType === DOCUMENT_FRAGMENT_NODE && 'host' in (node as object);
}

function isDocument(node: unknown): node is Document {
  return !!node && (node as Node).nodeType === DOCUMENT_NODE;
}

function isText(node: unknown): node is Text {
  return !!node && (node as Node).nodeType === TEXT_NODE;
}

/** The element a node sits in: itself, or a text node's parent (crossing to a shadow host). */
export function elementOf(node: Node | null | undefined): Element | null {
  if (!node) return null;
  if (isElement(node)) return node;
  if (isText(node)) return composedParent(node);
  if (isShadowRoot(node)) return node.host;
  return null;
}

/**
 * Children in the flat tree: a host shows its open shadow root's children, a slot shows its assigned
 * nodes (or its own fallback children when nothing is assigned). Light children of a host that no slot
 * takes are not rendered, so they are not returned.
 */
export function composedChildren(node: Node): Node[] {
  if (isElement(node)) {
    // The overlay's own UI (checklists, badges) is not the page: readers never take its words.
    if (node.hasAttribute(OVERLAY_HOST)) return [];
    const shadow = node.shadowRoot;
    if (shadow) return Array.from(shadow.childNodes);
    if (node.localName === 'slot' && isShadowRoot(node.getRootNode())) {
      const assigned = (node as HTMLSlotElement).assignedNodes?.() ?? [];
      if (assigned.length > 0) return assigned;
    }
  }
  return Array.from(node.childNodes);
}

const NO_NODES: readonly Node[] = [];

/**
 * `composedChildren` without the copy: the live child list where no shadow root or slot is involved.
 * For walks that only read; the page does not change while a read runs.
 */
function flatChildren(node: Node): ArrayLike<Node> {
  if (isElement(node)) {
    if (node.hasAttribute(OVERLAY_HOST)) return NO_NODES;
    const shadow = node.shadowRoot;
    if (shadow) return shadow.childNodes;
    if (node.localName === 'slot' && isShadowRoot(node.getRootNode())) {
      const assigned = (node as HTMLSlotElement).assignedNodes?.() ?? [];
      if (assigned.length > 0) return assigned;
    }
  }
  return node.childNodes;
}

/** Parent in the flat tree: the slot a node is assigned to, else its parent, crossing shadow roots to hosts. */
export function composedParent(node: Node): Element | null {
  const slot = (node as Element | Text).assignedSlot;
  if (slot) return slot;
  const parent = node.parentNode;
  if (!parent) return null;
  if (isElement(parent)) return parent;
  if (isShadowRoot(parent)) return parent.host;
  return null;
}

/** True when `node` is `ancestor` or sits below it in the composed tree (documents and shadow roots too). */
export function composedContains(ancestor: Node, node: Node | null): boolean {
  let current: Node | null = node;
  while (current) {
    if (current === ancestor || current.parentNode === ancestor) return true;
    current = composedParent(current);
  }
  return false;
}

/** The nearest composed ancestor-or-self matching `test`, never climbing out of `stopAt`. */
export function composedClosest(
  node: Node | null,
  test: string | ((el: Element) => boolean),
  stopAt?: Node | null,
): Element | null {
  let el = elementOf(node);
  while (el) {
    if (typeof test === 'string' ? safeMatches(el, test) : test(el)) return el;
    if (stopAt && (el === stopAt || el.parentNode === stopAt)) return null;
    el = composedParent(el);
  }
  return null;
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/**
 * The open shadow roots a page watcher already tracks (every one on the page), while a read runs inside
 * `withKnownShadowRoots`; null otherwise. Finding them means visiting every element of the page, which
 * on a long list costs more than the read itself.
 */
let knownShadowRoots: readonly ShadowRoot[] | null = null;
/** The known roots' hosts and every composed ancestor of theirs, made when first needed. */
let knownHostsAndAbove: Set<Node> | null = null;
/** `textIsPlain` answers of the read running inside `withKnownShadowRoots`. */
let plainMemo: Map<Element, boolean> | null = null;

/**
 * Runs `read` with `roots` standing for every open shadow root on the page: deep queries below any
 * root then pick theirs from this list instead of walking every element. Without `roots`, reads walk.
 */
export function withKnownShadowRoots<T>(roots: readonly ShadowRoot[] | undefined, read: () => T): T {
  if (!roots) return read();
  const outer = knownShadowRoots;
  const outerHosts = knownHostsAndAbove;
  const outerPlain = plainMemo;
  knownShadowRoots = roots;
  knownHostsAndAbove = null;
  plainMemo = null;
  try {
    return read();
  } finally {
    knownShadowRoots = outer;
    knownHostsAndAbove = outerHosts;
    plainMemo = outerPlain;
  }
}

/**
 * Whether `el`'s composed text is its plain `textContent`: no shadow host at or below it, no slot, no
 * text field. Only known when the shadow roots are (inside `withKnownShadowRoots`); otherwise false.
 */
export function textIsPlain(el: Element): boolean {
  if (!knownShadowRoots) return false;
  if (!knownHostsAndAbove) {
    const marked = new Set<Node>();
    for (const shadow of knownShadowRoots) {
      for (let node: Element | null = shadow.host; node && !marked.has(node); node = composedParent(node)) marked.add(node);
    }
    knownHostsAndAbove = marked;
  }
  if (el.shadowRoot || el.localName === 'slot' || knownHostsAndAbove.has(el)) return false;
  // Remembered for the read: the page cannot change during it, and a long list is asked once per slice
  // of its first reading, each time a look at every element of the table.
  plainMemo ??= new Map();
  let plain = plainMemo.get(el);
  if (plain === undefined) plainMemo.set(el, (plain = el.querySelector('slot, input, textarea') === null));
  return plain;
}

/** The known shadow roots below `root` (hosts in it, at any depth), in the order they were given. */
function knownRootsUnder(root: ReadRoot, known: readonly ShadowRoot[]): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  for (const shadow of known) {
    const host = shadow.host;
    if (shadow === root || !host.isConnected || host.hasAttribute(OVERLAY_HOST)) continue;
    if (isDocument(root) ? host.ownerDocument === root : composedContains(root, host)) out.push(shadow);
  }
  return out;
}

/** Every open shadow root at or below `root`, nested ones included (useful to observe each one). */
export function shadowRootsUnder(root: ReadRoot): ShadowRoot[] {
  if (knownShadowRoots) return knownRootsUnder(root, knownShadowRoots);
  const found: ShadowRoot[] = [];
  eachShadowRoot(
    root,
    (host) => host.hasAttribute(OVERLAY_HOST),
    (shadow) => {
      found.push(shadow);
      return true;
    },
  );
  return found;
}

/**
 * All elements matching `selector` at or below `root`, in its tree and in every open shadow root below
 * it. Native `querySelectorAll` runs once per tree, which keeps large pages cheap.
 */
export function deepQueryAll(root: ReadRoot, selector: string): Element[] {
  const out: Element[] = [];
  const trees: ParentNode[] = [root, ...shadowRootsUnder(root)];
  for (const tree of trees) {
    if (tree === root && isElement(root) && safeMatches(root, selector) && !root.hasAttribute(OVERLAY_HOST)) out.push(root);
    try {
      for (const el of Array.from(tree.querySelectorAll(selector))) if (!el.hasAttribute(OVERLAY_HOST)) out.push(el);
    } catch {
      return [];
    }
  }
  return out;
}

/** Whether anything at or below `root` (all trees, the overlay's own UI left out) matches `selector`: one native look per tree. */
export function deepQueryAny(root: ReadRoot, selector: string): boolean {
  const notOurs = `:is(${selector}):not([${OVERLAY_HOST}])`;
  try {
    if (isElement(root) && safeMatches(root, notOurs)) return true;
    return [root, ...shadowRootsUnder(root)].some((tree) => tree.querySelector(notOurs) !== null);
  } catch {
    return false;
  }
}

/**
 * Text nodes at or below `root` (all trees) whose text passes `test`. A TreeWalker per tree with no style
 * work: callers check visibility only for the few nodes that match.
 */
export function deepTextNodes(root: ReadRoot, test: (text: string) => boolean): Text[] {
  const doc = isDocument(root) ? root : root.ownerDocument;
  if (!doc) return [];
  const out: Text[] = [];
  const trees: Node[] = [root, ...shadowRootsUnder(root)];
  for (const tree of trees) {
    const walker = doc.createTreeWalker(tree, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const data = (node as Text).data;
      const parent = node.parentNode;
      if (isElement(parent) && NOT_TEXT_TAGS.has(parent.localName)) continue;
      if (data.trim() && test(data)) out.push(node as Text);
    }
  }
  return out;
}

/** How far up from a piece of a label its whole text is looked for (a label split over nested spans). */
const LABEL_CLIMB = 3;
/** A box whose text runs longer than this is more than a label. */
const LABEL_MAX_LENGTH = 80;

/**
 * Elements at or below `root` (all trees) whose whole composed text passes `test`: labels such as
 * "Identity" or "Post ID", found even when a page splits their words over inline elements. Only text
 * nodes that could be a piece of a label are looked at: those passing `test` themselves, those that are
 * part of one of `words` (lower case), and those starting with one. From each, the few boxes above it are
 * tried, shortest text first, so the element returned is the label itself, not the field around it.
 */
export function deepLabelElements(root: ReadRoot, words: readonly string[], test: (text: string) => boolean): Element[] {
  const found = new Set<Element>();
  const tried = new Set<Element>();
  const candidates = deepTextNodes(root, (data) => {
    if (test(data)) return true;
    const piece = data.replace(/[\s\u00a0\u200b]+/g, ' ').trim().toLowerCase();
    return words.some((w) => w.includes(piece) || piece.startsWith(w));
  });
  for (const text of candidates) {
    let box = composedParent(text);
    for (let step = 0; box && step < LABEL_CLIMB; step++) {
      if (box.localName === 'body' || found.has(box)) break;
      if (!tried.has(box)) {
        tried.add(box);
        const whole = composedRawText(box, 64);
        if (whole.length > LABEL_MAX_LENGTH) break;
        // Raw text holds hidden pieces too (a hidden copy of part of the label): the visible text decides then.
        const lower = whole.toLowerCase();
        if (test(whole) || (words.some((w) => lower.includes(w)) && test(visibleText(box)))) {
          found.add(box);
          break;
        }
      }
      box = composedParent(box);
    }
  }
  return [...found];
}

/**
 * Elements matching `selector` below `root` in flat-tree order (the order the buyer sees them in),
 * through shadow roots and slots. With `prune`, the walk does not look inside a match.
 */
export function flatQueryAll(root: Node, selector: string, options: { prune?: boolean; budget?: number } = {}): Element[] {
  const out: Element[] = [];
  let budget = options.budget ?? 50000;
  const visit = (node: Node): void => {
    const children = flatChildren(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (--budget <= 0) return;
      if (!isElement(child)) continue;
      if (safeMatches(child, selector)) {
        out.push(child);
        if (options.prune) continue;
      }
      visit(child);
    }
  };
  visit(root);
  return out;
}

/** The chain from the top of the composed tree down to `node`. */
function composedPath(node: Node): Node[] {
  const path: Node[] = [];
  let current: Node | null = node;
  while (current) {
    path.push(current);
    current = composedParent(current);
  }
  return path.reverse();
}

/** Sorts nodes in flat-tree order (shadow content where its host shows it). Fine for a handful of nodes. */
export function sortComposed<T extends Node>(nodes: readonly T[]): T[] {
  const paths = new Map<T, Node[]>(nodes.map((n) => [n, composedPath(n)]));
  return [...nodes].sort((a, b) => {
    const pa = paths.get(a)!;
    const pb = paths.get(b)!;
    let i = 0;
    while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
    if (i === pa.length || i === pb.length) return pa.length - pb.length;
    const parent = pa[i - 1];
    if (!parent) return 0;
    const siblings = composedChildren(parent);
    return siblings.indexOf(pa[i]!) - siblings.indexOf(pb[i]!);
  });
}

/** All text in the composed tree, hidden or not (the flat-tree `textContent`). */
export function composedTextContent(node: Node): string {
  if (isText(node)) return node.data;
  if (isElement(node) && NOT_TEXT_TAGS.has(node.localName)) return '';
  const state: TextWalk = { text: '', left: Infinity, fields: false };
  textInto(node, state);
  return state.text;
}

/**
 * Every character the buyer could see in `node`, and more: the composed tree's text with hidden parts
 * included, plus what text fields hold. No style is read, so it is cheap; `visibleLines` of the node
 * only ever leaves characters of this text out (and adds line breaks). Past `budget` nodes the rest is
 * left out, as `visibleLines` would.
 */
export function composedRawText(node: Node, budget = 5000): string {
  // The browser's own textContent touches no node from script, which in a content script's world
  // means no wrapper object per node: on a long list that is most of the cost.
  if (isElement(node) && textIsPlain(node)) return node.textContent ?? '';
  const state: TextWalk = { text: '', left: budget, fields: true };
  textInto(node, state);
  return state.text;
}

/** A walk over composed text: what it has gathered, how many nodes it may still visit, and whether text fields' values count. */
interface TextWalk {
  text: string;
  left: number;
  fields: boolean;
}

function textInto(parent: Node, state: TextWalk): void {
  const children = flatChildren(parent);
  for (let i = 0; i < children.length; i++) {
    if (--state.left <= 0) return;
    const child = children[i]!;
    const type = child.nodeType;
    if (type === TEXT_NODE) {
      state.text += (child as Text).data;
    } else if (type === ELEMENT_NODE) {
      const tag = (child as Element).localName;
      if (NOT_TEXT_TAGS.has(tag)) continue;
      if (state.fields && (tag === 'input' || tag === 'textarea')) state.text += (child as HTMLInputElement).value ?? '';
      textInto(child, state);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Layout detection

const layoutByDocument = new WeakMap<Document, boolean>();

/**
 * Whether the document has real layout (a browser) or none (jsdom, where every rect is 0×0). Decided
 * once per document, from the root and body boxes while the body has content; an empty body proves
 * nothing, so that case is not remembered.
 */
export function hasLayout(doc: Document): boolean {
  const known = layoutByDocument.get(doc);
  if (known !== undefined) return known;
  const body = doc.body;
  const root = doc.documentElement;
  if (!body || !root || !body.firstChild) return false;
  const r = root.getBoundingClientRect();
  const b = body.getBoundingClientRect();
  const layout = !(r.width === 0 && r.height === 0 && b.width === 0 && b.height === 0);
  layoutByDocument.set(doc, layout);
  return layout;
}

// ---------------------------------------------------------------------------------------------------
// Visibility

/** Memo for one reading pass: ancestor chains are shared by many cells, so each is checked once. */
export type VisibilityCache = Map<Element, boolean>;

export function createVisibilityCache(): VisibilityCache {
  return new Map();
}

function styleOf(el: Element): CSSStyleDeclaration | null {
  return styleIn(el.ownerDocument?.defaultView ?? null, el);
}

/** `el`'s computed style from a window already at hand (a walk asks for one per element it visits). */
function styleIn(view: Window | null, el: Element): CSSStyleDeclaration | null {
  try {
    return view ? view.getComputedStyle(el) : null;
  } catch {
    return null;
  }
}

function px(value: string | undefined | null): number {
  if (!value) return NaN;
  const m = /^\s*(-?\d+(?:\.\d+)?)(px)?\s*$/.exec(value);
  return m ? Number(m[1]) : NaN;
}

const CLIPPING = /hidden|clip/;

/** Visually-hidden clipping: `clip: rect(0 0 0 0)` or `clip-path: inset(50%)` (screen-reader-only copies). */
function isClippedAway(el: Element, st: CSSStyleDeclaration): boolean {
  // jsdom drops an inline `clip` from computed style (and shortens it), so the inline value is read too.
  const clip = st.getPropertyValue('clip') || (el as HTMLElement).style?.clip || '';
  if (/rect\(\s*0(?:px)?(?:[\s,]+0(?:px)?){0,3}\s*\)/.test(clip)) return true;
  const clipPath = st.getPropertyValue('clip-path') || (el as HTMLElement).style?.clipPath || '';
  return /inset\(\s*(?:50|100)%/.test(clipPath);
}

/**
 * A box that hides its content: overflow hidden/clip with a width or height of at most 1px (collapsed
 * menus, 0×0 label copies, max-height:0 panels). With layout the rendered box decides; without it the
 * declared width, height and their maxima do.
 */
function collapsesContent(el: Element, st: CSSStyleDeclaration, layout: boolean): boolean {
  // `clip` only applies to absolutely positioned boxes; screen-reader-only copies are positioned so.
  const position = st.position;
  if ((position === 'absolute' || position === 'fixed') && isClippedAway(el, st)) return true;
  // A browser's longhands are cheaper to read than the shorthand put together from them; jsdom keeps
  // only the shorthand.
  const x = st.overflowX;
  const y = st.overflowY;
  if (!(x || y ? CLIPPING.test(x) || CLIPPING.test(y) : CLIPPING.test(st.overflow))) return false;
  if (layout) {
    const rect = el.getBoundingClientRect();
    return rect.width <= 1 || rect.height <= 1;
  }
  const small = (v: string): boolean => px(v) <= 1;
  return small(st.width) || small(st.height) || small(st.maxWidth) || small(st.maxHeight);
}

/** Hiding that needs no style: the hidden attribute, aria-hidden, a light child no slot takes. */
function hiddenByMarkup(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const parent = el.parentNode;
  return isElement(parent) && !!parent.shadowRoot && !el.assignedSlot;
}

/** Checks every box on the way up applies: markup, display:none, collapsing boxes. */
function hidesSubtree(el: Element, st: CSSStyleDeclaration | null, layout: boolean): boolean {
  if (hiddenByMarkup(el)) return true;
  if (!st) return false;
  if (st.display === 'none') return true;
  // Without layout jsdom does not inherit `visibility` into shadow trees, so an ancestor's value is
  // taken as final there; a browser's computed style already carries inheritance (checked on the element).
  if (!layout && (st.visibility === 'hidden' || st.visibility === 'collapse')) return true;
  return collapsesContent(el, st, layout);
}

function ancestorsRendered(el: Element | null, layout: boolean, cache: VisibilityCache | undefined): boolean {
  // The common case in a long list: the row's parent was checked with the row before it.
  const parentMemo = el ? cache?.get(el) : undefined;
  if (parentMemo !== undefined) return parentMemo;
  const chain: Element[] = [];
  let ok = true;
  let current = el;
  while (current) {
    const memo = cache?.get(current);
    if (memo !== undefined) {
      ok = memo;
      break;
    }
    chain.push(current);
    if (hidesSubtree(current, styleOf(current), layout)) {
      ok = false;
      break;
    }
    current = composedParent(current);
  }
  if (cache) {
    // Everything below a hiding box is hidden; everything below a known-rendered chain is rendered.
    for (const item of chain) cache.set(item, ok);
  }
  return ok;
}

/** Some composed descendant (a bounded look) has a box with area: the element is a wrapper, not a copy. */
function hasVisibleBoxInside(el: Element, budget = { left: 64 }): boolean {
  for (const child of composedChildren(el)) {
    if (budget.left-- <= 0) return false;
    if (isText(child)) {
      if (!child.data.trim()) continue;
      const range = child.ownerDocument.createRange();
      range.selectNodeContents(child);
      if (typeof range.getBoundingClientRect !== 'function') continue;
      const r = range.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) return true;
      continue;
    }
    if (!isElement(child)) continue;
    const r = child.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) return true;
    // Nothing inside a box that is not rendered shows: a hidden copy beside the content is not walked
    // (its elements would use up the look before the content is reached).
    if (child.hasAttribute('hidden') || (child.getClientRects().length === 0 && styleOf(child)?.display !== 'contents')) continue;
    if (hasVisibleBoxInside(child, budget)) return true;
  }
  return false;
}

/**
 * Whether the buyer can see `el`.
 *
 * Hidden when: the element or a composed ancestor (across shadow hosts and slots) has the `hidden`
 * attribute, `aria-hidden="true"`, `display:none`, or is a box that collapses its content (overflow
 * hidden with ≤1px width/height, zero clip); the element's `visibility` is hidden/collapse; or, where
 * the document has layout, it renders no box or a 0×0 box with nothing showing out of it.
 *
 * Layout: in a browser `checkVisibility` and the bounding box decide size; in a document without layout
 * (jsdom: every rect is 0×0, detected once per document by `hasLayout`) only the style checks apply,
 * including declared `width:0`/`height:0` with overflow hidden. jsdom also ignores `<style>` inside
 * shadow roots, so fixtures hide shadow content with inline styles where unit tests must see it.
 * Opacity is ignored on purpose: fade-in animations start at 0 and a reading must not flip with them.
 */
const CHECK_VISIBILITY = { checkVisibilityCSS: true };

export function isVisible(el: Element, cache?: VisibilityCache): boolean {
  try {
    if (!el.isConnected) return false;
    const layout = hasLayout(el.ownerDocument);
    if (!ancestorsRendered(composedParent(el), layout, cache)) return false;
    if (!layout) {
      const st = styleOf(el);
      return !hidesSubtree(el, st, false) && !(st && (st.visibility === 'hidden' || st.visibility === 'collapse'));
    }
    if (hiddenByMarkup(el)) return false;
    // In a browser the box decides; style is read only where the box alone cannot tell.
    const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
    if (typeof check === 'function' && !check.call(el, CHECK_VISIBILITY)) {
      // display:contents has no box of its own; its children show (or not) for it.
      return styleOf(el)?.display === 'contents' ? hasVisibleBoxInside(el) : false;
    }
    // A table row spans its table, so a row that renders is never a sliver: no box read for it (every
    // row of a long list comes here). Only an empty row of a zero-width table would read otherwise.
    if (el.localName === 'tr') return !isClippedAway(el, styleOf(el)!);
    // The bounding box stands for the element's boxes: one read, and a box with area shows. Only an
    // inline split into slivers over several lines could read larger than each of its boxes.
    const box = el.getBoundingClientRect();
    if (box.width > 1 || box.height > 1) return !isClippedAway(el, styleOf(el)!);
    if (el.getClientRects().length === 0) return styleOf(el)?.display === 'contents' && hasVisibleBoxInside(el);
    // A 0×0 box: a hidden copy, unless it is only a wrapper around content that shows out of it.
    const st = styleOf(el);
    if (st && collapsesContent(el, st, true)) return false;
    return hasVisibleBoxInside(el);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Visible text

const NOT_TEXT_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link']);
const BLOCK_DISPLAY = /^(block|flex|grid|list-item|table|table-row|table-cell|table-caption|table-row-group|table-header-group|table-footer-group|flow-root)/;
const VALUE_INPUT_TYPES = new Set(['', 'text', 'search', 'url', 'email', 'tel', 'number']);

/**
 * A visible line of text, the element its first text sits in (for "what is next to what") and the node
 * its last text came from (where something can be put right after the line).
 */
export interface TextLine {
  text: string;
  element: Element;
  end: Node;
}

interface WalkState {
  lines: TextLine[];
  current: string;
  currentEl: Element | null;
  currentEnd: Node | null;
  layout: boolean;
  view: Window | null;
  budget: number;
  exclude: Element | null;
  until: ((line: string) => boolean) | undefined;
}

function breakLine(state: WalkState): void {
  const text = state.current.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
  if (text && state.currentEl && state.currentEnd) {
    state.lines.push({ text, element: state.currentEl, end: state.currentEnd });
    // Spending the budget ends the walk, as on a runaway page.
    if (state.until?.(text)) state.budget = 0;
  }
  state.current = '';
  state.currentEl = null;
  state.currentEnd = null;
}

function emit(state: WalkState, text: string, el: Element, from: Node): void {
  if (!text) return;
  if (text.trim()) {
    state.currentEl ??= el;
    state.currentEnd = from;
  }
  state.current += text;
}

/** Flex and grid containers, whose children are laid out as blocks (browsers say so in the children's own display). */
const ITEM_CONTAINER = /^(?:inline-)?(?:flex|grid)$/;

function walkText(node: Node, state: WalkState, hiddenByVisibility: boolean, itemsAreBlocks = false): void {
  const children = flatChildren(node);
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (--state.budget <= 0) return;
    if (isText(child)) {
      if (!hiddenByVisibility) emit(state, child.data, isElement(node) ? node : (elementOf(child) ?? (node as Element)), child);
      continue;
    }
    if (!isElement(child)) continue;
    const tag = child.localName;
    if (NOT_TEXT_TAGS.has(tag) || child === state.exclude) continue;
    if (child.hasAttribute('hidden') || child.getAttribute('aria-hidden') === 'true') continue;
    const st = styleIn(state.view, child);
    const display = st?.display ?? '';
    if (display === 'none') continue;
    if (st && collapsesContent(child, st, state.layout)) continue;
    const visibility = st?.visibility ?? 'visible';
    const hidden = state.layout
      ? visibility === 'hidden' || visibility === 'collapse'
      : hiddenByVisibility || visibility === 'hidden' || visibility === 'collapse';
    if (tag === 'br') {
      breakLine(state);
      continue;
    }
    // Flex and grid items are blocks; browsers report that in computed style, jsdom does not.
    const block = BLOCK_DISPLAY.test(display) || (itemsAreBlocks && display !== 'contents');
    if (block) breakLine(state);
    if (tag === 'input' && !hidden) {
      const type = (child.getAttribute('type') ?? '').toLowerCase();
      if (VALUE_INPUT_TYPES.has(type)) {
        breakLine(state);
        emit(state, (child as HTMLInputElement).value ?? '', child, child);
        breakLine(state);
      }
      continue;
    }
    if (tag === 'textarea' && !hidden) {
      emit(state, (child as HTMLTextAreaElement).value ?? '', child, child);
      continue;
    }
    if (tag === 'select') {
      const select = child as HTMLSelectElement;
      const option = select.selectedOptions?.[0];
      if (option && !hidden) {
        breakLine(state);
        emit(state, option.textContent ?? '', child, child);
        breakLine(state);
      }
      continue;
    }
    walkText(child, state, hidden, !state.layout && ITEM_CONTAINER.test(display));
    if (block) breakLine(state);
  }
}

/**
 * The visible text of `node` as lines, the way a buyer reads it: composed tree (shadow roots, slots),
 * hidden parts skipped, a line break around every block box and `<br>`, whitespace collapsed. Input and
 * select values count as text because custom dropdowns show their value that way. Walks at most
 * `budget` nodes so a runaway page cannot stall the reader; `exclude` leaves one subtree out (a label
 * when reading its field); `until` stops the walk after the first line it accepts (a reader that needs
 * only a cell's first words need not walk the rest).
 */
export function visibleLines(
  node: Element | ShadowRoot | Document,
  budget = 20000,
  exclude: Element | null = null,
  until?: (line: string) => boolean,
): TextLine[] {
  try {
    const doc = isDocument(node) ? node : node.ownerDocument;
    if (!doc) return [];
    const state: WalkState = {
      lines: [],
      current: '',
      currentEl: null,
      currentEnd: null,
      layout: hasLayout(doc),
      view: doc.defaultView,
      budget,
      exclude,
      until,
    };
    const start: Node = isDocument(node) ? (node.body ?? node.documentElement ?? node) : node;
    // Browsers report flex and grid items as blocks themselves; only jsdom needs their container's display.
    const startStyle = !state.layout && isElement(start) ? styleOf(start) : null;
    walkText(start, state, false, ITEM_CONTAINER.test(startStyle?.display ?? ''));
    breakLine(state);
    return state.lines;
  } catch {
    return [];
  }
}

/** The visible text of `node` (composed tree), lines joined with "\n". */
export function visibleText(node: Element | ShadowRoot | Document): string {
  return visibleLines(node)
    .map((l) => l.text)
    .join('\n');
}
