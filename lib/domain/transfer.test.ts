import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, DAY, HOUR, NOW, record } from '../db/test-fixtures';
import { DEFAULT_REMINDER_SETTINGS } from './expiry';
import type { ImportOutcome } from './import-row';
import { BACKUP_FORMAT, CSV_COLUMNS, backupText, csvText, describeImport, readImportFile, type ReadFile } from './transfer';

function rowsOf(read: ReadFile) {
  if (!read.ok) throw new Error(read.message);
  return read;
}

function refusal(read: ReadFile): string {
  if (read.ok) throw new Error('the file was read');
  return read.message;
}

/** The CSV as a spreadsheet sees it: header row, then one array per row. */
function cells(csv: string): string[][] {
  return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

const HEADER = CSV_COLUMNS.join(',');

describe('backupText', () => {
  it('holds every record as stored, history included, with the format and its version', () => {
    const live = record({ createdAt: NOW - 2 * DAY });
    const replaced = record({ status: 'replaced', replacedBy: live.id, createdAt: NOW - 40 * DAY, reminders: { reachOut: NOW - 12 * DAY } });
    const pulled = record({ status: 'pulled', createdAt: NOW - 5 * DAY });
    const backup = JSON.parse(backupText([live, pulled, replaced], NOW));
    expect(backup).toEqual({
      format: BACKUP_FORMAT,
      version: 2,
      exportedAt: '2026-03-10T18:00:00.000Z',
      // Oldest first, so a renewed code comes before its renewal.
      codes: [replaced, pulled, live],
    });
  });
});

describe('csvText', () => {
  it('writes one row per code with the columns a buyer reads: times in UTC and local, stage and notes', () => {
    const code = record({
      handle: 'mia.creates',
      code: '#AbCdEfGhIjKlMnOpQrStUvWx=',
      createdAt: NOW - 28 * DAY,
      expiresAt: NOW + 2 * DAY,
      notes: 'Fee paid, 2 posts',
    });
    const [header, row, ...rest] = cells(csvText([code], NOW, DEFAULT_REMINDER_SETTINGS));
    expect(rest).toEqual([]);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(row).toEqual([
      'mia.creates',
      'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
      '7301234567890123456',
      ACCOUNT,
      '#AbCdEfGhIjKlMnOpQrStUvWx=',
      '30 days',
      '2026-02-10T18:00:00.000Z',
      // New York: standard time in February (UTC-5), daylight time from 8 March (UTC-4).
      '2026-02-10 13:00',
      '2026-03-12T18:00:00.000Z',
      '2026-03-12 14:00',
      'Reach out',
      'Fee paid, 2 posts',
    ]);
  });

  it('names the stage by the buyer’s own reminder times', () => {
    const code = record({ expiresAt: NOW + 60 * HOUR });
    const stage = (reachOutHours: number) => cells(csvText([code], NOW, { reachOutHours, swapHours: 24 }))[1]![10];
    expect(stage(72)).toBe('Reach out');
    expect(stage(48)).toBe('Active');
    expect(cells(csvText([record({ status: 'pulled' })], NOW, DEFAULT_REMINDER_SETTINGS))[1]![10]).toBe('Pulled');
  });

  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', () => {
    const code = record({ code: '-AbCdEfGhIjKlMnOp+/==', notes: '=HYPERLINK("x")\nsecond line, "quoted"' });
    const csv = csvText([code], NOW, DEFAULT_REMINDER_SETTINGS);
    expect(csv.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const row = cells(csv)[1]!;
    expect(row[4]).toBe("'-AbCdEfGhIjKlMnOp+/==");
    expect(row[11]).toBe('\'=HYPERLINK("x")\nsecond line, "quoted"');
  });
});

