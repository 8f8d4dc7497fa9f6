import { describe, expect, it } from 'vitest';
import { DAY, HOUR, NOW, record } from '../db/test-fixtures';
import { calendarEvents, calendarText } from './calendar';
import { DEFAULT_REMINDER_SETTINGS } from './expiry';

/** The lines of an .ics file with folded lines joined again (RFC 5545: CRLF, then a space or tab). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** Each VEVENT as a map of its property lines (alarms kept apart). */
function vevents(ics: string): { props: Map<string, string>; alarms: string[][] }[] {
  const events: { props: Map<string, string>; alarms: string[][] }[] = [];
  let current: { props: Map<string, string>; alarms: string[][] } | null = null;
  let alarm: string[] | null = null;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = { props: new Map(), alarms: [] };
    else if (line === 'END:VEVENT') events.push(current!), (current = null);
    else if (line === 'BEGIN:VALARM') alarm = [];
    else if (line === 'END:VALARM') current!.alarms.push(alarm!), (alarm = null);
    else if (alarm) alarm.push(line);
    else if (current) {
      const at = line.search(/[:;]/);
      current.props.set(line.slice(0, at), line.slice(at + 1));
    }
  }
  return events;
}

describe('calendarEvents', () => {
  it('gives each live code its reach-out, swap and expiry moments still ahead, soonest first', () => {
    const calm = record({ handle: 'ana.runs', expiresAt: NOW + 10 * DAY });
    const dueSoon = record({ handle: 'leo.cooks', expiresAt: NOW + 50 * HOUR });
    const events = calendarEvents([calm, dueSoon], NOW, DEFAULT_REMINDER_SETTINGS);
    expect(events.map((e) => [e.codeId, e.kind, e.start])).toEqual([
      // leo's reach-out time (72 h before) has passed: only what is still ahead.
      [dueSoon.id, 'swap', NOW + 26 * HOUR],
      [dueSoon.id, 'expired', NOW + 50 * HOUR],
      [calm.id, 'reachOut', NOW + 7 * DAY],
      [calm.id, 'swap', NOW + 9 * DAY],
      [calm.id, 'expired', NOW + 10 * DAY],
    ]);
    expect(events[0]?.title).toBe('Swap the Spark code from @leo.cooks in Ads Manager');
  });

  it('follows the buyer’s reminder times and leaves out codes that need nothing', () => {
    const code = record({ expiresAt: NOW + 10 * DAY });
    const events = calendarEvents(
      [code, record({ status: 'replaced' }), record({ status: 'pulled' }), record({ expiresAt: NOW - HOUR })],
      NOW,
      { reachOutHours: 120, swapHours: 48 },
    );
    expect(events.map((e) => [e.kind, e.start])).toEqual([
      ['reachOut', NOW + 5 * DAY],
      ['swap', NOW + 8 * DAY],
      ['expired', NOW + 10 * DAY],
    ]);
  });
});

describe('calendarText', () => {
  const code = record({
    handle: 'mia.creates',
    code: '#S3cretC0deN0tF0rCalendars=',
    notes: 'Agreed fee: 500',
    expiresAt: Date.UTC(2026, 2, 20, 18, 30),
  });
  const ics = calendarText(calendarEvents([code], NOW, DEFAULT_REMINDER_SETTINGS), NOW);

  it('writes one event per moment in UTC, each with an alarm at that moment', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    const events = vevents(ics);
    expect(events.map((e) => e.props.get('DTSTART'))).toEqual(['20260317T183000Z', '20260319T183000Z', '20260320T183000Z']);
    expect(events.map((e) => e.props.get('SUMMARY'))).toEqual([
      'Reach out to @mia.creates for a new Spark code',
      'Swap the Spark code from @mia.creates in Ads Manager',
      'Spark code from @mia.creates expires',
    ]);
    for (const event of events) {
      expect(event.props.get('DTSTAMP')).toBe('20260310T180000Z');
      expect(event.props.get('DURATION')).toBe('PT15M');
      expect(event.alarms).toEqual([
        ['ACTION:DISPLAY', `DESCRIPTION:${event.props.get('SUMMARY')}`, `TRIGGER;VALUE=DATE-TIME:${event.props.get('DTSTART')}`],
      ]);
    }
  });

  it('keeps one id per code and moment, so a newer file updates the events instead of doubling them', () => {
    expect(vevents(ics).map((e) => e.props.get('UID'))).toEqual([
      `${code.id}-reachOut@spark-guard`,
      `${code.id}-swap@spark-guard`,
      `${code.id}-expired@spark-guard`,
    ]);
    expect(calendarText(calendarEvents([code], NOW + HOUR, DEFAULT_REMINDER_SETTINGS), NOW)).toBe(ics);
  });

  it('says what to do and where, without the code itself or the notes', () => {
    const description = vevents(ics)[1]!.props.get('DESCRIPTION');
    expect(description).toBe(
      'Enter the new code in Ads Manager before the old one expires\\, or the ad stops delivering.\\n' +
        `Ad account: ${code.adAccountId}\\nPost: ${code.postUrl}\\nThe code expires 2026-03-20 18:30 UTC.`,
    );
    expect(ics).not.toContain('S3cretC0de');
    expect(ics).not.toContain('Agreed fee');
  });

  it('keeps every line within the 75 characters calendars expect', () => {
    const lines = ics.split('\r\n');
    expect(lines.length).toBeGreaterThan(30);
    expect(lines.filter((l) => l.length > 75)).toEqual([]);
  });
});
