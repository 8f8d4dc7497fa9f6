import type { Page } from '@playwright/test';

/** Colour checks for the light and dark themes: WCAG luminance and contrast, and the text a page shows. */

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
export function readShownTexts(page: Page, rootsSelector: string | null): Promise<ShownText[]> {
  return page.evaluate((rootsSelector) => {
    const painted = (el: Element | null): string => {
      for (let n: Element | null = el; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) {
        const bg = getComputedStyle(n).backgroundColor;
        if (bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
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
