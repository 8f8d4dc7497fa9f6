import {
  composedClosest,
  composedContains,
  composedParent,
  createVisibilityCache,
  deepQueryAll,
  deepQueryAny,
  elementOf,
  flatQueryAll,
  hasLayout,
  isVisible,
  composedRawText,
  textIsPlain,
  visibleLines,
  type ReadRoot,
  type VisibilityCache,
} from './composed';
import {
  COLUMN_INDEX_ATTRIBUTES,
  DATA_CELL,
  firstMatchIndex,
  HEADER_CELL,
  isNotDeliveringText,
  LIST_CONTAINER,
  mayReadNotDelivering,
  NAME_HEADERS,
  normalizeLabel,
  PRIMARY_STATUSES,
  REASON_HEADERS,
  ROW,
  ROW_INDEX_ATTRIBUTES,
  STATUS_HEADERS,
} from './selectors';
import type { StatusList, StatusRow } from './types';
import { boxOf, findTextHeaderGroups, layoutCells, overlap, rectOf, sitsUnder, X_TOLERANCE, type LayoutCell, type PlacedColumn, type Rect, type TextHeaderGroup } from './layout-list';

/**
 * How the ad lists are read: `<table>`s, ARIA grids and tables, and virtual tables that place each cell
 * on its own (no row element, DOM order unrelated to what the buyer sees). Columns are found by their
 * header text, wherever the buyer moved them. Only visible lists and rows are read.
 *
 * `findStatusLists` reads whole lists; `readRowsAt`/`readRowAt` re-read only the rows a changed node
 * belongs to, using the column layout remembered from the last full read, so an observer's work stays
 * proportional to what changed.
 */

export const LIST_PROBLEMS = {
  noStatusColumn: 'no status column found',
} as const;

export interface ReadListOptions {
  /**
   * 'all' (the default): every row comes back read in full. 'flagged': only rows whose status reads
   * "Not delivering" are read in full; the others come back with their elements and `notDelivering:
   * false` only (key '', name, status and reason null), hidden rows included: the overlay shows nothing
   * for them, and on a long list reading their text and style would cost more than everything else.
   * A whole-list reading also leaves out rows whose text cannot say "Not delivering" anywhere (see
   * `countRows` for how many rows a list has); re-reads of changed rows (`readRowsAt`) always return them.
   */
  detail?: 'all' | 'flagged';
  /**
   * A table or grid with more row elements than this comes back unread (`unread: true`, no rows): its
   * reader reads it in slices (`listRowElements`, `readRowElements`), so no single task reads it all.
   */
  maxRows?: number;
}

/**
 * What one reading pass shares: its visibility memo, how much of each row to read, and where the
 * headers are drawn (read once per pass, see headerRect) and which rows of a split table take a place.
 */
interface Reading {
  cache: VisibilityCache;
  detail: 'all' | 'flagged';
  maxRows?: number;
  headerRects: Map<Element, Rect | null>;
  placedRows: Map<Element, Element[]>;
  inOrder: Map<Node, boolean>;
}

function readingOf(options: ReadListOptions): Reading {
  return { cache: createVisibilityCache(), detail: options.detail ?? 'all', maxRows: options.maxRows, headerRects: new Map(), placedRows: new Map(), inOrder: new Map() };
}

type Layout = StatusList['layout'];

interface Column {
  header: Element;
  /** Start column in the header row (colspans counted, cells that take no place left out). */
  pos: number;
  /** Places in the header row: a row with a different count holds cells that take no place (see takesNoPlace). */
  slots: number;
  /** A column-index attribute shared by header and cells, when the list has one. */
  attr: { name: string; value: string } | null;
  /** Horizontal offset, for virtual tables that only position their cells. */
  x: number | null;
  /** Width, for lists with no roles (a cell is no wider than its header). */
  w: number | null;
}

interface Model {
  layout: Layout;
  element: Element;
  headers: Element[];
  name: Column | null;
  status: Column | null;
  reason: Column | null;
  /** Split header/body tables: the body tables beside the header (a fixed-column overlay's copy among them). */
  bodies: HTMLTableElement[];
  /** Lists with no roles at all: the header strip; cells are found by their place under it. */
  strip: Element | null;
}

/** Column layouts remembered per list element, for cheap re-reads of single rows. */
const models = new WeakMap<Element, Model>();

// ---------------------------------------------------------------------------------------------------
// Geometry (virtual tables)

/** Where a cell sits inside its list (see boxOf); an axis no style speaks about is null. */
function offsetOf(el: Element, container: Element): { x: number | null; y: number | null } {
  const { x, y } = boxOf(el, container);
  return { x, y };
}



// ---------------------------------------------------------------------------------------------------
// Columns

function columnAttr(el: Element): { name: string; value: string } | null {
  for (const name of COLUMN_INDEX_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value !== null && value !== '') return { name, value };
  }
  return null;
}

function span(cell: Element): number {
  const raw = cell.getAttribute('colspan') ?? cell.getAttribute('aria-colspan');
  const n = raw ? Number.parseInt(raw, 10) : 1;
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** The cells a row owns, in flat-tree order (cells of nested lists excluded). */
function cellsOfRow(row: Element): Element[] {
  if (row.localName === 'tr') {
    // A <tr>'s cells are its td/th children (what `cells` lists, read faster than that collection).
    const out: Element[] = [];
    for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
      if (cell.localName === 'td' || cell.localName === 'th') out.push(cell);
    }
    return out;
  }
  return flatQueryAll(row, `${DATA_CELL}, ${HEADER_CELL}`, { prune: true }).filter(
    (cell) => composedClosest(cell, ROW) === row,
  );
}

