import { afterEach, describe, expect, it } from 'vitest';
import { readWorkflowPart, restoreBatches } from '../domain/workflow-backup';
import { DEFAULT_WORKFLOW_SETTINGS } from '../domain/workflow-settings';
import { readAllRows } from './migration-harness';
import { openDb, type SparkGuardDb } from './schema';
import { NOW, record } from './test-fixtures';
import { workflowBackupPart } from './workflow-backup';
import {
  bytesToBase64,
  getWorkflowSettings,
  markAsked,
  restoreWorkflow,
  saveCreator,
  savePerformanceReading,
  savePost,
  updateWorkflowSettings,
  type SaveCreatorInput,
} from './workflow-repo';

const opened: SparkGuardDb[] = [];
function fresh(): SparkGuardDb {
  const db = openDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
const creatorInput = (patch: Partial<SaveCreatorInput> = {}): SaveCreatorInput => ({
  handle: '@mia.creates',
  region: 'United States',
  contact: 'mia@example.com',
  regionConfirmed: true,
  toggleSeenOn: false,
  screenshot: null,
  removeScreenshot: false,
  ...patch,
});
const postInput = {
  url: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
  postedAt: NOW - 50 * 3_600_000,
  views: '12300',
  completion: '64',
  sentiment: 'positive' as const,
};

describe('creators', () => {
  it('stores a creator with the toggle screenshot as a picture, and updates it by handle', async () => {
    const db = fresh();
    expect(await saveCreator(db, creatorInput({ screenshot: { name: 'toggle.png', base64: bytesToBase64(PNG) } }), NOW)).toEqual({
      ok: true,
      handle: 'mia.creates',
    });
    const stored = await db.creators.get('mia.creates');
    expect(stored).toMatchObject({ region: 'United States', regionConfirmed: true, toggleSeenOn: false, screenshot: { type: 'image/png', size: 16 } });
    expect(new Uint8Array(await stored!.screenshot!.blob.arrayBuffer())).toEqual(PNG);

    await saveCreator(db, creatorInput({ toggleSeenOn: true }), NOW + 1);
    expect(await db.creators.get('mia.creates')).toMatchObject({ toggleSeenOn: true, savedAt: NOW, updatedAt: NOW + 1, screenshot: { size: 16 } });
  });

  it('refuses a screenshot that is not a picture, or over 5 MB, and changes nothing stored', async () => {
    const db = fresh();
    await saveCreator(db, creatorInput(), NOW);
    const before = await readAllRows(db);
    const text = bytesToBase64(new TextEncoder().encode('not a picture at all'));
    expect(await saveCreator(db, creatorInput({ toggleSeenOn: true, screenshot: { name: 'notes.png', base64: text } }), NOW + 1)).toMatchObject({
      ok: false,
      field: 'screenshot',
      message: expect.stringContaining('is not a picture'),
    });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    expect(await saveCreator(db, creatorInput({ toggleSeenOn: true, screenshot: { name: 'big.png', base64: bytesToBase64(big) } }), NOW + 1)).toMatchObject({
      ok: false,
      field: 'screenshot',
      message: expect.stringContaining('at most 5 MB'),
    });
    expect(await readAllRows(db)).toEqual(before);
    // Encoding and decoding 5 MB takes a few seconds on a busy machine.
  }, 30_000);
});

describe('posts and readings', () => {
  it('adds a reading each time a post is saved again, so the latest can decide', async () => {
    const db = fresh();
    await savePost(db, postInput, NOW, () => 'r1');
    await savePost(db, { ...postInput, completion: '52', sentiment: 'mixed' }, NOW + 1000, () => 'r2');
    expect(await db.posts.toArray()).toHaveLength(1);
    expect((await db.readings.toArray()).map((r) => [r.id, r.at])).toEqual([
      ['r1', NOW],
      ['r2', NOW + 1000],
    ]);
  });

  it('refuses negative views, completion over 100 and a link that is not TikTok’s, changing nothing', async () => {
    const db = fresh();
    await savePost(db, postInput, NOW);
    const before = await readAllRows(db);
    expect(await savePost(db, { ...postInput, views: '-3' }, NOW)).toMatchObject({ ok: false, field: 'views' });
    expect(await savePost(db, { ...postInput, completion: '140' }, NOW)).toMatchObject({ ok: false, field: 'completion' });
    expect(await savePost(db, { ...postInput, url: 'https://instagram.com/p/abc' }, NOW)).toMatchObject({ ok: false, field: 'url' });
    expect(await readAllRows(db)).toEqual(before);
  });

  it('adds performance readings only to codes in the ledger', async () => {
    const db = fresh();
    const code = record();
    await db.codes.add(code);
    expect(await savePerformanceReading(db, { codeId: code.id, frequency: '3.4', completionRate: '', sentiment: '' }, NOW)).toEqual({ ok: true });
    expect(await savePerformanceReading(db, { codeId: 'gone', frequency: '1', completionRate: '', sentiment: '' }, NOW)).toMatchObject({ ok: false });
    expect(await db.readings.count()).toBe(1);
  });
});

describe('settings and reach-outs', () => {
  it('keeps the last good settings when new ones are out of range', async () => {
    const db = fresh();
    expect(await updateWorkflowSettings(db, { ...DEFAULT_WORKFLOW_SETTINGS, organicWaitHours: 72 })).toEqual({ ok: true });
    expect(await updateWorkflowSettings(db, { ...DEFAULT_WORKFLOW_SETTINGS, organicWaitHours: 200 })).toMatchObject({ ok: false });
    expect((await getWorkflowSettings(db)).organicWaitHours).toBe(72);
  });

  it('records when the creator was asked', async () => {
    const db = fresh();
    const code = record();
    await db.codes.add(code);
    expect(await markAsked(db, code.id, NOW)).toEqual({ ok: true });
    expect(await db.reachOuts.get(code.id)).toEqual({ codeId: code.id, askedAt: NOW });
  });
});

describe('backup and restore of the workflow', () => {
  it('restores every creator (screenshot included), post, reading, reach-out and setting into a fresh database', async () => {
    const db = fresh();
    const code = record();
    await db.codes.add(code);
    await saveCreator(db, creatorInput({ screenshot: { name: 'toggle.png', base64: bytesToBase64(PNG) } }), NOW);
    await saveCreator(db, creatorInput({ handle: 'ana.runs', regionConfirmed: false, region: '' }), NOW);
    await savePost(db, postInput, NOW);
    await savePerformanceReading(db, { codeId: code.id, frequency: '2.5', completionRate: '40', sentiment: 'positive' }, NOW);
    await markAsked(db, code.id, NOW);
    await updateWorkflowSettings(db, { ...DEFAULT_WORKFLOW_SETTINGS, minCompletion: 65 });

    // Through JSON, as in the file.
    const json = JSON.parse(JSON.stringify(await workflowBackupPart(db)));
    const { part, problems } = readWorkflowPart(json);
    expect(problems).toEqual([]);

    const target = fresh();
    for (const batch of restoreBatches(part)) await restoreWorkflow(target, batch);
    const [a, b] = [await readAllRows(db), await readAllRows(target)];
    const noBlob = (rows: unknown[]) => (rows as { screenshot: { blob: Blob } | null }[]).map((c) => ({ ...c, screenshot: c.screenshot && { ...c.screenshot, blob: null } }));
    expect(noBlob(b.creators!)).toEqual(noBlob(a.creators!));
    const restored = await target.creators.get('mia.creates');
    expect(new Uint8Array(await restored!.screenshot!.blob.arrayBuffer())).toEqual(PNG);
    expect(b.posts).toEqual(a.posts);
    expect(b.readings).toEqual(a.readings);
    expect(b.reachOuts).toEqual(a.reachOuts);
    expect((await getWorkflowSettings(target)).minCompletion).toBe(65);
  });

  it('names damaged rows and keeps the others; stored rows stay as they are', async () => {
    const db = fresh();
    await saveCreator(db, creatorInput({ toggleSeenOn: true }), NOW);
    const { part, problems } = readWorkflowPart({
      creators: [
        { handle: 'mia.creates', region: 'Old', contact: '', regionConfirmed: false, toggleSeenOn: false, screenshot: null, savedAt: 1, updatedAt: 1 },
        { handle: 'leo.cooks', region: 5 },
      ],
      posts: 'nonsense',
    });
    expect(problems).toEqual([
      'Creator entry 2 for @leo.cooks is damaged (its “region” is missing or wrong), so it was left out.',
      'The posts in this backup are damaged, so they were left out.',
    ]);
    expect(await restoreWorkflow(db, restoreBatches(part).reduce((all, b) => ({ ...all, creators: [...all.creators, ...b.creators] })))).toMatchObject({
      added: 0,
      already: 1,
    });
    expect(await db.creators.get('mia.creates')).toMatchObject({ region: 'United States', toggleSeenOn: true });
  });
});
