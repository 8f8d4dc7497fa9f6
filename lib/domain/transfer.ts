import { format, isValid, parseISO } from 'date-fns';
import Papa from 'papaparse';
import { z } from 'zod';
import { VALIDITY_DAYS, codeRecordSchema, type CodeRecord, type CodeStatus } from './code';
import { stageLabel } from './advice';
import { stageOf, type ReminderSettings } from './expiry';
import { MAX_IMPORT_ROWS, creatorNamed, type ImportOutcome, type ImportRow, type RowNote } from './import-row';
import { plural } from './plural';

/**
 * The files the buyer takes the ledger out and back in with: a JSON backup of every record as
 * stored (history included), and a CSV with one row per code for spreadsheets. Reading a file only
 * turns it into rows; whether a row may join the ledger is decided by the background (planImport),
 * with the same rules as the popup's form. Pure: `now` is a parameter.
 */

export const BACKUP_FORMAT = 'spark-guard-backup';
/**
 * Raised when a stored field changes meaning or a table is added; older backups stay readable.
 * 1: codes. 2: the workflow's tables beside them (creators, posts, readings, reach-outs, settings).
 */
export const BACKUP_VERSION = 2;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** When the backup was made, ISO 8601 in UTC (for people; importing does not use it). */
  exportedAt: string;
  codes: CodeRecord[];
}

