import {
  composedClosest,
  composedContains,
  composedParent,
  deepQueryAll,
  deepQueryAny,
  isVisible,
  withKnownShadowRoots,
} from '../../../lib/ads-manager/composed';
import {
  countRows,
  findStatusLists,
  LIST_PROBLEMS,
  listRowElements,
  readRowElements,
  readRowsAt,
  readsByLayout,
} from '../../../lib/ads-manager/read-status-list';
import { DATA_CELL, HEADER_CELL, mayHoldHeaderWords, ROW } from '../../../lib/ads-manager/selectors';
import type { StatusList, StatusRow } from '../../../lib/ads-manager/types';
import { h } from '../../../lib/dom/h';
import type { Batch } from '../../../lib/dom/watch';
import { DEFAULT_REMINDER_SETTINGS } from '../../../lib/domain/expiry';
import type { LedgerCodeView } from '../../../lib/domain/ledger-view';
import { matchRow, notDeliveringAdvice, type RowAdvice, type RowMatch } from '../../../lib/domain/row-advice';
import { formatCountdown } from '../../../lib/time/countdown';
import { sendMessage, type Feature, type OverlayContext } from '../overlay-context';
import { badgeSpot, createRowBadge, type BadgeSpot, type RowBadge } from './row-badge';

/**
 * "Not delivering" flags (PAGE_MARKS.md): `data-spark-guard-flag="not-delivering"` on the row element,
 * or on the status cell where the list has no row elements; removed as soon as the status reads
 * otherwise. Each flagged row also gets a badge (row-badge.ts): a pill after its status that says in a
 * word or two why, when the row ties to a ledger code, and a card that says it in full, with a way to link
 * the row to a code when it does not tie to one. Counts per ad account go to the background.
 */

export const FLAG_ATTRIBUTE = 'data-spark-guard-flag';
const ROW_OR_CELL = `${ROW}, ${DATA_CELL}`;
const FLAG_VALUE = 'not-delivering';
/** Only flagged rows are shown, so only they are read in full. */
const READ = { detail: 'flagged' } as const;
/**
 * Rows read in one go when a list is first found. A longer list is read in slices of this many rows in
 * the page's idle time, so its first reading adds no long task to the page.
 */
const SLICE_ROWS = 250;
const FIRST_READ = { ...READ, maxRows: SLICE_ROWS } as const;
/** Idle time left (ms) under which no further slice is started in the same idle period. */
const SLICE_MS = 4;

interface RowState {
  row: StatusRow;
  /** The element carrying the mark: the row, else the status cell or the element inside it. */
  marked: Element;
  /** Whether this feature put the mark on it (and has not taken it off since). */
  flagged: boolean;
  badge: RowBadge | null;
  shownKey: string;
  error: string | null;
}

interface ListState {
  list: StatusList;
  rows: Map<Element, RowState>;
  /** A first reading spread over idle time: the rows still to read, and the targets read since it began. */
  spread: { rows: Element[]; next: number; seen: Set<Element>; handle: number | null } | null;
}

function markTarget(row: StatusRow): Element {
  return row.rowElement ?? row.statusElement;
}

/**
 * A column header at or below `node`. Lists are found from their headers, so content without any cannot
 * start a new list; and a change that touches a list's header may have changed its columns.
 */
function holdsHeader(node: Node, words = true): boolean {
  if (node.nodeType === 1 && (node as Element).matches(HEADER_CELL)) return true;
  if (node.nodeType !== 1 && node.nodeType !== 11) return false;
  if ((node as ParentNode).querySelector(HEADER_CELL) !== null) return true;
  // Lists with no roles have only their header words to be found by.
  return words && mayHoldHeaderWords(node.textContent ?? '');
}

function layoutWords(problem: string): string {
  if (problem === LIST_PROBLEMS.noStatusColumn) return "couldn't find the status column";
  return `couldn't read the list (${problem})`;
}

/** Rows this close to the window's edges count as near the screen and get their badge. */
const NEAR_SCREEN_PX = 300;

