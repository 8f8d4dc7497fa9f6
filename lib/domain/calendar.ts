import { createEvents, type EventAttributes } from 'ics';
import type { CodeRecord, ReminderKind } from './code';
import { reminderTimes, type ReminderSettings } from './expiry';
import { formatUtc } from '../time/countdown';

/**
 * The buyer's reminders as calendar events (.ics): for every live code, its reach-out time, its swap
 * time and its expiry, each with an alarm at that moment. Times are written in UTC; calendars show
 * them in the viewer's zone. Only moments still ahead are included: a calendar entry for a reminder
 * already due would only be noise. The authorization code itself and the notes stay out of the file,
 * since calendars are often synced and shared.
 */

export interface CalendarEvent {
  /** Stable per code and kind, so importing a newer file updates the events instead of doubling them. */
  uid: string;
  kind: ReminderKind;
  codeId: string;
  start: number;
  title: string;
  description: string;
  url: string;
}

const EVENT_MINUTES = 15;

function wording(code: CodeRecord, kind: ReminderKind): { title: string; action: string } {
  const who = `@${code.handle}`;
  switch (kind) {
    case 'reachOut':
      return {
        title: `Reach out to ${who} for a new Spark code`,
        action: `Ask ${who} for a new code now, so you can swap it before the old one expires.`,
      };
    case 'swap':
      return {
        title: `Swap the Spark code from ${who} in Ads Manager`,
        action: 'Enter the new code in Ads Manager before the old one expires, or the ad stops delivering.',
      };
    case 'expired':
      return {
        title: `Spark code from ${who} expires`,
        action: 'The ad stops delivering now unless a new code was entered: renew it or pull the ad.',
      };
  }
}

/** The events still ahead of `now` for every live code, soonest first. */
export function calendarEvents(codes: readonly CodeRecord[], now: number, settings: ReminderSettings): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const code of codes) {
    if (code.status !== 'live') continue;
    const times = reminderTimes(code.expiresAt, settings);
    for (const kind of ['reachOut', 'swap', 'expired'] as const) {
      const start = times[kind];
      if (start <= now) continue;
      const { title, action } = wording(code, kind);
      events.push({
        uid: `${code.id}-${kind}@spark-guard`,
        kind,
        codeId: code.id,
        start,
        title,
        description: `${action}\nAd account: ${code.adAccountId}\nPost: ${code.postUrl}\nThe code expires ${formatUtc(code.expiresAt)}.`,
        url: code.postUrl,
      });
    }
  }
  return events.sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : 1));
}

/** The .ics text for `events`; `now` stamps the file (DTSTAMP), so the same input gives the same text. */
export function calendarText(events: readonly CalendarEvent[], now: number): string {
  const attributes: EventAttributes[] = events.map((e) => ({
    uid: e.uid,
    productId: 'spark-guard',
    calName: 'Spark Guard reminders',
    timestamp: now,
    start: e.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: EVENT_MINUTES },
    title: e.title,
    description: e.description,
    url: e.url,
    // A pop-up at the moment itself; an absolute trigger, since calendars disagree about a zero offset.
    alarms: [{ action: 'display', description: e.title, trigger: e.start }],
  }));
  const { error, value } = createEvents(attributes, { productId: 'spark-guard', calName: 'Spark Guard reminders' });
  if (error || !value) {
    // Only our own input could make this fail: a bug, not something the buyer can fix.
    throw new Error(`Could not write the calendar file: ${error?.message ?? 'no output'}`);
  }
  return value;
}
