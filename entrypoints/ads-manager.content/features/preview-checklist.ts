import { composedContains, composedParent, isVisible } from '../../../lib/ads-manager/composed';
import { findPreviews, PREVIEW_PROBLEMS, readIdentity, readPreview } from '../../../lib/ads-manager/read-preview';
import { mayShowPreview } from '../../../lib/ads-manager/preview-hint';
import { HEADING, NOT_PREVIEW_CONTENT } from '../../../lib/ads-manager/selectors';
import type { IdentityReading, PreviewReading } from '../../../lib/ads-manager/types';
import { h, replaceChildren } from '../../../lib/dom/h';
import type { Batch } from '../../../lib/dom/watch';
import { DEFAULT_REMINDER_SETTINGS } from '../../../lib/domain/expiry';
import { evaluateChecklist, ledgerContextFor, usernameWithoutAt, type Check, type Checklist, type CheckState } from '../../../lib/domain/preview-check';
import type { Feature, OverlayContext } from '../overlay-context';
import { createHost, type Mounted } from '../ui';

/**
 * The pre-launch checklist: one per visible ad preview, in a shadow root right after the preview.
 * Marks (PAGE_MARKS.md): root `data-spark-guard="preview-checklist"` + `data-verdict`; one
 * `data-check` + `data-state` element per check. Re-read only when the preview (or what shows it)
 * changed; removed with the preview.
 */

const CSS = `
.panel { margin: 8px 0; border: 1px solid var(--sg-border); border-left-width: 4px; border-radius: 8px;
  background: var(--sg-bg); color: var(--sg-fg); max-width: 480px; }
.panel[data-verdict="fail"] { border-left-color: var(--sg-fail); }
.panel[data-verdict="pass"] { border-left-color: var(--sg-pass); }
.panel[data-verdict="unknown"] { border-left-color: var(--sg-unknown); }
.toggle { display: flex; width: 100%; gap: 8px; align-items: center; padding: 8px 10px; border: 0; background: none;
  text-align: left; cursor: pointer; font-weight: 600; }
.toggle::after { content: "▾"; margin-left: auto; }
.toggle[aria-expanded="false"]::after { content: "▸"; }
ul { list-style: none; margin: 0; padding: 0 10px 8px; }
li { display: grid; grid-template-columns: 1.4em 1fr; gap: 2px 6px; padding: 6px 0; border-top: 1px solid var(--sg-border); }
.icon { font-weight: 700; text-align: center; border-radius: 50%; }
li[data-state="pass"] .icon { color: var(--sg-pass); }
li[data-state="fail"] .icon { color: var(--sg-fail); }
li[data-state="unknown"] .icon { color: var(--sg-unknown); }
li.warn .icon { color: var(--sg-warn); }
.title { font-weight: 600; overflow-wrap: anywhere; }
.advice { grid-column: 2; margin: 0; color: var(--sg-muted); overflow-wrap: anywhere; }
.brand { font-weight: 400; color: var(--sg-muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const ICON: Record<CheckState, string> = { pass: '✓', fail: '✕', unknown: '?' };
const STATE_WORDS: Record<CheckState, string> = { pass: 'OK', fail: 'Problem', unknown: "Can't tell" };

function summary(list: Checklist): string {
  const failing = list.checks.filter((c) => c.state === 'fail').length;
  if (list.verdict === 'fail') return `${failing} ${failing === 1 ? 'problem' : 'problems'} to fix before launch`;
  if (list.verdict === 'unknown') return "Can't confirm this ad yet: check by eye";
  return list.checks.some((c) => c.warn) ? 'Ready to launch, with a note' : 'Ready to launch';
}

interface Tracked {
  preview: Element;
  ui: Mounted;
  panel: HTMLElement;
  reading: PreviewReading;
  checklist: Checklist | null;
  shownKey: string;
  /** The buyer's choice; until then the panel opens for anything but a clean pass. */
  expanded: boolean | null;
}

/**
 * A preview is labelled, titled, or shows pictures (see findPreviews): added content with none of these
 * cannot hold one, and neither can anything added inside a list (rows appended, cells redrawn). Neither
 * is searched, so a long list that keeps changing costs one `closest` per added node.
 */
const MAY_HOLD = `[aria-label], [aria-labelledby], ${HEADING}, video, canvas, img, [role="img"]`;
function mayHoldPreview(node: Element | ShadowRoot): boolean {
  if ('matches' in node) {
    if (node.closest(NOT_PREVIEW_CONTENT)) return false;
    if (node.matches(MAY_HOLD)) return true;
  }
  return node.querySelector(MAY_HOLD) !== null || /sponsored|preview/i.test(node.textContent ?? '');
}

/** How far above an added node a preview is looked for: the part added may complete a mock already there. */
const SEARCH_UP = 3;
const HOLDS_LIST = 'table, [role="grid"], [role="table"]';

/** Where to look for a preview around an added node: a few boxes up, never the page or a box holding a list. */
function searchRootFor(node: Element): Element {
  let root = node;
  for (let step = 0; step < SEARCH_UP; step++) {
    const up = composedParent(root);
    if (!up || up.localName === 'body' || up.localName === 'html' || up.matches(HOLDS_LIST) || up.querySelector(HOLDS_LIST)) break;
    root = up;
  }
  return root;
}

const IDENTITY_RECHECK_MS = 500;

/** Layout-health wording for a preview part the reader could not find. */
function problemWords(problem: string): string | null {
  if (problem === PREVIEW_PROBLEMS.identity || problem === PREVIEW_PROBLEMS.notRendered) return null;
  if (problem === PREVIEW_PROBLEMS.whole) return "couldn't read the ad preview";
  return `couldn't find ${problem} in the ad preview`;
}

