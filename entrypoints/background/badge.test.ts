import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { applyBadge, BADGE_COLORS, BADGE_TEXT_COLOR, deriveBadge } from './badge';

/** WCAG contrast ratio between two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('deriveBadge', () => {
  it('shows nothing when no code needs action', () => {
    expect(deriveBadge({ count: 0, worst: null })).toMatchObject({ text: '' });
  });

  it('counts the codes that need action', () => {
    expect(deriveBadge({ count: 3, worst: 'reachOut' }).text).toBe('3');
  });

  it('caps the count at what fits on the badge', () => {
    expect(deriveBadge({ count: 140, worst: 'swap' }).text).toBe('99+');
  });

  it('colours the badge by the most urgent stage', () => {
    expect(deriveBadge({ count: 2, worst: 'reachOut' }).color).toBe(BADGE_COLORS.reachOut);
    expect(deriveBadge({ count: 2, worst: 'swap' }).color).toBe(BADGE_COLORS.swap);
    expect(deriveBadge({ count: 2, worst: 'expired' }).color).toBe(BADGE_COLORS.expired);
    expect(new Set([BADGE_COLORS.reachOut, BADGE_COLORS.swap, BADGE_COLORS.expired]).size).toBe(3);
  });

  it('keeps the white count readable on every badge colour', () => {
    for (const color of Object.values(BADGE_COLORS)) {
      expect(contrast(color, BADGE_TEXT_COLOR), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('says in the tooltip what the badge means', () => {
    expect(deriveBadge({ count: 1, worst: 'expired' }).title).toBe(
      'Spark Guard: 1 code needs action (a code has expired)',
    );
    expect(deriveBadge({ count: 2, worst: 'swap' }).title).toBe(
      'Spark Guard: 2 codes need action (a code must be swapped now)',
    );
    expect(deriveBadge({ count: 0, worst: null }).title).toBe('Spark Guard: no code needs action');
  });
});

describe('applyBadge', () => {
  it('sets text, colours and tooltip on the toolbar button', async () => {
    await applyBadge(fakeBrowser, deriveBadge({ count: 2, worst: 'swap' }));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc5, 0x22, 0x1f, 255]);
    expect(await fakeBrowser.action.getBadgeTextColor({})).toBe('#FFFFFF');
    expect(await fakeBrowser.action.getTitle({})).toBe('Spark Guard: 2 codes need action (a code must be swapped now)');
  });

  it('empties the badge again when nothing needs action', async () => {
    await applyBadge(fakeBrowser, deriveBadge({ count: 2, worst: 'swap' }));
    await applyBadge(fakeBrowser, deriveBadge({ count: 0, worst: null }));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});