/**
 * A cell that takes no column's place in its row: not rendered (display:none, the hidden attribute) or
 * taken out of the row's flow (absolutely placed, as a copy kept off screen or clipped to nothing is).
 * A cell hidden with `visibility` keeps its place (a fixed-column overlay's hidden columns do).
 */
function takesNoPlace(cell: Element): boolean {
  if (cell.hasAttribute('hidden')) return true;
  const st = cell.ownerDocument.defaultView?.getComputedStyle(cell);
  return !!st && (st.display === 'none' || st.position === 'absolute' || st.position === 'fixed');
}

function slotsOf(cells: readonly Element[]): number {
  let n = 0;
  for (const cell of cells) n += span(cell);
  return n;
}

/** A header's start column and the row's places: within its header row, or among its sibling header cells. */
function headerPosition(header: Element, container: Element): { pos: number; slots: number } {
  const row = composedClosest(header, ROW, container);
  const all = row ? cellsOfRow(row) : flatQueryAll(composedParent(header) ?? header, HEADER_CELL, { prune: true });
  // Header rows are read once per list, so every cell's place is checked.
  const cells = all.filter((c) => c === header || !takesNoPlace(c));
  let pos = 0;
  let at = -1;
  for (const cell of cells) {
    if (cell === header) at = pos;
    pos += span(cell);
  }
  return { pos: at >= 0 ? at : pos, slots: pos };
}

/**
 * The cells of a row that take a place: all of them when their places add up to the header row's (no
 * style read, as on almost every row), else those left once cells taking no place are dropped.
 */
function placedCells(cells: readonly Element[], col: Column): readonly Element[] {
  const shown = cells.some((c) => c.hasAttribute('hidden')) ? cells.filter((c) => !c.hasAttribute('hidden')) : cells;
  return slotsOf(shown) === col.slots ? shown : shown.filter((c) => !takesNoPlace(c));
}

function headerLines(header: Element): string[] {
  return visibleLines(header, 2000).map((l) => normalizeLabel(l.text));
}

/** The header best matching `patterns` (earlier patterns win), or null. */
function pickColumn(headers: readonly Element[], texts: ReadonlyMap<Element, string[]>, patterns: readonly RegExp[]): Element | null {
  let best: Element | null = null;
  let bestRank = Infinity;
  for (const header of headers) {
    for (const line of texts.get(header) ?? []) {
      const rank = firstMatchIndex(line, patterns);
      if (rank >= 0 && rank < bestRank) {
        best = header;
        bestRank = rank;
      }
    }
  }
  return best;
}

function columnOf(header: Element | null, container: Element, layout: Layout): Column | null {
  if (!header) return null;
  return {
    header,
    ...headerPosition(header, container),
    attr: columnAttr(header),
    x: layout === 'virtual' ? offsetOf(header, container).x : null,
    w: null,
  };
}

/** A column of a list with no roles: only its header's place counts. */
function placedColumnOf(header: Element | undefined, container: Element): Column | null {
  if (!header) return null;
  const box = boxOf(header, container);
  return { header, pos: 0, slots: 0, attr: null, x: box.x, w: box.w };
}

// ---------------------------------------------------------------------------------------------------
// Building a list model

function isDataRow(row: Element): boolean {
  // <tr>: its cells are its children; a native lookup is much cheaper than a walk on long lists.
  if (row.localName === 'tr') {
    for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
      if (cell.localName === 'td' || (cell.localName === 'th' && cell.matches(DATA_CELL))) return true;
    }
    return false;
  }
  return flatQueryAll(row, DATA_CELL, { prune: true, budget: 5000 }).length > 0;
}

/** Whether any of a table's rows passes `test`, looking no further than the first that does. */
function someRow(rows: HTMLCollectionOf<HTMLTableRowElement>, test: (row: Element) => boolean): boolean {
  for (let i = 0; i < rows.length; i++) if (test(rows[i]!)) return true;
  return false;
}

/** Header-only `<table>`s (split header/body tables): the body tables beside it, and their common box. */
function splitTableBodies(headerTable: Element): { wrapper: Element; bodies: HTMLTableElement[] } | null {
  let box = composedParent(headerTable);
  for (let step = 0; box && step < 6; step++) {
    const bodies = deepQueryAll(box, 'table').filter(
      (t) => t !== headerTable && !t.querySelector('th') && deepQueryAll(t, 'tr').some(isDataRow),
    ) as HTMLTableElement[];
    if (bodies.length > 0) return { wrapper: box, bodies };
    box = composedParent(box);
  }
  return null;
}

function layoutOf(container: Element, headers: readonly Element[]): { layout: Layout; element: Element; bodies?: HTMLTableElement[] } {
  if (container.localName === 'table') {
    if (!someRow((container as HTMLTableElement).rows, isDataRow)) {
      const split = splitTableBodies(container);
      if (split) return { layout: 'table', element: split.wrapper, bodies: split.bodies };
    }
    return { layout: 'table', element: container };
  }
  const cell = deepQueryAll(container, DATA_CELL).find((c) => !headers.includes(c));
  if (cell) return { layout: composedClosest(cell, ROW, container) ? 'grid' : 'virtual', element: container };
  return { layout: headers.some((h) => composedClosest(h, ROW, container)) ? 'grid' : 'virtual', element: container };
}

