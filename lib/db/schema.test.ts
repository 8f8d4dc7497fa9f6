import { afterEach, describe, expect, it } from 'vitest';
import { codeRecordSchema, type CodeRecord } from '../domain/code';
import { shownReminders } from '../domain/expiry';
import { byKey, readAllRows, seedDatabase } from './migration-harness';
import { getSettings } from './repo';
import { DB_NAME, openDb, V1_STORES, V2_STORES, type SparkGuardDb } from './schema';
import { getWorkflowSettings } from './workflow-repo';
import { DEFAULT_WORKFLOW_SETTINGS } from '../domain/workflow-settings';
import { passOverLedger } from './reminders';
import { DAY, HOUR, NOW, record } from './test-fixtures';

/*
 * Migration tests. Every schema version gets one, and none is ever deleted: a buyer may update from
 * any older version straight to the newest.
 *
 * How to write the test for the next version (say version 2):
 *   1. In schema.ts keep V1_STORES untouched, add V2_STORES and `db.version(2).stores(V2_STORES).upgrade(...)`.
 *   2. Here, add a describe block 'version 1 -> 2':
 *        await seedDatabase(name, { version: 1, stores: V1_STORES }, { codes: v1Codes, settings: v1Settings });
 *        db = openDb(name);  // opens at version 2 and runs the upgrade
 *        const rows = await readAllRows(db);
 *      and assert EVERY seeded row: each one is still there (same count, same ids), every field the
 *      upgrade did not touch is unchanged, every new field has its upgrade value, and each row passes
 *      the current zod schema. Seed rows exactly as version 1 wrote them (plain objects, no new fields).
 *   3. Raise CURRENT_VERSION below.
 */

/** The newest schema version covered by a migration test here. */
const CURRENT_VERSION = 4;

const opened: SparkGuardDb[] = [];
function open(name: string): SparkGuardDb {
  const db = openDb(name);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A record as versions 1 and 2 stored it: without `shown`. */
function beforeV3({ shown: _shown, ...rest }: CodeRecord) {
  return rest;
}

/** What version 3 makes of an older record: the reminders a later one did not overtake count as shown. */
function asV3(row: ReturnType<typeof beforeV3>): CodeRecord {
  return { ...row, shown: shownReminders(row.reminders) };
}

/** Rows as version 1 stores them: one of each status, a short link with no post id, a custom end date. */
function v1Codes() {
  const live = record({ expiresAt: NOW + 2 * DAY, reminders: { reachOut: NOW - 1000 } });
  const renewal = record({ renews: 'old-code', expiresAt: NOW + 40 * DAY });
  const old = record({ id: 'old-code', status: 'replaced', replacedBy: renewal.id, reminders: { reachOut: 1, swap: 2 } });
  const pulled = record({
    status: 'pulled',
    postUrl: 'https://vm.tiktok.com/ZMabc123/',
    postId: null,
    validity: { kind: 'custom', endsAt: NOW + 180 * DAY },
    expiresAt: NOW + 180 * DAY,
    notes: 'Paused: creator on holiday',
    code: '482913',
  });
  return [live, renewal, old, pulled].map(beforeV3);
}

describe('the database', () => {
  it('keeps the name and version the extension pages read', async () => {
    expect(DB_NAME).toBe('spark-guard');
    const db = open(`test-${crypto.randomUUID()}`);
    await db.open();
    // Failing here means a new schema version exists: add its migration test below, then raise CURRENT_VERSION.
    expect(db.verno).toBe(CURRENT_VERSION);
  });
});

describe('new install', () => {
  it('opens over no database with empty tables and default reminder times', async () => {
    const db = open(`test-${crypto.randomUUID()}`);
    expect(await readAllRows(db)).toEqual({
      codes: [],
      settings: [],
      accountWatch: [],
      layoutHealth: [],
      rowLinks: [],
      creators: [],
      posts: [],
      readings: [],
      reachOuts: [],
    });
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
  });
});

describe('version 1 over existing version 1 data', () => {
  it('keeps every code (with what version 3 adds) and the settings row', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const codes = v1Codes();
    const settings = [{ key: 'reminders', value: { reachOutHours: 96, swapHours: 12 } }];
    await seedDatabase(name, { version: 1, stores: V1_STORES }, { codes, settings });

    const db = open(name);
    const rows = await readAllRows(db);
    expect(rows.codes).toEqual(byKey(codes.map(asV3), 'id'));
    expect(rows.settings).toEqual(settings);
    for (const row of rows.codes ?? []) expect(codeRecordSchema.safeParse(row).success).toBe(true);
    expect(await getSettings(db)).toEqual({ reachOutHours: 96, swapHours: 12 });
  });

  it('keeps the indexes the popup lists and looks codes up by', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const codes = v1Codes();
    await seedDatabase(name, { version: 1, stores: V1_STORES }, { codes });

    const db = open(name);
    const soonestFirst = [...codes].sort((a, b) => a.expiresAt - b.expiresAt).map((c) => c.id);
    expect(await db.codes.orderBy('expiresAt').primaryKeys()).toEqual(soonestFirst);
    expect(await db.codes.where('status').equals('live').count()).toBe(2);
    expect(await db.codes.where('code').equals('482913').count()).toBe(1);
  });
});

