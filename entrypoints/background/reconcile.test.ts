import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateSettings } from '../../lib/db/repo';
import type { SparkGuardDb } from '../../lib/db/schema';
import { DAY, HOUR, NOW, freshDb, record } from '../../lib/db/test-fixtures';
import type { CodeRecord } from '../../lib/domain/code';
import { consoleErrorsDuring } from '../../test/unit/console-errors';
import { applyNextDueAlarm, NEXT_DUE_ALARM } from './alarms';
import { BADGE_COLORS } from './badge';
import { digestId } from './notifications';
import { createReconciler, reconcile } from './reconcile';

let db: SparkGuardDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const deps = () => ({ db, api: fakeBrowser });

async function store(over: Partial<CodeRecord>): Promise<CodeRecord> {
  const code = record(over);
  await db.codes.add(code);
  return code;
}

/** The browser refusing to show any notification (the buyer turned them off). */
const refusingNotifications = () => ({
  ...fakeBrowser,
  notifications: {
    ...fakeBrowser.notifications,
    create: (() => Promise.reject(new Error('blocked'))) as typeof fakeBrowser.notifications.create,
  },
});

const shownIds = () => Object.keys(fakeBrowser.notifications.getAllCreateOptions()).sort();
const alarms = () => fakeBrowser.alarms.getAll();

describe('the next-due alarm', () => {
  it('is one alarm, at the earliest moment any live code changes stage', async () => {
    await store({ expiresAt: NOW + 10 * DAY });
    const sooner = await store({ expiresAt: NOW + 5 * DAY });
    await store({ status: 'pulled', expiresAt: NOW + 4 * DAY });
    await reconcile(deps(), NOW);
    const all = await alarms();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: NEXT_DUE_ALARM, scheduledTime: sooner.expiresAt - 72 * HOUR });
  });

  it('moves on to the next stage once a reminder fell due', async () => {
    const code = await store({ expiresAt: NOW + 2 * DAY });
    await reconcile(deps(), NOW);
    expect((await alarms()).map((a) => a.scheduledTime)).toEqual([code.expiresAt - 24 * HOUR]);
    await reconcile(deps(), code.expiresAt - 24 * HOUR);
    expect((await alarms()).map((a) => a.scheduledTime)).toEqual([code.expiresAt]);
  });

  it('follows the buyer’s reminder times', async () => {
    await updateSettings(db, { reachOutHours: 120, swapHours: 48 });
    const code = await store({ expiresAt: NOW + 10 * DAY });
    await reconcile(deps(), NOW);
    expect((await alarms()).map((a) => a.scheduledTime)).toEqual([code.expiresAt - 120 * HOUR]);
  });

  it('is cleared when no code has anything left to come', async () => {
    await fakeBrowser.alarms.create(NEXT_DUE_ALARM, { when: NOW + HOUR });
    await store({ expiresAt: NOW - DAY, reminders: { reachOut: 1, swap: 2, expired: 3 } });
    await store({ status: 'replaced', expiresAt: NOW + DAY });
    await reconcile(deps(), NOW);
    expect(await alarms()).toEqual([]);
  });

  it('is set again, not added to, on every run', async () => {
    await applyNextDueAlarm(fakeBrowser, NOW + HOUR);
    await applyNextDueAlarm(fakeBrowser, NOW + 2 * HOUR);
    await applyNextDueAlarm(fakeBrowser, NOW + 2 * HOUR);
    expect((await alarms()).map((a) => [a.name, a.scheduledTime])).toEqual([[NEXT_DUE_ALARM, NOW + 2 * HOUR]]);
  });
});

