import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings } from '../../lib/db/repo';
import type { SparkGuardDb } from '../../lib/db/schema';
import { ACCOUNT, CODE, DAY, HOUR, NOW, OTHER_ACCOUNT, draftInput, freshDb } from '../../lib/db/test-fixtures';
import { removeAllListeners, sendMessage } from '../../lib/messaging/protocol';
import { consoleErrorsDuring } from '../../test/unit/console-errors';
import { createCodeHandlers, registerCodeHandlers } from './handlers';
import { createReconciler } from './reconcile';

let db: SparkGuardDb;
let clock: number;

beforeEach(() => {
  db = freshDb();
  clock = NOW;
  const reconcile = createReconciler({ db, api: fakeBrowser }, () => clock);
  registerCodeHandlers({ db, reconcile, clock: () => clock });
});
afterEach(async () => {
  // The messaging library keeps one listener per message: drop them so the next test can register.
  removeAllListeners();
  await db.delete();
});

const badgeText = () => fakeBrowser.action.getBadgeText({});
const shown = () => Object.values(fakeBrowser.notifications.getAllCreateOptions()).map((n) => n.title);

/** A 30-day code made 28 days ago: two days left, so it is time to reach out. */
const dueSoon = (over: Parameters<typeof draftInput>[0] = {}) => draftInput({ createdAt: NOW - 28 * DAY, ...over });

async function savedId(over: Parameters<typeof draftInput>[0] = {}): Promise<string> {
  const answer = await sendMessage('saveCode', dueSoon(over));
  if (!answer.ok) throw new Error(answer.message);
  return answer.id;
}

describe('saveCode message', () => {
  it('stores the code and at once shows its reminder and badge', async () => {
    const answer = await sendMessage('saveCode', dueSoon());
    expect(answer).toMatchObject({ ok: true, replaced: null });
    expect(await db.codes.count()).toBe(1);
    expect(await badgeText()).toBe('1');
    expect(shown()).toEqual(['Reach out to @mia.creates for a new code']);
  });

  it('answers a malformed request with a readable message and stores nothing', async () => {
    const answer = await sendMessage('saveCode', { ...dueSoon(), createdAt: 'yesterday' } as never);
    expect(answer).toEqual({
      ok: false,
      field: null,
      message: expect.stringMatching(/^Spark Guard could not read that request \(createdAt: .*\)\. Nothing was changed\.$/),
    });
    expect(await db.codes.count()).toBe(0);
  });

  it('passes a refusal through with its field, and leaves badge and reminders alone', async () => {
    await savedId();
    const answer = await sendMessage('saveCode', dueSoon({ adAccount: OTHER_ACCOUNT }));
    expect(answer).toMatchObject({ ok: false, field: 'adAccount' });
    expect(await db.codes.count()).toBe(1);
    expect(await badgeText()).toBe('1');
  });

  it('stops the old code’s reminders when it is renewed', async () => {
    const old = await savedId();
    const answer = await sendMessage('saveCode', draftInput({ code: '#ZyXwVuTsRqPoNmLkJiHg=', createdAt: NOW, renews: old }));
    expect(answer).toMatchObject({ ok: true, replaced: old });
    expect(await badgeText()).toBe('');
    expect(shown()).toEqual([]);
  });
});

describe('setCodeStatus message', () => {
  it('pulling a code clears its badge count and reminder', async () => {
    const id = await savedId();
    expect(await sendMessage('setCodeStatus', { id, status: 'pulled' })).toEqual({ ok: true });
    expect(await badgeText()).toBe('');
    expect(shown()).toEqual([]);
  });

  it('refuses a status the buyer cannot set', async () => {
    const id = await savedId();
    const answer = await sendMessage('setCodeStatus', { id, status: 'replaced' } as never);
    expect(answer).toMatchObject({ ok: false, field: null });
    expect((await db.codes.get(id))?.status).toBe('live');
  });
});

describe('deleteCode and restoreCode messages', () => {
  it('delete hands the record back; restore brings it and its badge count back', async () => {
    const id = await savedId();
    const deleted = await sendMessage('deleteCode', { id });
    if (!deleted.ok) throw new Error(deleted.message);
    expect(deleted.record).toMatchObject({ id, code: CODE, adAccountId: ACCOUNT });
    expect(await badgeText()).toBe('');

    expect(await sendMessage('restoreCode', { record: deleted.record })).toEqual({ ok: true });
    expect(await db.codes.get(id)).toEqual(deleted.record);
    expect(await badgeText()).toBe('1');
  });

  it('refuses to restore a record that does not look like a code', async () => {
    const answer = await sendMessage('restoreCode', { record: { id: 'x', code: 42 } } as never);
    expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('Nothing was changed') });
    expect(await db.codes.count()).toBe(0);
  });
});

describe('updateSettings message', () => {
  it('applies new reminder times to the badge and reminders at once', async () => {
    // 100 hours left: nothing due at the default 72 hours.
    await savedId({ createdAt: NOW - 30 * DAY + 100 * HOUR });
    expect(await badgeText()).toBe('');
    expect(await sendMessage('updateSettings', { reachOutHours: 120 })).toEqual({ ok: true });
    expect(await badgeText()).toBe('1');
    expect(shown()).toEqual(['Reach out to @mia.creates for a new code']);
  });

  it('refuses swap times that come before reaching out, keeping the old times', async () => {
    const answer = await sendMessage('updateSettings', { swapHours: 80 });
    expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('swap reminder must come after') });
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
  });

  it('refuses hours that are not whole numbers', async () => {
    const answer = await sendMessage('updateSettings', { reachOutHours: 1.5 });
    expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('reachOutHours') });
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
  });
});

describe('the handler functions', () => {
  it('parse the raw payload before anything else', async () => {
    const handlers = createCodeHandlers({ db, reconcile: async () => null, clock: () => NOW });
    for (const handle of Object.values(handlers)) {
      expect(await handle(undefined)).toMatchObject({ ok: false, field: null });
    }
    expect(await db.codes.count()).toBe(0);
  });

  it('answer a storage failure with a message instead of throwing', async () => {
    const handlers = createCodeHandlers({ db, reconcile: async () => null, clock: () => NOW });
    db.close({ disableAutoOpen: true });
    const errors = await consoleErrorsDuring(async () => {
      const answer = await handlers.saveCode(dueSoon());
      expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('Nothing was changed') });
    });
    expect(errors).toHaveLength(1);
  });
});
