import { describe, expect, it } from 'vitest';
import { ACCOUNT, CODE, DAY, NOW, OTHER_ACCOUNT, POST_URL, record } from '../db/test-fixtures';
import type { CodeRecord } from './code';
import { planImport } from './import';
import type { ImportRow } from './import-row';

/** A file row (number `n`): a 30-day code made a day before NOW, unless `over` says otherwise. */
function row(n: number, over: Partial<ImportRow> = {}): ImportRow {
  return {
    row: n,
    handle: 'mia.creates',
    postUrl: POST_URL,
    code: CODE,
    adAccount: ACCOUNT,
    validity: '30',
    customEndsAt: null,
    createdAt: NOW - DAY,
    expiresAt: null,
    notes: '',
    status: 'live',
    id: null,
    renews: null,
    replacedBy: null,
    savedAt: null,
    updatedAt: null,
    reminders: {},
    shown: null,
    ...over,
  };
}

let counter = 0;
const newId = () => `new-${++counter}`;

describe('planImport', () => {
  it('adds a valid row as a live code, checked and normalised like the form', () => {
    const plan = planImport([row(2, { handle: '@Mia.Creates', code: ` ${CODE} `, notes: ' fee paid ' })], [], NOW, newId);
    expect(plan.skipped).toEqual([]);
    expect(plan.add).toHaveLength(1);
    expect(plan.add[0]).toMatchObject({
      handle: 'mia.creates',
      code: CODE,
      postId: '7301234567890123456',
      adAccountId: ACCOUNT,
      status: 'live',
      expiresAt: NOW - DAY + 30 * DAY,
      notes: 'fee paid',
      savedAt: NOW,
      reminders: {},
    });
  });

  it('skips a row the form would refuse, with the form’s own words and the row number', () => {
    const plan = planImport([row(2), row(4, { code: '4829137', postUrl: 'https://www.tiktok.com/@mia.creates/video/7301234567890123999' })], [], NOW, newId);
    expect(plan.add).toHaveLength(1);
    expect(plan.skipped).toEqual([{ row: 4, handle: 'mia.creates', message: expect.stringMatching(/^That number has 7 digits, not 6\./) }]);
  });

  it('refuses a code already used for another ad account, and leaves the stored code alone', () => {
    const stored = record({ code: CODE });
    const plan = planImport([row(3, { adAccount: OTHER_ACCOUNT })], [stored], NOW, newId);
    expect(plan.add).toEqual([]);
    expect(plan.replace).toEqual([]);
    expect(plan.skipped).toEqual([{ row: 3, handle: 'mia.creates', message: expect.stringContaining(`already used for ad account ${ACCOUNT}`) }]);
  });

  it('refuses the same code for another post', () => {
    const stored = record({ code: CODE });
    const plan = planImport([row(2, { postUrl: 'https://www.tiktok.com/@mia.creates/video/7309999999999999999' })], [stored], NOW, newId);
    expect(plan.skipped[0]?.message).toContain('saved for another post');
  });

  it('reports a code already in the ledger as such, not as an error, and adds nothing', () => {
    const stored = record({ code: CODE, createdAt: NOW - DAY, expiresAt: NOW + 29 * DAY });
    const plan = planImport([row(2)], [stored], NOW, newId);
    expect(plan.add).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.already).toEqual([{ row: 2, message: `@mia.creates’s code for ad account ${ACCOUNT} is already in your ledger.` }]);
  });

  it('still knows a stored code when a spreadsheet turned its UTC times into local ones', () => {
    const stored = record({ code: CODE, createdAt: NOW - DAY, expiresAt: NOW + 29 * DAY });
    // "2026-03-09 18:00" read back as New York time: four hours later than stored.
    const plan = planImport([row(2, { createdAt: NOW - DAY + 4 * 60 * 60 * 1000 })], [stored], NOW, newId);
    expect(plan.add).toEqual([]);
    expect(plan.replace).toEqual([]);
    expect(plan.already).toHaveLength(1);
  });

  it('counts the same code twice in one file once, naming the row it repeats', () => {
    const plan = planImport([row(2), row(5, { code: CODE.replace(/^#/, '') })], [], NOW, newId);
    expect(plan.add).toHaveLength(1);
    expect(plan.already).toEqual([{ row: 5, message: 'The same code as row 2.' }]);
  });

  it('renews the stored live code for the same post and ad account with a newer imported code', () => {
    const stored = record({ expiresAt: NOW + 3 * DAY });
    const plan = planImport([row(2)], [stored], NOW, newId);
    const [added] = plan.add;
    expect(added).toMatchObject({ status: 'live', renews: stored.id });
    expect(plan.replace).toEqual([{ id: stored.id, replacedBy: added!.id }]);
    expect(plan.asHistory).toEqual([]);
    // Only a plan: the record handed in is left as it was.
    expect(stored).toMatchObject({ status: 'live', replacedBy: null });
  });

  it('keeps an imported code that ends before the stored live one as history, without touching the stored one', () => {
    const stored = record({ expiresAt: NOW + 60 * DAY });
    const plan = planImport([row(7)], [stored], NOW, newId);
    expect(plan.add[0]).toMatchObject({ status: 'replaced', replacedBy: stored.id, renews: null });
    expect(plan.replace).toEqual([]);
    expect(plan.asHistory).toEqual([{ row: 7, handle: 'mia.creates' }]);
  });

  it('leaves one live code per post and ad account whatever order the file lists them in', () => {
    const older = row(2, { code: '#0lderC0deF0rTheP0st==', createdAt: NOW - 20 * DAY });
    const newer = row(3, { code: '#NewerC0deF0rTheP0st==', createdAt: NOW - DAY });
    for (const rows of [[older, newer], [newer, older]]) {
      const plan = planImport(rows, [], NOW, newId);
      const live = plan.add.filter((c) => c.status === 'live');
      expect(live.map((c) => c.code)).toEqual(['#NewerC0deF0rTheP0st==']);
      const replaced = plan.add.find((c) => c.status === 'replaced')!;
      expect(replaced.replacedBy).toBe(live[0]!.id);
    }
  });

  it('skips a row whose stated expiry does not match its validity', () => {
    const plan = planImport([row(2, { expiresAt: NOW + 60 * DAY })], [], NOW, newId);
    expect(plan.add).toEqual([]);
    expect(plan.skipped[0]?.message).toMatch(/^It says the code expires .* but a code made .* and valid for 30 days expires .*custom\.$/);
  });

  it('keeps a backup’s ids and renewal links, and gives a taken id a new one', () => {
    const taken = record({ id: 'b-2', code: '#S0meOtherC0deEntirely=', postUrl: 'https://www.tiktok.com/@leo/video/7301234567890000001', postId: '7301234567890000001', handle: 'leo' });
    const old = row(1, { id: 'b-1', status: 'replaced', replacedBy: 'b-2', createdAt: NOW - 40 * DAY, code: '#0lderC0deF0rTheP0st==' });
    const renewal = row(2, { id: 'b-2', renews: 'b-1' });
    const plan = planImport([old, renewal], [taken], NOW, () => 'fresh');
    const [a, b] = plan.add;
    expect(a).toMatchObject({ id: 'b-1', status: 'replaced', replacedBy: 'fresh' });
    expect(b).toMatchObject({ id: 'fresh', status: 'live', renews: 'b-1' });
  });

  it('drops a backup link whose other end is not in the ledger', () => {
    const plan = planImport([row(1, { id: 'x', status: 'replaced', replacedBy: 'gone', renews: 'also-gone' })], [], NOW, newId);
    expect(plan.add[0]).toMatchObject({ id: 'x', status: 'replaced', replacedBy: null, renews: null });
  });

  it('treats a later version of the same code (an extended authorization) as its renewal', () => {
    const stored: CodeRecord = record({ code: CODE, createdAt: NOW - 25 * DAY, expiresAt: NOW + 5 * DAY });
    const plan = planImport([row(2, { createdAt: NOW - DAY })], [stored], NOW, newId);
    expect(plan.add[0]).toMatchObject({ code: CODE, status: 'live', renews: stored.id });
    expect(plan.replace).toEqual([{ id: stored.id, replacedBy: plan.add[0]!.id }]);
  });

  it('reports an older version of a stored code as already in the ledger', () => {
    const stored = record({ code: CODE, createdAt: NOW - DAY, expiresAt: NOW + 29 * DAY });
    const plan = planImport([row(2, { createdAt: NOW - 25 * DAY })], [stored], NOW, newId);
    expect(plan.add).toEqual([]);
    expect(plan.already[0]?.message).toContain('with a later end date');
  });
});