function buildModel(container: Element, headers: readonly Element[]): Model | null {
  const texts = new Map(headers.map((h) => [h, headerLines(h)] as const));
  let nameHeader = pickColumn(headers, texts, NAME_HEADERS);
  const statusHeader = pickColumn(headers, texts, STATUS_HEADERS);
  if (!nameHeader && !statusHeader) return null;
  let reasonHeader = pickColumn(headers, texts, REASON_HEADERS);
  if (statusHeader && (!nameHeader || !reasonHeader)) {
    // A column a fixed-column overlay draws is hidden in the list's own header row: its header still
    // says where its cells are, and the overlay's visible copy is read in their place (see nameCellOf).
    const row = composedClosest(statusHeader, ROW, container);
    const hidden = row ? cellsOfRow(row).filter((c) => !headers.includes(c)) : [];
    if (hidden.length) {
      const hiddenTexts = new Map(hidden.map((h) => [h, normalizeLabelLines(h)] as const));
      nameHeader ??= pickColumn(hidden, hiddenTexts, NAME_HEADERS);
      reasonHeader ??= pickColumn(hidden, hiddenTexts, REASON_HEADERS);
    }
  }
  const { layout, element, bodies } = layoutOf(container, headers);
  return {
    layout,
    element,
    headers: [...headers],
    name: columnOf(nameHeader, element, layout),
    status: columnOf(statusHeader, element, layout),
    reason: reasonHeader && reasonHeader !== statusHeader ? columnOf(reasonHeader, element, layout) : null,
    bodies: bodies ?? [],
    strip: null,
  };
}

/** A hidden header's words: its raw text, since nothing of it is visible. */
function normalizeLabelLines(header: Element): string[] {
  return [normalizeLabel(composedRawText(header, 2000))];
}

/** The model of a list with no roles, from its header words. */
function buildTextModel(group: TextHeaderGroup): Model {
  const of = (kind: LayoutCell['kind']) => group.headers.find((h) => h.kind === kind)?.cell;
  return {
    layout: 'virtual',
    element: group.container,
    headers: group.headers.map((h) => h.cell),
    name: placedColumnOf(of('name'), group.container),
    status: placedColumnOf(of('status'), group.container),
    reason: placedColumnOf(of('reason'), group.container),
    bodies: [],
    strip: group.strip,
  };
}

/** The list a header belongs to: its table/grid, or (virtual tables without a role) the nearest box holding cells. */
function containerOfHeader(header: Element, memo: Map<Element, Element | null>): Element | null {
  const direct = composedClosest(header, LIST_CONTAINER);
  if (direct) return direct;
  const strip = composedParent(header);
  if (!strip) return null;
  if (memo.has(strip)) return memo.get(strip)!;
  let box: Element | null = strip;
  let found: Element | null = null;
  for (let step = 0; box && step < 8; step++) {
    if (box.localName === 'body') break;
    if (deepQueryAll(box, DATA_CELL).length > 0) {
      found = box;
      break;
    }
    box = composedParent(box);
  }
  memo.set(strip, found);
  return found;
}

/** The remembered model of `list`, refreshed cheaply, or rebuilt when its headers were replaced. */
function modelFor(list: Pick<StatusList, 'element'>): Model | null {
  const known = models.get(list.element);
  if (known && known.headers.every((h) => h.isConnected)) {
    for (const key of ['name', 'status', 'reason'] as const) {
      const col = known[key];
      if (col) known[key] = known.strip ? placedColumnOf(col.header, known.element) : columnOf(col.header, known.element, known.layout);
    }
    return known;
  }
  const cache = createVisibilityCache();
  if (known?.strip || !deepQueryAny(list.element, HEADER_CELL)) {
    for (const group of findTextHeaderGroups(list.element, cache)) {
      if (group.container !== list.element) continue;
      const model = buildTextModel(group);
      models.set(list.element, model);
      return model;
    }
  }
  const headers = deepQueryAll(list.element, HEADER_CELL).filter((h) => isVisible(h, cache));
  const memo = new Map<Element, Element | null>();
  const groups = groupHeaders(headers, memo);
  for (const [container, group] of groups) {
    const model = buildModel(container, group);
    if (model && model.element === list.element) {
      models.set(list.element, model);
      return model;
    }
  }
  return null;
}

