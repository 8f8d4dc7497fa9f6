import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AccountWatch } from './AccountWatch';

// 10 March 2026, 14:05 and 09:30 in New York (the tests' zone).
const NOW = Date.UTC(2026, 2, 10, 18, 5);
const SEEN = Date.UTC(2026, 2, 10, 18, 5);
const EARLIER = Date.UTC(2026, 2, 10, 13, 30);

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

describe('AccountWatch', () => {
  it('shows nothing before the overlay has reported anything', () => {
    expect(renderToStaticMarkup(<AccountWatch watch={[]} problems={[]} now={NOW} />)).toBe('');
  });

  it('says how many rows are not delivering per ad account and when they were seen', () => {
    const html = renderToStaticMarkup(
      <AccountWatch
        watch={[
          { adAccountId: '7012345678901', pageKind: 'adgroup-list', notDelivering: 3, rowsRead: 12, seenAt: SEEN },
          { adAccountId: '7012345678901', pageKind: 'campaign-list', notDelivering: 1, rowsRead: 1, seenAt: EARLIER },
          { adAccountId: '7099999999999', pageKind: 'ad-list', notDelivering: 0, rowsRead: 8, seenAt: EARLIER },
        ]}
        problems={[]}
        now={NOW}
      />,
    );
    const shown = text(html);
    expect(shown).toContain('In Ads Manager');
    // Long ids show their end (…678901); the whole id follows for screen readers and is in the tooltip.
    expect(shown).toContain('3 ad groups not delivering in account …6789017012345678901, seen 14:05 (12 ad groups read)');
    expect(shown).toContain('1 campaign not delivering in account …6789017012345678901, seen 09:30 (1 campaign read)');
    expect(shown).toContain('0 ads not delivering in account …9999997099999999999, seen 09:30');
    expect(html).toContain('title="7012345678901"');
  });

  it('names the page that could not be read, what was missing, and what that costs', () => {
    const html = renderToStaticMarkup(
      <AccountWatch
        watch={[]}
        problems={[
          {
            pageKind: 'adgroup-list',
            area: 'list',
            what: "couldn't find the status column",
            pageUrl: 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=1',
            seenAt: SEEN,
          },
        ]}
        now={NOW}
      />,
    );
    expect(text(html)).toContain(
      "Ad groups page: couldn't find the status column. Spark Guard can't flag 'Not delivering' rows there.",
    );
  });

  it('says once that Ads Manager is not in English, whichever pages showed it', () => {
    const what = 'Ads Manager is in Japanese: Spark Guard reads the English interface only';
    const html = renderToStaticMarkup(
      <AccountWatch
        watch={[]}
        problems={[
          { pageKind: 'adgroup-list', area: 'language', what, pageUrl: 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=1', seenAt: SEEN },
          { pageKind: 'creation', area: 'language', what, pageUrl: 'https://ads.tiktok.com/i18n/creation/1nn/create/campaign', seenAt: EARLIER },
        ]}
        now={NOW}
      />,
    );
    const shown = text(html);
    expect(shown).toContain(`${what}. Seen 14:05.`);
    expect(shown.split(what)).toHaveLength(2);
    expect(shown).not.toContain('Ad groups page');
  });
});