export interface PreviewChecklistFeature extends Feature {
  /** The checklists on screen now (for the launch guard). */
  current(): { verdict: CheckState; checks: Check[] }[];
}

export function createPreviewChecklist(ctx: OverlayContext): PreviewChecklistFeature {
  const tracked = new Map<Element, Tracked>();

  function drop(preview: Element): void {
    tracked.get(preview)?.ui.host.remove();
    tracked.delete(preview);
  }

  /**
   * A preview that is itself out of the page's flow (a fixed side drawer, an absolutely placed panel, a
   * <dialog>), or a column of a grid or flex row, holds its checklist at its end: put after it, the
   * checklist would land somewhere else on the page, behind a modal's backdrop, or in another column.
   */
  function holdsItsChecklist(preview: Element): boolean {
    if (preview.localName === 'dialog') return true;
    const view = preview.ownerDocument.defaultView;
    const style = view?.getComputedStyle(preview);
    if (!style) return false;
    if (style.position === 'fixed' || style.position === 'absolute') return true;
    // In a grid, or a flex row, a box put after the preview becomes a cell of its own, often in another
    // column: a preview that does not clip what it holds takes the checklist at its end instead.
    const parent = composedParent(preview);
    const around = parent ? view!.getComputedStyle(parent) : null;
    const sideBySide = !!around && (/grid/.test(around.display) || (/flex/.test(around.display) && !around.flexDirection.startsWith('column')));
    return sideBySide && style.overflowX === 'visible' && style.overflowY === 'visible';
  }

  function place(t: Tracked): void {
    // Right after the preview, in the same tree: it flows with the page and covers none of its controls.
    // Every pass places every checklist: one already in its place costs no style read.
    const host = t.ui.host;
    if (host.isConnected && (host.previousSibling === t.preview || (host.parentNode === t.preview && host === t.preview.lastChild))) return;
    if (holdsItsChecklist(t.preview)) t.preview.append(host);
    else t.preview.after(host);
  }

  function create(preview: Element, reading: PreviewReading): Tracked {
    const ui = createHost('preview-checklist', CSS);
    const panel = h('section', { 'data-spark-guard': 'preview-checklist', class: 'panel', 'aria-label': 'Spark Guard pre-launch checklist' });
    ui.root.append(panel);
    const t: Tracked = { preview, ui, panel, reading, checklist: null, shownKey: '', expanded: null };
    tracked.set(preview, t);
    return t;
  }

  function judge(t: Tracked): void {
    const ledger = ctx.ledger;
    const context = ledger
      ? ledgerContextFor(ledger.codes, { postId: t.reading.postId, handle: t.reading.handle ?? usernameWithoutAt(t.reading.displayName), adAccountId: ctx.page.adAccountId })
      : null;
    t.checklist = evaluateChecklist(t.reading, context, ctx.now(), ledger?.settings ?? DEFAULT_REMINDER_SETTINGS);
    render(t);
  }

  function render(t: Tracked): void {
    const list = t.checklist!;
    const expanded = t.expanded ?? list.verdict !== 'pass';
    const key = JSON.stringify([list, expanded]);
    place(t);
    if (key === t.shownKey) return;
    t.shownKey = key;
    t.panel.setAttribute('data-verdict', list.verdict);
    const listId = 'checks';
    const toggle = h(
      'button',
      { type: 'button', class: 'toggle', 'aria-expanded': String(expanded), 'aria-controls': listId },
      h('span', null, 'Spark Guard ', h('span', { class: 'brand' }, '· '), summary(list)),
    );
    toggle.addEventListener('click', () => {
      t.expanded = !expanded;
      render(t);
      t.ui.root.querySelector<HTMLButtonElement>('.toggle')?.focus();
    });
    const items = list.checks.map((c) =>
      h(
        'li',
        { 'data-check': c.name, 'data-state': c.state, class: c.warn ? 'warn' : null },
        h('span', { class: 'icon', 'aria-hidden': 'true' }, c.warn ? '!' : ICON[c.state]),
        h('span', { class: 'title' }, h('span', { class: 'sr' }, `${c.warn ? 'Note' : STATE_WORDS[c.state]}: `), c.title),
        h('p', { class: 'advice' }, c.advice),
      ),
    );
    replaceChildren(t.panel, toggle, h('ul', { id: listId, hidden: !expanded, 'aria-label': 'Checks' }, items));
  }

  function reportLayout(): void {
    const problems: string[] = [];
    let readable = false;
    for (const t of tracked.values()) {
      if (!t.reading.rendered) continue;
      readable = true;
      for (const p of t.reading.problems) {
        const words = problemWords(p);
        if (words) problems.push(words);
      }
    }
    // Nothing rendered yet proves nothing either way.
    if (readable) ctx.reportProblems('preview', problems);
  }

  /** The tracked preview `node` sits in, walking up the composed tree once. */
  function trackedAround(node: Node): Element | null {
    if (tracked.size === 0) return null;
    let el: Node | null = node;
    while (el) {
      if (tracked.has(el as Element)) return el as Element;
      el = composedParent(el);
    }
    return null;
  }

  // The identity is picked in the form, outside the preview. Ads Manager re-renders the preview when it
  // changes, but in case it does not, changes elsewhere on a page with a preview re-read the identity,
  // at most twice a second (reading the form is a walk over the whole page).
  let identityTimer: number | null = null;
  function recheckIdentity(): void {
    cancelIdentityCheck();
    try {
      const identity = readIdentity(ctx.doc);
      for (const t of tracked.values()) {
        if (JSON.stringify(t.reading.identity) === JSON.stringify(identity)) continue;
        t.reading = { ...t.reading, identity };
        judge(t);
      }
    } catch (error) {
      ctx.warn('could not re-read the identity', error);
    }
  }
  function recheckIdentitySoon(): void {
    identityTimer ??= window.setTimeout(recheckIdentity, IDENTITY_RECHECK_MS);
  }
  function cancelIdentityCheck(): void {
    if (identityTimer !== null) window.clearTimeout(identityTimer);
    identityTimer = null;
  }

  function pass(batch: Batch): void {
    const toRead = new Set<Element>();
    const found: Element[] = [];
    if (batch.full) {
      if (mayShowPreview(ctx.doc, batch.shadowRoots())) found.push(...findPreviews(ctx.doc));
      for (const preview of [...tracked.keys()]) if (!found.includes(preview)) drop(preview);
    } else {
      if (batch.removed) for (const preview of [...tracked.keys()]) if (!preview.isConnected) drop(preview);
      const searched = new Set<Element>();
      const search = (el: Element): void => {
        const root = searchRootFor(el);
        if (searched.has(root)) return;
        searched.add(root);
        found.push(...findPreviews(root));
      };
      for (const node of [...batch.added, ...batch.changed, ...batch.restyled]) {
        const around = trackedAround(node);
        if (around) toRead.add(around);
        else if (batch.added.has(node) && mayHoldPreview(node as Element)) search(node as Element);
      }
      for (const root of batch.newShadowRoots) {
        if (!trackedAround(root.host) && mayHoldPreview(root)) search(root.host);
      }
      for (const el of batch.restyled) {
        // Shown or hidden from above: tracked previews below may have come or gone, hidden copies may show.
        for (const preview of tracked.keys()) if (composedContains(el, preview)) toRead.add(preview);
        if (el.localName !== 'html' && el.localName !== 'body' && !trackedAround(el) && mayHoldPreview(el)) {
          found.push(...findPreviews(el));
        }
      }
      if (tracked.size && [...batch.added, ...batch.changed, ...batch.restyled].some((node) => !trackedAround(node))) {
        recheckIdentitySoon();
      }
    }
    for (const preview of found) {
      // A preview inside (or around) one already checked is the same preview: keep one checklist.
      if (trackedAround(preview)) continue;
      for (const other of [...tracked.keys()]) if (composedContains(preview, other)) drop(other);
      toRead.add(preview);
    }
    if (toRead.size === 0) {
      for (const t of tracked.values()) place(t);
      return;
    }
    let identity: IdentityReading | undefined;
    for (const preview of toRead) {
      if (!preview.isConnected || !isVisible(preview)) {
        drop(preview);
        continue;
      }
      identity ??= readIdentity(ctx.doc);
      const reading = readPreview(preview, { identity, root: ctx.doc });
      const t = tracked.get(preview) ?? create(preview, reading);
      t.reading = reading;
      judge(t);
    }
    for (const t of tracked.values()) place(t);
    reportLayout();
    if (tracked.size) void ctx.refreshLedger();
  }

  return {
    pass,
    ledgerChanged() {
      for (const t of tracked.values()) judge(t);
    },
    navigated() {
      cancelIdentityCheck();
      for (const preview of [...tracked.keys()]) drop(preview);
    },
    current() {
      // Asked at a click on Publish: an identity change still waiting to be read is read now.
      if (identityTimer !== null) recheckIdentity();
      return [...tracked.values()]
        .filter((t) => t.checklist && t.preview.isConnected)
        .map((t) => ({ verdict: t.checklist!.verdict, checks: t.checklist!.checks }));
    },
    stop() {
      cancelIdentityCheck();
      for (const preview of [...tracked.keys()]) drop(preview);
    },
  };
}