function groupHeaders(headers: readonly Element[], memo: Map<Element, Element | null>): Map<Element, Element[]> {
  const groups = new Map<Element, Element[]>();
  for (const header of headers) {
    const container = containerOfHeader(header, memo);
    if (!container) continue;
    const group = groups.get(container) ?? [];
    group.push(header);
    groups.set(container, group);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------
// Reading rows

const STATUS_SOURCES = [...PRIMARY_STATUSES]
  .sort((a, b) => b.length - a.length)
  .map((s) => s.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));
const STATUS_PATTERNS = STATUS_SOURCES.map((s) => new RegExp(`^${s}`, 'i'));
/** Every known status at once, longest first: one native match for the common case. */
const ANY_STATUS = new RegExp(`^(?:${STATUS_SOURCES.join('|')})`, 'i');

/** A known status ends where a space, the end, or the capital of a run-on reason follows. */
function statusEnds(text: string, at: number): boolean {
  const next = text[at];
  return next === undefined || /\s/.test(next) || (next !== next.toLowerCase() && next === next.toUpperCase());
}

/** A status cell's line without the dots and symbols before it ("● Active" reads "Active"). */
function cleanLine(text: string): string {
  return text.replace(/^[\s\p{S}\p{P}]+/u, '').trim();
}

/** The longest known status `line` starts with that ends where a status should, or null. */
function knownStatus(line: string): string | null {
  // One match answers the common case; only a status run into other letters needs each tried.
  const quick = ANY_STATUS.exec(line);
  if (!quick) return null;
  if (statusEnds(line, quick[0].length)) return quick[0];
  for (const re of STATUS_PATTERNS) {
    const m = re.exec(line);
    if (m && statusEnds(line, m[0].length)) return m[0];
  }
  return null;
}

/** Status and reason from a status cell's lines; a status run together with its reason is split. */
export function splitStatus(lines: readonly string[]): { status: string | null; reason: string | null } {
  const clean = lines.map(cleanLine).filter(Boolean);
  const first = clean[0];
  if (!first) return { status: null, reason: null };
  const m = knownStatus(first);
  if (m) {
    const rest = [first.slice(m.length).trim(), ...clean.slice(1)].filter(Boolean).join(' ');
    return { status: m, reason: rest || null };
  }
  return { status: first, reason: clean.slice(1).join(' ') || null };
}

function cellAt(cells: readonly Element[], col: Column | null): Element | null {
  if (!col) return null;
  if (col.attr) {
    const { name, value } = col.attr;
    const byAttr = cells.filter((c) => c.getAttribute(name) === value);
    // A copy of a cell keeps its column index: the one that takes its place is the cell.
    if (byAttr.length > 1) return byAttr.find((c) => !takesNoPlace(c)) ?? byAttr[0]!;
    if (byAttr.length || cells.some((c) => c.hasAttribute(name))) return byAttr[0] ?? null;
  }
  let pos = 0;
  for (const cell of placedCells(cells, col)) {
    const width = span(cell);
    if (col.pos >= pos && col.pos < pos + width) return cell;
    pos += width;
  }
  return null;
}

/**
 * True when `read` wants only flagged rows in full and this status cell cannot say Not delivering.
 * `plain`: the cell is known to hold plain text (its list does), so its raw text is its textContent.
 */
function readsBrief(read: Reading, statusCell: Element, plain: boolean): boolean {
  return read.detail === 'flagged' && !mayReadNotDelivering(plain ? (statusCell.textContent ?? '') : composedRawText(statusCell));
}

/** A row read no further than its status cell's raw text (see ReadListOptions.detail). */
function briefRow(rowElement: Element | null, statusCell: Element): StatusRow {
  return { key: '', name: null, status: null, reason: null, notDelivering: false, statusEnd: null, rowElement, statusElement: statusCell };
}

/**
 * A row read in full from its cells; `place` keys it when it has no name (a row element's index, or a
 * key). The status is read at once; the name and a separate reason when first asked for, their cells
 * found only then: a long list can flag hundreds of rows, and the overlay needs the words only of those
 * on screen.
 */
function makeRow(
  rowElement: Element | null,
  statusCell: Element,
  nameCell: () => Element | null,
  reasonCell: () => Element | null,
  place: Element | string,
): StatusRow {
  // The status is the cell's first line with words in it. Lines below it (a reason) are read if asked.
  const first = visibleLines(statusCell, 5000, null, (line) => cleanLine(line) !== '');
  const { status } = splitStatus(first.map((l) => l.text));
  const notDelivering = status !== null && isNotDeliveringText(status);
  let name: string | null | undefined;
  let reason: string | null | undefined;
  let key: string | undefined;
  const readName = (): string | null => {
    if (name !== undefined) return name;
    const cell = nameCell();
    return (name = cell ? (visibleLines(cell, 5000, null, () => true)[0]?.text ?? null) : null);
  };
  return {
    get key() {
      return (key ??= readName() ?? `row ${typeof place === 'string' ? place : rowPosition(place)}`);
    },
    get name() {
      return readName();
    },
    status,
    get reason() {
      if (reason !== undefined) return reason;
      const cell = reasonCell();
      const separate = cell ? visibleLines(cell, 5000).map((l) => l.text).join(' ') : '';
      const inline = separate ? null : splitStatus(visibleLines(statusCell, 5000).map((l) => l.text)).reason;
      // Lists print "-" in an empty reason column.
      return (reason = (separate || inline || '').replace(/^[\s\-–—]+$/, '') || null);
    },
    notDelivering,
    statusEnd: notDelivering ? (first.at(-1)?.end ?? null) : null,
    rowElement,
    statusElement: statusCell,
  };
}

/** A row's position that does not depend on which rows were read with it: ARIA index, table index, or sibling index. */
function rowPosition(row: Element): string {
  const aria = row.getAttribute('aria-rowindex');
  if (aria) return aria;
  if (row.localName === 'tr') return String((row as HTMLTableRowElement).rowIndex + 1);
  const parent = row.parentNode;
  return parent ? String(Array.prototype.indexOf.call(parent.children ?? parent.childNodes, row) + 1) : '0';
}

/**
 * The row's cell in `col` by its place in the DOM. In a <tr>, only the cells up to it are looked at; a
 * cell with the `hidden` attribute takes no place (an attribute, so no style is read for it).
 */
function rowCell(row: Element, col: Column | null): Element | null {
  if (!col) return null;
  if (row.localName !== 'tr' || col.attr) return cellAt(cellsOfRow(row), col);
  if (row.childElementCount > col.slots) return cellAt(cellsOfRow(row), col);
  let pos = 0;
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    if ((cell.localName !== 'td' && cell.localName !== 'th') || cell.hasAttribute('hidden')) continue;
    // A cell starting at the column's place is it, whatever its span: only cells before it are measured.
    if (col.pos === pos) return cell;
    pos += span(cell);
    if (col.pos < pos) return cell;
  }
  return null;
}

/**
 * A data row with a status cell, read if it is visible; header rows and others come back null. `plain`:
 * the list's text is known to be plain (see `textIsPlain`); `mayFlag`: the row's text is known to be able
 * to say "Not delivering" (a whole-list reading has checked).
 */