describe('readImportFile: CSV', () => {
  it('reads its own CSV back, undoing the formula guard', () => {
    const code = record({ code: '-AbCdEfGhIjKlMnOp+/==', notes: '=1+2, "x"\nnext' , status: 'pulled' });
    const read = rowsOf(readImportFile('codes.csv', csvText([code], NOW, DEFAULT_REMINDER_SETTINGS)));
    expect(read.kind).toBe('csv');
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      {
        row: 2,
        handle: code.handle,
        postUrl: code.postUrl,
        code: '-AbCdEfGhIjKlMnOp+/==',
        adAccount: ACCOUNT,
        validity: '30',
        customEndsAt: null,
        createdAt: code.createdAt,
        expiresAt: code.expiresAt,
        notes: '=1+2, "x"\nnext',
        status: 'pulled',
        id: null,
        renews: null,
        replacedBy: null,
        savedAt: null,
        updatedAt: null,
        reminders: {},
        shown: null,
      },
    ]);
  });

  it('reads a spreadsheet’s own CSV: semicolons, the popup’s labels, local times, blank lines, a 180-day code', () => {
    const csv = [
      'Creator handle;TikTok post URL;Authorization code;Ad account ID;Valid for;Code created;Expires;Notes',
      '',
      '@mia.creates;https://www.tiktok.com/@mia.creates/video/7301234567890123456;482913;7012345678901234567;180 days;2026-03-01 09:30;2026-08-28 09:30;',
    ].join('\n');
    const read = rowsOf(readImportFile('from-sheets.csv', csv));
    expect(read.problems).toEqual([]);
    expect(read.rows).toHaveLength(1);
    expect(read.rows[0]).toMatchObject({
      // Spreadsheet row numbers: the header is row 1, the blank line row 2.
      row: 3,
      handle: '@mia.creates',
      code: '482913',
      validity: 'custom',
      createdAt: new Date(2026, 2, 1, 9, 30).getTime(),
      customEndsAt: new Date(2026, 7, 28, 9, 30).getTime(),
      status: 'live',
    });
  });

  it('numbers rows as a spreadsheet does, even when a note spans lines', () => {
    const code = (n: number, notes = '') => record({ code: `#C0de${n}AbCdEfGhIjKl`, notes });
    const csv = csvText([code(1, 'two\nlines'), code(2)], NOW, DEFAULT_REMINDER_SETTINGS);
    expect(rowsOf(readImportFile('x.csv', csv)).rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('reports a row it cannot read, by number, and reads the others', () => {
    const good = csvText([record()], NOW, DEFAULT_REMINDER_SETTINGS).trimEnd();
    const lines = [
      good,
      'leo,https://www.tiktok.com/@leo/video/7301234567890000001,,7.01235E+18,#AbCdEfGhIjKlMnOpQrStUvWx=,30 days,2026-03-01T10:00:00Z,,,,,',
      'ana,https://www.tiktok.com/@ana/video/7301234567890000002,,7012345678901234567,#ZzCdEfGhIjKlMnOpQrStUvWx=,30 days,3/1/2026,,,,,',
      'sam,https://www.tiktok.com/@sam/video/7301234567890000003,,7012345678901234567,#YyCdEfGhIjKlMnOpQrStUvWx=,custom,2026-03-01T10:00:00Z,,,,,',
    ].join('\r\n');
    const read = rowsOf(readImportFile('x.csv', lines));
    expect(read.rows.map((r) => r.row)).toEqual([2]);
    expect(read.problems).toEqual([
      { row: 3, handle: 'leo', message: expect.stringMatching(/^The ad account ID reads 7\.01235E\+18: a spreadsheet turned it into a rounded number/) },
      { row: 4, handle: 'ana', message: '“Created” must be a date like 2026-03-10T18:00:00Z (year-month-day, then the time), not “3/1/2026”.' },
      { row: 5, handle: 'sam', message: 'A code with a custom end date needs its “Expires” date.' },
    ]);
  });

  it('refuses a CSV without the columns it needs, naming them', () => {
    const message = refusal(readImportFile('contacts.csv', 'Name,Email\nMia,mia@example.org\n'));
    expect(message).toMatch(/^“contacts\.csv” is not a CSV of codes Spark Guard can read: it has no “Creator”, “Post URL”, “Code”, “Ad account”, “Created” and “Valid for” columns\./);
    expect(message).toMatch(/Nothing was changed\.$/);
  });

  it('refuses a CSV with column names but no codes', () => {
    expect(refusal(readImportFile('x.csv', `${HEADER}\r\n\r\n`))).toBe('“x.csv” has column names but no codes. Nothing was changed.');
  });

  it('refuses a CSV whose quoted cell never ends', () => {
    const csv = `${HEADER}\r\nmia,"https://www.tiktok.com/@mia/video/7301234567890123456,,1,2,3\r\n`;
    expect(refusal(readImportFile('x.csv', csv))).toMatch(/^“x\.csv” is damaged: a quoted cell near row 2 never ends/);
  });
});

describe('readImportFile: backup', () => {
  it('reads every record of a backup with its ids, links and reminders', () => {
    const live = record({ renews: 'old-1' });
    const custom = record({ validity: { kind: 'custom', endsAt: NOW + 100 * DAY }, expiresAt: NOW + 100 * DAY, status: 'replaced' });
    const read = rowsOf(readImportFile('spark-guard-backup.json', backupText([live, custom], NOW)));
    expect(read.kind).toBe('backup');
    expect(read.rows.find((r) => r.id === live.id)).toMatchObject({ renews: 'old-1', validity: '30', expiresAt: live.expiresAt });
    expect(read.rows.find((r) => r.id === custom.id)).toMatchObject({ validity: 'custom', customEndsAt: NOW + 100 * DAY, status: 'replaced' });
  });

  it('leaves out a damaged entry, saying which, and reads the rest', () => {
    const backup = JSON.parse(backupText([record(), record()], NOW));
    delete backup.codes[1].createdAt;
    const read = rowsOf(readImportFile('b.json', JSON.stringify(backup)));
    expect(read.rows.map((r) => r.row)).toEqual([1]);
    expect(read.problems).toEqual([{ row: 2, handle: 'mia.creates', message: 'This entry is damaged (its “Created” is missing or wrong), so it was left out.' }]);
  });

  it('leaves out an entry whose note is longer than Spark Guard keeps, naming the entry and its creator, and reads the rest', () => {
    const backup = JSON.parse(backupText([record({ handle: 'leo.cooks', createdAt: NOW - 3 * DAY }), record({ handle: 'ana.runs', createdAt: NOW - 2 * DAY }), record({ createdAt: NOW - DAY })], NOW));
    backup.codes[1].notes = 'n'.repeat(12_000);
    const read = rowsOf(readImportFile('b.json', JSON.stringify(backup)));
    expect(read.rows.map((r) => r.row)).toEqual([1, 3]);
    const report = describeImport('backup', read.problems, { ok: true, imported: 2, renewed: 0, already: [], skipped: [], asHistory: [] });
    expect(report.skipped).toEqual([
      'Entry 2 (@ana.runs): Its “Notes” is longer than the 10,000 characters Spark Guard keeps, so it was left out. Shorten it in the file and import the file again.',
    ]);
  });

  it('refuses JSON that is damaged, not a backup, from a newer version, or empty', () => {
    const full = backupText([record()], NOW);
    expect(refusal(readImportFile('b.json', full.slice(0, 200)))).toBe(
      '“b.json” is damaged: it is not complete JSON, so it cannot be a whole backup. Nothing was changed.',
    );
    expect(refusal(readImportFile('b.json', '{"codes": []}'))).toMatch(/^“b\.json” is not a Spark Guard backup\./);
    expect(refusal(readImportFile('b.json', '[1, 2]'))).toMatch(/is not a Spark Guard backup/);
    expect(refusal(readImportFile('b.json', full.replace('"version": 2', '"version": 3')))).toMatch(
      /was made by a newer Spark Guard \(backup format 3\)\. Update Spark Guard, then import it again\. Nothing was changed\.$/,
    );
    expect(refusal(readImportFile('b.json', backupText([], NOW)))).toBe('“b.json” holds no codes. Nothing was changed.');
    // Creators and posts saved before any code still make a backup worth restoring.
    expect(readImportFile('b.json', backupText([], NOW, { creators: [{ handle: 'mia.creates' }] }))).toEqual({ ok: true, kind: 'backup', rows: [], problems: [] });
    expect(refusal(readImportFile('b.json', backupText([], NOW, { creators: [] })))).toBe('“b.json” holds no codes. Nothing was changed.');
  });
});

describe('readImportFile: neither', () => {
  it('refuses an empty file and a file that is not text', () => {
    expect(refusal(readImportFile('empty.csv', ' \n'))).toBe('“empty.csv” is empty. Nothing was changed.');
    expect(refusal(readImportFile('photo.png', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'))).toMatch(/^“photo\.png” is not a text file\./);
    // A note may hold any character: the file is still Spark Guard's own text.
    const odd = record({ notes: 'a\u0000b \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD' });
    const back = readImportFile('codes.csv', csvText([odd], NOW, DEFAULT_REMINDER_SETTINGS));
    expect(back.ok && back.rows.map((r) => r.notes)).toEqual([odd.notes]);
    expect(readImportFile('b.json', backupText([odd], NOW)).ok).toBe(true);
  });
});

describe('describeImport', () => {
  const outcome = (over: Partial<ImportOutcome> = {}): ImportOutcome => ({
    ok: true,
    imported: 0,
    renewed: 0,
    already: [],
    skipped: [],
    asHistory: [],
    ...over,
  });

  it('says how many were imported and lists skipped rows in row order, the page’s and the background’s together', () => {
    const report = describeImport('csv', [{ row: 9, message: 'The “Created” date is empty: enter when the creator made the code.' }], outcome({
      imported: 12,
      skipped: [{ row: 4, message: 'That number has 7 digits, not 6.' }],
    }));
    expect(report).toEqual({
      tone: 'info',
      headline: 'Imported 12 codes. 2 rows skipped:',
      skipped: ['Row 4: That number has 7 digits, not 6.', 'Row 9: The “Created” date is empty: enter when the creator made the code.'],
      historyHeadline: null,
      history: [],
    });
  });

  it('treats a second import of the same backup as nothing new, not as an error', () => {
    const already = [1, 2, 3].map((row) => ({ row, message: 'already' }));
    expect(describeImport('backup', [], outcome({ already }))).toMatchObject({
      tone: 'info',
      headline: 'Nothing new to import. All 3 codes in this file are already in your ledger.',
      skipped: [],
    });
  });

  it('does not raise an alert for a file imported before that still has its bad row', () => {
    const report = describeImport('csv', [], outcome({ already: [{ row: 2, message: '' }], skipped: [{ row: 3, message: 'Bad.' }] }));
    expect(report).toMatchObject({
      tone: 'info',
      headline: 'Nothing was imported. 1 code was already in your ledger and stayed as it was. 1 row skipped:',
      skipped: ['Row 3: Bad.'],
    });
  });

  it('says when nothing could be imported, entry by entry for a backup', () => {
    expect(describeImport('backup', [{ row: 2, message: 'This entry is damaged.' }], null)).toMatchObject({
      tone: 'error',
      headline: 'Nothing was imported. 1 entry skipped:',
      skipped: ['Entry 2: This entry is damaged.'],
    });
  });

  it('mentions renewed codes, codes already there and codes kept as history', () => {
    const report = describeImport('csv', [], outcome({ imported: 2, renewed: 1, already: [{ row: 5, message: '' }], asHistory: [{ row: 3, handle: 'leo' }] }));
    expect(report.headline).toBe(
      'Imported 2 codes. 1 code was already in your ledger and stayed as it was. 1 code in your ledger was renewed by a newer imported code.',
    );
    expect(report.historyHeadline).toMatch(/^1 imported code was kept as history/);
    expect(report.history).toEqual(['Row 3: @leo']);
  });
});
