import { launchButtonIn } from '../../../lib/ads-manager/launch-button';
import { h } from '../../../lib/dom/h';
import type { Batch } from '../../../lib/dom/watch';
import type { Check, CheckState } from '../../../lib/domain/preview-check';
import type { Feature, OverlayContext } from '../overlay-context';
import { createHost, fromOwnUi, type Mounted } from '../ui';

/**
 * The launch guard: while a checklist on the page says "fail" or "can't tell", a click on the page's
 * Publish / Submit / Launch button first asks the buyer, and says why. The buyer can still go ahead:
 * "Publish anyway" lets that one click through. The listener runs in the capture phase on the
 * document and reads the event's composed path, so buttons inside shadow roots are caught too.
 */

const CSS = `
.backdrop { position: fixed; inset: 0; z-index: 2147483647; display: grid; place-items: center;
  background: rgb(0 0 0 / 45%); }
.dialog { width: min(460px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; padding: 18px 20px;
  border-radius: 12px; background: var(--sg-bg); color: var(--sg-fg); box-shadow: 0 12px 40px rgb(0 0 0 / 35%); }
h2 { margin: 0 0 8px; font-size: 16px; }
p { margin: 0 0 8px; }
ul { margin: 0 0 12px; padding-left: 18px; }
li { margin: 4px 0; }
li strong { display: block; }
.fail { color: var(--sg-fail); }
.actions { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
button { padding: 7px 14px; border-radius: 8px; border: 1px solid var(--sg-border); background: var(--sg-bg); cursor: pointer; }
button.primary { background: var(--sg-focus); border-color: var(--sg-focus); color: var(--sg-bg); font-weight: 600; }
`;

export interface GuardSource {
  current(): { verdict: CheckState; checks: Check[] }[];
}

function worst(lists: { verdict: CheckState }[]): CheckState | null {
  if (!lists.length) return null;
  if (lists.some((l) => l.verdict === 'fail')) return 'fail';
  if (lists.some((l) => l.verdict === 'unknown')) return 'unknown';
  return 'pass';
}

export function createLaunchGuard(ctx: OverlayContext, source: GuardSource, listen: (type: 'click', handler: (e: MouseEvent) => void) => void): Feature {
  let open: { ui: Mounted; restore: Element | null; onKey: (e: KeyboardEvent) => void } | null = null;
  /** The button the buyer chose to publish anyway: its next click goes through untouched. */
  let letThrough: Element | null = null;

  function close(): void {
    if (!open) return;
    const { ui, restore, onKey } = open;
    open = null;
    ctx.doc.removeEventListener('keydown', onKey, true);
    ui.host.remove();
    (restore as HTMLElement | null)?.focus?.();
  }

  function ask(button: Element, origin: EventTarget, verdict: CheckState, checks: Check[]): void {
    close();
    const ui = createHost('launch-guard', CSS);
    const problems = checks.filter((c) => c.state !== 'pass');
    const back = h('button', { type: 'button', class: 'primary', 'data-action': 'back' }, 'Go back and fix');
    const anyway = h('button', { type: 'button', 'data-action': 'anyway' }, 'Publish anyway');
    const dialog = h(
      'div',
      { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sg-title', 'aria-describedby': 'sg-why' },
      h('h2', { id: 'sg-title' }, verdict === 'fail' ? 'This Spark Ad is not ready to launch' : "Spark Guard can't confirm this ad"),
      h(
        'p',
        { id: 'sg-why' },
        verdict === 'fail'
          ? 'The ad preview shows problems that usually mean the ad runs without the creator, or stops soon:'
          : "Spark Guard couldn't read everything in the ad preview. Check these by eye before you publish:",
      ),
      h(
        'ul',
        null,
        problems.map((c) => h('li', null, h('strong', { class: c.state === 'fail' ? 'fail' : null }, c.title), c.advice)),
      ),
      h('div', { class: 'actions' }, anyway, back),
    );
    ui.root.append(h('div', { class: 'backdrop' }, dialog));
    // Clicks inside our dialog stay ours: the page never sees them.
    ui.host.addEventListener('click', (e) => e.stopPropagation());
    back.addEventListener('click', close);
    anyway.addEventListener('click', () => {
      close();
      letThrough = button;
      // Sent again to where the buyer clicked, so handlers inside a button's shadow root get it too.
      origin.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: ctx.doc.defaultView }));
      letThrough = null;
    });
    const focusable = [anyway, back];
    const onKey = (e: KeyboardEvent) => {
      if (!open) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close();
      } else if (e.key === 'Tab') {
        // Focus stays in the dialog while it is open.
        e.preventDefault();
        e.stopPropagation();
        const at = focusable.indexOf(ui.root.activeElement as HTMLButtonElement);
        const next = (at + (e.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
        focusable[at === -1 ? focusable.length - 1 : next]!.focus();
      }
    };
    open = { ui, restore: button, onKey };
    ctx.doc.addEventListener('keydown', onKey, true);
    ctx.doc.documentElement.append(ui.host);
    back.focus();
  }

  listen('click', (event) => {
    try {
      if (fromOwnUi(event)) return;
      const path = event.composedPath();
      const button = launchButtonIn(path);
      if (!button) return;
      if (letThrough === button) {
        letThrough = null;
        return;
      }
      const lists = source.current();
      const verdict = worst(lists);
      if (verdict === null || verdict === 'pass') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      ask(button, path[0] ?? button, verdict, lists.flatMap((l) => l.checks));
    } catch (error) {
      ctx.warn('the launch guard failed; the click went through', error);
    }
  });

  return {
    pass(_batch: Batch) {},
    navigated: close,
    stop: close,
  };
}
