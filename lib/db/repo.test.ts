import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteCode,
  getSettings,
  restoreCode,
  saveCode,
  setCodeStatus,
  updateSettings,
} from './repo';
import type { SparkGuardDb } from './schema';
import {
  ACCOUNT,
  CODE,
  DAY,
  NOW,
  OTHER_ACCOUNT,
  OTHER_POST_URL,
  POST_URL,
  draftInput,
  freshDb,
  record,
} from './test-fixtures';

let db: SparkGuardDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const allCodes = () => db.codes.toArray();

async function saved(over: Parameters<typeof draftInput>[0] = {}, now = NOW) {
  const result = await saveCode(db, draftInput(over), now);
  if (!result.ok) throw new Error(`expected the save to pass: ${result.message}`);
  return result;
}

describe('saveCode', () => {
  it('stores a valid code as live, expiring after its validity period', async () => {
    const result = await saved();
    expect(result.replaced).toBeNull();
    const stored = await db.codes.get(result.id);
    expect(stored).toMatchObject({
      handle: 'mia.creates',
      postUrl: POST_URL,
      postId: '7301234567890123456',
      code: CODE,
      adAccountId: ACCOUNT,
      status: 'live',
      expiresAt: NOW - DAY + 30 * DAY,
      renews: null,
      replacedBy: null,
      savedAt: NOW,
      reminders: {},
    });
  });

  it('gives every code its own id', async () => {
    const a = await saved();
    const b = await saved({ code: '#ZyXwVuTsRqPoNmLkJiHg=', adAccount: OTHER_ACCOUNT });
    expect(a.id).not.toBe(b.id);
    expect(await allCodes()).toHaveLength(2);
  });

  it('accepts a six-digit code', async () => {
    const result = await saved({ code: ' 482 913 ' });
    expect((await db.codes.get(result.id))?.code).toBe('482913');
  });

  it('refuses a mistyped code with a message on the code field and stores nothing', async () => {
    const result = await saveCode(db, draftInput({ code: '12345' }), NOW);
    expect(result).toMatchObject({ ok: false, field: 'code' });
    expect(await allCodes()).toEqual([]);
  });

  it('refuses a code already used for another ad account and leaves the ledger untouched', async () => {
    await saved();
    const before = await allCodes();
    const result = await saveCode(db, draftInput({ adAccount: OTHER_ACCOUNT }), NOW + 1000);
    expect(result).toMatchObject({ ok: false, field: 'adAccount' });
    if (result.ok) return;
    expect(result.message).toContain(ACCOUNT);
    expect(result.message).toContain('@mia.creates');
    expect(await allCodes()).toEqual(before);
  });

  it('refuses the same code for another post', async () => {
    await saved();
    const before = await allCodes();
    const result = await saveCode(db, draftInput({ postUrl: OTHER_POST_URL }), NOW);
    expect(result).toMatchObject({ ok: false, field: 'postUrl' });
    expect(await allCodes()).toEqual(before);
  });

  it('refuses a code that is already in the ledger', async () => {
    await saved();
    const before = await allCodes();
    const result = await saveCode(db, draftInput(), NOW);
    expect(result).toMatchObject({ ok: false, field: 'code' });
    expect(await allCodes()).toEqual(before);
  });

  it('lets only one of two simultaneous saves of the same code through', async () => {
    const results = await Promise.all([
      saveCode(db, draftInput(), NOW),
      saveCode(db, draftInput({ adAccount: OTHER_ACCOUNT }), NOW),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await allCodes()).toHaveLength(1);
  });

  it('keeps one live code when two new codes for the same post and account are saved at once', async () => {
    await Promise.all([
      saveCode(db, draftInput(), NOW),
      saveCode(db, draftInput({ code: '#ZyXwVuTsRqPoNmLkJiHg=' }), NOW),
    ]);
    const codes = await allCodes();
    expect(codes).toHaveLength(2);
    expect(codes.filter((c) => c.status === 'live')).toHaveLength(1);
  });

  it('renewing links the new code to the old one and stops the old one as replaced', async () => {
    const old = await saved();
    const renewal = await saved({ code: '#ZyXwVuTsRqPoNmLkJiHg=', createdAt: NOW, renews: old.id }, NOW + 1);
    expect(renewal.replaced).toBe(old.id);
    expect(await db.codes.get(old.id)).toMatchObject({
      status: 'replaced',
      replacedBy: renewal.id,
      updatedAt: NOW + 1,
    });
    expect(await db.codes.get(renewal.id)).toMatchObject({ status: 'live', renews: old.id });
  });

  it('treats a second code for the same post and account as a renewal', async () => {
    const old = await saved();
    const next = await saved({ code: '#ZyXwVuTsRqPoNmLkJiHg=' });
    expect(next.replaced).toBe(old.id);
    expect((await db.codes.get(old.id))?.status).toBe('replaced');
  });

  it('keeps codes for the same post in other ad accounts live', async () => {
    const first = await saved();
    const other = await saved({ code: '#ZyXwVuTsRqPoNmLkJiHg=', adAccount: OTHER_ACCOUNT });
    expect(other.replaced).toBeNull();
    expect((await db.codes.get(first.id))?.status).toBe('live');
  });

  it('refuses a renewal for another ad account and keeps the old code live', async () => {
    const old = await saved();
    const result = await saveCode(
      db,
      draftInput({ code: '#ZyXwVuTsRqPoNmLkJiHg=', adAccount: OTHER_ACCOUNT, renews: old.id }),
      NOW,
    );
    expect(result.ok).toBe(false);
    expect(await allCodes()).toHaveLength(1);
    expect((await db.codes.get(old.id))?.status).toBe('live');
  });
});

describe('setCodeStatus', () => {
  it('marks a code pulled and live again', async () => {
    const { id } = await saved();
    expect(await setCodeStatus(db, { id, status: 'pulled' }, NOW + 5)).toEqual({ ok: true });
    expect(await db.codes.get(id)).toMatchObject({ status: 'pulled', updatedAt: NOW + 5 });
    expect(await setCodeStatus(db, { id, status: 'live' }, NOW + 6)).toEqual({ ok: true });
    expect((await db.codes.get(id))?.status).toBe('live');
  });

  it('refuses to bring back a code that was renewed', async () => {
    const old = await saved();
    await saved({ code: '#ZyXwVuTsRqPoNmLkJiHg=', renews: old.id });
    const result = await setCodeStatus(db, { id: old.id, status: 'live' }, NOW);
    expect(result).toMatchObject({ ok: false, field: null });
    expect((await db.codes.get(old.id))?.status).toBe('replaced');
  });

  it('says so when the code is gone', async () => {
    const result = await setCodeStatus(db, { id: 'missing', status: 'pulled' }, NOW);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/no longer in your ledger/);
  });
});

