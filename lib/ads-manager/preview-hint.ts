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
const SIGN_ELEMENTS = 'video, canvas';
export const SPONSORED_WORD = 'sponsored';
/** Words in an aria-label or title that hint at a preview: its own label, or a button of the mock's rail. */
const LABEL_HINT = new RegExp(`${PREVIEW_WORD}|comment|like|share`, 'i');

/**
 * False only when nothing in the document or the given shadow roots says "preview" or "sponsored" (text,
 * aria-label or title) or shows a video or a like / comment / share button.
 */
export function mayShowPreview(doc: Document, shadowRoots: readonly ShadowRoot[]): boolean {
  // Searched in place: a lower-cased copy of a long list's text would cost more than the search.
  const word = new RegExp(`${PREVIEW_WORD}|${SPONSORED_WORD}`, 'i');
  for (const tree of [doc, ...shadowRoots]) {
    const text = tree.nodeType === 9 ? (tree as Document).documentElement?.textContent : tree.textContent;
    if (text && word.test(text)) return true;
    if (tree.querySelector(SIGN_ELEMENTS)) return true;
    // Labels are tested here rather than by substring selectors: matching those against every element
    // of a long list costs several times more than reading the few labels a page has.
    for (const el of Array.from(tree.querySelectorAll('[aria-label], [title]'))) {
      if (LABEL_HINT.test(el.getAttribute('aria-label') ?? '') || LABEL_HINT.test(el.getAttribute('title') ?? '')) return true;
    }
  }
  return false;
}
