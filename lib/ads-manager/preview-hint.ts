/**
 * A cheap test that a page cannot show an ad preview, so the overlay can skip the full search on pages
 * that are only lists. Every preview label (PREVIEW_LABELS) contains this word; its unit test fails if
 * a label without it is added. Previews with no label are hinted by their own signs (below); one that
 * shows up later (a drawer opening) is found from the nodes added, without this test.
 */
export const PREVIEW_WORD = 'preview';

/**
 * Signs of a preview that carries no label (preview-evidence.ts): the mock's video, its "Sponsored" line,
 * the rail's like / comment / share buttons. A list page shows none of them.
 */
const UNLABELLED_SIGNS = 'video, canvas, [aria-label*="comment" i], [aria-label*="like" i], [aria-label*="share" i]';
export const SPONSORED_WORD = 'sponsored';

/**
 * False only when nothing in the document or the given shadow roots says "preview" or "sponsored" (text
 * or aria-label) or shows a video or a like / comment / share button.
 */
export function mayShowPreview(doc: Document, shadowRoots: readonly ShadowRoot[]): boolean {
  const labelled = `[aria-label*="${PREVIEW_WORD}" i], ${UNLABELLED_SIGNS}`;
  // Searched in place: a lower-cased copy of a long list's text would cost more than the search.
  const word = new RegExp(`${PREVIEW_WORD}|${SPONSORED_WORD}`, 'i');
  for (const tree of [doc, ...shadowRoots]) {
    const text = tree.nodeType === 9 ? (tree as Document).documentElement?.textContent : tree.textContent;
    if (text && word.test(text)) return true;
    if (tree.querySelector(labelled)) return true;
  }
  return false;
}