function readRowElement(model: Model, row: Element, read: Reading, plain = false, mayFlag = false): StatusRow | null {
  // A table row draws its cells in DOM order: the DOM's pick stands unless it cannot be the status the
  // buyer sees (a hidden copy in its place), and no box is read for the row. Other rows (flex, grid) may
  // draw their cells in any order: the cell under the header is the status.
  const inOrder = laysOutInOrder(row, read);
  // A row of plain text that cannot say "Not delivering" in any cell is brief whichever cell is its status.
  const silent = read.detail === 'flagged' && plain && !mayFlag && !mayReadNotDelivering(row.textContent ?? '');
  let status = inOrder || silent ? rowCell(row, model.status) : cellUnder(row, model.status, read);
  if (!status) return null;
  // A status cell that is a data cell makes a data row; only other rows need their cells looked at.
  if (status.localName !== 'td' && !status.matches(DATA_CELL) && !isDataRow(row)) return null;
  // A status that cannot read "Not delivering" is not looked at further, visible or not: nothing is
  // shown for it, and on a long list the style reads of a visibility check are most of the cost. In a
  // table row that may say "Not delivering" elsewhere, the cell drawn under the header is looked at first.
  if (readsBrief(read, status, plain)) {
    const shown = inOrder && !silent ? cellUnder(row, model.status, read) : status;
    if (shown === status || !shown || readsBrief(read, shown, plain)) return briefRow(row, status);
    status = shown;
  }
  if (!isVisible(row, read.cache)) return null;
  // A hidden status cell is a copy (a fixed-column overlay repeats every row with its other cells hidden,
  // a page may keep a copy of a cell beside it): the cell under the header, if another and shown, is read.
  if (!isVisible(status, read.cache)) {
    const shown = inOrder ? cellUnder(row, model.status, read) : null;
    if (!shown || shown === status || !isVisible(shown, read.cache)) return null;
    status = shown;
    if (readsBrief(read, status, plain)) return briefRow(row, status);
  }
  return makeRow(row, status, () => shownCell(model, row, model.name, read), () => shownCell(model, row, model.reason, read), row);
}

/**
 * Whether `row` is laid out as a table row (its cells drawn in DOM order): asked of one row per row
 * group in a pass, its siblings being styled alike.
 */
function laysOutInOrder(row: Element, read: Reading): boolean {
  if (row.localName !== 'tr') return false;
  const group = row.parentNode ?? row;
  let known = read.inOrder.get(group);
  if (known === undefined) {
    known = row.ownerDocument.defaultView?.getComputedStyle(row).display === 'table-row';
    read.inOrder.set(group, known);
  }
  return known;
}

/**
 * The row's cell in `col`, or, where that cell is hidden because a fixed-column overlay draws it, the
 * overlay's visible copy of it: the same row of another body table of a split list.
 */
function shownCell(model: Model, row: Element, col: Column | null, read: Reading): Element | null {
  const cell = cellUnder(row, col, read);
  if (!cell || model.bodies.length < 2 || row.localName !== 'tr' || isVisible(cell, read.cache)) return cell;
  for (const body of model.bodies) {
    const twin = twinRow(body, row as HTMLTableRowElement, read);
    if (!twin || twin === row) continue;
    const copy = cellUnder(twin, col, read);
    if (copy && isVisible(copy, read.cache)) return copy;
  }
  return cell;
}

/**
 * The row of `body` drawn on the same line as `row` (another table of a split list): where the document
 * has layout, the one at the same height; without, the one at the same place counting only rows that
 * take one (a hidden copy of a row shifts no line).
 */
function twinRow(body: HTMLTableElement, row: HTMLTableRowElement, read: Reading): Element | null {
  if (hasLayout(row.ownerDocument)) {
    const top = row.getBoundingClientRect().top;
    const sameLine = (r: Element | undefined): boolean => {
      const box = r?.getBoundingClientRect();
      return !!box && box.height > 0 && Math.abs(box.top - top) <= X_TOLERANCE;
    };
    // Copies shift a row by a few places at most: only rows near its own index are measured.
    const index = row.rowIndex;
    for (let d = 0; d <= TWIN_REACH; d++) {
      for (const i of d === 0 ? [index] : [index - d, index + d]) if (sameLine(body.rows[i])) return body.rows[i]!;
    }
    return null;
  }
  const own = composedClosest(row, 'table');
  const index = own ? rowsTakingPlace(own as HTMLTableElement, read).indexOf(row) : -1;
  return index >= 0 ? (rowsTakingPlace(body, read)[index] ?? null) : null;
}

/** How many places from a row's own index its twin in another table is looked for. */
const TWIN_REACH = 16;

/** A table's rows less those that take no place (see takesNoPlace), once per pass. */
function rowsTakingPlace(table: HTMLTableElement, read: Reading): Element[] {
  let rows = read.placedRows.get(table);
  if (!rows) {
    rows = Array.from(table.rows).filter((r) => !takesNoPlace(r));
    read.placedRows.set(table, rows);
  }
  return rows;
}

/** Where a column's header is drawn, read once per pass; null without layout, or for a header with no width. */
function headerRect(col: Column, read: Reading): Rect | null {
  let rect = read.headerRects.get(col.header);
  if (rect === undefined) {
    rect = null;
    if (hasLayout(col.header.ownerDocument)) {
      const box = rectOf(col.header);
      if (box.width > 0) rect = box;
    }
    read.headerRects.set(col.header, rect);
  }
  return rect;
}

/**
 * The row's cell in `col` as the buyer sees it: drawn under the column's header. The cell at the
 * header's place in the DOM is taken when it is drawn there (one box read); otherwise (cells reordered
 * on screen with flex or grid `order`, a hidden copy in the row) the cell drawn under the header is
 * looked for among the row's cells. Without layout, and in a row drawn nowhere, the DOM decides.
 */
function cellUnder(row: Element, col: Column | null, read: Reading): Element | null {
  const cell = rowCell(row, col);
  const header = col ? headerRect(col, read) : null;
  if (!header || (cell && sitsUnder(rectOf(cell), header))) return cell;
  let best: Element | null = null;
  let most = 0;
  for (const other of cellsOfRow(row)) {
    const box = rectOf(other);
    if (!sitsUnder(box, header)) continue;
    const shared = overlap(box, header);
    if (shared > most) {
      best = other;
      most = shared;
    }
  }
  return best ?? cell;
}