/** Whether `el` is within NEAR_SCREEN_PX of the window (one box read; clipping by the list is not asked). */
function nearTheScreen(el: Element): boolean {
  const box = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  return (
    box.bottom >= -NEAR_SCREEN_PX &&
    box.top <= view.innerHeight + NEAR_SCREEN_PX &&
    box.right >= -NEAR_SCREEN_PX &&
    box.left <= view.innerWidth + NEAR_SCREEN_PX
  );
}

/** How soon rows waiting for a badge are measured again after a scroll, a resize or rows leaving. */
const MEASURE_AGAIN_MS = 100;

/** Counts go to the background at most this often while a list keeps changing (the last one always goes). */
const SCAN_REPORT_MS = 2000;

export function createNotDelivering(ctx: OverlayContext): Feature {
  const lists = new Map<Element, ListState>();
  let lastScan = '';
  let lastScanAt = 0;
  let scanTimer: number | null = null;
  /** The page's shadow roots as the watcher knows them: counting rows from a timer looks only there. */
  let knownRoots: Batch['shadowRoots'] | null = null;

  // Badges are drawn when their row is near the screen: a list of thousands of rows then costs a
  // handful of badges, and the page is not laid out again for rows nobody is looking at. Flags are
  // set on every row at once (an attribute costs no layout).
  //
  // A row flagged in a pass is measured at the pass's end, with every other row of that pass, and gets
  // its badge at once when it is near the screen. The others wait, unmeasured: a row kept under
  // observation would be measured again on every frame the page changes, hundreds of rows on every
  // frame of a busy list. They are measured again when something can bring them near: the buyer
  // scrolls or resizes, or rows above them leave the list.
  const waiting = new Map<Element, RowState>();
  /** Rows flagged in this pass that have no badge yet: drawn at the pass's end when near the screen. */
  const fresh = new Set<RowState>();
  /** Rows with a badge whose reading changed in this pass: drawn again at the pass's end. */
  const redraw = new Set<RowState>();
  const nearScreen = new IntersectionObserver(
    (entries) => {
      const due: RowState[] = [];
      for (const entry of entries) {
        nearScreen.unobserve(entry.target);
        if (!entry.isIntersecting) continue;
        const state = waiting.get(entry.target);
        waiting.delete(entry.target);
        if (state && shows(state)) due.push(state);
      }
      drawBadges(due);
    },
    { rootMargin: `${NEAR_SCREEN_PX}px` },
  );

  /** Whether a row's badge belongs on the page: it is flagged and still there. */
  function shows(state: RowState): boolean {
    return state.flagged && state.row.notDelivering && state.marked.isConnected;
  }

  /**
   * Reads what every badge says and where it goes, then puts them all in: reading the page after a
   * change to it would make the browser work out its styles and layout again, once per badge.
   */
  function drawBadges(states: readonly RowState[]): void {
    const plans = states.map((state) => guarded(() => planBadge(state)));
    states.forEach((state, i) => {
      const plan = plans[i];
      if (plan) guarded(() => drawBadge(state, plan));
    });
  }

  /** Draws the badges this pass made due; rows flagged in it that are far from the screen wait. */
  function flushBadges(): void {
    const due: RowState[] = [];
    for (const state of fresh) {
      if (state.badge || !shows(state)) continue;
      if (guarded(() => nearTheScreen(state.marked))) due.push(state);
      else waiting.set(state.marked, state);
    }
    for (const state of redraw) if (state.badge && shows(state)) due.push(state);
    fresh.clear();
    redraw.clear();
    drawBadges(due);
  }

  /** Stops waiting for `target`'s badge (its row is gone or no longer flagged). */
  function stopWaiting(target: Element): void {
    waiting.delete(target);
    nearScreen.unobserve(target);
  }

  let measureTimer: number | null = null;
  /** Measures every waiting row again, at most once per MEASURE_AGAIN_MS however often it is asked. */
  function measureWaitingSoon(): void {
    if (measureTimer !== null || waiting.size === 0) return;
    measureTimer = window.setTimeout(() => {
      measureTimer = null;
      // Observing a row that is already being measured does nothing: each is measured once.
      for (const target of waiting.keys()) if (target.isConnected) nearScreen.observe(target);
    }, MEASURE_AGAIN_MS);
  }
  // Scroll events do not bubble: listening in the capture phase hears every scrolling box of the page.
  const listenOptions = { capture: true, passive: true } as const;
  window.addEventListener('scroll', measureWaitingSoon, listenOptions);
  window.addEventListener('resize', measureWaitingSoon, listenOptions);

  function accountCodes(): LedgerCodeView[] {
    const codes = ctx.ledger?.codes ?? [];
    const account = ctx.page.adAccountId;
    return account ? codes.filter((c) => c.adAccountId === account) : codes;
  }

  function linkedCode(name: string | null): string | null {
    if (!name) return null;
    return ctx.ledger?.links.find((l) => l.rowName === name)?.codeId ?? null;
  }

  function unmark(state: RowState): void {
    stopWaiting(state.marked);
    state.marked.removeAttribute(FLAG_ATTRIBUTE);
    state.flagged = false;
    state.badge?.host.remove();
    state.badge = null;
    state.shownKey = '';
  }

  function guarded<T>(work: () => T): T | null {
    try {
      return work();
    } catch (error) {
      ctx.warn('could not draw a badge', error);
      return null;
    }
  }

  interface BadgePlan {
    spot: BadgeSpot;
    key: string;
    match: RowMatch | null;
    advice: RowAdvice;
    codes: LedgerCodeView[];
  }

  /** What a row's badge says and where it goes; reads the page, changes nothing. */
  function planBadge(state: RowState): BadgePlan {
    const { row } = state;
    const codes = accountCodes();
    const match = matchRow(row.name, codes, linkedCode(row.name));
    const advice = notDeliveringAdvice(match, row.reason, ctx.now(), ctx.ledger?.settings ?? DEFAULT_REMINDER_SETTINGS);
    const key = JSON.stringify([advice, match?.by, match?.code.id, codes.length, state.error]);
    return { spot: badgeSpot(row), key, match, advice, codes };
  }

  function drawBadge(state: RowState, { spot, key, match, advice, codes }: BadgePlan): void {
    const { row } = state;
    state.badge ??= createRowBadge();
    state.badge.place(spot);
    if (key === state.shownKey) return;
    state.shownKey = key;

    const account = ctx.page.adAccountId;
    const name = row.name;
    // Made when the card is shown: a choice of every code in the account is a lot of page to build for
    // a card that is rarely opened.
    const linkable = !match && !!account && !!name && codes.length > 0;
    let actions: () => HTMLElement[] = () => [];
    if (match?.by === 'link' && account && name) {
      const { handle } = match.code;
      actions = () => {
        const unlink = h('button', { type: 'button', class: 'link' }, 'Unlink');
        unlink.setAttribute('aria-label', `Unlink this row from the code for @${handle}`);
        unlink.addEventListener('click', () => void link(state, account, name, null));
        return [unlink];
      };
    } else if (linkable) {
      actions = () => [linkControl(state, account, name, codes)];
    }
    // A reason no code can cause (budget, schedule…) needs no code: the link stays offered, quietly.
    const text = match
      ? advice.text
      : advice.sparkCause
        ? `${advice.text}. No Spark code in your ledger ties to this row${linkable ? ': link it to one here' : ''}`
        : `${advice.text}${linkable ? '. To see its Spark code here too, link it to one' : ''}`;
    state.badge.show({ tone: advice.tone, label: advice.label, text, actions, error: state.error });
  }

  function linkControl(state: RowState, account: string, name: string, codes: LedgerCodeView[]): HTMLElement {
    const now = ctx.now();
    const select = h(
      'select',
      null,
      [...codes]
        .sort((a, b) => a.handle.localeCompare(b.handle) || b.expiresAt - a.expiresAt)
        .filter((c) => c.status !== 'replaced')
        .map((c) => h('option', { value: c.id }, `@${c.handle} · ${c.postId ? `post …${c.postId.slice(-6)}` : 'short link'} · ${formatCountdown(c.expiresAt, now)}`)),
    );
    const form = h('form', null, h('label', null, 'Link to a code', select), h('button', { type: 'submit', class: 'action' }, 'Link'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void link(state, account, name, select.value);
    });
    return form;
  }

  async function link(state: RowState, account: string, name: string, codeId: string | null): Promise<void> {
    try {
      const answer = codeId
        ? await sendMessage('linkRow', { adAccountId: account, rowName: name, codeId })
        : await sendMessage('unlinkRow', { adAccountId: account, rowName: name });
      state.error = answer.ok ? null : answer.message;
      await ctx.refreshLedger(true);
    } catch (error) {
      state.error = 'Spark Guard could not save that link. Reload the page and try again.';
      ctx.warn('could not save a row link', error);
    }
    if (state.row.notDelivering && state.marked.isConnected) drawBadges([state]);
  }

  function apply(listState: ListState, rows: readonly StatusRow[], complete: boolean): void {
    const seen = new Set<Element>();
    // A row seen for the first time can only carry a mark someone else left (a copied row, an earlier
    // run of the extension). One look for any mark in the list spares a DOM call per row on a first
    // read; once the list holds marks, only the new rows themselves are looked at.
    let marksInList: boolean | undefined;
    const carriesMark = (target: Element): boolean =>
      (marksInList ??= deepQueryAny(listState.list.element, `[${FLAG_ATTRIBUTE}]`)) && target.hasAttribute(FLAG_ATTRIBUTE);
    for (const row of rows) {
      const target = markTarget(row);
      seen.add(target);
      listState.spread?.seen.add(target);
      let state = listState.rows.get(target);
      const known = !!state;
      if (!state) {
        state = { row, marked: target, flagged: false, badge: null, shownKey: '', error: null };
        listState.rows.set(target, state);
      }
      state.row = row;
      if (row.notDelivering) {
        if (state.marked.getAttribute(FLAG_ATTRIBUTE) !== FLAG_VALUE) state.marked.setAttribute(FLAG_ATTRIBUTE, FLAG_VALUE);
        state.flagged = true;
        if (state.badge) redraw.add(state);
        else if (!waiting.has(target)) fresh.add(state);
      } else if (known ? state.flagged || state.badge : carriesMark(target)) {
        unmark(state);
      }
    }
    if (complete) settle(listState, seen, marksInList);
  }

  /**
   * After a full read, which is the truth: rows it did not return (`seen`) are not Not delivering (a long
   * list's reading leaves out rows that cannot say it), or no longer rows of this list.
   */
  function settle(listState: ListState, seen: ReadonlySet<Element>, marksInList?: boolean): void {
    for (const [target, state] of [...listState.rows]) {
      if (seen.has(target)) continue;
      unmark(state);
      listState.rows.delete(target);
    }
    // Marks the page carries from elsewhere (a copied row, an earlier run) on rows the reading left out.
    if (marksInList ?? deepQueryAny(listState.list.element, `[${FLAG_ATTRIBUTE}]`)) {
      for (const el of deepQueryAll(listState.list.element, `[${FLAG_ATTRIBUTE}]`)) {
        if (!listState.rows.get(el)?.flagged) el.removeAttribute(FLAG_ATTRIBUTE);
      }
    }
  }

  /** Stops a first reading spread over idle time. */
  function stopSpread(listState: ListState): void {
    if (listState.spread?.handle != null) window.cancelIdleCallback(listState.spread.handle);
    listState.spread = null;
  }

  /**
   * Reads a list that was too long to read at once, a slice of rows at a time in the page's idle time
   * (or after a short wait on a page never idle), then settles it as a full read. Rows changed meanwhile
   * are read by the passes as usual and count as read.
   */
  function spreadReading(listState: ListState): void {
    stopSpread(listState);
    const spread = { rows: listRowElements(listState.list), next: 0, seen: new Set<Element>(), handle: null as number | null };
    listState.spread = spread;
    const readSlices = (deadline: IdleDeadline): void => {
      do {
        const rows = spread.rows.slice(spread.next, spread.next + SLICE_ROWS);
        spread.next += rows.length;
        apply(listState, readRowElements(listState.list, rows, READ), false);
      } while (spread.next < spread.rows.length && deadline.timeRemaining() > SLICE_MS);
      if (spread.next < spread.rows.length) {
        spread.handle = window.requestIdleCallback(slice, { timeout: 100 });
      } else {
        listState.spread = null;
        settle(listState, spread.seen);
        reportCounts();
      }
      flushBadges();
    };
    const slice = (deadline: IdleDeadline): void => {
      spread.handle = null;
      if (listState.spread !== spread || lists.get(listState.list.element) !== listState) return;
      // The watcher's roots stand in for the page's, as in a pass: settling looks for marks in every
      // tree of the list, and without them each look would visit every element of the page.
      withKnownShadowRoots(knownRoots?.(), () => readSlices(deadline));
    };
    spread.handle = window.requestIdleCallback(slice, { timeout: 100 });
  }

  function track(list: StatusList): void {
    const existing = lists.get(list.element);
    const state: ListState = existing ?? { list, rows: new Map(), spread: null };
    state.list = list;
    lists.set(list.element, state);
    if (list.unread) spreadReading(state);
    else {
      stopSpread(state);
      apply(state, list.rows, true);
    }
  }

  function dropList(element: Element): void {
    const state = lists.get(element);
    if (!state) return;
    stopSpread(state);
    for (const row of state.rows.values()) unmark(row);
    lists.delete(element);
  }

  /** Lists and rows that left the page with `removed` are forgotten (their marks left with them). */
  function forgetRemoved(removed: ReadonlySet<Node>): void {
    for (const element of [...lists.keys()]) if (!element.isConnected) dropList(element);
    // Marks sit on rows and cells. Removed text, or elements with nothing below them (a status cell's
    // old content), can only be a marked element themselves: no need to check every row of a long list.
    const deep = [...removed].some((n) => n.nodeType === 1 && ((n as Element).firstElementChild || (n as Element).shadowRoot));
    for (const state of lists.values()) {
      const gone = deep
        ? [...state.rows.keys()].filter((target) => !target.isConnected)
        : [...removed].filter((n): n is Element => state.rows.has(n as Element) && !n.isConnected);
      for (const target of gone) {
        state.rows.get(target)?.badge?.host.remove();
        state.rows.delete(target);
        stopWaiting(target);
      }
    }
    // Rows below the ones that left move up, maybe near the screen. (Rows that were never flagged are
    // not tracked, so any removal of whole rows or boxes counts, not only that of tracked rows.)
    if (deep) measureWaitingSoon();
  }

  /**
   * The tracked list `node` sits in, or null. `memo` holds the answers of one pass: a pass brings many
   * nodes of the same rows and cells, and each ancestor is then climbed through once.
   */
  function listAround(node: Node, memo?: Map<Node, Element | null>): Element | null {
    const climbed: Node[] = [];
    let found: Element | null = null;
    for (let el: Node | null = node; el; el = composedParent(el)) {
      const known = memo?.get(el);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (lists.has(el as Element)) {
        found = el as Element;
        break;
      }
      climbed.push(el);
    }
    if (memo) for (const el of climbed) memo.set(el, found);
    return found;
  }

  function pass(batch: Batch): void {
    knownRoots = batch.shadowRoots;
    const discovered: StatusList[] = [];
    if (batch.full) {
      discovered.push(...findStatusLists(ctx.doc, FIRST_READ));
      for (const element of [...lists.keys()]) if (!discovered.some((l) => l.element === element)) dropList(element);
    } else {
      if (batch.removed) forgetRemoved(batch.removedNodes);
      const perList = new Map<Element, Set<Node>>();
      const recheck = new Set<Element>();
      const around = new Map<Node, Element | null>();
      const visit = (node: Node): void => {
        const list = listAround(node, around);
        if (!list) {
          if (batch.added.has(node) && holdsHeader(node)) discovered.push(...findStatusLists(node as Element, FIRST_READ));
          return;
        }
        // A change on a box of rows (rows appended to a body, a class on the grid) is not a change of
        // every row in it: added rows come as added nodes, removed ones take their marks with them.
        if (!batch.added.has(node) && !composedClosest(node, ROW_OR_CELL, list) && !readsByLayout(lists.get(list)!.list)) return;
        const nodes = perList.get(list);
        if (nodes) nodes.add(node);
        else perList.set(list, new Set([node]));
      };
      batch.added.forEach(visit);
      batch.changed.forEach(visit);
      batch.restyled.forEach(visit);
      for (const root of batch.newShadowRoots) {
        if (!listAround(root.host, around) && holdsHeader(root)) discovered.push(...findStatusLists(root.host, FIRST_READ));
      }
      for (const el of batch.restyled) {
        for (const element of lists.keys()) if (el !== element && composedContains(el, element)) recheck.add(element);
        if (el.localName !== 'html' && el.localName !== 'body' && !listAround(el, around)) discovered.push(...findStatusLists(el, FIRST_READ));
      }
      for (const element of recheck) {
        if (!isVisible(element)) dropList(element);
      }
      for (const [element, nodes] of perList) {
        const state = lists.get(element);
        if (!state) continue;
        if ([...nodes].some((node) => holdsHeader(node, false))) {
          // Columns changed (added, moved): read the list again from its header.
          const again = findStatusLists(element, FIRST_READ).find((l) => l.element === element);
          if (again) track(again);
          else dropList(element);
          continue;
        }
        apply(state, readRowsAt(state.list, nodes, READ), false);
      }
    }
    for (const list of discovered) {
      if (lists.has(list.element) && !batch.full) continue;
      track(list);
    }
    flushBadges();
    if (discovered.length || batch.full) reportLayout();
    reportCounts();
    if (lists.size) void ctx.refreshLedger();
  }

  function reportLayout(): void {
    const problems = [...lists.values()].map((s) => s.list.problem).filter((p): p is string => !!p);
    if (!lists.size) return;
    ctx.reportProblems('list', problems.map(layoutWords));
  }

  function reportCounts(): void {
    const account = ctx.page.adAccountId;
    if (!account || !lists.size) return;
    const wait = lastScanAt + SCAN_REPORT_MS - ctx.now();
    if (wait > 0) {
      scanTimer ??= window.setTimeout(() => {
        scanTimer = null;
        reportCounts();
      }, wait);
      return;
    }
    let rowsRead = 0;
    let notDelivering = 0;
    for (const state of lists.values()) {
      // Outside a pass (from the timer) the watcher's roots stand in, as they do during a pass.
      rowsRead += withKnownShadowRoots(knownRoots?.(), () => countRows(state.list));
      for (const row of state.rows.values()) if (row.row.notDelivering) notDelivering += 1;
    }
    const key = `${ctx.page.url}|${notDelivering}|${rowsRead}`;
    if (key === lastScan) return;
    lastScan = key;
    lastScanAt = ctx.now();
    void sendMessage('reportListScan', {
      adAccountId: account,
      pageKind: ctx.page.kind,
      url: ctx.page.url,
      notDelivering,
      rowsRead,
      seenAt: ctx.now(),
    }).catch((error: unknown) => ctx.warn('could not report the not-delivering count', error));
  }

  function cancelReport(): void {
    if (scanTimer !== null) window.clearTimeout(scanTimer);
    scanTimer = null;
    lastScan = '';
    lastScanAt = 0;
  }

  return {
    pass,
    ledgerChanged() {
      for (const state of lists.values()) for (const row of state.rows.values()) if (row.badge) redraw.add(row);
      flushBadges();
    },
    navigated() {
      for (const element of [...lists.keys()]) dropList(element);
      cancelReport();
    },
    stop() {
      for (const element of [...lists.keys()]) dropList(element);
      cancelReport();
      nearScreen.disconnect();
      window.removeEventListener('scroll', measureWaitingSoon, listenOptions);
      window.removeEventListener('resize', measureWaitingSoon, listenOptions);
      if (measureTimer !== null) window.clearTimeout(measureTimer);
    },
  };
}
