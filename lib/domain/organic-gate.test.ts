import { describe, expect, it } from 'vitest';
import { HOUR } from './expiry';
import {
  gateVerdict,
  parsePostDraft,
  verdictText,
  type PostDraftInput,
  type PostReading,
} from './organic-gate';
import { DEFAULT_WORKFLOW_SETTINGS } from './workflow-settings';

// Wed 11 Mar 2026, 14:00 in New York (the tests' zone).
const POSTED = Date.UTC(2026, 2, 11, 18, 0);
const settings = DEFAULT_WORKFLOW_SETTINGS;
const post = { postedAt: POSTED };

function reading(at: number, completion: number | null, sentiment: PostReading['sentiment']) {
  return { at, completion, sentiment };
}

describe('the organic gate', () => {
  it('says to wait until 48 h of organic life are over, naming the day and time', () => {
    const now = POSTED + HOUR;
    const verdict = gateVerdict(post, [reading(now, 80, 'positive')], now, settings);
    expect(verdict).toEqual({ kind: 'wait', until: POSTED + 48 * HOUR, hours: 48 });
    expect(verdictText(verdict, now)).toBe('Wait until Fri 14:00 (48 h of organic life)');
  });

  it('still waits one millisecond before 48 h, and judges at exactly 48 h', () => {
    const good = [reading(POSTED + HOUR, 70, 'positive')];
    expect(gateVerdict(post, good, POSTED + 48 * HOUR - 1, settings).kind).toBe('wait');
    expect(gateVerdict(post, good, POSTED + 48 * HOUR, settings)).toEqual({ kind: 'candidate' });
  });

  it('follows the organic wait setting', () => {
    const good = [reading(POSTED + HOUR, 70, 'positive')];
    const longer = { ...settings, organicWaitHours: 72 };
    expect(gateVerdict(post, good, POSTED + 48 * HOUR, longer)).toMatchObject({ kind: 'wait', hours: 72 });
    expect(verdictText(gateVerdict(post, good, POSTED + 48 * HOUR, longer), POSTED + 48 * HOUR)).toBe(
      'Wait until Sat 14:00 (72 h of organic life)',
    );
  });

  it('passes a completion of exactly 60 % and refuses 59.9 %', () => {
    const now = POSTED + 50 * HOUR;
    expect(gateVerdict(post, [reading(now, 60, 'positive')], now, settings)).toEqual({ kind: 'candidate' });
    const below = gateVerdict(post, [reading(now, 59.9, 'positive')], now, settings);
    expect(verdictText(below, now)).toBe("Don't promote: completion 59.9 % is under 60 %");
  });

  it('names every reason not to promote', () => {
    const now = POSTED + 50 * HOUR;
    const verdict = gateVerdict(post, [reading(now, 52, 'mixed')], now, settings);
    expect(verdictText(verdict, now)).toBe("Don't promote: completion 52 % is under 60 %; comments are mixed");
    expect(verdictText(gateVerdict(post, [reading(now, 75, 'negative')], now, settings), now)).toBe(
      "Don't promote: comments are negative",
    );
  });

  it('calls a post with no readings, or missing ones, unknown and never a candidate', () => {
    const now = POSTED + 50 * HOUR;
    const none = gateVerdict(post, [], now, settings);
    expect(none).toEqual({ kind: 'unknown', missing: ['completion', 'sentiment'] });
    expect(verdictText(none, now)).toBe('Not judged yet: add completion at 15 s and comment sentiment');
    expect(gateVerdict(post, [reading(now, 90, null)], now, settings)).toEqual({ kind: 'unknown', missing: ['sentiment'] });
    expect(gateVerdict(post, [reading(now, null, 'positive')], now, settings)).toEqual({ kind: 'unknown', missing: ['completion'] });
  });

  it('lets the latest reading decide, whatever order they are stored in', () => {
    const now = POSTED + 60 * HOUR;
    const early = reading(POSTED + 49 * HOUR, 52, 'mixed');
    const late = reading(POSTED + 59 * HOUR, 66, 'positive');
    expect(gateVerdict(post, [late, early], now, settings)).toEqual({ kind: 'candidate' });
    expect(gateVerdict(post, [early, late].reverse().reverse(), now, settings)).toEqual({ kind: 'candidate' });
    // And the other way round: a good first look does not survive a bad later one.
    expect(gateVerdict(post, [reading(POSTED + 59 * HOUR, 40, 'positive'), reading(POSTED + 49 * HOUR, 80, 'positive')], now, settings).kind).toBe(
      'dontPromote',
    );
  });
});

describe('a post as typed', () => {
  const now = POSTED + 50 * HOUR;
  const input = (patch: Partial<PostDraftInput> = {}): PostDraftInput => ({
    url: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
    postedAt: POSTED,
    views: '12,300',
    completion: '64.5',
    sentiment: 'positive',
    ...patch,
  });

  it('reads the link, the counts and the sentiment', () => {
    expect(parsePostDraft(input(), now)).toEqual({
      ok: true,
      value: {
        key: '7301234567890123456',
        url: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
        postId: '7301234567890123456',
        handle: 'mia.creates',
        postedAt: POSTED,
        views: 12300,
        completion: 64.5,
        sentiment: 'positive',
      },
    });
  });

  it('keeps empty readings as unknown', () => {
    expect(parsePostDraft(input({ views: '', completion: ' ', sentiment: '' }), now)).toMatchObject({
      ok: true,
      value: { views: null, completion: null, sentiment: null },
    });
  });

  it('refuses negative views, completion over 100 and links that are not TikTok posts, in the buyer’s words', () => {
    expect(parsePostDraft(input({ views: '-5' }), now)).toEqual({
      ok: false,
      field: 'views',
      message: 'Views can’t be negative: enter the view count TikTok shows, for example 12300.',
    });
    expect(parsePostDraft(input({ completion: '101' }), now)).toEqual({
      ok: false,
      field: 'completion',
      message: 'Completion at 15 s is a percentage from 0 to 100, for example 64.',
    });
    const youtube = parsePostDraft(input({ url: 'https://www.youtube.com/watch?v=abc' }), now);
    expect(youtube).toMatchObject({ ok: false, field: 'url' });
    expect(youtube.ok || youtube.message).toMatch(/not a TikTok post/);
  });

  it('refuses a post time in the future or before Spark Ads existed', () => {
    expect(parsePostDraft(input({ postedAt: now + 2 * HOUR }), now)).toMatchObject({ ok: false, field: 'postedAt' });
    expect(parsePostDraft(input({ postedAt: Date.UTC(2010, 0, 1) }), now)).toMatchObject({ ok: false, field: 'postedAt' });
    expect(parsePostDraft(input({ postedAt: null }), now)).toMatchObject({ ok: false, field: 'postedAt' });
  });
});
