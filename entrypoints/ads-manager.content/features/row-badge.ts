import { composedContains } from '../../../lib/ads-manager/composed';
import type { StatusRow } from '../../../lib/ads-manager/types';
import { h, replaceChildren, type Child } from '../../../lib/dom/h';
import type { RowAdvice } from '../../../lib/domain/row-advice';
import { createHost, hostStyle, type Mounted } from '../ui';

/**
 * The badge on a not-delivering row: a small pill right after the row's status text that says in a word
 * or two why ("Code expired"), and a card that opens from it on hover, keyboard focus or a click with
 * the whole sentence and, where it applies, the way to link the row to a code.
 *
 * The pill takes no room in the page's layout: it is drawn where the status line ends and never
 * changes a row's height or a column's width, so rows do not jump under the buyer's pointer as badges
 * appear, and a long table is not laid out again for each one. The card opens in the top layer, where
 * the list's clipping and stacking cannot hide it.
 */

export interface BadgeContent {
  tone: RowAdvice['tone'];
  label: string;
  /** The card's sentence: why, and what to do. */
  text: string;
  /** Controls under the sentence (link, unlink), made when the card is first shown: most cards never are. */
  actions: () => Child[];
  error: string | null;
}

/** Where a badge goes: in `parent` before `before`, laid out as `fit` (see setFit). */
export interface BadgeSpot {
  parent: Node;
  before: Node | null;
  fit: 'inline' | 'item';
}

export interface RowBadge {
  host: HTMLElement;
  place(spot: BadgeSpot): void;
  show(content: BadgeContent): void;
}

/**
 * Where a row's badge goes: right after its visible status line, or at the end of its status cell when
 * that line's end is not known. Reads the page and changes nothing, so many spots can be read before
 * any badge goes in.
 */
export function badgeSpot(row: StatusRow): BadgeSpot {
  const end = row.statusEnd;
  const after = end?.parentNode && composedContains(row.statusElement, end) ? end : null;
  const parent = after?.parentNode ?? row.statusElement;
  const box = parent.nodeType === 11 ? (parent as ShadowRoot).host : (parent as Element);
  return {
    parent,
    before: after ? after.nextSibling : null,
    fit: /flex|grid/.test(getComputedStyle(box).display) ? 'item' : 'inline',
  };
}

/** Events a badge keeps to itself: it sits inside the page's row, and must not open or select the row. */
const KEPT_EVENTS = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'dblclick'];
const stopPropagation = (event: Event): void => event.stopPropagation();

/** A pointer resting on the pill this long opens the card; leaving both for this long closes it. */
const HOVER_OPEN_MS = 150;
const HOVER_CLOSE_MS = 300;
/** Space kept between the card and the pill, and the card and the window's edges. */
const GAP_PX = 6;
const EDGE_PX = 8;

const CSS = `
:host([data-fit="item"]) .pill { position: absolute; left: 6px; top: 50%; transform: translateY(-50%); }
.pill { display: inline-flex; align-items: center; gap: 4px; max-width: 13em; padding: 0 7px 0 2px;
  border: 1px solid transparent; border-radius: 999px; font: 600 11px/14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: var(--sg-fail-bg); color: var(--sg-fail); cursor: pointer; vertical-align: baseline; }
.pill:hover, .pill[aria-expanded="true"] { border-color: currentColor; }
/* The pill sits on Ads Manager's own background, not on one of ours: its focus ring is dark blue with
   a white gap, which shows on a light page and a dark one alike, whatever the buyer's theme. */
.pill:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; box-shadow: 0 0 0 2px #ffffff; }
.pill.warn { background: var(--sg-warn-bg); color: var(--sg-warn); }
.pill.info { background: var(--sg-unknown-bg); color: var(--sg-unknown); }
.mark { display: inline-grid; place-items: center; width: 12px; height: 12px; border-radius: 50%; flex: none;
  background: currentColor; }
.mark::before { content: "!"; color: var(--sg-bg); font-size: 9px; line-height: 1; }
.pill.info .mark::before { content: "i"; }
.label { overflow: hidden; text-overflow: ellipsis; }
.card { position: fixed; inset: auto; margin: 0; box-sizing: border-box; width: max-content; max-width: min(24rem, calc(100vw - ${2 * EDGE_PX}px));
  padding: 10px 12px; border: 1px solid var(--sg-border); border-radius: 8px; background: var(--sg-bg); color: var(--sg-fg);
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.22); font-size: 13px; line-height: 1.4; white-space: normal; overflow-wrap: anywhere; }
.card p { margin: 0; }
.card .status { font-weight: 700; color: var(--sg-fail); margin-bottom: 2px; }
.card.warn .status { color: var(--sg-warn); }
.card.info .status { color: var(--sg-unknown); }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; }
.actions:empty { display: none; }
label { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; }
select, button.action { font-size: 12px; padding: 2px 6px; border: 1px solid var(--sg-border); border-radius: 4px; background: var(--sg-bg); }
button.link { border: 0; padding: 0; background: none; text-decoration: underline; color: var(--sg-focus); cursor: pointer; }
.error { color: var(--sg-fail); margin-top: 6px; }
`;

