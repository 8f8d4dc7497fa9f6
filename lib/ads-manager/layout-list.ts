import {
  composedChildren,
  composedContains,
  composedParent,
  composedRawText,
  deepTextNodes,
  hasLayout,
  isElement,
  isVisible,
  visibleLines,
  type ReadRoot,
  type VisibilityCache,
} from './composed';
import { firstMatchIndex, HEADER_WORDS, mayBeHeaderText, NAME_HEADERS, normalizeLabel, REASON_HEADERS, STATUS_HEADERS } from './selectors';

/**
 * Lists with no roles at all: a virtual table whose header cells and body cells are plain boxes (no
 * `<table>`, no role=columnheader/cell/row). What is left to go by is what the buyer sees: header text
 * ("Ad name", "Primary status"…) in a strip of cells, and body cells drawn under each header. Columns are
 * tied to cells by their horizontal place and width, rows by their vertical place.
 *
 * Where the document has layout (a browser) boxes decide; without it (jsdom) the `left`/`top` and
 * `transform` the page sets on the boxes do, which is how virtual tables place their cells.
 */

export type ColumnKind = 'name' | 'status' | 'reason';

/** A box's place inside its list; an axis nothing speaks about is null. */
export interface Box {
  x: number | null;
  y: number | null;
  w: number | null;
  h: number | null;
}

interface Shift {
  x: number;
  y: number;
  hasX: boolean;
  hasY: boolean;
}

function parseTranslate(transform: string | null | undefined): Shift | null {
  if (!transform || transform === 'none') return null;
  const shift: Shift = { x: 0, y: 0, hasX: false, hasY: false };
  const num = (v: string | undefined): number => (v ? Number.parseFloat(v) || 0 : 0);
  const addX = (v: string | undefined): void => {
    shift.x += num(v);
    shift.hasX = true;
  };
  const addY = (v: string | undefined): void => {
    shift.y += num(v);
    shift.hasY = true;
  };
  for (const m of transform.matchAll(/(translate3d|translate|translateX|translateY|matrix3d|matrix)\(([^)]*)\)/g)) {
    const args = m[2]!.split(/\s*,\s*|\s+/).filter(Boolean);
    switch (m[1]) {
      case 'translate':
        addX(args[0]);
        if (args.length > 1) addY(args[1]);
        break;
      case 'translate3d':
        addX(args[0]);
        addY(args[1]);
        break;
      case 'translateX':
        addX(args[0]);
        break;
      case 'translateY':
        addY(args[0]);
        break;
      case 'matrix':
        addX(args[4]);
        addY(args[5]);
        break;
      case 'matrix3d':
        addX(args[12]);
        addY(args[13]);
        break;
    }
  }
  return shift.hasX || shift.hasY ? shift : null;
}

/**
 * Where a box sits inside `container`. With layout, the rendered box; without (jsdom), the sum of the
 * computed `transform` translations and `left`/`top` of the element and its ancestors up to the list,
 * and the declared width and height.
 */
export function boxOf(el: Element, container: Element): Box {
  if (hasLayout(el.ownerDocument)) {
    const r = rectOf(el);
    return { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) };
  }
  const view = el.ownerDocument.defaultView;
  let x = 0;
  let y = 0;
  let hasX = false;
  let hasY = false;
  let w: number | null = null;
  let h: number | null = null;
  for (let cur: Element | null = el; cur && cur !== container; cur = composedParent(cur)) {
    const st = view?.getComputedStyle(cur);
    if (cur === el) {
      const width = Number.parseFloat(st?.width ?? '');
      const height = Number.parseFloat(st?.height ?? '');
      w = Number.isFinite(width) ? width : null;
      h = Number.isFinite(height) ? height : null;
    }
    const t = parseTranslate(st?.transform);
    if (t) {
      x += t.x;
      y += t.y;
      hasX ||= t.hasX;
      hasY ||= t.hasY;
    }
    const left = Number.parseFloat(st?.left ?? '');
    const top = Number.parseFloat(st?.top ?? '');
    if (Number.isFinite(left)) {
      x += left;
      hasX = true;
    }
    if (Number.isFinite(top)) {
      y += top;
      hasY = true;
    }
  }
  return { x: hasX ? Math.round(x) : null, y: hasY ? Math.round(y) : null, w, h };
}

