import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveCode } from '../../lib/db/repo';
import type { SparkGuardDb } from '../../lib/db/schema';
import { ACCOUNT, DAY, draftInput, freshDb, NOW, OTHER_ACCOUNT } from '../../lib/db/test-fixtures';
import { removeAllListeners, sendMessage } from '../../lib/messaging/protocol';
import { registerOverlayHandlers } from './overlay-handlers';

let db: SparkGuardDb;
let clock = NOW;

beforeEach(() => {
  db = freshDb();
  clock = NOW;
  registerOverlayHandlers({ db, now: () => clock });
});
afterEach(async () => {
  removeAllListeners();
  await db.delete();
});

async function savedCodeId(over: Parameters<typeof draftInput>[0] = {}): Promise<string> {
  const saved = await saveCode(db, draftInput(over), NOW);
  if (!saved.ok) throw new Error(saved.message);
  return saved.id;
}

const scan = {
  adAccountId: ACCOUNT,
  pageKind: 'adgroup-list',
  url: `https://ads.tiktok.com/i18n/manage/adgroup?aadvid=${ACCOUNT}`,
  notDelivering: 3,
  rowsRead: 12,
  seenAt: NOW,
};

describe('overlayLedger', () => {
  it('gives the overlay code summaries without the authorization code itself', async () => {
    const id = await savedCodeId();
    const answer = await sendMessage('overlayLedger', { adAccountId: ACCOUNT });
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.codes).toHaveLength(1);
    expect(answer.codes[0]).toMatchObject({ id, handle: 'mia.creates', adAccountId: ACCOUNT, status: 'live' });
    expect(JSON.stringify(answer)).not.toContain('#AbCdEfGhIjKlMnOpQrStUvWx=');
    expect(answer.settings).toEqual({ reachOutHours: 72, swapHours: 24 });
  });

  it('includes only the requested account’s row links', async () => {
    const id = await savedCodeId();
    await sendMessage('linkRow', { adAccountId: ACCOUNT, rowName: 'Spring promo', codeId: id });
    const here = await sendMessage('overlayLedger', { adAccountId: ACCOUNT });
    const elsewhere = await sendMessage('overlayLedger', { adAccountId: OTHER_ACCOUNT });
    const none = await sendMessage('overlayLedger', { adAccountId: null });
    expect(here.ok && here.links).toEqual([{ rowName: 'Spring promo', codeId: id }]);
    expect(elsewhere.ok && elsewhere.links).toEqual([]);
    expect(none.ok && none.links).toEqual([]);
  });

  it('refuses an ad account that is not digits', async () => {
    const answer = await sendMessage('overlayLedger', { adAccountId: '7012; drop' });
    expect(answer.ok).toBe(false);
  });
});

describe('reportListScan', () => {
  it('keeps the latest count per ad account and list page', async () => {
    expect(await sendMessage('reportListScan', scan)).toEqual({ ok: true });
    await sendMessage('reportListScan', { ...scan, notDelivering: 1, seenAt: NOW + 60_000 });
    await sendMessage('reportListScan', { ...scan, pageKind: 'ad-list', notDelivering: 5 });
    const rows = await db.accountWatch.where('adAccountId').equals(ACCOUNT).sortBy('pageKind');
    expect(rows.map((r) => [r.pageKind, r.notDelivering, r.seenAt])).toEqual([
      ['ad-list', 5, NOW],
      ['adgroup-list', 1, NOW + 60_000],
    ]);
  });

  it('refuses a malformed scan and stores nothing', async () => {
    const answer = await sendMessage('reportListScan', { ...scan, notDelivering: -1 });
    expect(answer).toMatchObject({ ok: false });
    if (!answer.ok) expect(answer.message).toContain('Nothing was changed');
    expect(await sendMessage('reportListScan', { ...scan, url: 'not a url' })).toMatchObject({ ok: false });
    expect(await db.accountWatch.count()).toBe(0);
  });
});

