import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser as wxtBrowser } from 'wxt/testing/fake-browser';
import { DB_NAME, openDb } from '../../lib/db/schema';
import { DAY, HOUR, NOW, draftInput, record } from '../../lib/db/test-fixtures';
import type { CodeRecord } from '../../lib/domain/code';
import { removeAllListeners, sendMessage } from '../../lib/messaging/protocol';
import { NEXT_DUE_ALARM } from './alarms';
import background from './index';

/*
 * The worker as Chrome runs it: main() against the real database name. In tests `wxt/browser` is WXT's
 * own fake browser (imported here to fire events), while messages travel through the global fake that
 * test/unit-setup.ts installs.
 */

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  wxtBrowser.reset();
  await Dexie.delete(DB_NAME);
});
afterEach(async () => {
  removeAllListeners();
  vi.useRealTimers();
  // Also closes the worker's own connection (Dexie closes on a version change).
  await Dexie.delete(DB_NAME);
});

async function seed(...codes: Partial<CodeRecord>[]): Promise<CodeRecord[]> {
  const db = openDb();
  const rows = codes.map((over) => record(over));
  await db.codes.bulkAdd(rows);
  db.close();
  return rows;
}

const shown = async () => Object.keys(await wxtBrowser.notifications.getAll()).sort();

describe('the background worker', () => {
  it('catches up at start-up on a reminder that fell due while the machine slept, once', async () => {
    const [code] = await seed({ expiresAt: NOW + 10 * HOUR });
    background.main!();
    // Chrome fires onStartup after a restart; main() has already run its own catch-up by then.
    await wxtBrowser.runtime.onStartup.trigger();
    expect(await shown()).toEqual([`${code!.id}:swap`]);
    expect(await wxtBrowser.action.getBadgeText({})).toBe('1');
    expect((await wxtBrowser.alarms.getAll()).map((a) => a.scheduledTime)).toEqual([code!.expiresAt]);
  });

  it('shows the next reminder when the next-due alarm fires', async () => {
    const [code] = await seed({ expiresAt: NOW + 4 * DAY });
    background.main!();
    await wxtBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    expect(await shown()).toEqual([]);
    const [alarm] = await wxtBrowser.alarms.getAll();
    expect(alarm).toMatchObject({ name: NEXT_DUE_ALARM, scheduledTime: code!.expiresAt - 72 * HOUR });

    vi.setSystemTime(alarm!.scheduledTime);
    await wxtBrowser.alarms.onAlarm.trigger(alarm!);
    expect(await shown()).toEqual([`${code!.id}:reachOut`]);
    expect((await wxtBrowser.alarms.getAll()).map((a) => a.scheduledTime)).toEqual([code!.expiresAt - 24 * HOUR]);
  });

  it('answers code ledger messages and updates the badge', async () => {
    background.main!();
    const answer = await sendMessage('saveCode', draftInput({ createdAt: NOW - 28 * DAY }));
    expect(answer).toMatchObject({ ok: true });
    expect(await wxtBrowser.action.getBadgeText({})).toBe('1');
  });

  it('opens the code when its reminder is clicked', async () => {
    const [code] = await seed({ expiresAt: NOW + 10 * HOUR });
    background.main!();
    await wxtBrowser.runtime.onStartup.trigger();
    await wxtBrowser.notifications.onClicked.trigger(`${code!.id}:swap`);
    const tabs = await wxtBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(wxtBrowser.runtime.getURL(`/popup.html#code=${code!.id}`));
    expect(await shown()).toEqual([]);
  });
});
