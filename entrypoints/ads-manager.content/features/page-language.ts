import { composedClosest, withKnownShadowRoots } from '../../../lib/ads-manager/composed';
import { notEnglishWords, pageLanguage } from '../../../lib/ads-manager/language';
import { HEADER_CELL } from '../../../lib/ads-manager/selectors';
import type { Batch } from '../../../lib/dom/watch';
import type { Feature, OverlayContext } from '../overlay-context';

/**
 * Says when Ads Manager is shown in a language other than English: the readers know English words only,
 * so on such a page they find nothing, and the popup's layout health tells the buyer why instead.
 */

/** A busy page is looked at again at most this often (its language rarely changes under the buyer). */
const LOOK_AGAIN_MS = 2000;

/**
 * Whether the batch can have changed what the language is read from: the page's column headers (added,
 * shown, or their text changed). A list whose rows keep changing cannot, and costs no look at its headers.
 */
function touchesHeaders(batch: Batch): boolean {
  for (const node of batch.added) if (node.nodeType === 1 && (inHeader(node as Element) || (node as Element).querySelector(HEADER_CELL))) return true;
  for (const root of batch.newShadowRoots) if (root.querySelector(HEADER_CELL)) return true;
  for (const el of batch.changed) if (inHeader(el)) return true;
  // Shown or hidden from above: headers below may have come into view.
  for (const el of batch.restyled) if (inHeader(el) || el.querySelector(HEADER_CELL)) return true;
  return false;
}

/** Whether `el` is a header cell or sits in one; the climb out of shadow roots only for elements in one. */
function inHeader(el: Element): boolean {
  if (el.closest(HEADER_CELL)) return true;
  return el.getRootNode() !== el.ownerDocument && composedClosest(el, HEADER_CELL) !== null;
}

export function createPageLanguage(ctx: OverlayContext): Feature {
  let lastLook = -Infinity;
  let lookedAt = '';
  let lookedLang: string | null = null;
  /** Headers changed since the last look, which was too recent to look again: a timer looks then. */
  let due: number | null = null;

  function look(roots: Batch['shadowRoots']): void {
    if (due !== null) window.clearTimeout(due);
    due = null;
    lastLook = ctx.now();
    lookedAt = ctx.page.url;
    lookedLang = ctx.doc.documentElement?.getAttribute('lang') ?? null;
    const language = withKnownShadowRoots(roots(), () => pageLanguage(ctx.doc));
    ctx.reportProblems('language', language.english ? [] : [notEnglishWords(language)]);
  }

  return {
    pass(batch: Batch) {
      if (batch.full || lookedAt !== ctx.page.url) return look(batch.shadowRoots);
      if (due !== null) return;
      // `lang` is not watched: it is compared here, which costs nothing.
      const lang = ctx.doc.documentElement?.getAttribute('lang') ?? null;
      if (lang === lookedLang && !touchesHeaders(batch)) return;
      const wait = lastLook + LOOK_AGAIN_MS - ctx.now();
      if (wait <= 0) return look(batch.shadowRoots);
      due = window.setTimeout(() => look(batch.shadowRoots), wait);
    },
    navigated() {
      lookedAt = '';
    },
    stop() {
      if (due !== null) window.clearTimeout(due);
      due = null;
    },
  };
}