/** How far apart (px) a cell and its header may start and still be one column. */
export const X_TOLERANCE = 2;

/** A rendered box's edges (what `getBoundingClientRect` gives), for boxes put together from others. */
export interface Rect {
  left: number;
  right: number;
  top: number;
  width: number;
  height: number;
}

const NO_RECT: Rect = { left: 0, right: 0, top: 0, width: 0, height: 0 };

/**
 * Where `el` is drawn (documents with layout). An element with no box of its own (`display: contents`,
 * as the hosts wrapping a page's pieces often are) is drawn where its children are: their union.
 */
export function rectOf(el: Element, depth = 3): Rect {
  const r = el.getBoundingClientRect();
  if (r.width > 0 || r.height > 0 || depth <= 0 || el.getClientRects().length > 0) return r;
  let out: Rect | null = null;
  for (const child of composedChildren(el)) {
    // What the readers take for hidden (see isVisible) is no part of where the element is drawn.
    if (!isElement(child) || child.hasAttribute('hidden') || child.getAttribute('aria-hidden') === 'true') continue;
    const c = rectOf(child, depth - 1);
    if (c.width <= 0 && c.height <= 0) continue;
    if (!out) out = { left: c.left, right: c.right, top: c.top, width: c.width, height: c.height };
    else {
      const bottom = Math.max(out.top + out.height, c.top + c.height);
      out.left = Math.min(out.left, c.left);
      out.right = Math.max(out.right, c.right);
      out.top = Math.min(out.top, c.top);
      out.width = out.right - out.left;
      out.height = bottom - out.top;
    }
  }
  return out ?? NO_RECT;
}

/**
 * Whether a box drawn at `cell` sits in the column drawn at `header`: most of the narrower of the two
 * overlaps the other horizontally. A box with no width (a hidden copy, a cell of a hidden row) sits nowhere.
 */
export function sitsUnder(cell: Rect, header: Rect): boolean {
  if (cell.width <= 0 || header.width <= 0) return false;
  return overlap(cell, header) >= Math.min(cell.width, header.width) / 2;
}

/** How many pixels two boxes share horizontally. */
export function overlap(a: Rect, b: Rect): number {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left);
}

// ---------------------------------------------------------------------------------------------------
// Header cells found by their words

export interface TextHeader {
  cell: Element;
  kind: ColumnKind;
}

export interface TextHeaderGroup {
  /** The box holding the header strip and the body. */
  container: Element;
  /** The header strip (every header cell is in it). */
  strip: Element;
  headers: TextHeader[];
}

const KINDS: readonly [ColumnKind, readonly RegExp[]][] = [
  ['status', STATUS_HEADERS],
  ['reason', REASON_HEADERS],
  ['name', NAME_HEADERS],
];

/** Which known header `label` is, if any. */
function kindOfLabel(label: string): ColumnKind | null {
  for (const [kind, patterns] of KINDS) if (firstMatchIndex(label, patterns) >= 0) return kind;
  return null;
}

function labelOf(el: Element): string {
  return normalizeLabel(
    visibleLines(el, 400)
      .map((l) => l.text)
      .join(' '),
  );
}

/**
 * The header cell a piece of header text sits in: the highest box, a few levels up, whose whole
 * visible text is one known header ("Sta" + "tus" split over inline elements included).
 */
function headerCellAround(text: Text): TextHeader | null {
  let found: TextHeader | null = null;
  let el = composedParent(text);
  for (let step = 0; el && step < 6; step++) {
    const kind = kindOfLabel(labelOf(el));
    if (kind) found = { cell: el, kind };
    else if (found) break;
    el = composedParent(el);
  }
  return found;
}

/** A piece of a header word too short to tell by itself ("St" of "St"+"at"+"us"). */
function mayBeHeaderPiece(text: string): boolean {
  const piece = text.trim().toLowerCase();
  return piece.length > 0 && piece.length < 3 && HEADER_WORDS.some((w) => w.includes(piece));
}

