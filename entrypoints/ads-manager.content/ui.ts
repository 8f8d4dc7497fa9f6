import { OVERLAY_HOST } from '../../lib/ads-manager/composed';
import { h } from '../../lib/dom/h';

/**
 * Hosts for the UI the overlay adds to Ads Manager. Each lives in its own open shadow root, so the
 * page's CSS cannot restyle it and the readers (which skip `[data-spark-guard-host]`) never take our
 * own words for the page's.
 */

// The same attribute the readers skip: what is in our hosts is never read as the page.
export const HOST_ATTRIBUTE = OVERLAY_HOST;
const HOST_TAG = 'spark-guard-ui';

/** True for our hosts and anything inside them (used to ignore our own mutations and clicks). */
export function isOwnNode(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute(HOST_ATTRIBUTE);
}

/** Whether an event passed through one of our hosts (its composed path crosses the shadow boundary). */
export function fromOwnUi(event: Event): boolean {
  return event.composedPath().some((n) => (n as Node).nodeType === 1 && isOwnNode(n as Node));
}

/** The overlay's type, set on each host (see `hostStyle`) and inherited by everything in it. */
const FONT = '13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * Colours shared by every piece of overlay UI. Light or dark follows Ads Manager's page, not the
 * buyer's system: the overlay sits inside the page, and a dark panel on a white page looks broken.
 */
const BASE_CSS = `
:host {
  --sg-bg: #ffffff; --sg-fg: #1d1d1f; --sg-muted: #5b5b66; --sg-border: #d0d0d7;
  --sg-fail: #b3261e; --sg-fail-bg: #fdecea; --sg-pass: #1b6e3a; --sg-pass-bg: #e7f5ec;
  --sg-warn: #8a5300; --sg-warn-bg: #fff4e0; --sg-unknown: #4a4a55; --sg-unknown-bg: #eeeef2; --sg-focus: #0b57d0; }
:host([data-spark-guard-theme="dark"]) { --sg-bg: #1f1f24; --sg-fg: #f1f1f4; --sg-muted: #b4b4c0; --sg-border: #45454f;
  --sg-fail: #ffb4ab; --sg-fail-bg: #3b1512; --sg-pass: #8fd6a7; --sg-pass-bg: #12301d;
  --sg-warn: #ffcf86; --sg-warn-bg: #3a2a0c; --sg-unknown: #d0d0da; --sg-unknown-bg: #2c2c33; --sg-focus: #a8c7fa; }
* { box-sizing: border-box; }
button, select { font: inherit; color: inherit; }
button:focus-visible, select:focus-visible, summary:focus-visible { outline: 2px solid var(--sg-focus); outline-offset: 2px; }
`;

export type PageTheme = 'light' | 'dark';

/** The attribute on each host saying which of the overlay's two looks it wears. */
const THEME_ATTRIBUTE = 'data-spark-guard-theme';
let currentTheme: PageTheme = 'light';

function parseRgb(color: string): { r: number; g: number; b: number; a: number } | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(color);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
}

/** WCAG relative luminance of an sRGB colour (0 black … 1 white). */
function relativeLuminance(c: { r: number; g: number; b: number }): number {
  const lin = (v: number): number => {
    const x = v / 255;
    return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** Below this luminance white text reads better than black: the page is dark. */
const DARK_BELOW = 0.179;

/**
 * The page's look: the background its body (else its root) paints; with none painted, the canvas its
 * `color-scheme` gives (a page that allows dark shows a dark canvas when the system is dark).
 */
export function pageTheme(doc: Document): PageTheme {
  try {
    const view = doc.defaultView;
    if (!view) return 'light';
    for (const el of [doc.body, doc.documentElement]) {
      if (!el) continue;
      const bg = parseRgb(view.getComputedStyle(el).backgroundColor);
      if (bg && bg.a >= 0.5) return relativeLuminance(bg) < DARK_BELOW ? 'dark' : 'light';
    }
    const scheme = doc.documentElement ? view.getComputedStyle(doc.documentElement).colorScheme : '';
    if (/\bdark\b/.test(scheme ?? '')) {
      if (!/\blight\b/.test(scheme)) return 'dark';
      return view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }
    return 'light';
  } catch {
    return 'light';
  }
}

function themeHost(host: HTMLElement, theme: PageTheme): void {
  if (host.getAttribute(THEME_ATTRIBUTE) !== theme) host.setAttribute(THEME_ATTRIBUTE, theme);
  // Native parts (a select's list, scrollbars) follow the same look.
  if (host.style.getPropertyValue('color-scheme') !== theme) host.style.setProperty('color-scheme', theme, 'important');
}

/**
 * Reads the page's look again and, when it changed, re-themes every host on the page (in `roots`
 * too: badges live in the list's shadow roots). Returns the look now.
 */
export function followPageTheme(doc: Document, roots: readonly ShadowRoot[] = []): PageTheme {
  const theme = pageTheme(doc);
  if (theme === currentTheme) return theme;
  currentTheme = theme;
  for (const tree of [doc, ...roots]) {
    for (const host of Array.from(tree.querySelectorAll<HTMLElement>(`[${HOST_ATTRIBUTE}]`))) themeHost(host, theme);
  }
  return theme;
}

export interface Mounted {
  host: HTMLElement;
  root: ShadowRoot;
}

/** One parsed style sheet per kind of UI, shared by every host of that kind (a list can hold many badges). */
const sheets = new Map<string, CSSStyleSheet | null>();

function sharedSheet(css: string): CSSStyleSheet | null {
  if (!sheets.has(css)) {
    let sheet: CSSStyleSheet | null = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(BASE_CSS + css);
    } catch {
      sheet = null;
    }
    sheets.set(css, sheet);
  }
  return sheets.get(css) ?? null;
}

/**
 * Sets the host's own style, over anything the page says. The host is an element of the page, so the
 * page's CSS reaches it (`* { font: … !important }`), and what the host inherits its shadow tree
 * inherits; `:host` rules lose to the page's `!important`. Declarations in the host's own style
 * attribute with `!important` win over the page's: every property starts from its initial value, then
 * `styles` and the overlay's type are set the same way.
 */
export function hostStyle(host: HTMLElement, styles: Record<string, string>): void {
  // `all` leaves out direction: the overlay's English reads left to right whatever the page's text does.
  // One write of the whole attribute: a badge is drawn on many rows, and each property set on its own
  // would be parsed and applied on its own.
  let text = 'all: initial !important;';
  for (const [name, value] of Object.entries({ direction: 'ltr', 'color-scheme': currentTheme, font: FONT, ...styles })) {
    text += ` ${name}: ${value} !important;`;
  }
  host.style.cssText = text;
}

/** A host element with an open shadow root styled by `css` and holding nothing yet. */
export function createHost(kind: string, css: string, display: 'block' | 'inline-block' = 'block'): Mounted {
  const host = document.createElement(HOST_TAG);
  host.setAttribute(HOST_ATTRIBUTE, kind);
  host.setAttribute(THEME_ATTRIBUTE, currentTheme);
  hostStyle(host, { display, position: 'static' });
  const root = host.attachShadow({ mode: 'open' });
  const sheet = sharedSheet(css);
  if (sheet && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [sheet];
  else root.append(h('style', null, BASE_CSS + css));
  return { host, root };
}
