import { isElement, visibleText } from './composed';

/**
 * The button that sends an ad live. Found by what it says, not by class names or test ids: Ads
 * Manager uses `<button>`, `role=button` and `ks-button`/`vi-button` hosts whose label sits in a shadow
 * root. Wording is data (unverified variants are cheap to add here).
 */

/** Visible labels of the launch buttons, whole label only ("Publish", "Submit", "Launch"). */
export const LAUNCH_LABELS: readonly RegExp[] = [
  /^publish$/i, // creation flow, last step
  /^publish all$/i, // creation flow with several ads
  /^submit$/i, // older UI and edit pages
  /^launch$/i, // wording reported for some regions
];

function isButtonLike(el: Element): boolean {
  if (el.localName === 'button') return true;
  const role = el.getAttribute('role');
  if (role === 'button') return true;
  // Custom-element buttons (`ks-button-1-2-3`, `vi-button`): tag names carry suffixes, so match the stem.
  return /^(?:ks|vi)-button(?:-|$)/.test(el.localName) || (el.localName === 'input' && /^(?:submit|button)$/i.test(el.getAttribute('type') ?? ''));
}

function labelOf(el: Element): string {
  if (el.localName === 'input') return (el as HTMLInputElement).value ?? '';
  const text = visibleText(el).replace(/\s+/g, ' ').trim();
  if (text) return text;
  // An icon-only button names itself with aria-label.
  return el.getAttribute('aria-label') ?? '';
}

/**
 * The launch button an event went through, from its composed path (innermost first), or null. The
 * outermost button-like element on the path decides, so a `<button>` inside a `ks-button` host is read
 * with the host's full label.
 */
export function launchButtonIn(path: readonly EventTarget[]): Element | null {
  let found: Element | null = null;
  for (const target of path) {
    if (!isElement(target)) continue;
    if (isButtonLike(target)) found = target;
    if (target.localName === 'body') break;
  }
  if (!found) return null;
  if ((found as HTMLButtonElement).disabled || found.getAttribute('aria-disabled') === 'true') return null;
  const label = labelOf(found);
  return LAUNCH_LABELS.some((re) => re.test(label)) ? found : null;
}