describe('version 1 -> 2 (overlay tables added)', () => {
  it('keeps every code (with what version 3 adds) and the settings row, and adds empty overlay tables', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const codes = v1Codes();
    const settings = [{ key: 'reminders', value: { reachOutHours: 96, swapHours: 12 } }];
    await seedDatabase(name, { version: 1, stores: V1_STORES }, { codes, settings });

    const db = open(name);
    const rows = await readAllRows(db);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(rows.codes).toHaveLength(codes.length);
    expect(rows.codes).toEqual(byKey(codes.map(asV3), 'id'));
    for (const row of rows.codes ?? []) expect(codeRecordSchema.safeParse(row).success).toBe(true);
    expect(rows.settings).toEqual(settings);
    expect(rows.accountWatch).toEqual([]);
    expect(rows.layoutHealth).toEqual([]);
    expect(rows.rowLinks).toEqual([]);
    expect(await getSettings(db)).toEqual({ reachOutHours: 96, swapHours: 12 });
    expect(await db.codes.where('status').equals('live').count()).toBe(2);
  });

  it('stores and finds overlay rows by their keys after the upgrade', async () => {
    const name = `test-${crypto.randomUUID()}`;
    await seedDatabase(name, { version: 1, stores: V1_STORES }, { codes: v1Codes() });
    const db = open(name);
    await db.accountWatch.put({ adAccountId: '7012', pageKind: 'adgroup-list', url: 'u', notDelivering: 3, rowsRead: 9, seenAt: NOW });
    await db.accountWatch.put({ adAccountId: '7012', pageKind: 'adgroup-list', url: 'u', notDelivering: 1, rowsRead: 9, seenAt: NOW + 1 });
    expect(await db.accountWatch.where('adAccountId').equals('7012').toArray()).toMatchObject([{ notDelivering: 1 }]);
    await db.rowLinks.put({ adAccountId: '7012', rowName: 'Spring promo', codeId: 'c1', linkedAt: NOW });
    expect(await db.rowLinks.get(['7012', 'Spring promo'])).toMatchObject({ codeId: 'c1' });
    await db.layoutHealth.put({ pageKind: 'ad-list', what: 'x', area: 'list', pageUrl: 'u', seenAt: NOW });
    expect(await db.layoutHealth.where('pageKind').equals('ad-list').count()).toBe(1);
  });

  it('opens a version 2 database again without losing overlay rows', async () => {
    const name = `test-${crypto.randomUUID()}`;
    await seedDatabase(name, { version: 2, stores: { ...V1_STORES, ...V2_STORES } }, {
      codes: v1Codes(),
      rowLinks: [{ adAccountId: '7012', rowName: 'Spring promo', codeId: 'c1', linkedAt: NOW }],
    });
    const rows = await readAllRows(open(name));
    expect(rows.codes).toHaveLength(4);
    expect(rows.rowLinks).toEqual([{ adAccountId: '7012', rowName: 'Spring promo', codeId: 'c1', linkedAt: NOW }]);
  });
});

