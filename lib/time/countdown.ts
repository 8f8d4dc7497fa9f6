import {
  differenceInHours,
  differenceInMinutes,
  format,
  isSameDay,
  isValid,
  parseISO,
  startOfDay,
  type Day,
  type Month,
} from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';

/**
 * How the UI says "when": countdowns and local date-times. Storage and messages keep UTC epoch ms;
 * this is the edge where they become words. `now` is always a parameter so renders and tests agree.
 */

const HOURS_PER_DAY = 24;
/** Below this a countdown talks in hours, so the last two days are never rounded down to "1 day". */
const HOURS_BEFORE_DAYS = 2 * HOURS_PER_DAY;

/**
 * "5 days left", "22 h left", "35 min left", "expired 5 h ago", "expired 2 days ago".
 * Time left counts every started minute (a code saved a second ago with 30 days reads "30 days
 * left", and "1 min left" holds until the very end); then whole hours and whole 24-hour days,
 * rounded down, like the code's own validity, so a daylight-saving change never makes a day shorter
 * or longer here. Time since expiry counts whole minutes, hours and days.
 */
export function formatCountdown(expiresAt: number, now: number): string {
  if (expiresAt > now) {
    const minutes = differenceInMinutes(expiresAt, now, { roundingMethod: 'ceil' });
    if (minutes < 60) return `${minutes} min left`;
    const hours = Math.floor(minutes / 60);
    if (hours < HOURS_BEFORE_DAYS) return `${hours} h left`;
    return `${Math.floor(hours / HOURS_PER_DAY)} days left`;
  }
  // At the expiry moment itself the code no longer works: it counts as expired.
  const minutes = differenceInMinutes(now, expiresAt);
  if (minutes < 1) return 'expired just now';
  if (minutes < 60) return `expired ${minutes} min ago`;
  const hours = differenceInHours(now, expiresAt);
  if (hours < HOURS_BEFORE_DAYS) return `expired ${hours} h ago`;
  return `expired ${Math.floor(hours / HOURS_PER_DAY)} days ago`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A moment in local time, e.g. "Tue 1 Dec, 14:05". The year is added when it is not the year of
 * `now`, so a 365-day code does not read as if it ended this year. Built from date-fns' English
 * names rather than its `format`, which parses the pattern on every call: the popup formats a
 * thousand of these in its first frame.
 */
export function formatDateTime(at: number, now?: number): string {
  const date = new Date(at);
  const weekday = enUS.localize.day(date.getDay() as Day, { width: 'abbreviated' });
  const month = enUS.localize.month(date.getMonth() as Month, { width: 'abbreviated' });
  const year = now !== undefined && date.getFullYear() !== new Date(now).getFullYear() ? ` ${date.getFullYear()}` : '';
  return `${weekday} ${date.getDate()} ${month}${year}, ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** "14:05" when `at` is on the same local day as `now`, otherwise the full {@link formatDateTime}. */
export function formatWhen(at: number, now: number): string {
  if (!isSameDay(at, now)) return formatDateTime(at, now);
  const date = new Date(at);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** "2026-03-10 18:00 UTC": a moment in words that read the same in every zone (files, calendar events). */
export function formatUtc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Local midnight of the day `at` falls on: a value that changes once a day, for date labels. */
export function localDayStart(at: number): number {
  return startOfDay(at).getTime();
}

/** The value a `<input type="datetime-local">` shows for a moment (local time, minute precision). */
export function toDateTimeLocalValue(at: number): string {
  return format(at, "yyyy-MM-dd'T'HH:mm");
}

/** Reads a `<input type="datetime-local">` value as local time; null when it is empty or not a date. */
export function fromDateTimeLocalValue(value: string): number | null {
  if (!value.trim()) return null;
  const date = parseISO(value);
  return isValid(date) ? date.getTime() : null;
}
