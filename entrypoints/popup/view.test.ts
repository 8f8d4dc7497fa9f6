import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS } from '../../lib/domain/expiry';
import { DAY, HOUR, NOW, record } from '../../lib/db/test-fixtures';
import { adAccountsOf, NO_FILTERS, reuseUnchanged, sortByUrgency, viewCodes, visibilityOf } from './view';

const S = DEFAULT_REMINDER_SETTINGS;

describe('sortByUrgency', () => {
  it('puts the soonest expiry first, expired codes before live ones', () => {
    const later = record({ handle: 'later', expiresAt: NOW + 20 * DAY });
    const soon = record({ handle: 'soon', expiresAt: NOW + HOUR });
    const gone = record({ handle: 'gone', expiresAt: NOW - DAY });
    expect(sortByUrgency([later, soon, gone]).map((c) => c.handle)).toEqual(['gone', 'soon', 'later']);
  });

  it('orders codes with the same expiry by handle, so the list does not shuffle', () => {
    const b = record({ handle: 'bea', expiresAt: NOW + DAY });
    const a = record({ handle: 'ann', expiresAt: NOW + DAY });
    expect(sortByUrgency([b, a]).map((c) => c.handle)).toEqual(['ann', 'bea']);
    expect(sortByUrgency([a, b]).map((c) => c.handle)).toEqual(['ann', 'bea']);
  });

  it('puts pulled and then replaced codes after every live one, however early they expired', () => {
    const pulled = record({ handle: 'pulled', expiresAt: NOW - 5 * DAY, status: 'pulled' });
    const replaced = record({ handle: 'replaced', expiresAt: NOW - 9 * DAY, status: 'replaced' });
    const live = record({ handle: 'live', expiresAt: NOW + 30 * DAY });
    const expired = record({ handle: 'expired', expiresAt: NOW - DAY });
    expect(sortByUrgency([replaced, pulled, live, expired]).map((c) => c.handle)).toEqual(['expired', 'live', 'pulled', 'replaced']);
  });
});

describe('viewCodes', () => {
  const active = record({ handle: 'active', expiresAt: NOW + 10 * DAY, adAccountId: '111111' });
  const reach = record({ handle: 'reach', expiresAt: NOW + 60 * HOUR, adAccountId: '222222' });
  const swap = record({ handle: 'swap', expiresAt: NOW + 5 * HOUR, adAccountId: '111111' });
  const replaced = record({ handle: 'old', expiresAt: NOW + 3 * DAY, status: 'replaced', adAccountId: '111111' });
  const pulled = record({ handle: 'pulled', expiresAt: NOW + 4 * DAY, status: 'pulled', adAccountId: '222222' });
  const all = sortByUrgency([active, reach, swap, replaced, pulled]);

  it('keeps stored codes whose dates cannot be true in the list, each with a warning', () => {
    const future = record({ handle: 'future', createdAt: NOW + 3 * DAY, expiresAt: NOW + 33 * DAY });
    const ancient = record({ handle: 'ancient', createdAt: 0, expiresAt: 30 * DAY });
    const endless = record({ handle: 'endless', createdAt: NOW - DAY, expiresAt: Date.UTC(9999, 0, 1) });
    const view = viewCodes(sortByUrgency([future, ancient, endless, active]), NO_FILTERS, NOW, S);
    expect(view.map((v) => [v.code.handle, v.warning])).toEqual([
      ['ancient', 'Check its dates: it says the code was made before 2019, when Spark Ads began.'],
      ['active', null],
      ['future', 'Check its dates: it says the code was made in the future, so its countdown is wrong.'],
      ['endless', 'Check its dates: it says the code lasts more than 365 days, longer than any Spark Ads code.'],
    ]);
  });

  it('gives each code its stage and countdown at one shared now', () => {
    const view = viewCodes(all, NO_FILTERS, NOW, S);
    expect(view.map((v) => [v.code.handle, v.stage, v.countdown])).toEqual([
      ['swap', 'swap', '5 h left'],
      ['reach', 'reachOut', '2 days left'],
      ['active', 'active', '10 days left'],
      ['pulled', 'pulled', '4 days left'],
    ]);
  });

  it('hides replaced codes unless asked to show them', () => {
    expect(viewCodes(all, NO_FILTERS, NOW, S).some((v) => v.stage === 'replaced')).toBe(false);
    const shown = viewCodes(all, { ...NO_FILTERS, showReplaced: true }, NOW, S);
    expect(shown.map((v) => v.code.handle)).toContain('old');
  });

  it('shows replaced codes when the stage filter asks for them, even with the switch off', () => {
    const view = viewCodes(all, { ...NO_FILTERS, stage: 'replaced' }, NOW, S);
    expect(view.map((v) => v.code.handle)).toEqual(['old']);
  });

  it('filters by ad account and by stage together', () => {
    expect(viewCodes(all, { ...NO_FILTERS, adAccount: '111111' }, NOW, S).map((v) => v.code.handle)).toEqual([
      'swap',
      'active',
    ]);
    expect(viewCodes(all, { ...NO_FILTERS, adAccount: '222222', stage: 'reachOut' }, NOW, S).map((v) => v.code.handle)).toEqual([
      'reach',
    ]);
    expect(viewCodes(all, { ...NO_FILTERS, adAccount: '222222', stage: 'swap' }, NOW, S)).toEqual([]);
  });

  it('moves a code to the next stage as time passes', () => {
    const later = viewCodes([reach], NO_FILTERS, NOW + 40 * HOUR, S)[0]!;
    expect([later.stage, later.countdown]).toEqual(['swap', '20 h left']);
    const expired = viewCodes([reach], NO_FILTERS, NOW + 62 * HOUR, S)[0]!;
    expect([expired.stage, expired.countdown]).toEqual(['expired', 'expired 2 h ago']);
  });

  it('lists the reminders confirmed on screen, not the ones only decided or overtaken', () => {
    const shownThenSwap = record({
      expiresAt: NOW + 5 * HOUR,
      reminders: { reachOut: NOW - DAY, swap: NOW - HOUR },
      shown: { reachOut: NOW - DAY, swap: NOW - HOUR },
    });
    const overtaken = record({
      expiresAt: NOW + 5 * HOUR,
      reminders: { reachOut: NOW - HOUR, swap: NOW - HOUR },
      shown: { swap: NOW - HOUR },
    });
    const [a, b] = viewCodes([shownThenSwap, overtaken], NO_FILTERS, NOW, S);
    expect(a!.sent).toEqual({ reachOut: NOW - DAY, swap: NOW - HOUR });
    expect(b!.sent).toEqual({ swap: NOW - HOUR });
    const undelivered = record({ expiresAt: NOW + 5 * HOUR, reminders: { swap: NOW - HOUR } });
    expect(viewCodes([undelivered], NO_FILTERS, NOW, S)[0]!.sent).toEqual({});
    expect(viewCodes([active], NO_FILTERS, NOW, S)[0]!.sent).toEqual({});
  });

  it('follows the buyer’s reminder settings', () => {
    const view = viewCodes([active], NO_FILTERS, NOW, { reachOutHours: 24 * 11, swapHours: 24 });
    expect(view[0]!.stage).toBe('reachOut');
  });
});

