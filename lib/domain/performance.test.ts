import { describe, expect, it } from 'vitest';
import { HOUR } from './expiry';
import { parsePerformanceDraft, performanceFlags } from './performance';
import { DEFAULT_WORKFLOW_SETTINGS } from './workflow-settings';

const T = Date.UTC(2026, 2, 11, 18, 0);
const settings = DEFAULT_WORKFLOW_SETTINGS;
type R = Parameters<typeof performanceFlags>[0][number];
const r = (hours: number, frequency: number | null, completionRate: number | null, sentiment: R['sentiment'] = null): R => ({
  at: T + hours * HOUR,
  frequency,
  completionRate,
  sentiment,
});

describe('performance flags', () => {
  it('has nothing to say without readings, or with healthy ones', () => {
    expect(performanceFlags([], settings)).toEqual([]);
    expect(performanceFlags([r(0, 1.2, 40, 'positive'), r(24, 2.0, 38, 'positive')], settings)).toEqual([]);
  });

  it('rotates out once the latest comments are negative', () => {
    expect(performanceFlags([r(0, 1, 40, 'positive'), r(24, 1, 40, 'negative')], settings)).toEqual([
      'Rotate out: comments turned negative',
    ]);
    // Negative, then positive again: the latest decides.
    expect(performanceFlags([r(0, 1, 40, 'negative'), r(24, 1, 40, 'positive')], settings)).toEqual([]);
  });

  it('flags fatigue over the frequency limit, not at it', () => {
    expect(performanceFlags([r(0, 3.4, null)], settings)).toEqual(['Fatigue: frequency 3.4 is over 3.0']);
    expect(performanceFlags([r(0, 3.0, null)], settings)).toEqual([]);
    expect(performanceFlags([r(0, 3.4, null)], { ...settings, maxFrequency: 4 })).toEqual([]);
  });

  it('flags a completion fall since launch from the threshold on', () => {
    expect(performanceFlags([r(0, null, 40), r(24, null, 30)], settings)).toEqual(['Completion fell 25 % since launch']);
    // Exactly 20 %: flagged; 19 %: not.
    expect(performanceFlags([r(0, null, 50), r(24, null, 40)], settings)).toEqual(['Completion fell 20 % since launch']);
    expect(performanceFlags([r(0, null, 50), r(24, null, 40.5)], settings)).toEqual([]);
    expect(performanceFlags([r(0, null, 40), r(24, null, 30)], { ...settings, completionDropPercent: 30 })).toEqual([]);
  });

  it('gives every flag that applies, most serious first', () => {
    expect(performanceFlags([r(0, 1, 40, 'positive'), r(48, 3.4, 30, 'negative')], settings)).toEqual([
      'Rotate out: comments turned negative',
      'Fatigue: frequency 3.4 is over 3.0',
      'Completion fell 25 % since launch',
    ]);
  });
});

describe('a performance reading as typed', () => {
  it('reads numbers and refuses nonsense in the buyer’s words', () => {
    expect(parsePerformanceDraft({ codeId: 'c', frequency: '3,4', completionRate: '38', sentiment: 'mixed' })).toEqual({
      ok: true,
      value: { subject: 'c', frequency: 3.4, completionRate: 38, sentiment: 'mixed' },
    });
    expect(parsePerformanceDraft({ codeId: 'c', frequency: '-1', completionRate: '', sentiment: '' })).toMatchObject({ ok: false, field: 'frequency' });
    expect(parsePerformanceDraft({ codeId: 'c', frequency: '', completionRate: '120', sentiment: '' })).toMatchObject({
      ok: false,
      field: 'completionRate',
    });
    expect(parsePerformanceDraft({ codeId: 'c', frequency: '', completionRate: '', sentiment: '' })).toMatchObject({ ok: false });
  });
});
