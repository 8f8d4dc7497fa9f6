import type { Page } from '@playwright/test';

/**
 * Colour checks for the light and dark themes: WCAG luminance and contrast, the text a page shows and
 * the focus ring of the control the keyboard is on, each with the background behind it.
 */

/** Relative luminance (WCAG) of a CSS rgb()/rgba() colour. */
export function luminance(color: string): number {
  const [r, g, b] = color
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** In the page: the nearest background painted at or behind `el`, through shadow roots to their hosts. */
type Backdrop = (el: Element | null) => string;

/** Puts the page's `Backdrop` reader in place (once per document) for the readers below. */
async function withBackdrop(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as { __backdrop?: Backdrop }).__backdrop ??= (el) => {
      for (let n: Element | null = el; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) {
        const bg = getComputedStyle(n).backgroundColor;
        if (bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
  });
}

export interface ShownText {
  where: string;
  color: string;
  /** The nearest background painted behind the text (through shadow roots to their hosts). */
  background: string;
}

/**
 * Every visible piece of text in the trees `rootsSelector` picks (their shadow roots when they have
 * one, the document when the selector is null), with its colour and the background it sits on.
 * Screen-reader-only text is left out.
 */
export async function readShownTexts(page: Page, rootsSelector: string | null): Promise<ShownText[]> {
  await withBackdrop(page);
  return page.evaluate((rootsSelector) => {
    const painted = (globalThis as { __backdrop?: Backdrop }).__backdrop!;
    const srOnly = (el: Element): boolean => {
      for (let n: Element | null = el; n; n = n.parentElement) {
        const st = getComputedStyle(n);
        if (st.position === 'absolute' && (st.clip.startsWith('rect(0') || parseFloat(st.width) <= 1)) return true;
      }
      return false;
    };
    const roots: Node[] = rootsSelector
      ? Array.from(document.querySelectorAll(rootsSelector)).map((host) => host.shadowRoot ?? host)
      : [document.body];
    const out: { where: string; color: string; background: string }[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const el = t.parentElement!;
        const text = t.textContent!.trim();
        if (!text || ['style', 'script', 'option'].includes(el.localName) || !el.checkVisibility({ checkVisibilityCSS: true }) || srOnly(el)) continue;
        out.push({ where: `${el.localName}.${el.className} "${text.slice(0, 30)}"`, color: getComputedStyle(el).color, background: painted(el) });
      }
    }
    return out;
  }, rootsSelector);
}

export interface Focused {
  where: string;
  inOverlay: boolean;
  /** The focus ring's width, or "none". */
  ring: string;
  ringColor: string;
  /** The background around the element, where its ring is drawn. */
  around: string;
}

/** The element the keyboard is on (through shadow roots), with its focus ring and the background around it. */
export async function readFocused(page: Page): Promise<Focused | null> {
  await withBackdrop(page);
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const painted = (globalThis as { __backdrop?: Backdrop }).__backdrop!;
    const st = getComputedStyle(el);
    const host = (el.getRootNode() as ShadowRoot).host;
    // Which overlay host it is in, so three badges' look-alike pills count as three.
    const hostIndex = host ? Array.from(document.querySelectorAll('[data-spark-guard-host]')).indexOf(host) : -1;
    return {
      where: `${hostIndex} ${el.localName}.${el.className} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`,
      inOverlay: !!host?.hasAttribute('data-spark-guard-host'),
      ring: st.outlineStyle === 'none' ? 'none' : st.outlineWidth,
      ringColor: st.outlineColor,
      around: painted(el.parentElement ?? host ?? null),
    };
  });
}