/** Row elements in the order the buyer sees them (flat tree), header rows included (readRowElement skips them). */
function rowsOfModel(model: Model): Element[] {
  if (model.element.localName === 'table') return Array.from((model.element as HTMLTableElement).rows);
  return flatQueryAll(model.element, ROW, { prune: true, budget: Infinity });
}

/** How many row elements `rowsOfModel` would list; a table counts them without a script object per row. */
function rowCountOfModel(model: Model): number {
  if (model.element.localName === 'table') return (model.element as HTMLTableElement).rows.length;
  return rowsOfModel(model).length;
}

// Virtual tables ------------------------------------------------------------------------------------

interface PlacedCell {
  cell: Element;
  row: string;
  /** Numeric order of the row (index or vertical offset). */
  order: number;
  column: 'name' | 'status' | 'reason' | null;
}

function rowKeyOf(cell: Element, container: Element): { key: string; order: number } | null {
  for (let cur: Element | null = cell; cur && cur !== container; cur = composedParent(cur)) {
    for (const name of ROW_INDEX_ATTRIBUTES) {
      const value = cur.getAttribute(name);
      if (value !== null && value !== '') {
        const order = Number.parseFloat(value);
        return { key: `${name}=${value}`, order: Number.isFinite(order) ? order : 0 };
      }
    }
  }
  const { y } = offsetOf(cell, container);
  return y === null ? null : { key: `y=${y}`, order: y };
}

function columnOfCell(model: Model, cell: Element): PlacedCell['column'] {
  let x: number | null | undefined;
  for (const key of ['status', 'name', 'reason'] as const) {
    const col = model[key];
    if (!col) continue;
    if (col.attr) {
      const value = cell.getAttribute(col.attr.name);
      if (value !== null) {
        if (value === col.attr.value) return key;
        continue;
      }
    }
    if (col.x === null) continue;
    if (x === undefined) x = offsetOf(cell, model.element).x;
    if (x !== null && Math.abs(x - col.x) <= X_TOLERANCE) return key;
  }
  return null;
}

function placeCell(model: Model, cell: Element): PlacedCell | null {
  const row = rowKeyOf(cell, model.element);
  if (!row) return null;
  return { cell, row: row.key, order: row.order, column: columnOfCell(model, cell) };
}

function virtualCells(model: Model): Element[] {
  return deepQueryAll(model.element, DATA_CELL).filter((c) => !model.headers.includes(c));
}

function rowsFromPlaced(placed: readonly PlacedCell[], read: Reading): StatusRow[] {
  const byRow = new Map<string, { order: number; cells: Partial<Record<'name' | 'status' | 'reason', Element>> }>();
  for (const p of placed) {
    if (!p.column) continue;
    const entry = byRow.get(p.row) ?? { order: p.order, cells: {} };
    entry.cells[p.column] ??= p.cell;
    byRow.set(p.row, entry);
  }
  const rows: StatusRow[] = [];
  for (const [key, entry] of [...byRow].sort((a, b) => a[1].order - b[1].order)) {
    const status = entry.cells.status ?? null;
    if (!status || !isVisible(status, read.cache)) continue;
    rows.push(readsBrief(read, status, false) ? briefRow(null, status) : makeRow(null, status, () => entry.cells.name ?? null, () => entry.cells.reason ?? null, key));
  }
  return rows;
}

/** Rows of a list with no roles: each visible status cell, with the name and reason cells on its line. */
function readLayoutRows(model: Model, read: Reading): StatusRow[] {
  if (!model.status || !model.strip) return [];
  const columns: PlacedColumn[] = [];
  for (const kind of ['name', 'status', 'reason'] as const) {
    const col = model[kind];
    if (col && col.x !== null) columns.push({ kind, x: col.x, w: col.w });
  }
  const cells = layoutCells(model.element, model.strip, columns);
  const statuses = cells
    .filter((c) => c.kind === 'status' && c.box.y !== null && isVisible(c.cell, read.cache))
    .sort((a, b) => a.box.y! - b.box.y!);
  /** The visible cell of `kind` on the status cell's line (a cell may sit a few pixels lower). */
  const onLine = (status: LayoutCell, kind: LayoutCell['kind']): Element | null => {
    const reach = Math.max(8, (status.box.h ?? 0) / 2);
    let best: LayoutCell | null = null;
    for (const c of cells) {
      if (c.kind !== kind || c.box.y === null) continue;
      const d = Math.abs(c.box.y - status.box.y!);
      if (d > reach || (best && d >= Math.abs(best.box.y! - status.box.y!))) continue;
      if (isVisible(c.cell, read.cache)) best = c;
    }
    return best?.cell ?? null;
  };
  // Rows that keep their row element (only the header cells lost their roles) are marked on it, as
  // PAGE_MARKS.md asks: the element around one status cell alone, below the header strip.
  const rowOf = new Map<Element, Element | null>();
  const owners = new Map<Element, number>();
  for (const s of statuses) {
    const row = composedClosest(s.cell, 'tr, [role="row"]', model.element);
    const own = row && !composedContains(row, model.strip) ? row : null;
    rowOf.set(s.cell, own);
    if (own) owners.set(own, (owners.get(own) ?? 0) + 1);
  }
  const rowElementOf = (cell: Element): Element | null => {
    const row = rowOf.get(cell) ?? null;
    return row && owners.get(row) === 1 ? row : null;
  };
  return statuses.map((s) =>
    readsBrief(read, s.cell, false)
      ? briefRow(rowElementOf(s.cell), s.cell)
      : makeRow(rowElementOf(s.cell), s.cell, () => onLine(s, 'name'), () => onLine(s, 'reason'), `y=${s.box.y}`),
  );
}

