import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeRecord } from '../domain/code';
import { shownReminders } from '../domain/expiry';
import { markShown, passOverLedger } from './reminders';
import { updateSettings } from './repo';
import type { SparkGuardDb } from './schema';
import { DAY, HOUR, NOW, freshDb, record } from './test-fixtures';

let db: SparkGuardDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

async function store(over: Partial<CodeRecord>): Promise<CodeRecord> {
  const code = record(over);
  await db.codes.add(code);
  return code;
}

const kinds = (notices: { kind: string }[]) => notices.map((n) => n.kind);

/** One pass over the ledger: the reminders it decides to show. */
const runReminders = async (db: SparkGuardDb, now: number) => (await passOverLedger(db, now)).notices;

/** What the background does on each run: decide, show, and record what is on screen. */
async function deliver(now: number) {
  const notices = await runReminders(db, now);
  for (const notice of notices) await markShown(db, notice, now);
  return notices;
}

describe('passOverLedger', () => {
  it('asks the buyer to reach out once the code is within 72 hours of expiry', async () => {
    const code = await store({ handle: 'mia.creates', expiresAt: NOW + 48 * HOUR });
    const notices = await runReminders(db, NOW);
    expect(notices).toEqual([
      {
        codeId: code.id,
        handle: 'mia.creates',
        kind: 'reachOut',
        title: 'Reach out to @mia.creates for a new code',
        message: expect.stringContaining('expires Thu, Mar 12 at 2:00 PM'),
      },
    ]);
    expect((await db.codes.get(code.id))?.reminders).toEqual({ reachOut: NOW });
  });

  it('sends nothing for a code with more than 72 hours left', async () => {
    const code = await store({ expiresAt: NOW + 72 * HOUR + 1 });
    expect(await runReminders(db, NOW)).toEqual([]);
    expect((await db.codes.get(code.id))?.reminders).toEqual({});
  });

  it('sends each reminder exactly once when run again', async () => {
    await store({ expiresAt: NOW + 48 * HOUR });
    expect(kinds(await deliver(NOW))).toEqual(['reachOut']);
    expect(await deliver(NOW)).toEqual([]);
    expect(await deliver(NOW + HOUR)).toEqual([]);
  });

  it('decides each reminder once when runs overlap, and every run names it by the same code and kind', async () => {
    const a = await store({ expiresAt: NOW + 48 * HOUR });
    const b = await store({ expiresAt: NOW + 12 * HOUR });
    const runs = await Promise.all([runReminders(db, NOW), runReminders(db, NOW), runReminders(db, NOW + 1)]);
    // Notifications are keyed by code and kind, so a repeat replaces instead of stacking.
    expect([...new Set(runs.flat().map((n) => `${n.codeId}:${n.kind}`))].sort()).toEqual(
      [`${a.id}:reachOut`, `${b.id}:swap`].sort(),
    );
    expect((await db.codes.get(a.id))?.reminders).toEqual({ reachOut: NOW });
    expect((await db.codes.get(b.id))?.reminders).toEqual({ reachOut: NOW, swap: NOW });
  });

  it('shows again a reminder that was decided but never confirmed on screen, until it is', async () => {
    const code = await store({ expiresAt: NOW + 48 * HOUR });
    // The worker stopped (or the system refused the pop-up) between deciding and showing.
    expect(kinds(await runReminders(db, NOW))).toEqual(['reachOut']);
    expect(kinds(await deliver(NOW + HOUR))).toEqual(['reachOut']);
    expect(await deliver(NOW + 2 * HOUR)).toEqual([]);
    expect((await db.codes.get(code.id))?.shown).toEqual({ reachOut: NOW + HOUR });
    // Decided once, at the first run.
    expect((await db.codes.get(code.id))?.reminders).toEqual({ reachOut: NOW });
  });

  it('drops an unconfirmed reminder once a later stage is due, and shows only the later one', async () => {
    const code = await store({ expiresAt: NOW + 48 * HOUR });
    await runReminders(db, NOW);
    expect(kinds(await deliver(code.expiresAt - 20 * HOUR))).toEqual(['swap']);
    expect((await db.codes.get(code.id))?.shown).toEqual({ swap: code.expiresAt - 20 * HOUR });
  });

  it('after sleeping through reach-out and swap, sends only the swap reminder and never the reach-out one', async () => {
    const code = await store({ handle: 'mia.creates', expiresAt: NOW + 10 * HOUR });
    const notices = await deliver(NOW);
    expect(notices).toEqual([
      expect.objectContaining({ codeId: code.id, kind: 'swap', title: 'No new code from @mia.creates: swap now or pull the ad' }),
    ]);
    expect((await db.codes.get(code.id))?.reminders).toEqual({ reachOut: NOW, swap: NOW });
    expect(await deliver(NOW + HOUR)).toEqual([]);
  });

  it('walks a code through reach out, swap and expiry, one reminder at each step', async () => {
    const code = await store({ expiresAt: NOW + 4 * DAY });
    expect(await deliver(NOW)).toEqual([]);
    expect(kinds(await deliver(code.expiresAt - 72 * HOUR))).toEqual(['reachOut']);
    expect(await deliver(code.expiresAt - 30 * HOUR)).toEqual([]);
    expect(kinds(await deliver(code.expiresAt - 24 * HOUR))).toEqual(['swap']);
    const expired = await deliver(code.expiresAt);
    expect(expired).toEqual([
      expect.objectContaining({ kind: 'expired', title: 'Spark code for @mia.creates expired: renew or pull the ad' }),
    ]);
    expect(await deliver(code.expiresAt + DAY)).toEqual([]);
  });

  it('stays quiet for replaced and pulled codes', async () => {
    await store({ status: 'replaced', replacedBy: 'newer', expiresAt: NOW + HOUR });
    await store({ status: 'pulled', expiresAt: NOW - HOUR });
    expect(await runReminders(db, NOW)).toEqual([]);
  });

  it('follows the buyer’s own reminder times', async () => {
    await updateSettings(db, { reachOutHours: 120, swapHours: 48 });
    await store({ expiresAt: NOW + 100 * HOUR });
    await store({ expiresAt: NOW + 40 * HOUR });
    expect(kinds(await runReminders(db, NOW)).sort()).toEqual(['reachOut', 'swap']);
  });

  it('names the creator, the ad account and the expiry time in every reminder', async () => {
    await store({ handle: 'joe', adAccountId: '7012345678901234567', expiresAt: NOW - HOUR });
    const [notice] = await runReminders(db, NOW);
    expect(notice?.title).toBe('Spark code for @joe expired: renew or pull the ad');
    expect(notice?.message).toContain('7012345678901234567');
    expect(notice?.message).toContain('Tue, Mar 10 at 1:00 PM');
  });
});

describe('shownReminders over what runReminders records', () => {
  it('tells the reminders shown from the ones a sleep made obsolete', async () => {
    const slept = await store({ expiresAt: NOW + 10 * HOUR });
    const onTime = await store({ expiresAt: NOW + 50 * HOUR });
    await deliver(NOW);
    await deliver(onTime.expiresAt - 24 * HOUR);
    const reminders = async (id: string) => (await db.codes.get(id))!.reminders;
    // By the second run the first code has expired: that reminder was shown too.
    expect(shownReminders(await reminders(slept.id))).toEqual({ swap: NOW, expired: NOW + 26 * HOUR });
    expect(shownReminders(await reminders(onTime.id))).toEqual({
      reachOut: NOW,
      swap: onTime.expiresAt - 24 * HOUR,
    });
  });
});
