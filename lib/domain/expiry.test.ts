import { describe, expect, it } from 'vitest';
import type { CodeRecord, CodeStatus, ReminderKind } from './code';
import {
  DEFAULT_REMINDER_SETTINGS,
  HOUR,
  badgeOf,
  nextDueAt,
  planReminder,
  shownReminders,
  stageOf,
  type ReminderSettings,
} from './expiry';

const settings = DEFAULT_REMINDER_SETTINGS;
/** Every code in these tests expires at this moment: 31 March 2026, 11:00 in New York. */
const EXPIRES = Date.UTC(2026, 2, 31, 15, 0);

type Timing = Pick<CodeRecord, 'status' | 'expiresAt' | 'reminders'>;
function code(expiresAt: number, status: CodeStatus = 'live', reminders: Partial<Record<ReminderKind, number>> = {}): Timing {
  return { status, expiresAt, reminders };
}
/** The moment when exactly `hours` are left before EXPIRES. */
const left = (hours: number) => EXPIRES - hours * HOUR;

describe('stageOf', () => {
  it('the defaults are reach out 72 h and swap 24 h before expiry', () => {
    expect(settings).toEqual({ reachOutHours: 72, swapHours: 24 });
  });

  it('a code with more than 72 h left is active, up to one millisecond before the threshold', () => {
    expect(stageOf(code(EXPIRES), left(30 * 24), settings)).toBe('active');
    expect(stageOf(code(EXPIRES), left(72) - 1, settings)).toBe('active');
  });

  it('reach out starts at exactly 72 h left (threshold inclusive)', () => {
    expect(stageOf(code(EXPIRES), left(72), settings)).toBe('reachOut');
    expect(stageOf(code(EXPIRES), left(24) - 1, settings)).toBe('reachOut');
  });

  it('swap starts at exactly 24 h left', () => {
    expect(stageOf(code(EXPIRES), left(24), settings)).toBe('swap');
    expect(stageOf(code(EXPIRES), EXPIRES - 1, settings)).toBe('swap');
  });

  it('a code is expired exactly at its expiry and after', () => {
    expect(stageOf(code(EXPIRES), EXPIRES, settings)).toBe('expired');
    expect(stageOf(code(EXPIRES), EXPIRES + 90 * 24 * HOUR, settings)).toBe('expired');
  });

  it('replaced and pulled codes stay in their terminal stage whatever the time', () => {
    for (const now of [left(100), left(48), left(12), EXPIRES + HOUR]) {
      expect(stageOf(code(EXPIRES, 'replaced'), now, settings)).toBe('replaced');
      expect(stageOf(code(EXPIRES, 'pulled'), now, settings)).toBe('pulled');
    }
  });

  it('custom thresholds from settings move reach out to 96 h and swap to 48 h', () => {
    const custom: ReminderSettings = { reachOutHours: 96, swapHours: 48 };
    expect(stageOf(code(EXPIRES), left(96) - 1, custom)).toBe('active');
    expect(stageOf(code(EXPIRES), left(96), custom)).toBe('reachOut');
    expect(stageOf(code(EXPIRES), left(72), custom)).toBe('reachOut');
    expect(stageOf(code(EXPIRES), left(48), custom)).toBe('swap');
    expect(stageOf(code(EXPIRES), left(30), custom)).toBe('swap');
  });
});

describe('planReminder', () => {
  it('owes nothing while the code is active', () => {
    expect(planReminder(code(EXPIRES), left(73), settings)).toEqual({ send: null, supersede: [] });
  });

  it('sends reach out once: not again after it was sent', () => {
    expect(planReminder(code(EXPIRES), left(72), settings)).toEqual({ send: 'reachOut', supersede: [] });
    const sent = code(EXPIRES, 'live', { reachOut: left(72) });
    expect(planReminder(sent, left(50), settings)).toEqual({ send: null, supersede: [] });
  });

  it('sends swap once after reach out was sent', () => {
    const reachedOut = code(EXPIRES, 'live', { reachOut: left(72) });
    expect(planReminder(reachedOut, left(24), settings)).toEqual({ send: 'swap', supersede: [] });
    const swapped = code(EXPIRES, 'live', { reachOut: left(72), swap: left(24) });
    expect(planReminder(swapped, left(2), settings)).toEqual({ send: null, supersede: [] });
  });

  it('sends expired once after the earlier reminders were sent', () => {
    const both = code(EXPIRES, 'live', { reachOut: left(72), swap: left(24) });
    expect(planReminder(both, EXPIRES, settings)).toEqual({ send: 'expired', supersede: [] });
    const all = code(EXPIRES, 'live', { reachOut: left(72), swap: left(24), expired: EXPIRES });
    expect(planReminder(all, EXPIRES + 5 * 24 * HOUR, settings)).toEqual({ send: null, supersede: [] });
  });

  it('after sleeping through reach out into swap, sends swap only and supersedes reach out', () => {
    expect(planReminder(code(EXPIRES), left(10), settings)).toEqual({ send: 'swap', supersede: ['reachOut'] });
  });

  it('after sleeping past expiry, sends expired only and supersedes reach out and swap', () => {
    expect(planReminder(code(EXPIRES), EXPIRES + HOUR, settings)).toEqual({
      send: 'expired',
      supersede: ['reachOut', 'swap'],
    });
    // Reach out was shown, swap was slept through: only swap is superseded.
    const reachedOut = code(EXPIRES, 'live', { reachOut: left(72) });
    expect(planReminder(reachedOut, EXPIRES + HOUR, settings)).toEqual({ send: 'expired', supersede: ['swap'] });
  });

  it('owes nothing for replaced or pulled codes, even when they are past their thresholds', () => {
    for (const status of ['replaced', 'pulled'] as const) {
      for (const now of [left(72), left(24), EXPIRES]) {
        expect(planReminder(code(EXPIRES, status), now, settings)).toEqual({ send: null, supersede: [] });
      }
    }
  });

  it('follows custom thresholds from settings', () => {
    const custom: ReminderSettings = { reachOutHours: 96, swapHours: 48 };
    expect(planReminder(code(EXPIRES), left(97), custom).send).toBeNull();
    expect(planReminder(code(EXPIRES), left(96), custom).send).toBe('reachOut');
    expect(planReminder(code(EXPIRES), left(48), custom)).toEqual({ send: 'swap', supersede: ['reachOut'] });
  });
});