describe('reportLayoutHealth', () => {
  const report = {
    pageUrl: scan.url,
    pageKind: 'adgroup-list',
    area: 'list' as const,
    problems: ["couldn't find the status column"],
    seenAt: NOW,
  };

  it('records what a page could not read and clears it when the page reads fine again', async () => {
    await sendMessage('reportLayoutHealth', report);
    expect(await db.layoutHealth.toArray()).toEqual([
      { pageKind: 'adgroup-list', what: "couldn't find the status column", area: 'list', pageUrl: scan.url, seenAt: NOW },
    ]);
    await sendMessage('reportLayoutHealth', { ...report, problems: [], seenAt: NOW + 1 });
    expect(await db.layoutHealth.count()).toBe(0);
  });

  it('clears only the reporting area and page kind', async () => {
    await sendMessage('reportLayoutHealth', report);
    await sendMessage('reportLayoutHealth', { ...report, area: 'preview', problems: ["can't find the comment count"] });
    await sendMessage('reportLayoutHealth', { ...report, pageKind: 'ad-list' });
    await sendMessage('reportLayoutHealth', { ...report, problems: [] });
    const left = (await db.layoutHealth.toArray()).map((r) => [r.pageKind, r.area, r.what]);
    expect(left).toEqual([
      ['ad-list', 'list', "couldn't find the status column"],
      ['adgroup-list', 'preview', "can't find the comment count"],
    ]);
  });

  it('keeps the page’s language apart from what its lists and previews could not read', async () => {
    await sendMessage('reportLayoutHealth', report);
    const language = 'Ads Manager is in Japanese: Spark Guard reads the English interface only';
    expect(await sendMessage('reportLayoutHealth', { ...report, area: 'language', problems: [language] })).toEqual({ ok: true });
    expect((await db.layoutHealth.toArray()).map((r) => [r.area, r.what]).sort()).toEqual([
      ['language', language],
      ['list', "couldn't find the status column"],
    ]);
    await sendMessage('reportLayoutHealth', { ...report, area: 'language', problems: [] });
    expect((await db.layoutHealth.toArray()).map((r) => r.area)).toEqual(['list']);
  });

  it('refuses a report with too many problems', async () => {
    const answer = await sendMessage('reportLayoutHealth', { ...report, problems: Array.from({ length: 21 }, (_, i) => `p${i}`) });
    expect(answer.ok).toBe(false);
    expect(await db.layoutHealth.count()).toBe(0);
  });
});

describe('linkRow / unlinkRow', () => {
  it('links a row to a code of the same ad account and unlinks it', async () => {
    const id = await savedCodeId();
    clock = NOW + DAY;
    expect(await sendMessage('linkRow', { adAccountId: ACCOUNT, rowName: 'Spring promo', codeId: id })).toEqual({ ok: true });
    expect(await db.rowLinks.get([ACCOUNT, 'Spring promo'])).toEqual({
      adAccountId: ACCOUNT,
      rowName: 'Spring promo',
      codeId: id,
      linkedAt: NOW + DAY,
    });
    await sendMessage('unlinkRow', { adAccountId: ACCOUNT, rowName: 'Spring promo' });
    expect(await db.rowLinks.count()).toBe(0);
  });

  it('refuses a code from another ad account or one that is gone', async () => {
    const id = await savedCodeId();
    const other = await sendMessage('linkRow', { adAccountId: OTHER_ACCOUNT, rowName: 'Spring promo', codeId: id });
    expect(other).toMatchObject({ ok: false });
    if (!other.ok) expect(other.message).toContain(`for ad account ${ACCOUNT}`);
    expect(await sendMessage('linkRow', { adAccountId: ACCOUNT, rowName: 'x', codeId: 'gone' })).toMatchObject({ ok: false });
    expect(await db.rowLinks.count()).toBe(0);
  });
});
