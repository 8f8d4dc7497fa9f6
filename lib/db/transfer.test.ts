import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeRecord } from '../domain/code';
import { DEFAULT_REMINDER_SETTINGS } from '../domain/expiry';
import { backupText, csvText, readImportFile } from '../domain/transfer';
import type { SparkGuardDb } from './schema';
import { ACCOUNT, DAY, NOW, OTHER_ACCOUNT, draftInput, freshDb, record } from './test-fixtures';
import { saveCode } from './repo';
import { importCodes } from './transfer';

let db: SparkGuardDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const byId = (codes: CodeRecord[]) => [...codes].sort((a, b) => (a.id < b.id ? -1 : 1));

/** A ledger with history: a renewal chain, an extension that kept its code, a pulled code, a custom end date, a short link. */
async function buildLedger(): Promise<void> {
  const save = async (over: Parameters<typeof draftInput>[0], at: number) => {
    const result = await saveCode(db, draftInput(over), at);
    if (!result.ok) throw new Error(result.message);
    return result.id;
  };
  const first = await save({ code: '#F1rstC0deF0rMiaP0st==', createdAt: NOW - 60 * DAY }, NOW - 60 * DAY);
  await save({ code: '#Sec0ndC0deF0rMiaP0st==', createdAt: NOW - 20 * DAY, renews: first, notes: 'Renewed, fee "500", paid' }, NOW - 20 * DAY);
  const leo = await save(
    { handle: '@leo.cooks', postUrl: 'https://vm.tiktok.com/ZMabc123/', code: '482913', adAccount: OTHER_ACCOUNT, createdAt: NOW - 3 * DAY },
    NOW - 3 * DAY,
  );
  await db.codes.update(leo, { status: 'pulled' });
  await save(
    {
      handle: '@ana.runs',
      postUrl: 'https://www.tiktok.com/@ana.runs/photo/7301234567890000002',
      code: '-An4sC0deStartsWithDash+/',
      validity: 'custom',
      customEndsAt: NOW + 150 * DAY,
      createdAt: NOW - 30 * DAY,
      notes: '=first line\nsecond line',
    },
    NOW - 30 * DAY,
  );
  // An extended authorization: the same code, renewed with a later end.
  const sam = await save({ handle: '@sam.paints', postUrl: 'https://www.tiktok.com/@sam.paints/video/7301234567890000003', code: '#SamExtendedC0de123', validity: '7', createdAt: NOW - 6 * DAY }, NOW - 6 * DAY);
  await save({ handle: '@sam.paints', postUrl: 'https://www.tiktok.com/@sam.paints/video/7301234567890000003', code: '#SamExtendedC0de123', validity: '30', createdAt: NOW - DAY, renews: sam }, NOW - DAY);
  // Reminders already shown stay shown.
  await db.codes.update(sam, {
    reminders: { reachOut: NOW - 2 * DAY, swap: NOW - DAY },
    shown: { reachOut: NOW - 2 * DAY, swap: NOW - DAY },
  });
}

async function importFile(name: string, text: string, now = NOW) {
  const read = readImportFile(name, text);
  if (!read.ok) throw new Error(read.message);
  expect(read.problems).toEqual([]);
  return importCodes(db, read.rows, now);
}

describe('export, then import', () => {
  it('a backup brings back the very same ledger, history, links and reminders included', async () => {
    await buildLedger();
    const before = byId(await db.codes.toArray());
    const backup = backupText(before, NOW);

    await db.codes.clear();
    const outcome = await importFile('spark-guard-backup.json', backup, NOW + DAY);
    expect(outcome).toMatchObject({ imported: 6, renewed: 0, already: [], skipped: [], asHistory: [] });
    expect(byId(await db.codes.toArray())).toEqual(before);
  });

  it('the same backup imported again changes nothing and says the codes are already there', async () => {
    await buildLedger();
    const before = byId(await db.codes.toArray());
    const outcome = await importFile('spark-guard-backup.json', backupText(before, NOW), NOW + DAY);
    expect(outcome).toMatchObject({ imported: 0, renewed: 0, skipped: [], asHistory: [] });
    expect(outcome.already).toHaveLength(6);
    expect(byId(await db.codes.toArray())).toEqual(before);
  });

  it('a CSV brings back every code with the same creator, post, account, code, dates, notes and status', async () => {
    await buildLedger();
    const essentials = (codes: CodeRecord[]) =>
      codes
        .map((c) => ({
          handle: c.handle,
          postUrl: c.postUrl,
          postId: c.postId,
          code: c.code,
          adAccountId: c.adAccountId,
          validity: c.validity,
          createdAt: c.createdAt,
          expiresAt: c.expiresAt,
          notes: c.notes,
          status: c.status,
        }))
        .sort((a, b) => a.createdAt - b.createdAt || a.code.localeCompare(b.code));
    const before = essentials(await db.codes.toArray());
    const csv = csvText(await db.codes.toArray(), NOW, DEFAULT_REMINDER_SETTINGS);

    await db.codes.clear();
    const outcome = await importFile('spark-guard-codes.csv', csv, NOW + DAY);
    expect(outcome).toMatchObject({ imported: 6, skipped: [], already: [] });
    expect(essentials(await db.codes.toArray())).toEqual(before);
    // The chain's live end is live again, and only it.
    const live = (await db.codes.toArray()).filter((c) => c.status === 'live').map((c) => c.code).sort();
    expect(live).toEqual(['#SamExtendedC0de123', '#Sec0ndC0deF0rMiaP0st==', '-An4sC0deStartsWithDash+/']);
  });

  it('the same CSV imported again changes nothing', async () => {
    await buildLedger();
    const before = byId(await db.codes.toArray());
    const outcome = await importFile('codes.csv', csvText(before, NOW, DEFAULT_REMINDER_SETTINGS), NOW + DAY);
    expect(outcome).toMatchObject({ imported: 0, renewed: 0, skipped: [] });
    expect(outcome.already).toHaveLength(6);
    expect(byId(await db.codes.toArray())).toEqual(before);
  });
});

