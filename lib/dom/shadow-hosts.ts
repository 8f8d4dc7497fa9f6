/**
 * Common elements that can never host a shadow root: the DOM allows one only on custom elements and on
 * article, aside, blockquote, body, div, footer, h1-h6, header, main, nav, p, section and span. Searches
 * for shadow roots skip them, so a long list's cells, links and icons are not visited one by one: from a
 * content script every element visited costs a script object of its own. The list is kept short on
 * purpose, as every name in it is matched against every element of the page.
 */
const NEVER_HOSTS = [
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'svg', 'path', 'g', 'use',
  'i', 'b', 'em', 'strong', 'label', 'button', 'input', 'option', 'ul', 'li',
];

/** Selects every element that may host a shadow root (and some that cannot). */
export const MAY_HOST = `:not(${NEVER_HOSTS.join(', ')})`;

/**
 * Visits the open shadow roots at or below `node`, in document order, each before the roots inside it.
 * Hosts that `skipHost` names (the overlay's own UI) are passed over with what they hold; the roots
 * inside a root are visited only when `onRoot` returns true for it (false: already known, skip).
 * Most elements host nothing, so each costs one look at `shadowRoot`.
 */
export function eachShadowRoot(node: Node, skipHost: (host: Element) => boolean, onRoot: (root: ShadowRoot) => boolean): void {
  const visit = (el: Element): void => {
    const shadow = el.shadowRoot;
    if (shadow && !skipHost(el) && onRoot(shadow)) shadow.querySelectorAll(MAY_HOST).forEach(visit);
  };
  if (node.nodeType === 1) visit(node as Element);
  (node as ParentNode).querySelectorAll(MAY_HOST).forEach(visit);
}
