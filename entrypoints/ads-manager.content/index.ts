import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { withKnownShadowRoots } from '../../lib/ads-manager/composed';
import { ADS_MANAGER_MATCHES } from '../../lib/ads-manager/page';
import { watchPage, type Batch } from '../../lib/dom/watch';
import { createLaunchGuard } from './features/launch-guard';
import { createNotDelivering } from './features/not-delivering';
import { createPageLanguage } from './features/page-language';
import { createPreviewChecklist } from './features/preview-checklist';
import { OverlayContext, type Feature } from './overlay-context';
import { followPageTheme, isOwnNode } from './ui';

/**
 * The Ads Manager overlay: wiring only. One watcher per page feeds every feature the changes of one
 * animation frame; features re-read only what those changes touched. Everything is tied to the
 * content script's context, so an extension update or reload leaves nothing running on the page.
 */

/** How long the first pass waits for the ledger, so a checklist does not flip once it arrives. */
const FIRST_LEDGER_WAIT_MS = 1500;

/**
 * Passes start at least this far apart. A page busy for a while (a list streaming in, statuses
 * refreshing) then costs a pass every few frames rather than one per frame, each pass taking all the
 * changes since the last; marks still follow within a tenth of a second, and a quiet page's first
 * change is read in the next frame. The launch guard does not wait: it runs the waiting pass at once.
 */
const PASS_SPACING_MS = 100;

interface NavigationLike extends EventTarget {
  currentEntry: { url: string | null } | null;
}

function guard(where: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    console.warn(`Spark Guard: the ${where} step failed`, error);
  }
}

/**
 * Whether a pass's changes may have changed the page's look (a class on its root or body, a style sheet
 * added): only then is it read again, so a list that keeps changing costs nothing here.
 */
function mayRestylePage(batch: Batch): boolean {
  if (batch.full) return true;
  for (const el of batch.restyled) if (el === document.body || el === document.documentElement) return true;
  for (const node of batch.added) {
    const name = (node as Element).localName;
    if (name === 'style' || name === 'link') return true;
  }
  return false;
}

function start(ctx: ContentScriptContext, overlay: OverlayContext, features: Feature[]): void {
  const checklist = createPreviewChecklist(overlay);
  // A click on Publish is judged on the page as it is at that moment: changes made since the last
  // pass (the same click may have switched the identity) are read first.
  const judgedNow = {
    current() {
      watcher.flush();
      return checklist.current();
    },
  };
  features.push(
    checklist,
    // Before the flags: it reads the page's headers, and reading after the flags' changes would make the
    // browser lay a long list out again.
    createPageLanguage(overlay),
    createNotDelivering(overlay),
    createLaunchGuard(overlay, judgedNow, (type, handler) => ctx.addEventListener(document, type, handler, { capture: true })),
  );

  let lastPassAt = -Infinity;

  const watcher = watchPage({
    doc: document,
    isOwn: isOwnNode,
    nextFrame(callback) {
      // Plain timers, not the context's: those add a listener to the context on every call, and this
      // runs every frame the page changes. The watcher is stopped with the context, and a stopped
      // watcher's callback does nothing.
      // Hidden tabs get no frames; their lists still change, so they get a short timer instead.
      if (document.hidden) {
        window.setTimeout(callback, 200);
        return;
      }
      // Read right after the frame is drawn: layout is fresh then, so reading what is visible costs no
      // extra layout of the page (reading inside the frame callback would force one before the page's own).
      const afterFrame = (): number => window.requestAnimationFrame(() => window.setTimeout(callback, 0));
      const wait = lastPassAt + PASS_SPACING_MS - performance.now();
      if (wait > 0) window.setTimeout(afterFrame, wait);
      else afterFrame();
    },
    onPass(batch: Batch) {
      lastPassAt = performance.now();
      checkLocation();
      if (mayRestylePage(batch)) followPageTheme(document, batch.shadowRoots());
      // The watcher already knows every shadow root: readers take them from it instead of walking the page.
      withKnownShadowRoots(batch.shadowRoots(), () => {
        for (const feature of features) guard('page reading', () => feature.pass(batch));
      });
    },
    onError: (error) => overlay.warn('the page watcher failed', error),
  });

  function checkLocation(): void {
    if (!overlay.navigate(location.href)) return;
    for (const feature of features) guard('navigation', () => feature.navigated?.());
    void overlay.refreshLedger();
    watcher.requestFull();
  }

  // A single-page app changes the URL without reloading us. The Navigation API reports it without
  // polling; popstate/hashchange cover the rest, and every pass compares the URL as well.
  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  if (navigation) ctx.addEventListener(navigation, 'currententrychange', () => checkLocation());
  ctx.addEventListener(window, 'popstate', () => checkLocation());
  ctx.addEventListener(window, 'hashchange', () => checkLocation());
  // Codes saved in the popup meanwhile show up when the buyer comes back to the page.
  ctx.addEventListener(window, 'focus', () => void overlay.refreshLedger());
  // A page that allows both looks paints its canvas as the system says.
  const systemScheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  if (systemScheme) ctx.addEventListener(systemScheme, 'change', () => followPageTheme(document));
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (!document.hidden) void overlay.refreshLedger();
  });

  ctx.onInvalidated(() => {
    watcher.stop();
    overlay.stop();
    for (const feature of features) guard('clean-up', () => feature.stop());
  });
}

export default defineContentScript({
  matches: ADS_MANAGER_MATCHES,
  runAt: 'document_idle',
  // Older copies of this script (after an update) are told to stop through a DOM event alone: nothing
  // is posted to the page's own message listeners, and posting costs Ads Manager a few milliseconds.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    try {
      const features: Feature[] = [];
      const overlay = new OverlayContext(document, () => {
        for (const feature of features) guard('ledger', () => feature.ledgerChanged?.());
      });
      // The first read waits for the ledger briefly: a checklist should not say "pass", then "fail".
      await Promise.race([overlay.refreshLedger(), new Promise((resolve) => setTimeout(resolve, FIRST_LEDGER_WAIT_MS))]);
      if (ctx.isInvalid) return;
      start(ctx, overlay, features);
    } catch (error) {
      console.warn('Spark Guard: the Ads Manager overlay could not start', error);
    }
  },
});