describe('deleteCode and restoreCode', () => {
  it('hands back the deleted record, and restoring it puts back exactly what was there', async () => {
    const { id } = await saved();
    const before = await allCodes();
    const deleted = await deleteCode(db, id, NOW);
    expect(deleted).toMatchObject({ ok: true, record: before[0] });
    expect(await allCodes()).toEqual([]);
    if (!deleted.ok) return;
    expect(await restoreCode(db, deleted.record, NOW)).toEqual({ ok: true });
    expect(await allCodes()).toEqual(before);
  });

  it('says so when deleting a code that is already gone', async () => {
    expect(await deleteCode(db, 'missing', NOW)).toMatchObject({ ok: false, field: null });
  });

  it('refuses to restore a code that is meanwhile used for another ad account', async () => {
    const { id } = await saved();
    const deleted = await deleteCode(db, id, NOW);
    if (!deleted.ok) throw new Error('delete failed');
    await saved({ adAccount: OTHER_ACCOUNT });
    const before = await allCodes();
    const result = await restoreCode(db, deleted.record, NOW);
    expect(result).toMatchObject({ ok: false, field: 'adAccount' });
    if (!result.ok) expect(result.message).toMatch(/can't be restored/);
    expect(await allCodes()).toEqual(before);
  });

  it('refuses to restore a record that is still there', async () => {
    const stored = record();
    await db.codes.add(stored);
    expect(await restoreCode(db, stored, NOW)).toMatchObject({ ok: false });
    expect(await allCodes()).toEqual([stored]);
  });

  it('restores the older record of an extended authorization, which shares its code with the newer one', async () => {
    const older = record({ code: CODE, status: 'replaced' });
    const newer = record({ code: CODE, renews: older.id, expiresAt: older.expiresAt + 30 * DAY });
    older.replacedBy = newer.id;
    await db.codes.bulkAdd([older, newer]);
    const deleted = await deleteCode(db, older.id, NOW);
    if (!deleted.ok) throw new Error('delete failed');
    expect(await restoreCode(db, deleted.record, NOW)).toEqual({ ok: true });
    expect(await db.codes.get(older.id)).toEqual(older);
    expect(await db.codes.get(newer.id)).toEqual(newer);
  });

  it('deleting a renewal brings the old code back to live, and undo makes it replaced again', async () => {
    const old = await saved();
    const renewal = await saved({ code: '#ZyXwVuTsRqPoNmLkJiHg=', renews: old.id });
    const deleted = await deleteCode(db, renewal.id, NOW + 1);
    if (!deleted.ok) throw new Error('delete failed');
    expect(await db.codes.get(old.id)).toMatchObject({ status: 'live', replacedBy: null });

    expect(await restoreCode(db, deleted.record, NOW + 2)).toEqual({ ok: true });
    expect(await db.codes.get(old.id)).toMatchObject({ status: 'replaced', replacedBy: renewal.id });
    expect((await db.codes.get(renewal.id))?.status).toBe('live');
  });
});

describe('reminder settings', () => {
  it('start at 72 hours to reach out and 24 hours to swap', async () => {
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
  });

  it('keep the time that was not changed', async () => {
    expect(await updateSettings(db, { reachOutHours: 96 })).toEqual({ ok: true });
    expect(await updateSettings(db, { swapHours: 12 })).toEqual({ ok: true });
    expect(await getSettings(db)).toEqual({ reachOutHours: 96, swapHours: 12 });
  });

  it('refuse a swap reminder that would come before reaching out, and keep the stored times', async () => {
    await updateSettings(db, { reachOutHours: 48, swapHours: 12 });
    const result = await updateSettings(db, { swapHours: 48 });
    expect(result).toMatchObject({ ok: false, field: null });
    if (!result.ok) {
      expect(result.message).toMatch(/swap reminder must come after the reach-out reminder/);
      expect(result.message).toContain('48 h');
    }
    expect(await getSettings(db)).toEqual({ reachOutHours: 48, swapHours: 12 });
  });

  it('refuse a reach-out time below the current swap time', async () => {
    expect(await updateSettings(db, { reachOutHours: 20 })).toMatchObject({ ok: false });
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
  });

  it('fall back to the defaults when the stored row is unreadable, without erasing it', async () => {
    const broken = { key: 'reminders' as const, value: { reachOutHours: 'soon', swapHours: 24 } };
    await db.settings.put(broken as never);
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
    expect(await db.settings.get('reminders')).toEqual(broken);
  });
});