/** Whether a short piece sits, a few levels up, in a box whose raw text (no style read) can be a header. */
function inHeaderWords(text: Text): boolean {
  let el = composedParent(text);
  for (let step = 0; el && step < 4; step++) {
    const raw = composedRawText(el, 80);
    if (raw.trim().length >= 3) return mayBeHeaderText(raw);
    el = composedParent(el);
  }
  return false;
}

/** Header cells by their words under `root`, visible ones only, each once. */
function textHeaders(root: ReadRoot, cache: VisibilityCache): TextHeader[] {
  const seen = new Set<Element>();
  const out: TextHeader[] = [];
  const texts = deepTextNodes(root, (data) => mayBeHeaderText(data) || mayBeHeaderPiece(data));
  for (const text of texts) {
    if (!mayBeHeaderText(text.data) && !inHeaderWords(text)) continue;
    const header = headerCellAround(text);
    if (!header || seen.has(header.cell) || !isVisible(header.cell, cache)) continue;
    seen.add(header.cell);
    out.push(header);
  }
  return out;
}

/** Levels climbed from a status header to the strip that also holds a name header. */
const STRIP_LEVELS = 4;
/** Levels climbed from the strip to the box that also holds the body. */
const CONTAINER_LEVELS = 6;

/**
 * The box around the strip that holds more than the strip: the list with its body. Where the document
 * has layout, that box may be only part of the list (the header's group, with a pinned total row in it):
 * boxes further up that span exactly the same width are the same list, and the outermost is taken.
 */
function containerOf(strip: Element): Element | null {
  let inner: Element = strip;
  let box = composedParent(strip);
  let step = 0;
  for (; box && step < CONTAINER_LEVELS; step++) {
    if (box.localName === 'body') return null;
    // A hidden copy beside the strip (of the header, say) is not the list's body.
    if (composedChildren(box).some((child) => child !== inner && isElement(child) && child.localName !== 'style' && isVisible(child))) break;
    inner = box;
    box = composedParent(box);
  }
  if (!box || step >= CONTAINER_LEVELS) return null;
  if (!hasLayout(box.ownerDocument)) return box;
  const first = rectOf(box);
  for (let up = composedParent(box); up && ++step < CONTAINER_LEVELS; up = composedParent(up)) {
    if (up.localName === 'body' || up.localName === 'html') break;
    const r = rectOf(up);
    if (Math.abs(r.left - first.left) > X_TOLERANCE || Math.abs(r.right - first.right) > X_TOLERANCE) break;
    box = up;
  }
  return box;
}

/**
 * Lists with no roles under `root`, found from their header words: a status header and a name header
 * in one strip (a lone "Status" word, on a filter button say, is no list). Never throws.
 */
