import { describe, expect, it } from 'vitest';
import { adviceFor } from './advice';
import { liveStageAt, HOUR, DEFAULT_REMINDER_SETTINGS } from './expiry';
import { offersReachOut, reachOutMessage, silenceText, wantedDays } from './reach-out';
import { DEFAULT_MESSAGE_TEMPLATE } from './workflow-settings';

const NOW = Date.UTC(2026, 2, 11, 18, 0);
const DAY = 24 * HOUR;

describe('reaching out', () => {
  it('offers the message and "Mark asked" from reach-out time through swap time only', () => {
    const stage = (left: number) => liveStageAt(NOW + left, NOW, DEFAULT_REMINDER_SETTINGS);
    expect(offersReachOut(stage(73 * HOUR))).toBe(false);
    expect(offersReachOut(stage(72 * HOUR))).toBe(true);
    expect(offersReachOut(stage(24 * HOUR))).toBe(true);
    expect(offersReachOut(stage(0))).toBe(false);
    expect(offersReachOut('replaced')).toBe(false);
  });

  it('says at swap time, when no new code came, to swap now or pull the ad', () => {
    const swap = liveStageAt(NOW + 23 * HOUR, NOW, DEFAULT_REMINDER_SETTINGS);
    expect(swap).toBe('swap');
    expect(adviceFor(swap, 'mia.creates')).toBe('No new code from @mia.creates: swap now or pull the ad');
    expect(silenceText('x')).toBe('No new code from @x: swap now or pull the ad');
    // Before swap time the creator is not silent yet.
    expect(adviceFor('reachOut', 'mia.creates')).toBe('Reach out to @mia.creates for a new code');
  });

  it('fills the template with the post, the expiry and the validity wanted', () => {
    const code = {
      handle: 'mia.creates',
      postUrl: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
      validity: { kind: 'days' as const, days: 30 as const },
      createdAt: NOW - 28 * DAY,
      // Fri 13 Mar 2026, 14:00 in New York.
      expiresAt: NOW + 2 * DAY,
    };
    expect(reachOutMessage(DEFAULT_MESSAGE_TEMPLATE, code)).toBe(
      'Hi @mia.creates! The Spark Ads code for your post https://www.tiktok.com/@mia.creates/video/7301234567890123456 ' +
        'expires Fri 13 Mar 2026 at 14:00. Could you turn Ad authorization on for it and send a new code valid for 30 days? Thank you!',
    );
    expect(reachOutMessage('{handle} {days} {unknown}', code)).toBe('@mia.creates 30 {unknown}');
  });

  it('asks for a custom period in whole days', () => {
    expect(wantedDays({ validity: { kind: 'custom', endsAt: 0 }, createdAt: NOW, expiresAt: NOW + 180 * DAY + HOUR })).toBe(180);
  });
});