describe('backup format versions', () => {
  it('a version-1 backup (before reminders shown were recorded) imports whole into this version, links and history kept', async () => {
    const text = readFileSync(new URL('../../test/fixtures/backups/v1-sample.json', import.meta.url), 'utf8');
    const outcome = await importFile('v1-sample.json', text);
    expect(outcome).toMatchObject({ imported: 3, skipped: [], already: [], asHistory: [] });
    const stored = byId(await db.codes.toArray());
    expect(stored.map((c) => [c.handle, c.status, c.renews, c.replacedBy])).toEqual([
      ['mia.creates', 'replaced', null, '5d1e0f6a-2b3c-4d5e-8f90-a1b2c3d4e5f6'],
      ['mia.creates', 'live', '0b7c2d8e-1f1a-4c55-9e0e-6a0c1d2e3f40', null],
      ['leo.cooks', 'pulled', null, null],
    ]);
    // Reminders decided before are taken as shown: they do not pop up again.
    expect(stored[0]!.shown).toEqual({ reachOut: 1745834400000 });
    expect(stored[1]!.notes).toBe('=renewed\nsecond line');
  });

  it('a backup from a newer version is refused with a message, and nothing changes', () => {
    const text = readFileSync(new URL('../../test/fixtures/backups/v1-sample.json', import.meta.url), 'utf8').replace('"version": 1', '"version": 3');
    expect(readImportFile('future.json', text)).toEqual({
      ok: false,
      message: '“future.json” was made by a newer Spark Guard (backup format 3). Update Spark Guard, then import it again. Nothing was changed.',
    });
  });
});

describe('importCodes', () => {
  it('stores the valid rows, reports the others, and changes no stored code but the one a newer code renews', async () => {
    const kept = record({ handle: 'leo.cooks', code: '#Le0sC0deF0rAcc0unt1=', postUrl: 'https://www.tiktok.com/@leo.cooks/video/7301234567890000001', postId: '7301234567890000001' });
    const renewed = record({ expiresAt: NOW + 2 * DAY });
    await db.codes.bulkAdd([kept, renewed]);
    const csv = [
      'Creator,Post URL,Ad account,Code,Valid for,Created',
      `mia.creates,${renewed.postUrl},${ACCOUNT},#NewC0deF0rMiaP0st==,30 days,2026-03-09T18:00:00Z`,
      `ana.runs,https://www.tiktok.com/@ana.runs/video/7301234567890000002,${ACCOUNT},4829137,30 days,2026-03-09T18:00:00Z`,
      `leo.cooks,${kept.postUrl},${OTHER_ACCOUNT},${kept.code},30 days,2026-03-09T18:00:00Z`,
    ].join('\n');
    const outcome = await importFile('codes.csv', csv);
    expect(outcome.imported).toBe(1);
    expect(outcome.renewed).toBe(1);
    expect(outcome.skipped).toEqual([
      { row: 3, handle: 'ana.runs', message: expect.stringMatching(/^That number has 7 digits, not 6\./) },
      { row: 4, handle: 'leo.cooks', message: expect.stringContaining(`already used for ad account ${ACCOUNT}`) },
    ]);
    const stored = await db.codes.toArray();
    expect(stored).toHaveLength(3);
    expect(stored.find((c) => c.id === kept.id)).toEqual(kept);
    const added = stored.find((c) => c.code === '#NewC0deF0rMiaP0st==')!;
    expect(stored.find((c) => c.id === renewed.id)).toEqual({ ...renewed, status: 'replaced', replacedBy: added.id, updatedAt: NOW });
  });

  it('is all or nothing: when one write fails, no row is stored and the ledger stays as it was', async () => {
    const existing = record({ expiresAt: NOW + 2 * DAY });
    await db.codes.add(existing);
    const rows = readImportFile(
      'codes.csv',
      [
        'Creator,Post URL,Ad account,Code,Valid for,Created',
        `mia.creates,${existing.postUrl},${ACCOUNT},#NewC0deF0rMiaP0st==,30 days,2026-03-09T18:00:00Z`,
        `ana.runs,https://www.tiktok.com/@ana.runs/video/7301234567890000002,${ACCOUNT},#Ana5C0deF0rTheP0st==,30 days,2026-03-09T18:00:00Z`,
      ].join('\n'),
    );
    if (!rows.ok) throw new Error(rows.message);
    // The second new record gets an id that is taken: the database refuses that write.
    const ids = ['fresh-1', existing.id];
    await expect(importCodes(db, rows.rows, NOW, () => ids.shift()!)).rejects.toThrow();
    expect(await db.codes.toArray()).toEqual([existing]);
  });
});