/** Oldest first, so a renewed code comes before its renewal, in files and spreadsheets alike. */
function inLedgerOrder(codes: readonly CodeRecord[]): CodeRecord[] {
  return [...codes].sort((a, b) => a.createdAt - b.createdAt || a.savedAt - b.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Every record as stored, replaced and pulled codes included, with the format's name and version.
 * `extra` adds other named tables after the codes (the workflow's, see workflow-backup.ts); readers
 * that do not know a table skip it.
 */
export function backupText(codes: readonly CodeRecord[], now: number, extra: object = {}): string {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    codes: inLedgerOrder(codes),
    ...extra,
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

export const CSV_COLUMNS = [
  'Creator',
  'Post URL',
  'Post ID',
  'Ad account',
  'Code',
  'Valid for',
  'Created',
  'Created (local time)',
  'Expires',
  'Expires (local time)',
  'Stage',
  'Notes',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

const localTime = (at: number) => format(at, 'yyyy-MM-dd HH:mm');

/**
 * Cells a spreadsheet would run as a formula. Papaparse's own pattern (`/^[=+\-@\t\r].*$/`) misses a
 * cell with a line break, as a note can have, so only the first character is looked at here.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * One row per code. Times twice: ISO 8601 in UTC (what an import reads) and local time (what a person
 * reads). The creator is written without its @, and any cell a spreadsheet would run as a formula
 * (a code or a note starting with = + - @) gets a leading apostrophe, which importing removes again.
 */
export function csvText(codes: readonly CodeRecord[], now: number, settings: ReminderSettings): string {
  const rows = inLedgerOrder(codes).map((c): Record<CsvColumn, string> => ({
    Creator: c.handle,
    'Post URL': c.postUrl,
    'Post ID': c.postId ?? '',
    'Ad account': c.adAccountId,
    Code: c.code,
    'Valid for': c.validity.kind === 'days' ? `${c.validity.days} days` : 'custom',
    Created: new Date(c.createdAt).toISOString(),
    'Created (local time)': localTime(c.createdAt),
    Expires: new Date(c.expiresAt).toISOString(),
    'Expires (local time)': localTime(c.expiresAt),
    Stage: stageLabel(stageOf(c, now, settings)),
    Notes: c.notes,
  }));
  // A byte-order mark, so spreadsheets read accents and emoji in notes as UTF-8.
  return `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows.map((r) => CSV_COLUMNS.map((k) => r[k])) }, { escapeFormulae: FORMULA_START, newline: '\r\n' })}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading a file back

export type FileKind = 'backup' | 'csv';

export type ReadFile =
  | {
      ok: true;
      kind: FileKind;
      /** Rows that can go to the background to be checked and stored. */
      rows: ImportRow[];
      /** Rows that could not even be read (a date that is not a date), in the buyer's words. */
      problems: RowNote[];
    }
  | { ok: false; message: string };

const UNCHANGED = 'Nothing was changed.';
const WHAT_WE_READ = 'Spark Guard imports the backup (.json) or the CSV of codes that it downloads on this page.';

const brokenFile = (message: string): ReadFile => ({ ok: false, message: `${message} ${UNCHANGED}` });

/**
 * Reads a backup or a CSV. A file that is neither, or holds nothing to restore (no codes, and for a
 * backup no other table either), is refused as a whole.
 */
export function readImportFile(fileName: string, text: string): ReadFile {
  const body = text.replace(/^\uFEFF/, '');
  // A picture, a spreadsheet workbook or a PDF is not text: say so rather than listing "missing columns".
  // Their signs show within the first bytes, where Spark Guard's own files hold only their header, so a
  // note holding a NUL or odd characters further on still imports.
  const head = body.slice(0, 32);
  if (/\u0000/.test(head) || (head.match(/\uFFFD/g)?.length ?? 0) > 3) {
    return brokenFile(`“${fileName}” is not a text file. ${WHAT_WE_READ}`);
  }
  if (!body.trim()) return brokenFile(`“${fileName}” is empty.`);
  const first = body.trimStart()[0];
  if (first === '{' || first === '[' || /\.json$/i.test(fileName)) return readBackup(fileName, body);
  return readCsv(fileName, body);
}

const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  codes: z.array(z.unknown()),
});

function readBackup(fileName: string, text: string): ReadFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return brokenFile(`“${fileName}” is damaged: it is not complete JSON, so it cannot be a whole backup.`);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    return brokenFile(`“${fileName}” is not a Spark Guard backup. ${WHAT_WE_READ}`);
  }
  if (envelope.data.version > BACKUP_VERSION) {
    return brokenFile(
      `“${fileName}” was made by a newer Spark Guard (backup format ${envelope.data.version}). Update Spark Guard, then import it again.`,
    );
  }
  const entries = envelope.data.codes;
  if (entries.length === 0) {
    // A backup of a workflow with no codes yet still restores its other tables (see workflow-backup.ts).
    const otherTables = Object.entries(json as object).some(([name, table]) => name !== 'codes' && Array.isArray(table) && table.length > 0);
    return otherTables ? { ok: true, kind: 'backup', rows: [], problems: [] } : brokenFile(`“${fileName}” holds no codes.`);
  }
  if (entries.length > MAX_IMPORT_ROWS) return tooMany(fileName, entries.length);
  const rows: ImportRow[] = [];
  const problems: RowNote[] = [];
  entries.forEach((entry, i) => {
    const parsed = codeRecordSchema.safeParse(entry);
    if (!parsed.success) {
      const handle = typeof entry === 'object' && entry !== null && 'handle' in entry ? creatorNamed(entry.handle) : undefined;
      problems.push({ row: i + 1, handle, message: damagedEntry(parsed.error.issues[0]) });
      return;
    }
    const c = parsed.data;
    rows.push({
      row: i + 1,
      handle: c.handle,
      postUrl: c.postUrl,
      code: c.code,
      adAccount: c.adAccountId,
      validity: c.validity.kind === 'days' ? String(c.validity.days) : 'custom',
      customEndsAt: c.validity.kind === 'custom' ? c.validity.endsAt : null,
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
      notes: c.notes,
      status: c.status,
      id: c.id,
      renews: c.renews,
      replacedBy: c.replacedBy,
      savedAt: c.savedAt,
      updatedAt: c.updatedAt,
      reminders: c.reminders,
      // Backups written before `shown` existed say nothing of it: judged from the reminders then.
      shown: typeof entry === 'object' && entry !== null && 'shown' in entry ? c.shown : null,
    });
  });
  return { ok: true, kind: 'backup', rows, problems };
}

/** A stored field's name as the buyer knows it from the popup and the CSV. */
const RECORD_FIELD_NAMES: Partial<Record<string, string>> = {
  handle: 'Creator',
  postUrl: 'Post URL',
  code: 'Code',
  adAccountId: 'Ad account',
  notes: 'Notes',
  createdAt: 'Created',
  expiresAt: 'Expires',
  validity: 'Valid for',
  status: 'Stage',
};

/** Why a backup entry cannot be read, from the first thing its schema found wrong. */
function damagedEntry(issue: z.core.$ZodIssue | undefined): string {
  const key = issue?.path[0];
  const name = typeof key === 'string' ? (RECORD_FIELD_NAMES[key] ?? key) : null;
  if (issue?.code === 'too_big' && issue.origin === 'string' && name) {
    return `Its “${name}” is longer than the ${Number(issue.maximum).toLocaleString('en-US')} characters Spark Guard keeps, so it was left out. Shorten it in the file and import the file again.`;
  }
  const where = name ? ` (its “${name}” is missing or wrong)` : '';
  return `This entry is damaged${where}, so it was left out.`;
}

function tooMany(fileName: string, count: number): ReadFile {
  return brokenFile(
    `“${fileName}” has ${count.toLocaleString('en-US')} codes, more than the ${MAX_IMPORT_ROWS.toLocaleString('en-US')} Spark Guard imports at once. Split it into smaller files.`,
  );
}

type Field = 'handle' | 'postUrl' | 'adAccount' | 'code' | 'validity' | 'createdAt' | 'expiresAt' | 'stage' | 'notes';

/** Header names a CSV may use for each field: Spark Guard's own, the popup's labels, and plain variants. */
const HEADERS: Record<Field, readonly string[]> = {
  handle: ['creator', 'creator handle', 'handle', 'tiktok handle'],
  postUrl: ['post url', 'tiktok post url', 'post link', 'post'],
  adAccount: ['ad account', 'ad account id', 'advertiser id'],
  code: ['code', 'authorization code', 'spark code'],
  validity: ['valid for', 'validity'],
  createdAt: ['created', 'code created', 'created (utc)'],
  expiresAt: ['expires', 'expires (utc)', 'end date'],
  stage: ['stage', 'status'],
  notes: ['notes', 'note'],
};
const FIELD_NAMES: Record<Field, string> = {
  handle: 'Creator',
  postUrl: 'Post URL',
  adAccount: 'Ad account',
  code: 'Code',
  validity: 'Valid for',
  createdAt: 'Created',
  expiresAt: 'Expires',
  stage: 'Stage',
  notes: 'Notes',
};
const REQUIRED: readonly Field[] = ['handle', 'postUrl', 'code', 'adAccount', 'createdAt'];

const normalHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');
/** Undoes the apostrophe written before cells a spreadsheet would run as formulas. */
const unescapeCell = (cell: string) => cell.replace(/^'(?='*[=+\-@\t\r])/, '').trim();
const listed = (names: string[]) =>
  names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;

function readCsv(fileName: string, text: string): ReadFile {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    const at = quote.row !== undefined ? ` near row ${quote.row + 1}` : '';
    return brokenFile(`“${fileName}” is damaged: a quoted cell${at} never ends, so its rows cannot be told apart.`);
  }
  const records = parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c ?? '').trim()) }));
  const filled = records.filter((r) => r.cells.some((c) => c !== ''));
  const header = filled[0];
  if (!header) return brokenFile(`“${fileName}” is empty.`);

  const index = new Map<Field, number>();
  header.cells.forEach((name, i) => {
    const normal = normalHeader(name);
    for (const [field, names] of Object.entries(HEADERS) as [Field, readonly string[]][]) {
      if (names.includes(normal) && !index.has(field)) index.set(field, i);
    }
  });
  const missing = REQUIRED.filter((f) => !index.has(f));
  if (!index.has('validity') && !index.has('expiresAt')) missing.push('validity');
  if (missing.length) {
    const names = missing.map((f) => `“${FIELD_NAMES[f]}”`);
    return brokenFile(
      `“${fileName}” is not a CSV of codes Spark Guard can read: it has no ${listed(names)} column${missing.length > 1 ? 's' : ''}. ` +
        `Its first row must name the columns, as in the CSV Spark Guard downloads (Creator, Post URL, Ad account, Code, Valid for, Created, Expires, Stage, Notes).`,
    );
  }
  const dataRows = filled.slice(1);
  if (dataRows.length === 0) return brokenFile(`“${fileName}” has column names but no codes.`);
  if (dataRows.length > MAX_IMPORT_ROWS) return tooMany(fileName, dataRows.length);

  const rows: ImportRow[] = [];
  const problems: RowNote[] = [];
  for (const { row, cells } of dataRows) {
    const cell = (field: Field) => {
      const i = index.get(field);
      return i === undefined ? '' : unescapeCell(cells[i] ?? '');
    };
    const read = readCsvRow(cell);
    if (typeof read === 'string') problems.push({ row, handle: creatorNamed(cell('handle')), message: read });
    else rows.push({ row, ...read });
  }
  return { ok: true, kind: 'csv', rows, problems };
}

/** A spreadsheet that took a long id for a number shows it like 7.01234E+18, its last digits lost. */
const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i;

function readDate(value: string): number | null {
  if (!value) return null;
  const date = parseISO(value);
  return isValid(date) ? date.getTime() : null;
}

function readStatus(stage: string): CodeStatus {
  const normal = stage.trim().toLowerCase();
  if (normal === 'replaced') return 'replaced';
  if (normal === 'pulled') return 'pulled';
  // Active, Reach out, Swap now, Expired: stages of a live code, worked out again from its expiry.
  return 'live';
}

/** "30", "30 days", "30d", "custom", "Custom end date", or empty when the file gives an expiry. */
function readValidity(value: string, expiresAt: number | null): { validity: string; customEndsAt: number | null } {
  const normal = value.trim().toLowerCase();
  const days = /^(\d+)\s*(?:d|days?)?$/.exec(normal);
  if (days) {
    const n = Number(days[1]);
    if (VALIDITY_DAYS.some((d) => d === n)) return { validity: String(n), customEndsAt: null };
    // Another period (some creators pick 180 days): the stated end date is what counts.
    if (expiresAt !== null) return { validity: 'custom', customEndsAt: expiresAt };
    return { validity: String(n), customEndsAt: null };
  }
  if (normal === '' || normal.startsWith('custom')) {
    return { validity: 'custom', customEndsAt: expiresAt };
  }
  return { validity: normal, customEndsAt: null };
}

function readCsvRow(cell: (field: Field) => string): Omit<ImportRow, 'row'> | string {
  const adAccount = cell('adAccount');
  if (SCIENTIFIC.test(adAccount)) {
    return (
      `The ad account ID reads ${adAccount}: a spreadsheet turned it into a rounded number and lost its last digits. ` +
      `Format the column as text, enter the ID again and save the CSV again.`
    );
  }
  const createdText = cell('createdAt');
  const createdAt = readDate(createdText);
  if (createdAt === null) {
    return createdText
      ? `“Created” must be a date like 2026-03-10T18:00:00Z (year-month-day, then the time), not “${createdText}”.`
      : 'The “Created” date is empty: enter when the creator made the code.';
  }
  const expiresText = cell('expiresAt');
  const expiresAt = readDate(expiresText);
  if (expiresText && expiresAt === null) {
    return `“Expires” must be a date like 2026-04-09T18:00:00Z (year-month-day, then the time), not “${expiresText}”.`;
  }
  const { validity, customEndsAt } = readValidity(cell('validity'), expiresAt);
  if (validity === 'custom' && customEndsAt === null) {
    return 'A code with a custom end date needs its “Expires” date.';
  }
  return {
    handle: cell('handle'),
    postUrl: cell('postUrl'),
    code: cell('code'),
    adAccount,
    validity,
    customEndsAt,
    createdAt,
    expiresAt,
    notes: cell('notes'),
    status: readStatus(cell('stage')),
    id: null,
    renews: null,
    replacedBy: null,
    savedAt: null,
    updatedAt: null,
    reminders: {},
    shown: null,
  };
}

// ---------------------------------------------------------------------------------------------
// What the buyer is told after an import

export interface ImportReport {
  tone: 'info' | 'error';
  /** What was imported and what was not, ending "2 rows skipped:" when `skipped` follows. */
  headline: string;
  /** One line per row that was skipped: "Row 4: That number has 7 digits, not 6. …". */
  skipped: string[];
  /** Said after the skipped rows, when rows were stored as history. */
  historyHeadline: string | null;
  history: string[];
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The summary shown after an import, from the rows the page could not read and the background's
 * answer. Rows already in the ledger are counted, not listed: re-importing a backup is not a problem.
 */
export function describeImport(kind: FileKind, problems: readonly RowNote[], outcome: ImportOutcome | null): ImportReport {
  const unit = kind === 'backup' ? 'entry' : 'row';
  const units = kind === 'backup' ? 'entries' : 'rows';
  const skipped = [...problems, ...(outcome?.skipped ?? [])].sort((a, b) => a.row - b.row);
  const imported = outcome?.imported ?? 0;
  const already = outcome?.already.length ?? 0;
  const history = outcome?.asHistory ?? [];
  const renewed = outcome?.renewed ?? 0;

  const parts: string[] = [];
  if (imported > 0) parts.push(`Imported ${plural(imported, 'code', 'codes')}.`);
  else if (already > 0 && skipped.length === 0) parts.push('Nothing new to import.');
  else parts.push('Nothing was imported.');
  if (already > 0) {
    parts.push(
      imported === 0 && skipped.length === 0
        ? `${already === 1 ? 'The code in this file is' : `All ${plural(already, 'code', 'codes')} in this file are`} already in your ledger.`
        : `${plural(already, 'code was', 'codes were')} already in your ledger and stayed as ${already === 1 ? 'it was' : 'they were'}.`,
    );
  }
  if (renewed > 0) {
    parts.push(`${plural(renewed, 'code', 'codes')} in your ledger ${renewed === 1 ? 'was' : 'were'} renewed by a newer imported code.`);
  }
  if (skipped.length > 0) parts.push(`${plural(skipped.length, `${unit} skipped`, `${units} skipped`)}:`);

  return {
    // An alert only when the file gave nothing at all: codes already there mean the file was fine before.
    tone: imported === 0 && already === 0 && skipped.length > 0 ? 'error' : 'info',
    headline: parts.join(' '),
    skipped: skipped.map((n) => `${capital(unit)} ${n.row}${n.handle ? ` (@${n.handle})` : ''}: ${n.message}`),
    historyHeadline:
      history.length > 0
        ? `${plural(history.length, 'imported code was', 'imported codes were')} kept as history, because a code that lasts longer is live for the same post and ad account:`
        : null,
    history: history.map((n) => `${capital(unit)} ${n.row}: @${n.handle}`),
  };
}