describe('nextDueAt', () => {
  it('picks the earliest future threshold over many codes', () => {
    const now = Date.UTC(2026, 2, 1, 15, 0);
    const codes = [
      code(now + 30 * 24 * HOUR), // reach out in 27 days
      code(now + 100 * HOUR), // reach out in 28 h: the earliest
      code(now + 20 * 24 * HOUR),
    ];
    expect(nextDueAt(codes, now, settings)).toBe(now + 28 * HOUR);
  });

  it('skips thresholds already passed and waits for the next one of that code', () => {
    const now = left(48); // reach out already passed
    expect(nextDueAt([code(EXPIRES)], now, settings)).toBe(left(24));
    expect(nextDueAt([code(EXPIRES)], left(24), settings)).toBe(EXPIRES); // a threshold reached now is not "next"
  });

  it('ignores replaced and pulled codes even when theirs would come first', () => {
    const now = Date.UTC(2026, 2, 1, 15, 0);
    const codes = [
      code(now + 73 * HOUR, 'replaced'),
      code(now + 74 * HOUR, 'pulled'),
      code(now + 80 * HOUR),
    ];
    expect(nextDueAt(codes, now, settings)).toBe(now + 8 * HOUR);
  });

  it('is null when nothing is left: no codes, only expired, or only terminal codes', () => {
    const now = EXPIRES + HOUR;
    expect(nextDueAt([], now, settings)).toBeNull();
    expect(nextDueAt([code(EXPIRES), code(EXPIRES - 24 * HOUR)], now, settings)).toBeNull();
    expect(nextDueAt([code(now + 500 * HOUR, 'replaced'), code(now + 500 * HOUR, 'pulled')], now, settings)).toBeNull();
  });

  it('uses custom thresholds from settings', () => {
    const now = Date.UTC(2026, 2, 1, 15, 0);
    expect(nextDueAt([code(now + 100 * HOUR)], now, { reachOutHours: 96, swapHours: 48 })).toBe(now + 4 * HOUR);
  });
});

describe('badgeOf', () => {
  const now = left(48);

  it('counts codes in reach out, swap and expired, and reports the worst', () => {
    const codes = [
      code(now + 200 * HOUR), // active
      code(now + 60 * HOUR), // reach out
      code(now + 10 * HOUR), // swap
      code(now - HOUR), // expired
      code(now - HOUR, 'replaced'),
      code(now + 10 * HOUR, 'pulled'),
    ];
    expect(badgeOf(codes, now, settings)).toEqual({ count: 3, worst: 'expired' });
  });

  it('reports swap as the worst when nothing has expired', () => {
    const codes = [code(now + 60 * HOUR), code(now + 10 * HOUR), code(now + 50 * HOUR)];
    expect(badgeOf(codes, now, settings)).toEqual({ count: 3, worst: 'swap' });
  });

  it('reports reach out when that is all there is', () => {
    expect(badgeOf([code(now + 72 * HOUR)], now, settings)).toEqual({ count: 1, worst: 'reachOut' });
  });

  it('is empty when every code is active, replaced or pulled', () => {
    const codes = [code(now + 200 * HOUR), code(now - HOUR, 'replaced'), code(now + 10 * HOUR, 'pulled')];
    expect(badgeOf(codes, now, settings)).toEqual({ count: 0, worst: null });
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

  it('counts nothing as shown for a code never reminded', () => {
    expect(shownReminders({})).toEqual({});
  });
});
