import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatDateTime,
  formatWhen,
  localDayStart,
  fromDateTimeLocalValue,
  toDateTimeLocalValue,
} from './countdown';

// Tests run in America/New_York (vitest.config.ts). 14:05 local on Tue 1 Dec 2026 is 19:05 UTC.
const NOW = Date.UTC(2026, 11, 1, 19, 5);
const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatCountdown before expiry', () => {
  it('counts whole days, rounded down, from two days on', () => {
    expect(formatCountdown(NOW + 5 * DAY, NOW)).toBe('5 days left');
    expect(formatCountdown(NOW + 5 * DAY + 23 * HOUR + 59 * MIN, NOW)).toBe('5 days left');
    expect(formatCountdown(NOW + 30 * DAY, NOW)).toBe('30 days left');
  });

  it('says "2 days left" at exactly 48 hours and switches to hours a minute under it', () => {
    expect(formatCountdown(NOW + 48 * HOUR, NOW)).toBe('2 days left');
    expect(formatCountdown(NOW + 48 * HOUR - MIN, NOW)).toBe('47 h left');
  });

  it('counts the started minute, so a code saved seconds ago still shows its full validity', () => {
    expect(formatCountdown(NOW + 30 * DAY - 1500, NOW)).toBe('30 days left');
    expect(formatCountdown(NOW + 48 * HOUR - 1, NOW)).toBe('2 days left');
    expect(formatCountdown(NOW + 30 * DAY - MIN - 1, NOW)).toBe('29 days left');
  });

  it('counts whole hours under two days, rounded down', () => {
    expect(formatCountdown(NOW + 22 * HOUR + 59 * MIN, NOW)).toBe('22 h left');
    expect(formatCountdown(NOW + HOUR, NOW)).toBe('1 h left');
  });

  it('counts minutes under one hour, down to "1 min left" just before expiry', () => {
    expect(formatCountdown(NOW + 35 * MIN, NOW)).toBe('35 min left');
    expect(formatCountdown(NOW + HOUR - MIN, NOW)).toBe('59 min left');
    expect(formatCountdown(NOW + MIN, NOW)).toBe('1 min left');
    expect(formatCountdown(NOW + 30 * 1000, NOW)).toBe('1 min left');
    expect(formatCountdown(NOW + 1, NOW)).toBe('1 min left');
  });

  it('keeps 24-hour days across a daylight-saving change', () => {
    // 2027-03-14 is the spring-forward day in New York: that calendar day has 23 hours.
    const before = Date.UTC(2027, 2, 12, 17, 0);
    expect(formatCountdown(before + 3 * DAY, before)).toBe('3 days left');
    expect(formatCountdown(before + 3 * DAY - HOUR, before)).toBe('2 days left');
  });
});

describe('formatCountdown after expiry', () => {
  it('says "expired just now" at exactly the expiry moment and within the first minute', () => {
    expect(formatCountdown(NOW, NOW)).toBe('expired just now');
    expect(formatCountdown(NOW - 59 * 1000, NOW)).toBe('expired just now');
  });

  it('says how long ago in minutes, hours, then days', () => {
    expect(formatCountdown(NOW - 35 * MIN, NOW)).toBe('expired 35 min ago');
    expect(formatCountdown(NOW - 5 * HOUR - 10 * MIN, NOW)).toBe('expired 5 h ago');
    expect(formatCountdown(NOW - 48 * HOUR + 1, NOW)).toBe('expired 47 h ago');
    expect(formatCountdown(NOW - 48 * HOUR, NOW)).toBe('expired 2 days ago');
    expect(formatCountdown(NOW - 9 * DAY - 20 * HOUR, NOW)).toBe('expired 9 days ago');
  });
});

describe('formatDateTime', () => {
  it('shows weekday, day, month and 24-hour local time', () => {
    expect(formatDateTime(NOW)).toBe('Tue 1 Dec, 14:05');
    expect(formatDateTime(NOW, NOW)).toBe('Tue 1 Dec, 14:05');
  });

  it('adds the year when the moment is not in the current year', () => {
    expect(formatDateTime(NOW + 365 * DAY, NOW)).toBe('Wed 1 Dec 2027, 14:05');
  });

  it('pads hours and minutes to two digits', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 5, 13, 7))).toBe('Mon 5 Jan, 08:07');
    expect(formatWhen(Date.UTC(2026, 0, 5, 5, 0), Date.UTC(2026, 0, 5, 20, 0))).toBe('00:00');
  });

  it('uses local summer time when the moment falls in it', () => {
    expect(formatDateTime(Date.UTC(2026, 6, 4, 16, 30))).toBe('Sat 4 Jul, 12:30');
  });
});

describe('formatWhen', () => {
  it('shows only the time on the same local day, the full date otherwise', () => {
    expect(formatWhen(NOW - 3 * HOUR, NOW)).toBe('11:05');
    // 00:30 UTC on 2 Dec is still 1 Dec in New York.
    expect(formatWhen(Date.UTC(2026, 11, 2, 0, 30), NOW)).toBe('19:30');
    expect(formatWhen(NOW - DAY, NOW)).toBe('Mon 30 Nov, 14:05');
  });
});

describe('localDayStart', () => {
  it('gives local midnight, so dates compared with it read the same all day', () => {
    expect(localDayStart(NOW)).toBe(Date.UTC(2026, 11, 1, 5, 0));
    expect(formatWhen(NOW - 3 * HOUR, localDayStart(NOW))).toBe('11:05');
    expect(formatWhen(NOW - DAY, localDayStart(NOW))).toBe('Mon 30 Nov, 14:05');
  });
});

describe('datetime-local values', () => {
  it('round-trips a moment at minute precision in local time', () => {
    expect(toDateTimeLocalValue(NOW)).toBe('2026-12-01T14:05');
    expect(fromDateTimeLocalValue('2026-12-01T14:05')).toBe(NOW);
    expect(fromDateTimeLocalValue('2026-07-04T12:30')).toBe(Date.UTC(2026, 6, 4, 16, 30));
  });

  it('reads an empty or broken value as no date', () => {
    expect(fromDateTimeLocalValue('')).toBeNull();
    expect(fromDateTimeLocalValue('  ')).toBeNull();
    expect(fromDateTimeLocalValue('next tuesday')).toBeNull();
  });
});