let lastId = 0;

export function createRowBadge(): RowBadge {
  const { host, root }: Mounted = createHost('not-delivering-badge', CSS, 'inline-block');
  for (const type of KEPT_EVENTS) host.addEventListener(type, stopPropagation);

  const id = `sg-card-${++lastId}`;
  const label = h('span', { class: 'label' });
  // The card's sentence, kept beside the pill too: it describes the pill before any card is made.
  const description = h('span', { id: `${id}-text`, hidden: true });
  const pill = h(
    'button',
    { type: 'button', class: 'pill', 'aria-expanded': 'false', 'aria-haspopup': 'dialog', 'aria-describedby': `${id}-text` },
    h('span', { class: 'mark', 'aria-hidden': 'true' }),
    label,
  );
  root.append(pill, description);

  /** What the badge says now; the card is made from it when first opened. */
  let content: BadgeContent | null = null;

  interface Card {
    element: HTMLElement;
    heading: HTMLElement;
    sentence: HTMLElement;
    actions: HTMLElement;
    error: HTMLElement;
  }
  let card: Card | null = null;

  /** The card, made on first use: a long list draws many pills, and only a few are ever opened. */
  function ensureCard(): Card {
    if (card) return card;
    const made: Card = {
      element: h('div', { id, class: 'card', popover: 'auto', role: 'dialog', 'aria-label': 'Why this row is not delivering' }),
      heading: h('p', { class: 'status' }),
      sentence: h('p'),
      actions: h('div', { class: 'actions' }),
      error: h('p', { class: 'error', role: 'alert' }),
    };
    made.element.append(made.heading, made.sentence, made.actions, made.error);
    made.element.addEventListener('toggle', onToggle);
    root.append(made.element);
    pill.setAttribute('aria-controls', id);
    card = made;
    if (content) fill(made, content);
    return made;
  }

  /** Puts `next` into the card; the keyboard stays in the card's controls if it was there. */
  function fill(target: Card, next: BadgeContent): void {
    target.element.setAttribute('class', `card ${next.tone}`);
    target.heading.textContent = next.label;
    target.sentence.textContent = next.text;
    // The buyer was working in the card (linked the row, say): the keyboard stays in it.
    const focusWasInActions = root.activeElement !== null && target.actions.contains(root.activeElement);
    replaceChildren(target.actions, ...next.actions());
    if (focusWasInActions && !root.activeElement) {
      const control = target.actions.querySelector<HTMLElement>('button, select');
      if (control) control.focus();
      else focusPill();
    }
    target.error.textContent = next.error ?? '';
    target.error.hidden = !next.error;
  }

  const isOpen = (): boolean => card?.element.matches(':popover-open') ?? false;
  /** Opened by a click (or a key): stays open until the buyer closes it, whatever the pointer does. */
  let pinned = false;
  let timer: number | null = null;
  const cancel = (): void => {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
  };
  const later = (action: () => void, ms: number): void => {
    cancel();
    timer = window.setTimeout(() => {
      timer = null;
      action();
    }, ms);
  };
  const open = (): void => {
    cancel();
    if (!isOpen() && host.isConnected) ensureCard().element.showPopover();
  };
  const close = (): void => {
    cancel();
    if (isOpen()) card?.element.hidePopover();
  };

  function placeCard(): void {
    if (!card) return;
    if (!pill.isConnected) return close();
    const at = pill.getBoundingClientRect();
    const width = card.element.offsetWidth;
    const height = card.element.offsetHeight;
    const right = document.documentElement.clientWidth - EDGE_PX;
    const bottom = window.innerHeight - EDGE_PX;
    let top = at.bottom + GAP_PX;
    if (top + height > bottom && at.top - GAP_PX - height >= EDGE_PX) top = at.top - GAP_PX - height;
    card.element.style.left = `${Math.max(EDGE_PX, Math.min(at.left, right - width))}px`;
    card.element.style.top = `${Math.max(EDGE_PX, top)}px`;
  }
  let frame: number | null = null;
  const followOptions = { capture: true, passive: true } as const;
  const follow = (): void => {
    frame ??= window.requestAnimationFrame(() => {
      frame = null;
      // A card taken out with its row closes without a toggle event: stop following it here.
      if (isOpen()) placeCard();
      else stopFollowing();
    });
  };
  function stopFollowing(): void {
    window.removeEventListener('scroll', follow, followOptions);
    window.removeEventListener('resize', follow, followOptions);
  }

  function onToggle(event: Event): void {
    const opened = (event as ToggleEvent).newState === 'open';
    pill.setAttribute('aria-expanded', String(opened));
    if (opened) {
      placeCard();
      window.addEventListener('scroll', follow, followOptions);
      window.addEventListener('resize', follow, followOptions);
      return;
    }
    pinned = false;
    stopFollowing();
    // Closed with Escape while working in the card: the keyboard goes back to the pill, not to the page's top.
    if (root.activeElement && root.activeElement !== pill) focusPill();
  }

  pill.addEventListener('click', () => {
    if (!isOpen()) {
      open();
      pinned = true;
    } else if (!pinned) {
      pinned = true;
    } else {
      close();
    }
  });
  host.addEventListener('pointerenter', (event) => {
    if (event.pointerType === 'mouse' && !isOpen()) later(open, HOVER_OPEN_MS);
    else if (isOpen()) cancel();
  });
  host.addEventListener('pointerleave', (event) => {
    if (event.pointerType !== 'mouse') return;
    if (!isOpen()) cancel();
    else if (!pinned && !root.activeElement) later(close, HOVER_CLOSE_MS);
  });
  // The browser's own Escape does not reach the card from every control (a focused select keeps it).
  host.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !isOpen()) return;
    event.preventDefault();
    const inCard = root.activeElement !== pill;
    close();
    if (inCard) focusPill();
  });
  /** Focus put back on the pill as its card closes does not open the card again. */
  let returning = false;
  function focusPill(): void {
    returning = true;
    pill.focus();
    returning = false;
  }
  pill.addEventListener('focus', () => {
    if (!returning && pill.matches(':focus-visible')) open();
  });
  host.addEventListener('focusout', () => {
    // Focus moved: wait until it has landed, then close unless it stayed in the badge or the card.
    window.setTimeout(() => {
      if (!pinned && !root.activeElement) close();
    }, 0);
  });

  let fit: 'inline' | 'item' | null = null;
  function setFit(next: 'inline' | 'item'): void {
    if (next === fit) return;
    fit = next;
    host.setAttribute('data-fit', next);
    // Inline: out of the page's flow, drawn where the status line ends. As a flex or grid item, an
    // out-of-flow box would be drawn at the start of the box instead, so there the host is an empty
    // item after the text and the pill hangs from it; neither takes room.
    const box: Record<string, string> =
      next === 'inline'
        ? { position: 'absolute', width: 'auto', height: 'auto', margin: '0 0 0 6px' }
        : { position: 'relative', width: '0', height: '0', margin: '0', 'align-self': 'center' };
    hostStyle(host, { display: 'inline-block', flex: 'none', 'white-space': 'nowrap', 'line-height': '1', ...box });
  }

  return {
    host,
    place({ parent, before, fit: next }) {
      // Already there (right before `before`, or last in `parent`): moving it would be a change to the page.
      const there = host.parentNode === parent && (before === host || host.nextSibling === before);
      if (!there) parent.insertBefore(host, before);
      setFit(next);
    },
    show(next) {
      content = next;
      pill.setAttribute('class', `pill ${next.tone}`);
      label.textContent = next.label;
      description.textContent = next.text;
      if (card) fill(card, next);
      if (isOpen()) placeCard();
    },
  };
}
