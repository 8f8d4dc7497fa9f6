import { describe, expect, it } from 'vitest';
import { sentReminders } from '../db/reminders';
import { adviceFor, KINDS_IN_ORDER, shownReminders, stageLabel, STAGES_IN_FILTER_ORDER } from './advice';
import { REMINDER_KINDS, type CodeRecord } from './code';
import type { Stage } from './expiry';

describe('adviceFor', () => {
  it('tells the buyer which creator to contact when it is time to reach out', () => {
    expect(adviceFor('reachOut', 'mia.creates')).toBe('Reach out to @mia.creates for a new code');
  });

  it('says what to do at every other stage', () => {
    expect(adviceFor('swap', 'mia.creates')).toBe('Swap the code in Ads Manager now');
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

describe('shownReminders', () => {
  const T = Date.UTC(2026, 2, 10, 18, 0);
  const H = 60 * 60 * 1000;

  it('keeps every reminder sent at its own moment', () => {
    expect(shownReminders({ reachOut: T - 48 * H, swap: T - H, expired: T })).toEqual({
      reachOut: T - 48 * H,
      swap: T - H,
      expired: T,
    });
  });

  it('leaves out a reminder recorded at the same moment as a later one: it was skipped, not shown', () => {
    expect(shownReminders({ reachOut: T, swap: T })).toEqual({ swap: T });
    expect(shownReminders({ reachOut: T, swap: T, expired: T })).toEqual({ expired: T });
    expect(shownReminders({ reachOut: T - H, swap: T, expired: T })).toEqual({ reachOut: T - H, expired: T });
  });

  it('agrees with the database layer on every combination', () => {
    const times = [undefined, T, T + H];
    for (const reachOut of times) {
      for (const swap of times) {
        for (const expired of times) {
          const reminders: CodeRecord['reminders'] = {};
          if (reachOut !== undefined) reminders.reachOut = reachOut;
          if (swap !== undefined) reminders.swap = swap;
          if (expired !== undefined) reminders.expired = expired;
          expect(shownReminders(reminders)).toEqual(sentReminders(reminders));
        }
      }
    }
  });

  it('orders kinds as the record schema does', () => {
    expect(KINDS_IN_ORDER).toEqual(REMINDER_KINDS);
  });
});
