import { describe, expect, it } from 'vitest';
import { creatorViews, parseCreatorDraft, pipelineHealth, readinessOf, readinessText, type CreatorRecord } from './creator';
import { HOUR } from './expiry';

const NOW = Date.UTC(2026, 2, 11, 18, 0);

function creator(handle: string, regionConfirmed: boolean, toggleSeenOn: boolean): CreatorRecord {
  return { handle, region: 'US', contact: '', regionConfirmed, toggleSeenOn, screenshot: null, savedAt: NOW, updatedAt: NOW };
}

describe('readiness', () => {
  it('asks for the region first, then for proof of the toggle, then says ready', () => {
    expect(readinessText(readinessOf(creator('a', false, false)))).toBe('Confirm the region');
    expect(readinessText(readinessOf(creator('a', false, true)))).toBe('Confirm the region');
    expect(readinessText(readinessOf(creator('a', true, false)))).toBe('Ask for a screenshot of Ad authorization: On');
    expect(readinessText(readinessOf(creator('a', true, true)))).toBe('Ready for Spark Ads');
  });

  it('treats a creator known only from the ledger as not ready', () => {
    expect(readinessOf(null)).toBe('confirmRegion');
  });
});

describe('pipeline health', () => {
  const views = (ready: number, notReady = 2) => [
    ...Array.from({ length: ready }, () => ({ readiness: 'ready' as const })),
    ...Array.from({ length: notReady }, () => ({ readiness: 'askToggle' as const })),
  ];

  it('counts ready creators against the target', () => {
    expect(pipelineHealth(views(6), 8, 15)).toMatchObject({
      ready: 6,
      state: 'below',
      text: '6 creators ready (target 8–15)',
      advice: 'Below target: get 2 more creators ready before codes run out.',
    });
    expect(pipelineHealth(views(1), 8, 15).text).toBe('1 creator ready (target 8–15)');
  });

  it('counts both ends of the target as within it', () => {
    expect(pipelineHealth(views(8), 8, 15)).toMatchObject({ state: 'within', advice: null });
    expect(pipelineHealth(views(15), 8, 15)).toMatchObject({ state: 'within', advice: null });
    expect(pipelineHealth(views(7), 8, 15).state).toBe('below');
    expect(pipelineHealth(views(16), 8, 15).state).toBe('above');
  });
});

describe('creators from the ledger', () => {
  it('lists every handle of the ledger once, with its live codes and next expiry, beside saved creators', () => {
    const codes = [
      { handle: 'mia.creates', status: 'live' as const, expiresAt: NOW + 50 * HOUR },
      { handle: 'mia.creates', status: 'live' as const, expiresAt: NOW + 10 * HOUR },
      { handle: 'mia.creates', status: 'replaced' as const, expiresAt: NOW + 5 * HOUR },
      { handle: 'jon_eats', status: 'live' as const, expiresAt: NOW - HOUR },
    ];
    const views = creatorViews([creator('ana.runs', true, true), creator('mia.creates', true, false)], codes, NOW);
    expect(views.map((v) => [v.handle, v.readiness, v.liveCodes, v.nextExpiry])).toEqual([
      ['jon_eats', 'confirmRegion', 0, null],
      ['mia.creates', 'askToggle', 2, NOW + 10 * HOUR],
      ['ana.runs', 'ready', 0, null],
    ]);
  });
});

describe('a creator as typed', () => {
  it('normalizes the handle and refuses a confirmed region that is empty', () => {
    expect(parseCreatorDraft({ handle: ' @Mia.Creates ', region: ' US ', contact: '', regionConfirmed: true, toggleSeenOn: false })).toEqual({
      ok: true,
      value: { handle: 'mia.creates', region: 'US', contact: '', regionConfirmed: true, toggleSeenOn: false },
    });
    expect(parseCreatorDraft({ handle: 'mia', region: '', contact: '', regionConfirmed: true, toggleSeenOn: false })).toMatchObject({
      ok: false,
      field: 'region',
    });
    expect(parseCreatorDraft({ handle: 'bad handle', region: '', contact: '', regionConfirmed: false, toggleSeenOn: false })).toMatchObject({
      ok: false,
      field: 'handle',
    });
  });
});
