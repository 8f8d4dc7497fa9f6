import { differenceInHours, differenceInMinutes, format, isSameDay, isSameYear, isValid, parseISO } from 'date-fns';

/**
 * How the UI says "when": countdowns and local date-times. Storage and messages keep UTC epoch ms;
 * this is the edge where they become words. `now` is always a parameter so renders and tests agree.
 */

const HOURS_PER_DAY = 24;
/** Below this a countdown talks in hours, so the last two days are never rounded down to "1 day". */
const HOURS_BEFORE_DAYS = 2 * HOURS_PER_DAY;

/**
 * "5 days left", "22 h left", "35 min left", "expired 5 h ago", "expired 2 days ago".
 * Days are whole 24-hour periods, rounded down, like the code's own validity; a daylight-saving
 * change never makes a day shorter or longer here.
 */
export function formatCountdown(expiresAt: number, now: number): string {
  if (expiresAt > now) {
    const minutes = differenceInMinutes(expiresAt, now);
    if (minutes < 1) return 'less than 1 min left';
    if (minutes < 60) return `${minutes} min left`;
    const hours = differenceInHours(expiresAt, now);
    if (hours < HOURS_BEFORE_DAYS) return `${hours} h left`;
    return `${Math.floor(hours / HOURS_PER_DAY)} days left`;
  }
  // Exactly at the expiry moment the code no longer works: it counts as expired.
  const minutes = differenceInMinutes(now, expiresAt);
  if (minutes < 1) return 'expired just now';
  if (minutes < 60) return `expired ${minutes} min ago`;
  const hours = differenceInHours(now, expiresAt);
  if (hours < HOURS_BEFORE_DAYS) return `expired ${hours} h ago`;
  return `expired ${Math.floor(hours / HOURS_PER_DAY)} days ago`;
}

/**
 * A moment in local time, e.g. "Tue 1 Dec, 14:05". The year is added when it is not the year of
 * `now`, so a 365-day code does not read as if it ended this year.
 */
export function formatDateTime(at: number, now?: number): string {
  if (now !== undefined && !isSameYear(at, now)) return format(at, 'EEE d MMM yyyy, HH:mm');
  return format(at, 'EEE d MMM, HH:mm');
}

/** "14:05" when `at` is on the same local day as `now`, otherwise the full {@link formatDateTime}. */
export function formatWhen(at: number, now: number): string {
  return isSameDay(at, now) ? format(at, 'HH:mm') : formatDateTime(at, now);
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