function readModelRows(model: Model, read: Reading): StatusRow[] {
  if (!model.status) return [];
  if (model.strip) return readLayoutRows(model, read);
  if (model.layout === 'virtual') {
    const placed = virtualCells(model)
      .filter((c) => isVisible(c, read.cache))
      .map((c) => placeCell(model, c))
      .filter((p): p is PlacedCell => !!p);
    return rowsFromPlaced(placed, read);
  }
  return readRowList(model, rowsOfModel(model), read);
}

/** Reads `all` (row elements of the model's list) as a whole-list reading does. */
function readRowList(model: Model, all: readonly Element[], read: Reading): StatusRow[] {
  const rows: StatusRow[] = [];
  // Where the list's text is plain (no shadow root, slot or text field in it), a row's raw text is its
  // textContent: one native read per row tells which rows cannot say "Not delivering" in any cell, and
  // those are not looked at further. On a long list this is most rows.
  const rowText = read.detail === 'flagged' && textIsPlain(model.element);
  const candidates = rowText ? all.filter((row) => mayReadNotDelivering(row.textContent ?? '')) : all;
  for (const row of candidates) {
    const done = readRowElement(model, row, read, rowText, rowText);
    if (done) rows.push(done);
  }
  return rows;
}

/**
 * The row elements of a table or grid list, header rows included, in page order: what a list that came
 * back `unread` is read from, a slice at a time. Empty for virtual lists. Never throws.
 */
export function listRowElements(list: Pick<StatusList, 'element'>): Element[] {
  try {
    const model = modelFor(list);
    return model && model.status && !model.strip && model.layout !== 'virtual' ? rowsOfModel(model) : [];
  } catch {
    return [];
  }
}

