/**
 * A cheap test that a page cannot show an ad preview, so the overlay can skip the full search on pages
 * that are only lists. Every preview label (PREVIEW_LABELS) contains this word; its unit test fails if
 * a label without it is added.
 */
export const PREVIEW_WORD = 'preview';

/** False only when no text and no aria-label in the document or the given shadow roots says "preview". */
export function mayShowPreview(doc: Document, shadowRoots: readonly ShadowRoot[]): boolean {
  const labelled = `[aria-label*="${PREVIEW_WORD}" i]`;
  // Searched in place: a lower-cased copy of a long list's text would cost more than the search.
  const word = new RegExp(PREVIEW_WORD, 'i');
  for (const tree of [doc, ...shadowRoots]) {
    const text = tree.nodeType === 9 ? (tree as Document).documentElement?.textContent : tree.textContent;
    if (text && word.test(text)) return true;
    if (tree.querySelector(labelled)) return true;
  }
  return false;
}
