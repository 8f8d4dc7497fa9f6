import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS, HOUR } from './expiry';
import type { LedgerCodeView } from './ledger-view';
import { SPARK_IDENTITY_SWITCH } from './advice';
import { matchRow, notDeliveringAdvice } from './row-advice';

const NOW = Date.UTC(2026, 2, 10, 15, 0);
const DAY = 24 * HOUR;
const settings = DEFAULT_REMINDER_SETTINGS;

function code(over: Partial<LedgerCodeView> = {}): LedgerCodeView {
  return {
    id: 'c1',
    handle: 'jon_eats',
    postId: '7301234567890123456',
    postUrl: 'https://www.tiktok.com/@jon_eats/video/7301234567890123456',
    adAccountId: '7012345678901',
    expiresAt: NOW + 20 * DAY,
    status: 'live',
    ...over,
  };
}

const jon = code();
const mia = code({ id: 'c2', handle: 'mia.creates', postId: '7300000000000000002', postUrl: 'u2' });
const al = code({ id: 'c3', handle: 'al', postId: '7300000000000000003', postUrl: 'u3' });

describe('matchRow', () => {
  it('ties a row to the creator @mentioned in its name', () => {
    expect(matchRow('Spring promo @jon_eats v2', [jon, mia], null)).toEqual({ code: jon, by: 'name' });
  });

  it('ties a row to a bare handle in its name, dots included', () => {
    expect(matchRow('UGC | mia.creates | 9:16', [jon, mia], null)?.code.id).toBe('c2');
    expect(matchRow('Ad group jon_eats.', [jon, mia], null)?.code.id).toBe('c1');
  });

  it('does not match a handle that is only part of a longer word', () => {
    expect(matchRow('jon_eats_backup creative', [jon], null)).toBeNull();
  });

  it('does not match very short bare handles, which read like ordinary words', () => {
    expect(matchRow('Retargeting al lookalike', [al], null)).toBeNull();
    expect(matchRow('Retargeting @al lookalike', [al], null)?.code.id).toBe('c3');
  });

  it('matches neither when a name carries two creators', () => {
    expect(matchRow('jon_eats x mia.creates collab', [jon, mia], null)).toBeNull();
  });

  it('prefers an @mention over a bare word', () => {
    expect(matchRow('@mia.creates reacts to jon_eats', [jon, mia], null)?.code.id).toBe('c2');
  });

  it('uses the buyer’s link over the name', () => {
    expect(matchRow('@jon_eats', [jon, mia], 'c2')).toEqual({ code: mia, by: 'link' });
  });

  it('follows a linked code to its renewal', () => {
    const old = code({ id: 'old', status: 'replaced', expiresAt: NOW - DAY });
    const renewed = code({ id: 'new', expiresAt: NOW + 30 * DAY });
    expect(matchRow(null, [old, renewed], 'old')?.code.id).toBe('new');
  });

  it('falls back to the name when the linked code is gone', () => {
    expect(matchRow('@jon_eats', [jon], 'deleted')).toEqual({ code: jon, by: 'name' });
  });

  it('returns null for a row without a name or a known creator', () => {
    expect(matchRow(null, [jon], null)).toBeNull();
    expect(matchRow('Brand awareness Q2', [jon, mia], null)).toBeNull();
  });
});