describe('reconcile', () => {
  it('catches up after a sleep through reach out and swap: shows only the swap reminder', async () => {
    const code = await store({ handle: 'mia.creates', expiresAt: NOW + 10 * HOUR });
    const outcome = await reconcile(deps(), NOW);
    expect(outcome.shown.map((n) => n.kind)).toEqual(['swap']);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({
      [`${code.id}:swap`]: expect.objectContaining({
        type: 'basic',
        title: 'No new code from @mia.creates: swap now or pull the ad',
        message: expect.stringContaining('@mia.creates'),
        iconUrl: expect.stringMatching(/\.png$/),
      }),
    });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect((await alarms()).map((a) => a.scheduledTime)).toEqual([code.expiresAt]);
  });

  it('changes nothing when run again', async () => {
    await store({ expiresAt: NOW + 10 * HOUR });
    await store({ expiresAt: NOW + 50 * HOUR });
    const first = await reconcile(deps(), NOW);
    const notificationsAfterFirst = fakeBrowser.notifications.getAllCreateOptions();
    const alarmsAfterFirst = await alarms();
    const second = await reconcile(deps(), NOW + 1000);
    expect(second.shown).toEqual([]);
    expect(second.badge).toEqual(first.badge);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual(notificationsAfterFirst);
    expect(await alarms()).toEqual(alarmsAfterFirst);
  });

  it('shows up to three reminders due at once one by one, and more as one digest, each code once', async () => {
    const three = await Promise.all(['a.one', 'b.two', 'c.three'].map((handle) => store({ handle, expiresAt: NOW - DAY })));
    await reconcile(deps(), NOW);
    expect(shownIds()).toEqual(three.map((c) => `${c.id}:expired`).sort());

    fakeBrowser.reset();
    await db.codes.clear();
    const five = await Promise.all(
      ['a.one', 'b.two', 'c.three', 'd.four'].map((handle) => store({ handle, expiresAt: NOW - DAY })).concat(store({ handle: 'e.five', expiresAt: NOW + 10 * HOUR })),
    );
    const outcome = await reconcile(deps(), NOW);
    expect(outcome.shown).toHaveLength(5);
    expect(shownIds()).toEqual([digestId(outcome.shown.map((n) => n.codeId))]);
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions())[0]).toMatchObject({
      title: '5 Spark codes need you',
      message: expect.stringContaining('No new code, swap now or pull the ad: @e.five.'),
    });
    for (const code of five) expect(Object.keys((await db.codes.get(code.id))!.shown)).toHaveLength(1);
    // Nothing new to say on the next run.
    expect((await reconcile(deps(), NOW + HOUR)).shown).toEqual([]);
    expect(shownIds()).toHaveLength(1);
  });

  it('shows a refused digest on a later run, once the system lets it', async () => {
    for (const handle of ['a.one', 'b.two', 'c.three', 'd.four']) await store({ handle, expiresAt: NOW - DAY });
    await consoleErrorsDuring(() => reconcile({ db, api: refusingNotifications() }, NOW));
    expect(shownIds()).toEqual([]);
    expect((await reconcile(deps(), NOW + HOUR)).shown).toHaveLength(4);
    expect(shownIds()).toEqual([expect.stringMatching(/^digest:/)]);
  });

  it('shows each reminder once when runs are requested at the same time', async () => {
    await store({ expiresAt: NOW + 10 * HOUR });
    const run = createReconciler(deps(), () => NOW);
    const outcomes = await Promise.all([run(), run(), run()]);
    expect(outcomes.flatMap((o) => o?.shown ?? []).map((n) => n.kind)).toEqual(['swap']);
  });

  it('counts codes needing action on the badge, coloured by the worst', async () => {
    await store({ expiresAt: NOW + 50 * HOUR }); // reach out
    await store({ expiresAt: NOW + 10 * HOUR }); // swap
    await store({ expiresAt: NOW + 10 * DAY }); // fine
    await store({ status: 'pulled', expiresAt: NOW - HOUR });
    await reconcile(deps(), NOW);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc5, 0x22, 0x1f, 255]);

    await store({ expiresAt: NOW - HOUR }); // expired
    const outcome = await reconcile(deps(), NOW);
    expect(outcome.badge).toMatchObject({ text: '3', color: BADGE_COLORS.expired });
  });

  it('empties the badge once nothing needs action', async () => {
    const code = await store({ expiresAt: NOW + 10 * HOUR });
    await reconcile(deps(), NOW);
    await db.codes.update(code.id, { status: 'pulled' });
    await reconcile(deps(), NOW);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('replaces the reach-out reminder by the swap reminder when swap time comes', async () => {
    const code = await store({ expiresAt: NOW + 50 * HOUR });
    await reconcile(deps(), NOW);
    expect(shownIds()).toEqual([`${code.id}:reachOut`]);
    await reconcile(deps(), code.expiresAt - 24 * HOUR);
    expect(shownIds()).toEqual([`${code.id}:swap`]);
  });

  it('takes down reminders of a code that was renewed, pulled or deleted', async () => {
    const renewed = await store({ expiresAt: NOW + 10 * HOUR });
    const deleted = await store({ expiresAt: NOW + 11 * HOUR });
    const kept = await store({ expiresAt: NOW + 12 * HOUR });
    await reconcile(deps(), NOW);
    expect(shownIds()).toHaveLength(3);
    await db.codes.update(renewed.id, { status: 'replaced', replacedBy: 'x' });
    await db.codes.delete(deleted.id);
    await reconcile(deps(), NOW);
    expect(shownIds()).toEqual([`${kept.id}:swap`]);
  });

  it('keeps the badge and alarm right when the system refuses to show a reminder', async () => {
    const code = await store({ expiresAt: NOW + 10 * HOUR });
    const errors = await consoleErrorsDuring(async () => {
      const outcome = await reconcile({ db, api: refusingNotifications() }, NOW);
      expect(outcome.badge.text).toBe('1');
    });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect((await alarms()).map((a) => a.scheduledTime)).toEqual([code.expiresAt]);
    expect(errors).toHaveLength(1);
  });

  it('shows a refused reminder once the system lets it, and then never again', async () => {
    const code = await store({ expiresAt: NOW + 10 * HOUR });
    await consoleErrorsDuring(async () => {
      expect((await reconcile({ db, api: refusingNotifications() }, NOW)).shown).toHaveLength(1);
    });
    expect(shownIds()).toEqual([]);
    // Notifications allowed again: the next run (a write, the alarm, a start-up) shows it.
    await reconcile(deps(), NOW + HOUR);
    expect(shownIds()).toEqual([`${code.id}:swap`]);
    expect((await db.codes.get(code.id))?.shown).toEqual({ swap: NOW + HOUR });
    expect((await reconcile(deps(), NOW + 2 * HOUR)).shown).toEqual([]);
  });

  it('logs a failed run, answers null instead of throwing, and keeps serving later runs', async () => {
    await store({ expiresAt: NOW + 10 * HOUR });
    const run = createReconciler(deps(), () => NOW);
    db.close({ disableAutoOpen: true });
    const errors = await consoleErrorsDuring(async () => expect(await run()).toBeNull());
    expect(errors).toHaveLength(1);
    await db.open();
    expect(await run()).toMatchObject({ badge: { text: '1' } });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });
});
