import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIELD_LIMITS, type CodeDraftInput, type CodeRecord } from '../domain/code';
import { SPARK_ADS_START } from '../domain/code-dates';
import { DEFAULT_REMINDER_SETTINGS } from '../domain/expiry';
import { backupText, csvText, describeImport, readImportFile } from '../domain/transfer';
import { importCodesSchema } from '../messaging/schemas';
import { markAllShown, passOverLedger } from './reminders';
import { saveCode, setCodeStatus } from './repo';
import type { SparkGuardDb } from './schema';
import { DAY, NOW, freshDb } from './test-fixtures';
import { importCodes } from './transfer';

/**
 * Property tests of the ledger's ways out and back in, on generated ledgers: whatever the popup can
 * store survives a backup into an empty ledger and a CSV into an empty ledger unchanged, and whatever
 * a buyer types or a file holds ends as a stored code or a message, never an exception or a half
 * import. All through the real form rules, file readers and database writes (fake IndexedDB).
 */

let db: SparkGuardDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const byId = (codes: CodeRecord[]) => [...codes].sort((a, b) => (a.id < b.id ? -1 : 1));

// ---- what a buyer can type ----

const handleArb = fc.stringMatching(/^[a-z0-9_.]{1,24}$/);
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`));
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-';
const codeArb = fc.oneof(
  fc.stringMatching(/^[0-9]{6}$/),
  fc
    .tuple(
      fc.boolean(),
      fc.string({ unit: fc.constantFrom(...BASE64), minLength: 11, maxLength: 60 }),
      fc.integer({ min: 0, max: 2 }),
    )
    .map(([hash, body, pad]) => `${hash ? '#' : ''}${body}${'='.repeat(pad)}`),
  // Now and then a code as long as the form allows.
  fc.string({ unit: fc.constantFrom(...BASE64), minLength: FIELD_LIMITS.code - 1, maxLength: FIELD_LIMITS.code - 1 }).map((b) => `#${b}`),
);
/** Text a note may hold: any characters, quotes, separators, formulas, line breaks. */
const TRICKY = ['=SUM(A1:A3)', '+1 555', '-5%', '@mia', "'=already quoted", '"a, b"; c\td', 'line one\nline two\r\nthree\rfour', 'ünïcødé 🎬👍🏽 中文', '\u200b'];
const notesArb = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 8 }).map((parts) => parts.join(' ')),
  // As long as the form allows: the case that used to make a backup unrestorable.
  fc.string({ unit: fc.constantFrom('a', 'é', '"', ',', '\n', ' ', '='), minLength: FIELD_LIMITS.notes, maxLength: FIELD_LIMITS.notes }),
);

const draftArb: fc.Arbitrary<CodeDraftInput> = fc
  .record({
    handle: handleArb,
    at: fc.boolean(),
    post: fc.oneof(digits(15, 22).map((id) => ({ kind: 'full' as const, id })), fc.stringMatching(/^[A-Za-z0-9]{5,12}$/).map((id) => ({ kind: 'short' as const, id }))),
    code: codeArb,
    adAccount: digits(6, 25),
    createdAt: fc.integer({ min: SPARK_ADS_START, max: NOW }),
    validity: fc.constantFrom('7', '30', '60', '365', 'custom'),
    customDays: fc.integer({ min: 1, max: 365 * DAY }),
    notes: notesArb,
  })
  .map((d) => ({
    handle: d.at ? `@${d.handle}` : d.handle,
    postUrl: d.post.kind === 'full' ? `https://www.tiktok.com/@${d.handle}/video/${d.post.id}` : `https://vm.tiktok.com/${d.post.id}/`,
    code: d.code,
    adAccount: d.adAccount,
    validity: d.validity,
    customEndsAt: d.validity === 'custom' ? d.createdAt + d.customDays : null,
    createdAt: d.createdAt,
    notes: d.notes,
    renews: null,
  }));

/** What the popup does to a ledger: save codes (a second one for the same post renews it), pull some. */
const ledgerArb = fc.array(fc.record({ draft: draftArb, samePostAs: fc.option(fc.nat(), { nil: null }), pull: fc.boolean() }), {
  minLength: 1,
  maxLength: 6,
});

type Steps = typeof ledgerArb extends fc.Arbitrary<infer T> ? T : never;

