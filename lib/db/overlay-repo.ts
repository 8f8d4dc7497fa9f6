import { toLedgerView } from '../domain/ledger-view';
import type { Done, OverlayLedger } from '../messaging/protocol';
import { getSettings } from './repo';
import type { AccountWatchRow, LayoutHealthRow, SparkGuardDb } from './schema';

/**
 * What the Ads Manager overlay reads from and reports to the database, through the background.
 * Inputs are already parsed by the message handlers.
 */

export async function overlayLedger(db: SparkGuardDb, adAccountId: string | null): Promise<OverlayLedger> {
  return db.transaction('r', [db.codes, db.rowLinks, db.settings], async () => {
    const codes = (await db.codes.toArray()).map(toLedgerView);
    const links = adAccountId
      ? (await db.rowLinks.where('adAccountId').equals(adAccountId).toArray()).map((l) => ({ rowName: l.rowName, codeId: l.codeId }))
      : [];
    return { ok: true, codes, links, settings: await getSettings(db) };
  });
}

/** The latest count per ad account and list page replaces the previous one. */
export async function recordListScan(db: SparkGuardDb, scan: AccountWatchRow): Promise<Done> {
  await db.accountWatch.put(scan);
  return { ok: true };
}

/**
 * Replaces what one area of the overlay could not read on one kind of page: problems no longer
 * reported are cleared, so a page that reads fine again leaves nothing behind.
 */
export async function recordLayoutHealth(
  db: SparkGuardDb,
  report: { pageKind: string; pageUrl: string; area: LayoutHealthRow['area']; problems: readonly string[]; seenAt: number },
): Promise<Done> {
  await db.transaction('rw', db.layoutHealth, async () => {
    const current = new Set(report.problems);
    await db.layoutHealth
      .where('pageKind')
      .equals(report.pageKind)
      .filter((row) => row.area === report.area && !current.has(row.what))
      .delete();
    await db.layoutHealth.bulkPut(
      [...current].map((what) => ({ pageKind: report.pageKind, what, area: report.area, pageUrl: report.pageUrl, seenAt: report.seenAt })),
    );
  });
  return { ok: true };
}

export async function linkRow(
  db: SparkGuardDb,
  link: { adAccountId: string; rowName: string; codeId: string },
  now: number,
): Promise<Done> {
  return db.transaction('rw', db.codes, db.rowLinks, async (): Promise<Done> => {
    const code = await db.codes.get(link.codeId);
    if (!code) return { ok: false, field: null, message: 'That code is no longer in your ledger. It may have been deleted in another window.' };
    if (code.adAccountId !== link.adAccountId) {
      return {
        ok: false,
        field: null,
        message: `That code is for ad account ${code.adAccountId}, not ${link.adAccountId}: pick a code for this ad account.`,
      };
    }
    await db.rowLinks.put({ ...link, linkedAt: now });
    return { ok: true };
  });
}

export async function unlinkRow(db: SparkGuardDb, key: { adAccountId: string; rowName: string }): Promise<Done> {
  await db.rowLinks.delete([key.adAccountId, key.rowName]);
  return { ok: true };
}
