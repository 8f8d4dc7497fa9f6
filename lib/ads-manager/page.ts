/**
 * Which Ads Manager page a URL is. The URL shapes are partly unverified, so they live in one table:
 * when TikTok moves a page, one row changes.
 */

export type PageKind = 'campaign-list' | 'adgroup-list' | 'ad-list' | 'creation' | 'edit' | 'spark-posts' | 'other';

/** Hosts Ads Manager is served from (ads.us.* is reported for some regions, unverified). */
export const ADS_MANAGER_HOSTS: readonly RegExp[] = [/^ads\.tiktok\.com$/i, /^ads\.us\.tiktok\.com$/i];

/** The same hosts as manifest match patterns: where the content script runs. */
export const ADS_MANAGER_MATCHES = ['https://ads.tiktok.com/*', 'https://ads.us.tiktok.com/*'];

interface PageRoute {
  kind: Exclude<PageKind, 'other'>;
  path: RegExp;
  /** Where the shape comes from, so a doubtful row is easy to spot. */
  source: string;
}

/** First match wins. Paths are matched without the query string; a trailing slash is allowed. */
export const PAGE_ROUTES: readonly PageRoute[] = [
  { kind: 'campaign-list', path: /^\/i18n\/manage\/campaign\/?$/i, source: 'current lists' },
  { kind: 'adgroup-list', path: /^\/i18n\/manage\/adgroup\/?$/i, source: 'current lists' },
  { kind: 'ad-list', path: /^\/i18n\/manage\/(?:creative|ad)\/?$/i, source: 'current lists ("creative" = ads)' },
  { kind: 'campaign-list', path: /^\/i18n\/perf\/campaign\/?$/i, source: 'older UI' },
  { kind: 'adgroup-list', path: /^\/i18n\/perf\/adgroup\/?$/i, source: 'older UI' },
  { kind: 'ad-list', path: /^\/i18n\/perf\/(?:creative|ad)\/?$/i, source: 'older UI' },
  { kind: 'edit', path: /^\/i18n\/creation\/[^/]+\/edit(?:\/|$)/i, source: 'unverified: edit flow of the creation app' },
  { kind: 'creation', path: /^\/i18n\/creation\/[^/]+\/create(?:\/|$)/i, source: 'creation flow, e.g. /i18n/creation/1nn/create/campaign' },
  { kind: 'creation', path: /^\/i18n\/creation(?:\/|$)/i, source: 'other creation-app pages' },
  { kind: 'spark-posts', path: /^\/i18n\/material\/native\/?$/i, source: 'older UI: Spark Ads posts (unverified for the current UI)' },
];

function parse(url: string | URL): URL | null {
  try {
    return typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
}

/** The kind of Ads Manager page at `url`; 'other' for other pages and hosts, or a URL that does not parse. */
export function pageKind(url: string | URL): PageKind {
  const u = parse(url);
  if (!u || !ADS_MANAGER_HOSTS.some((h) => h.test(u.hostname))) return 'other';
  return PAGE_ROUTES.find((route) => route.path.test(u.pathname))?.kind ?? 'other';
}

/** The ad account (advertiser) id from `aadvid` (query, or a hash route's query); null when absent or not digits. */
export function adAccountIdFrom(url: string | URL): string | null {
  const u = parse(url);
  if (!u) return null;
  const fromHash = u.hash.includes('?') ? new URLSearchParams(u.hash.slice(u.hash.indexOf('?') + 1)) : null;
  const raw = (u.searchParams.get('aadvid') ?? fromHash?.get('aadvid') ?? '').trim();
  return /^\d{1,25}$/.test(raw) ? raw : null;
}