async function storeLedger(steps: Steps): Promise<CodeRecord[]> {
  const saved: CodeDraftInput[] = [];
  for (const step of steps) {
    // Now and then a new code for a post already saved: a renewal, which leaves the old one replaced.
    const earlier = step.samePostAs === null || saved.length === 0 ? null : saved[step.samePostAs % saved.length]!;
    const draft = earlier ? { ...step.draft, handle: earlier.handle, postUrl: earlier.postUrl, adAccount: earlier.adAccount } : step.draft;
    const result = await saveCode(db, draft, NOW);
    if (!result.ok) continue; // a code drawn twice for another post: refused, as in the popup
    saved.push(draft);
    if (step.pull) await setCodeStatus(db, { id: result.id, status: 'pulled' }, NOW);
  }
  // Reminders decided and shown, as the background does after each save.
  const { notices } = await passOverLedger(db, NOW);
  await markAllShown(db, notices, NOW);
  return byId(await db.codes.toArray());
}

function readOk(name: string, text: string) {
  const read = readImportFile(name, text);
  if (!read.ok) throw new Error(read.message);
  return read;
}

describe('round trips of any ledger the popup can store', () => {
  it('backup → empty ledger → restore gives back every record unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (steps) => {
        await db.codes.clear();
        const before = await storeLedger(steps);
        const text = backupText(before, NOW);
        await db.codes.clear();
        const read = readOk('spark-guard-backup.json', text);
        expect(read.problems).toEqual([]);
        expect(importCodesSchema.safeParse({ rows: read.rows }).success).toBe(true);
        // Restored at the moment of the backup: a later restore also records the reminders that came due since.
        const outcome = await importCodes(db, read.rows, NOW);
        expect(outcome).toMatchObject({ imported: before.length, skipped: [], already: [], asHistory: [] });
        expect(byId(await db.codes.toArray())).toEqual(before);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('CSV → empty ledger → import gives back every code with the same creator, post, account, code, dates, notes and status', async () => {
    const visible = (c: CodeRecord) => [c.handle, c.postUrl, c.postId, c.code, c.adAccountId, c.validity, c.createdAt, c.expiresAt, c.notes, c.status];
    const key = (c: CodeRecord) => `${c.code} ${c.adAccountId} ${c.createdAt}`;
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (steps) => {
        await db.codes.clear();
        const before = await storeLedger(steps);
        const text = csvText(before, NOW, DEFAULT_REMINDER_SETTINGS);
        await db.codes.clear();
        const read = readOk('spark-guard-codes.csv', text);
        expect(read.problems).toEqual([]);
        const outcome = await importCodes(db, read.rows, NOW + 7 * DAY);
        expect(outcome).toMatchObject({ imported: before.length, skipped: [] });
        const after = await db.codes.toArray();
        const sort = (cs: CodeRecord[]) => [...cs].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map(visible);
        expect(sort(after)).toEqual(sort(before));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

// ---- whatever comes in ----

/**
 * A message in the buyer's words: a sentence, with no programmer's words in it. What the buyer typed
 * may be quoted back (`echoes`), whatever it holds.
 */
function expectBuyerWords(message: string, echoes: readonly string[] = []) {
  expect(message.length).toBeGreaterThan(10);
  const own = echoes
    .flatMap((e) => [e, e.trim()])
    .filter((e) => e.length > 0)
    .sort((a, b) => b.length - a.length)
    .reduce((m, e) => m.split(e).join('…'), message);
  expect(own).not.toMatch(/request \(|Zod|undefined|NaN|\[object|Invalid Date|Error:|too_big|invalid_type/);
}

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...TRICKY), fc.string({ maxLength: FIELD_LIMITS.notes + 50, minLength: FIELD_LIMITS.notes - 5 }));
const anyNumber = fc.oneof(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: NOW - 400 * DAY, max: NOW + DAY }));

describe('anything typed or imported', () => {
  it('any text in any field of the form is stored as a code or refused with a message, and a refusal stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          handle: fc.oneof(anyText, handleArb),
          postUrl: fc.oneof(anyText, digits(15, 22).map((id) => `https://www.tiktok.com/@x/video/${id}`)),
          code: fc.oneof(anyText, codeArb),
          adAccount: fc.oneof(anyText, digits(6, 25)),
          validity: fc.oneof(anyText, fc.constantFrom('7', '30', '60', '365', 'custom')),
          customEndsAt: fc.option(anyNumber, { nil: null }),
          createdAt: anyNumber,
          notes: anyText,
          renews: fc.constant(null),
        }),
        async (input) => {
          const before = await db.codes.toArray();
          const result = await saveCode(db, input, NOW);
          const after = await db.codes.toArray();
          if (result.ok) {
            expect(after).toHaveLength(before.length + 1);
            expect(after.find((c) => c.id === result.id)).toBeDefined();
          } else {
            expectBuyerWords(result.message, [input.handle, input.postUrl, input.code, input.adAccount, input.validity, input.notes]);
            expect(after).toEqual(before);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('any cells in a CSV give, row by row, a stored code or a message naming the row, never an exception or a partial import', async () => {
    const header = ['Creator', 'Post URL', 'Ad account', 'Code', 'Valid for', 'Created', 'Expires', 'Stage', 'Notes'];
    const cell = fc.oneof(anyText, handleArb, codeArb, digits(6, 25), fc.constantFrom('30 days', 'custom', 'Pulled', '2026-03-01T10:00:00Z', '9999-01-01', '1970-01-01T00:00:00Z'));
    const rowArb = fc.tuple(
      fc.oneof(cell, handleArb),
      fc.oneof(cell, digits(15, 22).map((id) => `https://www.tiktok.com/@x/video/${id}`)),
      fc.oneof(cell, digits(6, 25)),
      fc.oneof(cell, codeArb),
      cell,
      fc.oneof(cell, fc.integer({ min: NOW - 400 * DAY, max: NOW + 3 * DAY }).map((t) => new Date(t).toISOString())),
      cell,
      cell,
      cell,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 6 }), async (rows) => {
        await db.codes.clear();
        const text = Papa.unparse({ fields: header, data: rows });
        const read = readImportFile('codes.csv', text);
        const cells = rows.flat();
        if (!read.ok) return expectBuyerWords(read.message, cells);
        // What the page read always goes through as one message: no row refuses the whole file.
        if (read.rows.length) expect(importCodesSchema.safeParse({ rows: read.rows }).success).toBe(true);
        const outcome = await importCodes(db, read.rows, NOW);
        // Every row is accounted for exactly once, and only the imported ones are stored.
        const told = read.problems.length + outcome.skipped.length + outcome.already.length + outcome.imported;
        expect(told).toBe(read.rows.length + read.problems.length);
        expect(await db.codes.count()).toBe(outcome.imported);
        const report = describeImport('csv', read.problems, outcome);
        for (const line of report.skipped) {
          expect(line).toMatch(/^Row \d+(: | \(@)/);
          expectBuyerWords(line, cells);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('any damage to a backup entry leaves that entry out with its number, and restores the others', async () => {
    const damage = fc.record({
      field: fc.constantFrom('handle', 'postUrl', 'code', 'adAccountId', 'createdAt', 'expiresAt', 'notes', 'status', 'validity', 'id', 'reminders', 'shown'),
      value: fc.oneof(anyText, anyNumber, fc.constant(null), fc.constant(-1e15), fc.constant(Date.UTC(9999, 0, 1)), fc.anything({ maxDepth: 1 })),
    });
    await fc.assert(
      fc.asyncProperty(ledgerArb, damage, fc.nat(), async (steps, hurt, which) => {
        await db.codes.clear();
        const before = await storeLedger(steps);
        const backup = JSON.parse(backupText(before, NOW));
        const at = which % backup.codes.length;
        const others = (backup.codes as CodeRecord[]).filter((_, i) => i !== at).map((c) => c.code);
        backup.codes[at][hurt.field] = hurt.value;
        await db.codes.clear();
        const read = readImportFile('backup.json', JSON.stringify(backup));
        if (!read.ok) throw new Error(read.message);
        if (read.rows.length) expect(importCodesSchema.safeParse({ rows: read.rows }).success).toBe(true);
        const outcome = await importCodes(db, read.rows, NOW);
        const stored = await db.codes.toArray();
        expect(stored).toHaveLength(outcome.imported);
        // Every other entry is back, whatever happened to this one.
        for (const code of others) expect(stored.map((c) => c.code)).toContain(code);
        const report = describeImport('backup', read.problems, outcome);
        for (const line of report.skipped) {
          expect(line).toMatch(new RegExp(`^Entry ${at + 1}(: | \\(@)`));
          expectBuyerWords(line, typeof hurt.value === 'string' ? [hurt.value] : []);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