export function findTextHeaderGroups(root: ReadRoot, cache: VisibilityCache): TextHeaderGroup[] {
  try {
    const headers = textHeaders(root, cache);
    const groups: TextHeaderGroup[] = [];
    for (const status of headers.filter((h) => h.kind === 'status')) {
      if (groups.some((g) => composedContains(g.strip, status.cell))) continue;
      let strip = composedParent(status.cell);
      for (let step = 0; strip && step < STRIP_LEVELS; step++) {
        const box: Element = strip;
        if (headers.some((h) => h.kind === 'name' && composedContains(box, h.cell))) break;
        strip = composedParent(strip);
      }
      if (!strip || !headers.some((h) => h.kind === 'name' && composedContains(strip!, h.cell))) continue;
      // A box holding two status headers is a page around a list (a "Status" filter above it), not a strip.
      if (headers.filter((h) => h.kind === 'status' && composedContains(strip!, h.cell)).length > 1) continue;
      if (strip.localName === 'body' || strip.localName === 'html') continue;
      const container = containerOf(strip);
      if (!container) continue;
      const box = strip;
      groups.push({ container, strip, headers: headers.filter((h) => composedContains(box, h.cell)) });
    }
    return groups;
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------
// Body cells found by their place

export interface PlacedColumn {
  kind: ColumnKind;
  x: number;
  w: number | null;
}

export interface LayoutCell {
  cell: Element;
  kind: ColumnKind;
  box: Box;
}

/** Elements looked at in one list at most: a virtual table draws only what is in view. */
const CELL_BUDGET = 20000;

/** An element's own shift (its `left`/`top` and translation), for documents without layout. */
function ownShift(st: CSSStyleDeclaration | undefined): Shift {
  const shift: Shift = { x: 0, y: 0, hasX: false, hasY: false };
  const t = parseTranslate(st?.transform);
  if (t) Object.assign(shift, t);
  const left = Number.parseFloat(st?.left ?? '');
  const top = Number.parseFloat(st?.top ?? '');
  if (Number.isFinite(left)) {
    shift.x += left;
    shift.hasX = true;
  }
  if (Number.isFinite(top)) {
    shift.y += top;
    shift.hasY = true;
  }
  return shift;
}

/**
 * Body cells of a role-less list: the outermost boxes starting where a column's header starts, no wider
 * than it, that hold nothing of another column (a row box starting at the first column holds the others).
 * A box narrower than its column is a cell at once: nothing inside it is looked at.
 */
export function layoutCells(container: Element, strip: Element, columns: readonly PlacedColumn[]): LayoutCell[] {
  const doc = container.ownerDocument;
  const layout = hasLayout(doc);
  const view = doc.defaultView;
  const at: LayoutCell[] = [];
  let budget = CELL_BUDGET;
  // Without layout, places add up from the list down: each element's style is read once.
  const visit = (node: Node, above: Shift): void => {
    for (const child of composedChildren(node)) {
      if (--budget <= 0) return;
      if (!isElement(child) || child === strip) continue;
      const tag = child.localName;
      if (tag === 'style' || tag === 'script' || tag === 'template') continue;
      let box: Box;
      let here = above;
      if (layout) {
        const r = child.getBoundingClientRect();
        // No box of its own (display: contents, a hidden copy): only what is inside it can be a cell.
        box = r.width === 0 && r.height === 0 ? { x: null, y: null, w: null, h: null } : { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) };
      } else {
        const st = view?.getComputedStyle(child);
        const own = ownShift(st);
        here = { x: above.x + own.x, y: above.y + own.y, hasX: above.hasX || own.hasX, hasY: above.hasY || own.hasY };
        const width = Number.parseFloat(st?.width ?? '');
        const height = Number.parseFloat(st?.height ?? '');
        box = {
          x: here.hasX ? Math.round(here.x) : null,
          y: here.hasY ? Math.round(here.y) : null,
          w: Number.isFinite(width) ? width : null,
          h: Number.isFinite(height) ? height : null,
        };
      }
      if (box.x !== null) {
        const col = columns.find(
          (c) => Math.abs(box.x! - c.x) <= X_TOLERANCE && (box.w === null || c.w === null || box.w <= c.w + X_TOLERANCE),
        );
        if (col) {
          at.push({ cell: child, kind: col.kind, box });
          if (box.w !== null && col.w !== null) continue;
        }
      }
      visit(child, here);
    }
  };
  visit(container, { x: 0, y: 0, hasX: false, hasY: false });
  // Boxes holding boxes of another column are rows or bodies, not cells.
  const holds = new Map<Element, Set<ColumnKind>>();
  for (const a of at) {
    for (let up = composedParent(a.cell); up && up !== container; up = composedParent(up)) {
      const kinds = holds.get(up) ?? new Set<ColumnKind>();
      kinds.add(a.kind);
      holds.set(up, kinds);
    }
  }
  const chosen = new Set<Element>();
  const cells: LayoutCell[] = [];
  for (const a of at) {
    const kinds = holds.get(a.cell);
    if (kinds && [...kinds].some((k) => k !== a.kind)) continue;
    // The outermost box of a column wins: what is inside it (the text's own span) is the same cell.
    let inside = false;
    for (let up = composedParent(a.cell); up && up !== container; up = composedParent(up)) {
      if (chosen.has(up)) {
        inside = true;
        break;
      }
    }
    if (inside) continue;
    chosen.add(a.cell);
    cells.push(a);
  }
  return cells;
}
