import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/fixtures/ads-manager/expected';
import { adAccountIdFrom, pageKind } from './page';

describe('pageKind', () => {
  it('tells the Ads Manager pages apart by their URL', () => {
    const cases: [string, ReturnType<typeof pageKind>][] = [
      ['https://ads.tiktok.com/i18n/manage/campaign?aadvid=7012345678901234567&st=2026-01-01&et=2026-01-31', 'campaign-list'],
      ['https://ads.tiktok.com/i18n/manage/adgroup?aadvid=1', 'adgroup-list'],
      ['https://ads.tiktok.com/i18n/manage/creative?aadvid=1', 'ad-list'],
      ['https://ads.tiktok.com/i18n/manage/creative/?aadvid=1', 'ad-list'],
      ['https://ads.tiktok.com/i18n/perf/campaign?aadvid=1', 'campaign-list'],
      ['https://ads.tiktok.com/i18n/perf/adgroup?aadvid=1', 'adgroup-list'],
      ['https://ads.tiktok.com/i18n/perf/creative?aadvid=1', 'ad-list'],
      ['https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=1&campaign_draft_id=2', 'creation'],
      ['https://ads.tiktok.com/i18n/creation/1nn/edit/ad?aadvid=1&ad_id=2', 'edit'],
      ['https://ads.tiktok.com/i18n/material/native?aadvid=1', 'spark-posts'],
      ['https://ads.us.tiktok.com/i18n/manage/campaign?aadvid=1', 'campaign-list'],
      ['https://ads.tiktok.com/i18n/dashboard?aadvid=1', 'other'],
      ['https://www.tiktok.com/i18n/manage/campaign?aadvid=1', 'other'],
      ['https://ads.tiktok.com.evil.example/i18n/manage/campaign', 'other'],
      ['not a url', 'other'],
    ];
    for (const [url, kind] of cases) expect(pageKind(url), url).toBe(kind);
  });

  it('knows the page kind of every fixture URL', () => {
    for (const spec of FIXTURES) {
      const kind = pageKind(spec.url);
      if (spec.file.startsWith('page-')) expect(kind, spec.file).toBe('other');
      else expect(kind, spec.file).not.toBe('other');
    }
  });
});

describe('adAccountIdFrom', () => {
  it('reads aadvid as the ad account id', () => {
    expect(adAccountIdFrom('https://ads.tiktok.com/i18n/manage/campaign?aadvid=7012345678901234567&st=1')).toBe(
      '7012345678901234567',
    );
    expect(adAccountIdFrom(new URL('https://ads.tiktok.com/i18n/creation/1nn/create/campaign?campaign_draft_id=2&aadvid=42'))).toBe('42');
    expect(adAccountIdFrom('https://ads.tiktok.com/i18n/x#/manage?aadvid=77')).toBe('77');
  });

  it('gives null without a numeric aadvid', () => {
    for (const url of ['https://ads.tiktok.com/i18n/manage/campaign', 'https://ads.tiktok.com/?aadvid=abc', 'https://ads.tiktok.com/?aadvid=', '::']) {
      expect(adAccountIdFrom(url), url).toBeNull();
    }
  });
});