/** Reads `rows` (row elements of `list`, see listRowElements) as a whole-list reading would. Never throws. */
export function readRowElements(list: Pick<StatusList, 'element'>, rows: readonly Element[], options: ReadListOptions = {}): StatusRow[] {
  try {
    const model = modelFor(list);
    if (!model || !model.status || model.strip || model.layout === 'virtual') return [];
    return readRowList(model, rows, readingOf(options));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * Every visible status list under `root`: campaigns, ad groups or ads, as `<table>`, ARIA grid/table, or
 * virtual table. A list whose name column is recognised but whose status column is not comes back
 * with `problem: "no status column found"` and no rows. Never throws.
 */
export function findStatusLists(root: ReadRoot, options: ReadListOptions = {}): StatusList[] {
  return readLists(root, readingOf(options));
}

function readLists(root: ReadRoot, read: Reading): StatusList[] {
  try {
    const { cache } = read;
    const headers = deepQueryAll(root, HEADER_CELL).filter((h) => isVisible(h, cache));
    const memo = new Map<Element, Element | null>();
    const lists: StatusList[] = [];
    const seen = new Set<Element>();
    const found: Model[] = [];
    for (const [container, group] of groupHeaders(headers, memo)) {
      const model = buildModel(container, group);
      if (!model || seen.has(model.element) || !isVisible(model.element, cache)) continue;
      seen.add(model.element);
      found.push(model);
    }
    // Lists with no roles are found by their header words, where no list with roles has a status column.
    if (!found.some((m) => m.status)) {
      for (const group of findTextHeaderGroups(root, cache)) {
        if (seen.has(group.container) || !isVisible(group.container, cache)) continue;
        seen.add(group.container);
        found.push(buildTextModel(group));
      }
    }
    for (const model of found) {
      // A fixed-column overlay (a copy of the list drawing only its pinned columns) is part of the
      // list it covers, not a list of its own.
      if (!model.status && found.some((m) => m !== model && m.status && (composedContains(m.element, model.element) || composedContains(model.element, m.element)))) {
        continue;
      }
      models.set(model.element, model);
      const tooLong = read.maxRows !== undefined && model.status && !model.strip && model.layout !== 'virtual' && rowCountOfModel(model) > read.maxRows;
      lists.push({
        layout: model.layout,
        element: model.element,
        rows: tooLong ? [] : readModelRows(model, read),
        problem: model.status ? null : LIST_PROBLEMS.noStatusColumn,
        ...(tooLong ? { unread: true } : {}),
      });
    }
    return lists;
  } catch {
    return [];
  }
}

/**
 * How many data rows `list` holds, hidden ones included and header rows left out: the list's length as
 * the buyer would give it. No row's text is read, so it stays cheap on a long list; 0 when the list's
 * status column can't be found. (A row with no cell under the status column counts too.)
 */
export function countRows(list: Pick<StatusList, 'element'>): number {
  try {
    const model = modelFor(list);
    if (!model || !model.status) return 0;
    if (model.strip) return readLayoutRows(model, readingOf({ detail: 'flagged' })).length;
    if (model.bodies.length > 1) {
      // Split tables with a fixed-column overlay: only the bodies that show the status count, once each.
      let count = 0;
      for (const body of model.bodies) {
        const first = Array.from(body.rows).find(isDataRow);
        const status = first ? cellUnder(first, model.status, readingOf({})) : null;
        if (status && isVisible(status)) count += body.rows.length;
      }
      return count;
    }
    if (model.layout === 'virtual') {
      const keys = new Set<string>();
      for (const cell of virtualCells(model)) {
        if (columnOfCell(model, cell) !== 'status') continue;
        const key = rowKeyOf(cell, model.element);
        if (key) keys.add(key.key);
      }
      return keys.size;
    }
    // Rows of column headers, the hidden copies some lists keep for measuring included.
    const headerRows = new Set(deepQueryAll(model.element, HEADER_CELL).map((h) => composedClosest(h, ROW, model.element)));
    if (model.element.localName === 'table') {
      // The table's own rows less its header rows: no row of a long list is looked at one by one.
      const rows = (model.element as HTMLTableElement).rows;
      let headers = 0;
      for (const row of headerRows) if (row?.localName === 'tr' && rows[(row as HTMLTableRowElement).rowIndex] === row) headers += 1;
      return rows.length - headers;
    }
    let count = 0;
    for (const row of rowsOfModel(model)) if (!headerRows.has(row)) count += 1;
    return count;
  } catch {
    return 0;
  }
}

/** The list (of those given) that `node` sits in, through shadow roots. */
export function findListFor(lists: readonly StatusList[], node: Node): StatusList | null {
  return lists.find((list) => composedContains(list.element, node)) ?? null;
}

/**
 * Re-reads only the rows that the changed `nodes` belong to (a changed cell, text inside a cell, an
 * added row, or an added box of rows/cells), using the list's remembered columns. Rows come back once
 * each; nodes outside the list or in its header are ignored. Never throws.
 */
export function readRowsAt(list: Pick<StatusList, 'element'>, nodes: Iterable<Node>, options: ReadListOptions = {}): StatusRow[] {
  return readRows(list, nodes, readingOf(options));
}

function readRows(list: Pick<StatusList, 'element'>, nodes: Iterable<Node>, read: Reading): StatusRow[] {
  try {
    const model = modelFor(list);
    if (!model || !model.status) return [];
    // A list with no roles has no cells to tie a change to: it is read again whole (it draws only what is in view).
    if (model.strip) return readLayoutRows(model, read);
    const out = new Map<Element, StatusRow>();
    if (model.layout !== 'virtual') {
      const rows = new Set<Element>();
      const places = new Map<Element, Place>();
      for (const node of nodes) {
        const el = elementOf(node);
        if (!el) continue;
        const place = placeInList(el, model.element, places);
        if (place === OUTSIDE) continue;
        if (place) rows.add(place);
        else for (const inner of flatQueryAll(el, ROW, { prune: true })) rows.add(inner);
      }
      const plain = read.detail === 'flagged' && textIsPlain(model.element);
      for (const row of rows) {
        const done = readRowElement(model, row, read, plain);
        if (done) out.set(row, done);
      }
      return [...out.values()];
    }
    // Virtual: find the changed cells' rows; the row's other cells are looked up once per call.
    const changed = new Set<Element>();
    for (const node of nodes) {
      const el = elementOf(node);
      if (!el || !composedContains(model.element, el)) continue;
      const cell = composedClosest(el, DATA_CELL, model.element);
      if (cell) changed.add(cell);
      else for (const inner of flatQueryAll(el, DATA_CELL, { prune: true })) changed.add(inner);
    }
    if (changed.size === 0) return [];
    const wanted = new Set<string>();
    for (const cell of changed) {
      const key = rowKeyOf(cell, model.element);
      if (key) wanted.add(key.key);
    }
    const placed: PlacedCell[] = [];
    for (const cell of sameRowCells(model, changed, wanted)) {
      if (!isVisible(cell, read.cache)) continue;
      const p = placeCell(model, cell);
      if (p && wanted.has(p.row)) placed.push(p);
    }
    return rowsFromPlaced(placed, read);
  } catch {
    return [];
  }
}

/** Where an element sits: in the list's row (the row), in the list but in no row (null), or outside it. */
type Place = Element | null | typeof OUTSIDE;
const OUTSIDE = 'outside';

/**
 * The row of `list` that `el` sits in (the nearest row at or above it, not looking above the list), null
 * when it is in the list but in no row (a box of rows, a header), or OUTSIDE. `memo` keeps the answer
 * for every element climbed through: the changed nodes of one pass share their rows and cells, so each
 * ancestor is looked at once.
 */
function placeInList(el: Element, list: Element, memo: Map<Element, Place>): Place {
  const climbed: Element[] = [];
  let place: Place = OUTSIDE;
  for (let cur: Element | null = el; cur; cur = composedParent(cur)) {
    const known = memo.get(cur);
    if (known !== undefined) {
      place = known;
      break;
    }
    climbed.push(cur);
    // The list's own element and its children are the top of a row search, as in composedClosest.
    if (cur === list || cur.parentNode === list) {
      place = null;
      break;
    }
  }
  // From the top down, so each element takes the nearest row at or above it.
  for (let i = climbed.length - 1; i >= 0; i--) {
    const cur = climbed[i]!;
    if (place !== OUTSIDE && cur.matches(ROW)) place = cur;
    memo.set(cur, place);
  }
  return place;
}

/**
 * Candidate cells for the wanted rows. Rows keyed by an attribute are looked up with one attribute
 * query per tree; rows keyed by position need every cell's offset once.
 */
function sameRowCells(model: Model, changed: ReadonlySet<Element>, wanted: ReadonlySet<string>): Element[] {
  const byAttr = [...wanted].every((k) => !k.startsWith('y='));
  if (!byAttr) return virtualCells(model);
  const out = new Set<Element>(changed);
  for (const key of wanted) {
    const eq = key.indexOf('=');
    const name = key.slice(0, eq);
    const value = key.slice(eq + 1).replace(/["\\]/g, '\\$&');
    for (const holder of deepQueryAll(model.element, `[${name}="${value}"]`)) {
      if (holder.matches(DATA_CELL)) out.add(holder);
      else for (const cell of flatQueryAll(holder, DATA_CELL, { prune: true })) out.add(cell);
    }
  }
  return [...out];
}

/**
 * Whether `list` has no roles to tell its rows and cells by (see layout-list.ts): any change inside it
 * may be a row's, and is worth a re-read.
 */
export function readsByLayout(list: Pick<StatusList, 'element'>): boolean {
  return !!models.get(list.element)?.strip;
}

/** One row re-read from a changed node; null when the node is not in a data row of `list`. */
export function readRowAt(list: Pick<StatusList, 'element'>, node: Node, options: ReadListOptions = {}): StatusRow | null {
  return readRowsAt(list, [node], options)[0] ?? null;
}
