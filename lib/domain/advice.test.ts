import { describe, expect, it } from 'vitest';
import { adviceFor, stageLabel, STAGES_IN_FILTER_ORDER } from './advice';
import type { Stage } from './expiry';

describe('adviceFor', () => {
  it('tells the buyer which creator to contact when it is time to reach out', () => {
    expect(adviceFor('reachOut', 'mia.creates')).toBe('Reach out to @mia.creates for a new code');
  });

  it('says what to do at every other stage', () => {
    expect(adviceFor('swap', 'mia.creates')).toBe('No new code from @mia.creates: swap now or pull the ad');
    expect(adviceFor('expired', 'mia.creates')).toBe('Expired: renew or pull the ad');
    expect(adviceFor('active', 'mia.creates')).toBe('No action needed yet');
    expect(adviceFor('replaced', 'mia.creates')).toBe('Replaced by a newer code');
    expect(adviceFor('pulled', 'mia.creates')).toBe('Ad pulled');
  });
});

describe('stageLabel', () => {
  it('gives each stage a short, distinct name', () => {
    const labels: Record<Stage, string> = {
      active: 'Active',
      reachOut: 'Reach out',
      swap: 'Swap now',
      expired: 'Expired',
      replaced: 'Replaced',
      pulled: 'Pulled',
    };
    for (const [stage, label] of Object.entries(labels)) expect(stageLabel(stage as Stage)).toBe(label);
  });

  it('lists every stage once in the filter order', () => {
    expect(new Set(STAGES_IN_FILTER_ORDER).size).toBe(6);
    expect(STAGES_IN_FILTER_ORDER.map(stageLabel)).toEqual([
      'Expired', 'Swap now', 'Reach out', 'Active', 'Pulled', 'Replaced',
    ]);
  });
});

