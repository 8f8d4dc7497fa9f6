import { adAccountIdFrom, pageKind, type PageKind } from '../../lib/ads-manager/page';
import type { Batch } from '../../lib/dom/watch';
import { sendMessage, type OverlayLedger } from '../../lib/messaging/protocol';

/**
 * What the overlay's features share on one Ads Manager tab: where we are, the ledger as the background
 * last told it, and the way to report back. The content script never opens IndexedDB (on this page it
 * would be TikTok's storage, not ours): everything goes through messages to the background.
 */

// Features send through the same protocol module as every other part (it carries no zod).
export { sendMessage };

export interface PageInfo {
  url: string;
  kind: PageKind;
  adAccountId: string | null;
}

export interface Feature {
  /** Re-reads what the batch's changes touched. */
  pass(batch: Batch): void;
  /** The ledger changed: re-judge from the last readings, without reading the page again. */
  ledgerChanged?(): void;
  /** The single-page app moved to another URL: forget what belonged to the old one. */
  navigated?(): void;
  /** Removes everything the feature added to the page. */
  stop(): void;
}

export type ProblemArea = 'preview' | 'list' | 'language';

/** How long a fetched ledger is trusted before a pass or a focus asks again. */
const LEDGER_FRESH_MS = 15_000;

export class OverlayContext {
  page: PageInfo;
  ledger: OverlayLedger | null = null;
  private ledgerAt = 0;
  private ledgerKey = '';
  private ledgerFor: string | null = null;
  private inflight: Promise<void> | null = null;
  private sentProblems = new Map<string, string>();
  private stopped = false;

  constructor(
    readonly doc: Document,
    private readonly onLedgerChanged: () => void,
  ) {
    this.page = OverlayContext.pageOf(doc.location.href);
  }

  static pageOf(url: string): PageInfo {
    return { url, kind: pageKind(url), adAccountId: adAccountIdFrom(url) };
  }

  /** Updates the page info; true when the URL is a new page. */
  navigate(url: string): boolean {
    if (url === this.page.url) return false;
    this.page = OverlayContext.pageOf(url);
    this.sentProblems.clear();
    return true;
  }

  now(): number {
    return Date.now();
  }

  /** Asks the background for the ledger when the one we hold is stale (or for another ad account). */
  refreshLedger(force = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const account = this.page.adAccountId;
    const fresh = this.ledger && this.ledgerFor === account && this.now() - this.ledgerAt < LEDGER_FRESH_MS;
    if (!force && fresh) return Promise.resolve();
    if (this.inflight) return this.inflight;
    this.inflight = sendMessage('overlayLedger', { adAccountId: account })
      .then((answer) => {
        if (this.stopped || !answer.ok) return;
        this.ledgerAt = this.now();
        this.ledgerFor = account;
        const key = JSON.stringify(answer);
        if (key === this.ledgerKey) return;
        this.ledgerKey = key;
        this.ledger = answer;
        this.onLedgerChanged();
      })
      .catch((error: unknown) => this.warn('could not reach the Spark Guard background', error))
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /**
   * Tells the background what one area could not read on this page (an empty list = reads fine).
   * Only changes are sent, so a page that keeps re-rendering does not flood the background.
   */
  reportProblems(area: ProblemArea, problems: readonly string[]): void {
    const key = `${this.page.kind}|${area}`;
    const value = [...new Set(problems)].sort().join('\n');
    if (this.sentProblems.get(key) === value) return;
    this.sentProblems.set(key, value);
    void sendMessage('reportLayoutHealth', {
      pageUrl: this.page.url,
      pageKind: this.page.kind,
      area,
      problems: value ? value.split('\n').slice(0, 20) : [],
      seenAt: this.now(),
    }).catch((error: unknown) => this.warn('could not report an unreadable page', error));
  }

  warn(what: string, error?: unknown): void {
    // The page's console is the only place left to say it; never throw into the page.
    console.warn(`Spark Guard: ${what}`, error ?? '');
  }

  stop(): void {
    this.stopped = true;
  }
}