describe('notDeliveringAdvice', () => {
  it('says the code expired and to ask for a new one', () => {
    const advice = notDeliveringAdvice({ code: code({ expiresAt: NOW - 2 * DAY - HOUR }), by: 'name' }, null, NOW, settings);
    expect(advice).toEqual({ tone: 'bad', label: 'Code expired', text: 'Spark code for @jon_eats expired 2 days ago: ask for a new code', sparkCause: true });
  });

  it('says to swap a code in its last day', () => {
    const advice = notDeliveringAdvice({ code: code({ expiresAt: NOW + 5 * HOUR }), by: 'name' }, null, NOW, settings);
    expect(advice.tone).toBe('bad');
    expect(advice.label).toBe('Code expiring');
    expect(advice.text).toBe('Spark code for @jon_eats is about to expire (5 h left): swap the code now');
  });

  it('points at withdrawn authorization when the page gives that reason and the code is valid', () => {
    const advice = notDeliveringAdvice({ code: jon, by: 'name' }, "Creator hasn't granted authorization", NOW, settings);
    expect(advice.tone).toBe('bad');
    expect(advice.label).toBe('Authorization off');
    expect(advice.text).toContain("(Creator hasn't granted authorization)");
    expect(advice.text).toContain('Ask @jon_eats to turn ad authorization back on');
  });

  it('says the code is not the cause when it is still valid', () => {
    const advice = notDeliveringAdvice({ code: jon, by: 'name' }, 'Ad group out of budget', NOW, settings);
    expect(advice.tone).toBe('info');
    expect(advice.label).toBe('Code still valid');
    expect(advice.text).toBe(
      'Not delivering (Ad group out of budget). The Spark code for @jon_eats is still valid (20 days left), so look elsewhere',
    );
  });

  it('adds a reach-out nudge when the valid code is in its reach-out stage', () => {
    const advice = notDeliveringAdvice({ code: code({ expiresAt: NOW + 60 * HOUR }), by: 'name' }, null, NOW, settings);
    expect(advice.tone).toBe('warn');
    expect(advice.label).toBe('Code still valid');
    expect(advice.text).toContain('reach out to @jon_eats');
  });

  it('mentions a pulled code', () => {
    const advice = notDeliveringAdvice({ code: code({ status: 'pulled' }), by: 'link' }, null, NOW, settings);
    expect(advice.label).toBe('Code pulled');
    expect(advice.text).toContain('You pulled');
  });

  it('asks to check the ad uses the new code when its code was replaced', () => {
    const advice = notDeliveringAdvice({ code: code({ status: 'replaced' }), by: 'link' }, null, NOW, settings);
    expect(advice).toEqual({
      tone: 'warn',
      label: 'Code replaced',
      text: 'The Spark code for @jon_eats was replaced: check this ad uses the new code',
      sparkCause: true,
    });
  });

  it('says just "Not delivering" when no code ties to the row and the page gives no reason it knows', () => {
    expect(notDeliveringAdvice(null, null, NOW, settings)).toEqual({ tone: 'bad', label: 'No code linked', text: 'Not delivering', sparkCause: true });
    expect(notDeliveringAdvice(null, 'Music copyright missing', NOW, settings).text).toBe('Not delivering (Music copyright missing)');
  });
});

describe('notDeliveringAdvice on the secondary statuses TikTok documents', () => {
  const SPARK_REASONS = ['Asset unavailable or authorization revoked', 'Identity is unavailable. Edit the ad to check details.'];

  for (const reason of SPARK_REASONS) {
    it(`"${reason}" is a Spark cause: a red badge that says to ask the creator for a new or extended code, with no code linked`, () => {
      const advice = notDeliveringAdvice(null, reason, NOW, settings);
      expect(advice.tone).toBe('bad');
      expect(advice.label).not.toBe('No code linked');
      expect(advice.label).toMatch(/^Spark /);
      expect(advice.text).toContain(`(${reason})`);
      expect(advice.text).toContain('Ask the creator for a new or extended code');
      expect(advice.text).toContain(`'${SPARK_IDENTITY_SWITCH}'`);
      expect(advice.sparkCause).toBe(true);
    });

    it(`"${reason}" outweighs a ledger code that has not run out: the creator is named`, () => {
      const advice = notDeliveringAdvice({ code: jon, by: 'name' }, reason, NOW, settings);
      expect(advice.tone).toBe('bad');
      expect(advice.label).not.toBe('Code still valid');
      expect(advice.text).toContain('Ask @jon_eats for a new or extended code');
    });
  }

  const OTHER_REASONS: [string, string][] = [
    ['Campaign out of budget', 'Budget'],
    ['Ad group out of budget', 'Budget'],
    ['Outside of schedule', 'Schedule'],
    ['Account balance insufficient', 'Balance'],
    ['In review', 'In review'],
    ['Not approved', 'Not approved'],
  ];
  for (const [reason, label] of OTHER_REASONS) {
    it(`"${reason}" is not a Spark problem: a neutral "${label}" badge, never "No code linked"`, () => {
      const advice = notDeliveringAdvice(null, reason, NOW, settings);
      expect(advice).toMatchObject({ tone: 'info', label, sparkCause: false });
      expect(advice.text).toMatch(new RegExp(`^Not delivering \\(${reason}\\): not a Spark code problem`));
    });
  }

  it('names the current identity switch, never the old "Use TikTok post"', () => {
    for (const reason of [...SPARK_REASONS, "Creator hasn't granted authorization"]) {
      expect(notDeliveringAdvice(null, reason, NOW, settings).text).not.toContain('Use TikTok post');
    }
    expect(SPARK_IDENTITY_SWITCH).toBe('Use TikTok account to deliver Spark Ads');
  });
});
