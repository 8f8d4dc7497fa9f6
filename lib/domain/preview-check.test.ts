import { describe, expect, it } from 'vitest';
import type { PreviewReading } from '../ads-manager/types';
import { DEFAULT_REMINDER_SETTINGS, HOUR } from './expiry';
import type { LedgerCodeView } from './ledger-view';
import { evaluateChecklist, ledgerContextFor, usernameWithoutAt, type Check, type CheckName, type LedgerContext } from './preview-check';

const NOW = Date.UTC(2026, 2, 10, 15, 0);
const DAY = 24 * HOUR;
const settings = DEFAULT_REMINDER_SETTINGS;

function reading(over: Partial<PreviewReading> = {}): PreviewReading {
  return {
    rendered: true,
    handle: 'jon_eats',
    displayName: null,
    avatar: 'present',
    comments: { kind: 'count', value: 2134 },
    identity: { kind: 'spark', label: 'TikTok account' },
    postId: null,
    problems: [],
    ...over,
  };
}

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

function ctx(codes: LedgerCodeView[], matchedBy: 'post' | 'handle' = 'post', adAccountId: string | null = '7012345678901'): LedgerContext {
  return { adAccountId, matchedBy, codes };
}

function get(checks: Check[], name: CheckName): Check {
  const found = checks.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} check in ${checks.map((c) => c.name).join(',')}`);
  return found;
}

describe('evaluateChecklist without ledger', () => {
  it('passes a Spark preview with handle, avatar and comments', () => {
    const list = evaluateChecklist(reading(), null, NOW, settings);
    expect(list.verdict).toBe('pass');
    expect(list.checks.map((c) => [c.name, c.state])).toEqual([
      ['handle', 'pass'],
      ['avatar', 'pass'],
      ['comments', 'pass'],
      ['identity', 'pass'],
    ]);
    expect(get(list.checks, 'handle').title).toContain('@jon_eats');
  });

  it('calls a placeholder preview unknown, never pass', () => {
    const list = evaluateChecklist(reading({ rendered: false, identity: { kind: 'unknown' } }), null, NOW, settings);
    expect(list.verdict).toBe('unknown');
    expect(list.checks.map((c) => c.name)).toEqual(['handle', 'avatar', 'comments', 'identity']);
    expect(list.checks.every((c) => c.state === 'unknown')).toBe(true);
    expect(list.checks.every((c) => c.title.startsWith("Can't read"))).toBe(true);
  });

  it('still judges the identity the form shows while the preview loads', () => {
    const spark = evaluateChecklist(reading({ rendered: false }), null, NOW, settings);
    expect(spark.verdict).toBe('unknown');
    expect(spark.checks.find((c) => c.name === 'identity')?.state).toBe('pass');
    const custom = evaluateChecklist(reading({ rendered: false, identity: { kind: 'custom', label: 'Custom identity' } }), null, NOW, settings);
    expect(custom.verdict).toBe('fail');
  });

  it('fails a brand name in place of the handle and says to re-enter the code', () => {
    const list = evaluateChecklist(reading({ handle: null, displayName: 'Acme Snacks' }), null, NOW, settings);
    const handle = get(list.checks, 'handle');
    expect(handle.state).toBe('fail');
    expect(handle.title).toBe('No creator handle in the preview');
    expect(handle.advice).toContain('"Acme Snacks"');
    expect(handle.advice).toContain('handshake failed');
    expect(handle.advice).toContain("'Use TikTok account to deliver Spark Ads'");
    expect(list.verdict).toBe('fail');
  });

  it('does not fail a username written without "@": with nothing to match it against it is unknown', () => {
    const list = evaluateChecklist(reading({ handle: null, displayName: 'jon_eats' }), null, NOW, settings);
    const handle = get(list.checks, 'handle');
    expect(handle).toMatchObject({ state: 'unknown', title: 'Can\'t tell if "jon_eats" is the creator' });
    expect(handle.advice).toContain('without an @');
    expect(list.verdict).toBe('unknown');
    // A display name, or any name under a custom identity, is still the failed handshake.
    for (const over of [
      { displayName: 'Acme Snacks' },
      { displayName: 'Glow Labs ✨' },
      { displayName: 'FitFuel', identity: { kind: 'custom' as const, label: 'Custom identity' } },
    ]) {
      expect(get(evaluateChecklist(reading({ handle: null, ...over }), null, NOW, settings).checks, 'handle').state, over.displayName).toBe('fail');
    }
  });

  it('says it cannot read the handle when neither handle nor name is found', () => {
    const list = evaluateChecklist(reading({ handle: null, displayName: null }), null, NOW, settings);
    expect(get(list.checks, 'handle')).toMatchObject({ state: 'unknown', title: "Can't read the creator handle" });
    expect(list.verdict).toBe('unknown');
  });

  it('fails a missing avatar and is unknown when the avatar cannot be read', () => {
    expect(get(evaluateChecklist(reading({ avatar: 'absent' }), null, NOW, settings).checks, 'avatar').state).toBe('fail');
    const unknown = get(evaluateChecklist(reading({ avatar: 'unknown' }), null, NOW, settings).checks, 'avatar');
    expect(unknown.state).toBe('unknown');
    expect(unknown.title).toMatch(/^Can't read/);
  });

  it('passes comments only when some show', () => {
    const state = (comments: PreviewReading['comments']) =>
      get(evaluateChecklist(reading({ comments }), null, NOW, settings).checks, 'comments').state;
    expect(state({ kind: 'count', value: 3 })).toBe('pass');
    expect(state({ kind: 'listed', count: 2 })).toBe('pass');
    expect(state({ kind: 'count', value: 0 })).toBe('fail');
    expect(state({ kind: 'listed', count: 0 })).toBe('fail');
    expect(state({ kind: 'off' })).toBe('fail');
    expect(state({ kind: 'unknown' })).toBe('unknown');
  });

  it('fails a custom identity, passes the creator identity, and cannot tell where none is shown', () => {
    const custom = evaluateChecklist(reading({ identity: { kind: 'custom', label: 'Custom identity' } }), null, NOW, settings);
    expect(get(custom.checks, 'identity').state).toBe('fail');
    expect(get(custom.checks, 'identity').advice).toContain('plain in-feed ad');
    expect(custom.verdict).toBe('fail');
    const spark = evaluateChecklist(reading({ identity: { kind: 'spark', label: 'Use TikTok post' } }), null, NOW, settings);
    expect(get(spark.checks, 'identity').state).toBe('pass');
    expect(spark.verdict).toBe('pass');
    const none = evaluateChecklist(reading({ identity: { kind: 'unknown' } }), null, NOW, settings);
    expect(get(none.checks, 'identity')).toMatchObject({ state: 'unknown', title: "Can't read the selected identity" });
    expect(none.verdict).toBe('unknown');
  });

  it('leaves the identity check out where no identity choice shows, and lets the preview itself decide', () => {
    const good = evaluateChecklist(reading({ identity: { kind: 'none' } }), null, NOW, settings);
    expect(good.checks.map((c) => c.name)).toEqual(['handle', 'avatar', 'comments']);
    expect(good.verdict).toBe('pass');
    // A plain in-feed ad still fails on what it shows: no @handle, no organic comments.
    const plain = evaluateChecklist(
      reading({ identity: { kind: 'none' }, handle: null, displayName: 'Lumo Bags', comments: { kind: 'count', value: 0 } }),
      null,
      NOW,
      settings,
    );
    expect(plain.verdict).toBe('fail');
    const loading = evaluateChecklist(reading({ identity: { kind: 'none' }, rendered: false }), null, NOW, settings);
    expect(loading.checks.map((c) => [c.name, c.state])).toEqual([
      ['handle', 'unknown'],
      ['avatar', 'unknown'],
      ['comments', 'unknown'],
    ]);
    expect(loading.verdict).toBe('unknown');
  });

  it('fails the Spark switch turned off and says to turn it on', () => {
    const list = evaluateChecklist(
      reading({ identity: { kind: 'custom', label: 'Use TikTok account to deliver Spark Ads', switchedOff: true } }),
      null,
      NOW,
      settings,
    );
    const identity = get(list.checks, 'identity');
    expect(identity).toMatchObject({ state: 'fail', title: "'Use TikTok account to deliver Spark Ads' is off" });
    expect(identity.advice).toContain('Turn it on');
    expect(list.verdict).toBe('fail');
  });

  it("names the identity switch as Ads Manager words it today, never the older 'Use TikTok post'", () => {
    const failing = evaluateChecklist(
      reading({
        handle: null,
        displayName: 'Acme Snacks',
        avatar: 'absent',
        comments: { kind: 'count', value: 0 },
        identity: { kind: 'custom', label: 'Custom identity' },
      }),
      null,
      NOW,
      settings,
    );
    const unknown = evaluateChecklist(reading({ identity: { kind: 'unknown' } }), null, NOW, settings);
    for (const name of ['handle', 'avatar', 'comments', 'identity'] as const) {
      expect(get(failing.checks, name).advice, name).toContain("'Use TikTok account to deliver Spark Ads'");
    }
    expect(get(unknown.checks, 'identity').advice).toContain("'Use TikTok account to deliver Spark Ads'");
    for (const c of [...failing.checks, ...unknown.checks]) expect(c.advice).not.toMatch(/use tiktok post/i);
  });

  it('lets a fail win over an unknown in the verdict', () => {
    const list = evaluateChecklist(reading({ avatar: 'unknown', comments: { kind: 'count', value: 0 } }), null, NOW, settings);
    expect(list.verdict).toBe('fail');
  });

  it('renders page text as given, so the UI can show it as text', () => {
    const list = evaluateChecklist(reading({ handle: null, displayName: '<img src=x onerror=alert(1)>' }), null, NOW, settings);
    expect(get(list.checks, 'handle').advice).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('evaluateChecklist with the ledger', () => {
  it('passes the handle when it is the creator the post’s code came from', () => {
    const list = evaluateChecklist(reading(), ctx([code()]), NOW, settings);
    expect(get(list.checks, 'handle').state).toBe('pass');
    expect(get(list.checks, 'post').state).toBe('pass');
    expect(get(list.checks, 'code').state).toBe('pass');
    expect(list.verdict).toBe('pass');
  });

  it('fails the handle when the preview shows another creator than the post’s code', () => {
    const list = evaluateChecklist(reading({ handle: 'someone_else' }), ctx([code()]), NOW, settings);
    const handle = get(list.checks, 'handle');
    expect(handle.state).toBe('fail');
    expect(handle.title).toBe('Shows @someone_else, not @jon_eats');
  });

  it('matches an account line without "@" to the creator the ledger expects, in any case', () => {
    const byPost = evaluateChecklist(reading({ handle: null, displayName: 'Jon_Eats' }), ctx([code()]), NOW, settings);
    expect(get(byPost.checks, 'handle')).toMatchObject({ state: 'pass', title: "Shows the creator's account Jon_Eats" });
    expect(byPost.verdict).toBe('pass');
    const byCreator = evaluateChecklist(reading({ handle: null, displayName: 'jon_eats' }), ctx([code()], 'handle'), NOW, settings);
    expect(get(byCreator.checks, 'handle').state).toBe('pass');
    const other = evaluateChecklist(reading({ handle: null, displayName: 'mia.creates' }), ctx([code()]), NOW, settings);
    expect(get(other.checks, 'handle')).toMatchObject({ state: 'fail', title: 'Shows mia.creates, not @jon_eats' });
  });

  it('fails the post when the creator’s code is for a different post', () => {
    const list = evaluateChecklist(reading({ postId: '7309999999999999999' }), ctx([code()], 'handle'), NOW, settings);
    const post = get(list.checks, 'post');
    expect(post.state).toBe('fail');
    expect(post.advice).toContain('7309999999999999999');
    expect(post.advice).toContain('7301234567890123456');
  });

  it('leaves the post check out when the page names no post', () => {
    const list = evaluateChecklist(reading(), ctx([code()], 'handle'), NOW, settings);
    expect(list.checks.some((c) => c.name === 'post')).toBe(false);
  });

  it('is unknown about the post when the ledger only has a short link', () => {
    const list = evaluateChecklist(reading({ postId: '7309999999999999999' }), ctx([code({ postId: null })], 'handle'), NOW, settings);
    expect(get(list.checks, 'post').state).toBe('unknown');
  });

  it('passes a code with weeks left', () => {
    const c = get(evaluateChecklist(reading(), ctx([code()]), NOW, settings).checks, 'code');
    expect(c).toMatchObject({ state: 'pass', warn: false, title: 'Spark code valid: 20 days left' });
  });

  it('passes with a warning in the reach-out stage', () => {
    const c = get(evaluateChecklist(reading(), ctx([code({ expiresAt: NOW + 50 * HOUR })]), NOW, settings).checks, 'code');
    expect(c).toMatchObject({ state: 'pass', warn: true, title: 'Spark code expires soon: 2 days left' });
    expect(c.advice).toContain('Reach out to @jon_eats');
  });

  it('fails in the swap stage: the ad would stop within a day', () => {
    const list = evaluateChecklist(reading(), ctx([code({ expiresAt: NOW + 20 * HOUR })]), NOW, settings);
    expect(get(list.checks, 'code')).toMatchObject({ state: 'fail', title: 'Spark code about to expire: 20 h left' });
    expect(list.verdict).toBe('fail');
  });

  it('follows the buyer’s reminder settings for the swap stage', () => {
    const c = get(
      evaluateChecklist(reading(), ctx([code({ expiresAt: NOW + 20 * HOUR })]), NOW, { reachOutHours: 72, swapHours: 12 }).checks,
      'code',
    );
    expect(c.state).toBe('pass');
    expect(c.warn).toBe(true);
  });

  it('fails an expired code and says how long ago', () => {
    const c = get(evaluateChecklist(reading(), ctx([code({ expiresAt: NOW - 2 * DAY - HOUR })]), NOW, settings).checks, 'code');
    expect(c).toMatchObject({ state: 'fail', title: 'Spark code expired 2 days ago' });
    expect(c.advice).toContain('ask @jon_eats for a new code');
  });

  it('judges the renewed code, not the one it replaced', () => {
    const old = code({ id: 'old', status: 'replaced', expiresAt: NOW - DAY });
    const renewed = code({ id: 'new', expiresAt: NOW + 30 * DAY });
    expect(get(evaluateChecklist(reading(), ctx([old, renewed]), NOW, settings).checks, 'code').state).toBe('pass');
  });

  it('fails a code pulled by the buyer', () => {
    expect(get(evaluateChecklist(reading(), ctx([code({ status: 'pulled' })]), NOW, settings).checks, 'code').state).toBe('fail');
  });

  it('fails when the post’s code authorizes another ad account', () => {
    const list = evaluateChecklist(reading(), ctx([code({ adAccountId: '7099999999999' })], 'post', '7012345678901'), NOW, settings);
    const c = get(list.checks, 'code');
    expect(c.state).toBe('fail');
    expect(c.advice).toContain('7099999999999');
    expect(c.advice).toContain('ask @jon_eats for a code for ad account 7012345678901');
  });

  it('is unknown when the creator only has codes for other accounts', () => {
    const c = get(evaluateChecklist(reading(), ctx([code({ adAccountId: '7099999999999' })], 'handle'), NOW, settings).checks, 'code');
    expect(c.state).toBe('unknown');
  });

  it('judges the code for this account when the post has codes for several', () => {
    const other = code({ id: 'x', adAccountId: '7099999999999', expiresAt: NOW - DAY });
    const here = code({ id: 'y', expiresAt: NOW + 10 * DAY });
    expect(get(evaluateChecklist(reading(), ctx([other, here]), NOW, settings).checks, 'code').state).toBe('pass');
  });
});

describe('usernameWithoutAt', () => {
  it('takes a line that could be a username, and never a display name', () => {
    expect(usernameWithoutAt('mia.creates')).toBe('mia.creates');
    expect(usernameWithoutAt(' Jon_Eats ')).toBe('jon_eats');
    for (const name of [null, '', 'Acme Snacks', 'Glow Labs ✨', '12345', 'a', 'x'.repeat(25), 'Brightside Skincare']) {
      expect(usernameWithoutAt(name), String(name)).toBeNull();
    }
  });
});

describe('ledgerContextFor', () => {
  const a = code({ id: 'a' });
  const b = code({ id: 'b', handle: 'mia.creates', postId: '7300000000000000001' });

  it('matches by post id first', () => {
    expect(ledgerContextFor([a, b], { postId: '7300000000000000001', handle: 'jon_eats', adAccountId: null })).toEqual({
      adAccountId: null,
      matchedBy: 'post',
      codes: [b],
    });
  });

  it('falls back to the handle, with or without @ and in any case', () => {
    expect(ledgerContextFor([a, b], { postId: '7000000000000000000', handle: '@Mia.Creates', adAccountId: '1' })).toMatchObject({
      matchedBy: 'handle',
      codes: [b],
    });
  });

  it('returns null when the ledger knows neither', () => {
    expect(ledgerContextFor([a, b], { postId: null, handle: 'nobody', adAccountId: null })).toBeNull();
    expect(ledgerContextFor([a, b], { postId: null, handle: null, adAccountId: null })).toBeNull();
  });
});
