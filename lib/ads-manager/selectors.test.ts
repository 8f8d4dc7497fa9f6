import { describe, expect, it } from 'vitest';
import { isNotDeliveringText, mayReadNotDelivering } from './selectors';

describe('telling which status cells may say "Not delivering"', () => {
  it('reads the status in any case and spacing', () => {
    expect(isNotDeliveringText('Not delivering')).toBe(true);
    expect(isNotDeliveringText('NOT  DELIVERING')).toBe(true);
    expect(isNotDeliveringText('Notdelivering')).toBe(true);
    expect(isNotDeliveringText('Delivering')).toBe(false);
    expect(isNotDeliveringText('Limited delivery')).toBe(false);
  });

  it('keeps every raw text whose visible part could still say it', () => {
    for (const raw of [
      'Not delivering',
      '● NOT DELIVERING Creator hasn’t granted authorization',
      // Hidden characters between the visible ones (a hidden label copy, an icon's text).
      'Status: Not xx delivering',
      'nXoXtXdXeXlXiXvXeXrXiXnXg',
      'Ad group 12 · Spend $4.00 · Not delivering',
    ]) {
      expect(mayReadNotDelivering(raw), raw).toBe(true);
    }
  });

  it('lets go of raw text that cannot say it, whatever is left out', () => {
    for (const raw of ['', 'Active', 'Delivering', 'Not deliverin', 'Limited delivery', 'gnireviled ton', 'Not delivered']) {
      expect(mayReadNotDelivering(raw), raw).toBe(false);
    }
  });

  it('answers quickly on long text with the letters nearly in order', () => {
    // A long cell must not make the search try every way to split it.
    const raw = 'notdeliverin'.repeat(5000);
    expect(mayReadNotDelivering(raw)).toBe(false);
    expect(mayReadNotDelivering(`${raw}g`)).toBe(true);
  });
});
