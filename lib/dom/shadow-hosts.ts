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