describe('version 2 -> 3 (reminders confirmed on screen)', () => {
  it('keeps every row and marks as shown exactly the reminders that were not overtaken', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const onTime = beforeV3(record({ expiresAt: NOW + 10 * HOUR, reminders: { reachOut: NOW - 2 * DAY, swap: NOW - HOUR } }));
    const slept = beforeV3(record({ expiresAt: NOW + 10 * HOUR, reminders: { reachOut: NOW, swap: NOW } }));
    const quiet = beforeV3(record({ expiresAt: NOW + 30 * DAY }));
    const codes = [...v1Codes(), onTime, slept, quiet];
    const links = [{ adAccountId: '7012', rowName: 'Spring promo', codeId: onTime.id, linkedAt: NOW }];
    await seedDatabase(name, { version: 2, stores: { ...V1_STORES, ...V2_STORES } }, { codes, rowLinks: links });

    const db = open(name);
    const rows = await readAllRows(db);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(rows.codes).toEqual(byKey(codes.map(asV3), 'id'));
    for (const row of rows.codes ?? []) expect(codeRecordSchema.safeParse(row).success).toBe(true);
    expect(rows.rowLinks).toEqual(links);
    const shown = async (id: string) => (await db.codes.get(id))?.shown;
    expect(await shown(onTime.id)).toEqual({ reachOut: NOW - 2 * DAY, swap: NOW - HOUR });
    expect(await shown(slept.id)).toEqual({ swap: NOW });
    expect(await shown(quiet.id)).toEqual({});
  });

  it('does not show again, after the upgrade, a reminder an older version already showed', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const code = beforeV3(record({ expiresAt: NOW + 10 * HOUR, reminders: { reachOut: NOW - HOUR, swap: NOW - HOUR } }));
    await seedDatabase(name, { version: 2, stores: { ...V1_STORES, ...V2_STORES } }, { codes: [code] });
    const db = open(name);
    expect((await passOverLedger(db, NOW)).notices).toEqual([]);
  });
});

describe('version 3 -> 4 (creators, posts, readings, reach-outs)', () => {
  it('keeps every row of every table as version 3 stored it, and adds the workflow tables empty', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const codes = v1Codes().map(asV3);
    const settings = [{ key: 'reminders', value: { reachOutHours: 96, swapHours: 12 } }];
    const rowLinks = [{ adAccountId: '7012', rowName: 'Spring promo', codeId: codes[0]!.id, linkedAt: NOW }];
    const accountWatch = [{ adAccountId: '7012', pageKind: 'adgroup-list', url: 'https://ads.tiktok.com/x', notDelivering: 2, rowsRead: 9, seenAt: NOW }];
    const layoutHealth = [{ pageKind: 'ad-list', what: 'couldn’t find the status column', area: 'list', pageUrl: 'https://ads.tiktok.com/y', seenAt: NOW }];
    await seedDatabase(name, { version: 3, stores: { ...V1_STORES, ...V2_STORES } }, { codes, settings, rowLinks, accountWatch, layoutHealth });

    const db = open(name);
    const rows = await readAllRows(db);
    expect(db.verno).toBe(4);
    expect(rows.codes).toEqual(byKey(codes, 'id'));
    for (const row of rows.codes ?? []) expect(codeRecordSchema.safeParse(row).success).toBe(true);
    expect(rows.settings).toEqual(settings);
    expect(rows.rowLinks).toEqual(rowLinks);
    expect(rows.accountWatch).toEqual(accountWatch);
    expect(rows.layoutHealth).toEqual(layoutHealth);
    expect([rows.creators, rows.posts, rows.readings, rows.reachOuts]).toEqual([[], [], [], []]);
    expect(await getSettings(db)).toEqual({ reachOutHours: 96, swapHours: 12 });
    expect(await getWorkflowSettings(db)).toEqual(DEFAULT_WORKFLOW_SETTINGS);
    expect(await db.codes.where('status').equals('live').count()).toBe(2);
  });

  it('finds readings by kind and subject, newest last, after the upgrade', async () => {
    const name = `test-${crypto.randomUUID()}`;
    await seedDatabase(name, { version: 3, stores: { ...V1_STORES, ...V2_STORES } }, { codes: v1Codes().map(asV3) });
    const db = open(name);
    await db.readings.bulkAdd([
      { id: 'r2', kind: 'post', subject: 'p1', at: NOW + 2, views: 10, completion: 70, sentiment: 'positive' },
      { id: 'r1', kind: 'post', subject: 'p1', at: NOW + 1, views: 5, completion: 50, sentiment: 'mixed' },
      { id: 'r3', kind: 'performance', subject: 'p1', at: NOW, frequency: 2, completionRate: 30, sentiment: null },
    ]);
    const post = await db.readings.where('[kind+subject]').equals(['post', 'p1']).sortBy('at');
    expect(post.map((r) => r.id)).toEqual(['r1', 'r2']);
  });
});
