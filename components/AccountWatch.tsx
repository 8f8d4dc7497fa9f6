import { formatWhen } from '../lib/time/countdown';
import { AccountId } from './AccountId';
import './AccountWatch.css';

/** One list page of one ad account, as the Ads Manager overlay last read it. */
export interface AccountWatchItem {
  adAccountId: string;
  pageKind: string;
  notDelivering: number;
  rowsRead: number;
  seenAt: number;
}

/** Something the overlay could not read on an Ads Manager page. */
export interface LayoutProblemItem {
  pageKind: string;
  area: 'preview' | 'list' | 'language';
  what: string;
  pageUrl: string;
  seenAt: number;
}

export interface AccountWatchProps {
  watch: readonly AccountWatchItem[];
  problems: readonly LayoutProblemItem[];
  now: number;
}

/** What the lists hold, by page kind (lib/ads-manager/page.ts); unknown kinds read as "rows". */
const ROWS_OF: Record<string, [one: string, many: string]> = {
  'campaign-list': ['campaign', 'campaigns'],
  'adgroup-list': ['ad group', 'ad groups'],
  'ad-list': ['ad', 'ads'],
};
const PAGE_NAME: Record<string, string> = {
  'campaign-list': 'Campaigns page',
  'adgroup-list': 'Ad groups page',
  'ad-list': 'Ads page',
  creation: 'Ad creation page',
  edit: 'Ad edit page',
  'spark-posts': 'Spark Ads posts page',
};

function rowsWord(kind: string, n: number): string {
  const [one, many] = ROWS_OF[kind] ?? ['row', 'rows'];
  return n === 1 ? one : many;
}

export function pageName(kind: string): string {
  return PAGE_NAME[kind] ?? 'An Ads Manager page';
}

const CONSEQUENCE = {
  list: "Spark Guard can't flag 'Not delivering' rows there.",
  preview: "Spark Guard can't check the ad preview there.",
};

/** One line per problem; the page's language is said once, whichever pages showed it. */
function oncePerLanguage(problems: readonly LayoutProblemItem[]): LayoutProblemItem[] {
  const said = new Set<string>();
  return problems.filter((p) => {
    if (p.area !== 'language') return true;
    if (said.has(p.what)) return false;
    said.add(p.what);
    return true;
  });
}

/**
 * "In Ads Manager": how many rows the overlay last saw not delivering, per ad account, and which
 * pages it could not read. Shows nothing until the overlay has reported something.
 */
export function AccountWatch({ watch, problems, now }: AccountWatchProps) {
  if (!watch.length && !problems.length) return null;
  const accounts = new Map<string, AccountWatchItem[]>();
  for (const item of [...watch].sort((a, b) => b.seenAt - a.seenAt)) {
    accounts.set(item.adAccountId, [...(accounts.get(item.adAccountId) ?? []), item]);
  }
  return (
    <section className="account-watch" aria-labelledby="account-watch-title">
      <h2 id="account-watch-title">In Ads Manager</h2>
      {accounts.size ? (
        <ul className="watch-list">
          {[...accounts].map(([account, items]) => (
            <li key={account} className="watch-account">
              {items.map((item) => (
                <p
                  key={item.pageKind}
                  className={item.notDelivering ? 'watch-line has-problem' : 'watch-line'}
                  data-ad-account={account}
                  data-page-kind={item.pageKind}
                >
                  <strong>
                    {item.notDelivering} {rowsWord(item.pageKind, item.notDelivering)} not delivering
                  </strong>{' '}
                  in account <AccountId id={account} />, seen {formatWhen(item.seenAt, now)}
                  <span className="watch-read">
                    {' '}
                    ({item.rowsRead} {rowsWord(item.pageKind, item.rowsRead)} read)
                  </span>
                </p>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
      {problems.length ? (
        <div className="layout-health" role="group" aria-label="Pages Spark Guard could not read">
          {oncePerLanguage(problems).map((p) =>
            p.area === 'language' ? (
              <p key={`language|${p.what}`} className="layout-problem" data-area="language">
                <strong>{p.what.replace(/[.\s]+$/, '')}.</strong> <span className="watch-read">Seen {formatWhen(p.seenAt, now)}.</span>
              </p>
            ) : (
              <p key={`${p.pageKind}|${p.what}`} className="layout-problem" data-page-kind={p.pageKind}>
                <strong>{pageName(p.pageKind)}:</strong> {p.what.replace(/[.\s]+$/, '')}. {CONSEQUENCE[p.area]}{' '}
                <span className="watch-read">Seen {formatWhen(p.seenAt, now)}.</span>
              </p>
            ),
          )}
        </div>
      ) : null}
    </section>
  );
}
