import { fakeBrowser } from '@webext-core/fake-browser';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SparkGuardDb } from '../../lib/db/schema';
import { ACCOUNT, DAY, NOW, freshDb, record } from '../../lib/db/test-fixtures';
import { readImportFile } from '../../lib/domain/transfer';
import { removeAllListeners, sendMessage } from '../../lib/messaging/protocol';
import { consoleErrorsDuring } from '../../test/unit/console-errors';
import { createReconciler } from './reconcile';
import { createImportHandler, registerTransferHandlers } from './transfer-handlers';

let db: SparkGuardDb;

beforeEach(() => {
  db = freshDb();
  const reconcile = createReconciler({ db, api: fakeBrowser }, () => NOW);
  registerTransferHandlers({ db, reconcile, clock: () => NOW });
});
afterEach(async () => {
  removeAllListeners();
  await db.delete();
});

const badgeText = () => fakeBrowser.action.getBadgeText({});

function rowsOf(csv: string) {
  const read = readImportFile('codes.csv', csv);
  if (!read.ok) throw new Error(read.message);
  return read.rows;
}

const HEADER = 'Creator,Post URL,Ad account,Code,Valid for,Created';

describe('importCodes message', () => {
  it('stores the valid rows, reports the bad one by row, and brings the badge up to date', async () => {
    const rows = rowsOf(
      [
        HEADER,
        // 30 days, made 28 days ago: time to reach out.
        `mia.creates,https://www.tiktok.com/@mia.creates/video/7301234567890123456,${ACCOUNT},#M1aC0deF0rTheP0st==,30,2026-02-10T18:00:00Z`,
        `leo.cooks,https://www.tiktok.com/@leo.cooks/video/7301234567890000001,${ACCOUNT},#Le0C0deF0rTheP0st==,30,2026-03-09T18:00:00Z`,
        `ana.runs,https://www.tiktok.com/@ana.runs/video/7301234567890000002,${ACCOUNT},not a code!,30,2026-03-09T18:00:00Z`,
      ].join('\n'),
    );
    const answer = await sendMessage('importCodes', { rows });
    expect(answer).toMatchObject({
      ok: true,
      imported: 2,
      skipped: [{ row: 4, message: expect.stringContaining('does not look like an authorization code') }],
    });
    expect((await db.codes.toArray()).map((c) => c.handle).sort()).toEqual(['leo.cooks', 'mia.creates']);
    expect(await badgeText()).toBe('1');
  });

  it('refuses a malformed request in words and stores nothing', async () => {
    const rows = rowsOf(`${HEADER}\nmia.creates,https://www.tiktok.com/@mia.creates/video/7301234567890123456,${ACCOUNT},#M1aC0deF0rTheP0st==,30,2026-03-09T18:00:00Z`);
    const answer = await sendMessage('importCodes', { rows: [{ ...rows[0]!, createdAt: 'yesterday' }] } as never);
    expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/^Spark Guard could not read that request .*Nothing was changed\.$/) });
    expect(await sendMessage('importCodes', { rows: [] })).toMatchObject({ ok: false });
    expect(await db.codes.count()).toBe(0);
  });

  it('answers a storage failure with a message, and the ledger stays as it was', async () => {
    const existing = record({ expiresAt: NOW + 2 * DAY });
    await db.codes.add(existing);
    const handle = createImportHandler({ db, reconcile: async () => null, clock: () => NOW, newId: () => existing.id });
    const rows = rowsOf(`${HEADER}\nana.runs,https://www.tiktok.com/@ana.runs/video/7301234567890000002,${ACCOUNT},#Ana5C0deF0rTheP0st==,30,2026-03-09T18:00:00Z`);
    const errors = await consoleErrorsDuring(async () =>
      expect(await handle({ rows })).toMatchObject({ ok: false, message: expect.stringContaining('Nothing was changed') }),
    );
    expect(errors).toHaveLength(1);
    expect(await db.codes.toArray()).toEqual([existing]);
  });

  it('lets an open page read the ledger once per import, not once per row, and reminds of the overdue rows in one digest', async () => {
    // 300 codes that all expired: each is owed a reminder, the case that used to write once per row.
    const lines = [HEADER];
    for (let n = 0; n < 300; n++) {
      const post = String(7301234567890000000n + BigInt(n));
      lines.push(`c${n},https://www.tiktok.com/@c${n}/video/${post},${ACCOUNT},#C0de${String(n).padStart(8, '0')}AbCdEf==,30,2026-01-01T10:00:00Z`);
    }
    const rows = rowsOf(lines.join('\n'));
    let reads = 0;
    // The live query the popup and the settings page run: one read each time the ledger changes.
    const subscription = liveQuery(() => db.codes.toArray()).subscribe(() => (reads += 1));
    try {
      // The first read, before the import: on a busy machine it can take a while.
      await vi.waitFor(() => expect(reads).toBe(1), { timeout: 5_000 });
      const before = reads;
      const answer = await sendMessage('importCodes', { rows });
      expect(answer).toMatchObject({ ok: true, imported: 300 });
      await new Promise((r) => setTimeout(r, 100));
      // The codes, their reminders decided and recorded shown: one write, so one read, whatever the size.
      expect(reads - before).toBe(1);
    } finally {
      subscription.unsubscribe();
    }
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([expect.stringMatching(/^digest:/)]);
    expect((await db.codes.toArray()).every((c) => c.shown.expired === NOW)).toBe(true);
  });

  it('shows the reminders of an import that the system refused on a later run, once it lets them', async () => {
    const lines = [HEADER];
    for (let n = 0; n < 5; n++) {
      lines.push(`c${n},https://www.tiktok.com/@c${n}/video/${7301234567890000000n + BigInt(n)},${ACCOUNT},#C0de${String(n).padStart(8, '0')}AbCdEf==,30,2026-01-01T10:00:00Z`);
    }
    const refusing = { ...fakeBrowser, notifications: { ...fakeBrowser.notifications, create: () => Promise.reject(new Error('notifications are off')) } };
    const handle = createImportHandler({ db, reconcile: createReconciler({ db, api: refusing as never }, () => NOW), clock: () => NOW });
    await consoleErrorsDuring(async () => expect(await handle({ rows: rowsOf(lines.join('\n')) })).toMatchObject({ ok: true, imported: 5 }));
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([]);
    expect((await db.codes.toArray()).every((c) => c.shown.expired === undefined)).toBe(true);
    // The next run, with notifications back on, shows them once.
    expect((await createReconciler({ db, api: fakeBrowser }, () => NOW + DAY)())?.shown).toHaveLength(5);
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([expect.stringMatching(/^digest:/)]);
  });
});