describe('visibilityOf', () => {
  it('says whether a code is shown, hidden as replaced, or filtered out', () => {
    const live = record({ adAccountId: '111111' });
    const old = record({ status: 'replaced', adAccountId: '111111' });
    expect(visibilityOf(live, NO_FILTERS, NOW, S)).toBe('shown');
    expect(visibilityOf(old, NO_FILTERS, NOW, S)).toBe('replacedHidden');
    expect(visibilityOf(live, { ...NO_FILTERS, adAccount: '999999' }, NOW, S)).toBe('filtered');
    expect(visibilityOf(live, { ...NO_FILTERS, stage: 'expired' }, NOW, S)).toBe('filtered');
  });
});

describe('adAccountsOf', () => {
  it('lists each ad account once', () => {
    const codes = [record({ adAccountId: '7000002' }), record({ adAccountId: '7000001' }), record({ adAccountId: '7000002' })];
    expect(adAccountsOf(codes)).toEqual(['7000001', '7000002']);
  });
});

describe('reuseUnchanged', () => {
  const a = record({ handle: 'a' });
  const b = record({ handle: 'b' });

  it('keeps the previous list when a re-read found nothing new', () => {
    const prev = [a, b];
    expect(reuseUnchanged(prev, [{ ...a }, { ...b, reminders: {} }])).toBe(prev);
  });

  it('keeps unchanged codes and takes the changed one', () => {
    const prev = [a, b];
    const changedB = { ...b, status: 'pulled' as const };
    const next = reuseUnchanged(prev, [{ ...a }, changedB]);
    expect(next).not.toBe(prev);
    expect(next[0]).toBe(a);
    expect(next[1]).toBe(changedB);
  });

  it('notices a new reminder, a removed code and a new order', () => {
    const withReminder = { ...a, reminders: { reachOut: NOW } };
    expect(reuseUnchanged([a, b], [withReminder, { ...b }])[0]).toBe(withReminder);
    // Shown after it was decided: the popup must list it then.
    const confirmed = { ...withReminder, shown: { reachOut: NOW } };
    expect(reuseUnchanged([withReminder, b], [confirmed, { ...b }])[0]).toBe(confirmed);
    expect(reuseUnchanged([a, b], [{ ...a }])).toEqual([a]);
    const swapped = reuseUnchanged([a, b], [{ ...b }, { ...a }]);
    expect(swapped).toEqual([b, a]);
    expect(swapped[0]).toBe(b);
  });
});
