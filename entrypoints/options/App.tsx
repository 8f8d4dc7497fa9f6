import { useCallback, useId, useRef, useState, type ChangeEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { format } from 'date-fns';
import { Feedback, NOT_RESPONDING, type Note } from '../../components/Feedback';
import { ImportSummary } from '../../components/ImportSummary';
import { ReminderSettingsForm, type ReminderField } from '../../components/ReminderSettingsForm';
import { getSettings, settingsProblem } from '../../lib/db/repo';
import type { SparkGuardDb } from '../../lib/db/schema';
import type { CodeRecord } from '../../lib/domain/code';
import type { ReminderSettings } from '../../lib/domain/expiry';
import { plural } from '../../lib/domain/plural';
import { backupText, csvText, describeImport, readImportFile, type ImportReport } from '../../lib/domain/transfer';
import { sendMessage } from '../../lib/messaging/protocol';
import { downloadText } from './download';
import { restoreWorkflowFromBackup, workflowBackupFor } from './workflow-backup';

/**
 * The options page: reminder times, backup and CSV export, a calendar file of upcoming reminders,
 * and import. It reads the database live and writes only through messages to the background, the
 * database's one writer.
 */

/** Bigger than the backup of the most codes Spark Guard imports at once (50,000): a file this large is something else. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The most the import message may carry. Chrome refuses a message over 64 MiB; 50,000 codes with
 * short notes take about 25 MB. More than this means very long notes on very many codes.
 */
const MAX_REQUEST_CHARS = 48 * 1024 * 1024;

/** What the import is doing, said while it runs. */
type ImportStage = { step: 'reading'; file: string } | { step: 'saving'; rows: number };

type Values = Record<ReminderField, string>;

const toValues = (s: ReminderSettings): Values => ({ reachOutHours: String(s.reachOutHours), swapHours: String(s.swapHours) });

/** A whole number of hours as typed, or null when it is not one. */
function hoursOf(value: string): number | null {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return null;
  return Number(text);
}

/** The file's text, read as UTF-8 (FileReader: what every browser, and the test DOM, has). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file, 'utf-8');
  });
}

const fileDate = (now: number) => format(now, 'yyyy-MM-dd');

/** What a running import is doing: reading the file, then checking and saving its rows. */
function ImportProgress({ stage }: { stage: ImportStage }) {
  const text =
    stage.step === 'reading'
      ? `Reading “${stage.file}”…`
      : `Checking and saving ${plural(stage.rows, 'code', 'codes')}, then updating reminders…`;
  return (
    <p>
      {text} <progress aria-label="Import progress" value={stage.step === 'reading' ? 1 : 2} max={3} />
    </p>
  );
}

export function App({ db }: { db: SparkGuardDb }) {
  const settings = useLiveQuery(() => getSettings(db), [db]);
  // Counts only: the page shows how many codes there are, and reading every record after each write
  // (thousands, during an import) would cost far more than counting them.
  const counts = useLiveQuery(
    async () => ({ all: await db.codes.count(), live: await db.codes.where('status').equals('live').count() }),
    [db],
  );

  // ---- reminder times ----
  // Null while untouched: the fields then follow the stored times, whoever changes them.
  const [edited, setEdited] = useState<Values | null>(null);
  const [settingsError, setSettingsError] = useState<{ message: string; field: ReminderField | null } | null>(null);
  const [settingsNote, setSettingsNote] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ field: ReminderField; seq: number } | null>(null);
  const [savingSettings, setSavingSettings] = useState(false);
  const values: Values = edited ?? (settings ? toValues(settings) : { reachOutHours: '', swapHours: '' });

  const onSettingsChange = useCallback(
    (field: ReminderField, value: string) => {
      setEdited((current) => ({ ...(current ?? values), [field]: value }));
      setSettingsNote(null);
    },
    [values],
  );

  const refuse = (message: string, field: ReminderField | null) => {
    setSettingsError({ message, field });
    setSettingsNote(null);
    if (field) setFocusRequest((r) => ({ field, seq: (r?.seq ?? 0) + 1 }));
  };

  const saveSettings = async () => {
    if (savingSettings) return;
    const reachOutHours = hoursOf(values.reachOutHours);
    const swapHours = hoursOf(values.swapHours);
    if (reachOutHours === null) {
      return refuse('Enter how many hours before expiry to reach out to the creator, as a whole number, for example 72.', 'reachOutHours');
    }
    if (swapHours === null) {
      return refuse('Enter how many hours before expiry to swap the code, as a whole number, for example 24.', 'swapHours');
    }
    const next = { reachOutHours, swapHours };
    // The background checks the same rules; asking first gives the buyer its words instead of a
    // refused message for numbers out of range.
    const problem = settingsProblem(next);
    if (problem) return refuse(problem, null);
    setSavingSettings(true);
    try {
      const answer = await sendMessage('updateSettings', next);
      if (!answer.ok) return refuse(answer.message, null);
      setEdited(null);
      setSettingsError(null);
      setSettingsNote(
        `Saved. Codes now move to “Reach out” ${reachOutHours} hours and to “Swap now” ${swapHours} hours before they expire.`,
      );
    } catch {
      refuse(NOT_RESPONDING, null);
    } finally {
      setSavingSettings(false);
    }
  };

  // ---- export ----
  const [exportNote, setExportNote] = useState<Note | null>(null);
  const [calendarNote, setCalendarNote] = useState<Note | null>(null);

  /** Reads the ledger at the moment of the click, so the file holds what is stored right now. */
  const readLedger = async (say: (note: Note) => void): Promise<CodeRecord[] | null> => {
    try {
      return await db.codes.toArray();
    } catch {
      say({ text: 'Spark Guard could not read your ledger on this computer. Reload this page and try again.', tone: 'error' });
      return null;
    }
  };

  const downloadBackup = async () => {
    const all = await readLedger(setExportNote);
    if (!all) return;
    const workflow = await workflowBackupFor(db);
    // Creators and posts are worth a backup before the first code is saved.
    if (all.length === 0 && Object.keys(workflow).length === 0) {
      return setExportNote({ text: 'Your ledger is empty: there is nothing to back up yet.', tone: 'info' });
    }
    const now = Date.now();
    const name = `spark-guard-backup-${fileDate(now)}.json`;
    downloadText(name, backupText(all, now, workflow), 'application/json');
    const held = all.length > 0 ? `${plural(all.length, 'code', 'codes')}, history included` : 'your creators and posts (no codes yet)';
    setExportNote({ text: `Downloaded ${name} with ${held}.`, tone: 'info' });
  };

  const downloadCsv = async () => {
    const all = await readLedger(setExportNote);
    if (!all) return;
    if (all.length === 0) return setExportNote({ text: 'Your ledger is empty: there are no codes to list yet.', tone: 'info' });
    const now = Date.now();
    const name = `spark-guard-codes-${fileDate(now)}.csv`;
    downloadText(name, csvText(all, now, settings ?? (await getSettings(db))), 'text/csv');
    setExportNote({ text: `Downloaded ${name} with ${plural(all.length, 'code', 'codes')}, one row each.`, tone: 'info' });
  };

  const downloadCalendar = async () => {
    const all = await readLedger(setCalendarNote);
    if (!all) return;
    const now = Date.now();
    // Loaded on demand: the calendar writer is the biggest part of this page and rarely used.
    const { calendarEvents, calendarText } = await import('../../lib/domain/calendar');
    const events = calendarEvents(all, now, settings ?? (await getSettings(db)));
    if (events.length === 0) {
      return setCalendarNote({
        text: 'No reminders ahead: no live code has a reach-out, swap or expiry time still to come.',
        tone: 'info',
      });
    }
    const name = `spark-guard-reminders-${fileDate(now)}.ics`;
    downloadText(name, calendarText(events, now), 'text/calendar');
    const codeCount = new Set(events.map((e) => e.codeId)).size;
    setCalendarNote({
      text: `Downloaded ${name} with ${plural(events.length, 'reminder', 'reminders')} for ${plural(codeCount, 'code', 'codes')}. Open it with your calendar to add them.`,
      tone: 'info',
    });
  };

  // ---- import ----
  const [importing, setImporting] = useState<ImportStage | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  /** What the backup's creators, posts and readings gave (see workflow-backup.ts). */
  const [workflowNotes, setWorkflowNotes] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const importBusy = useRef(false);

  const importFile = async (file: File) => {
    // One import at a time. The picker stays enabled (disabling it would drop the keyboard focus).
    if (importBusy.current) return;
    importBusy.current = true;
    setImporting({ step: 'reading', file: file.name });
    setImportError(null);
    setReport(null);
    setWorkflowNotes([]);
    try {
      if (file.size > MAX_FILE_BYTES) {
        return setImportError(`“${file.name}” is too big to be a Spark Guard backup or CSV. Nothing was changed.`);
      }
      let text: string;
      try {
        text = await readText(file);
      } catch {
        return setImportError(`Spark Guard could not open “${file.name}”. Nothing was changed.`);
      }
      const read = readImportFile(file.name, text);
      if (!read.ok) return setImportError(read.message);
      if (read.rows.length === 0) {
        // A backup may hold creators and posts alone, or only damaged codes beside them.
        const workflow = read.kind === 'backup' ? await restoreWorkflowFromBackup(text) : null;
        if (workflow && !workflow.ok) return setImportError(workflow.message);
        setWorkflowNotes(workflow?.notes ?? []);
        return setReport(read.problems.length > 0 || !workflow ? describeImport(read.kind, read.problems, null) : null);
      }
      if (JSON.stringify(read.rows).length > MAX_REQUEST_CHARS) {
        return setImportError(
          `“${file.name}” holds more text than Spark Guard can take in at once (very long notes on very many codes). Split it into two files and import each. Nothing was changed.`,
        );
      }
      setImporting({ step: 'saving', rows: read.rows.length });
      const answer = await sendMessage('importCodes', { rows: read.rows });
      if (!answer.ok) return setImportError(answer.message);
      const summary = describeImport(read.kind, read.problems, answer);
      // After the codes, so reach-outs and readings find the codes they belong to.
      const workflow = read.kind === 'backup' ? await restoreWorkflowFromBackup(text) : null;
      if (workflow && !workflow.ok) return setImportError(workflow.message);
      setReport(summary);
      setWorkflowNotes(workflow?.notes ?? []);
    } catch {
      setImportError(NOT_RESPONDING);
    } finally {
      importBusy.current = false;
      setImporting(null);
      // The same file can be chosen again (after fixing it) and still counts as a change.
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (file) void importFile(file);
  };


  return (
    <main className="options">
      <h1>Spark Guard settings</h1>

      <section aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">Reminders</h2>
        <p className="intro">
          Spark Guard reminds you twice before a code expires: first to ask the creator for a new code, then to swap it in
          Ads Manager. The list, the badge and the reminders follow these times as soon as you save.
        </p>
        <ReminderSettingsForm
          values={values}
          onChange={onSettingsChange}
          onSubmit={() => void saveSettings()}
          error={settingsError?.message ?? null}
          invalidField={settingsError?.field ?? null}
          focusRequest={focusRequest}
          busy={savingSettings}
        />
        <p role="status" className="note">
          {settingsNote}
        </p>
      </section>

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Back up and export</h2>
        <p className="intro">
          {counts === undefined
            ? 'Reading your ledger…'
            : `Your ledger holds ${plural(counts.all, 'code', 'codes')}: ${counts.live.toLocaleString('en-US')} live, ${(counts.all - counts.live).toLocaleString('en-US')} replaced or pulled.`}{' '}
          The backup keeps everything, history included, to import here again. The CSV lists one code a row for a
          spreadsheet. Both stay on this computer.
        </p>
        <div className="actions">
          <button type="button" onClick={() => void downloadBackup()}>
            Download backup
          </button>
          <button type="button" onClick={() => void downloadCsv()}>
            Download CSV
          </button>
        </div>
        <Feedback note={exportNote} />
      </section>

      <section aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">Calendar</h2>
        <p className="intro">
          A calendar file with an event and an alarm for each reach-out, swap and expiry still ahead. The codes
          themselves and your notes stay out of it. Download it again after changes: the events update instead of doubling.
        </p>
        <div className="actions">
          <button type="button" onClick={() => void downloadCalendar()}>
            Add reminders to calendar (.ics)
          </button>
        </div>
        <Feedback note={calendarNote} />
      </section>

      <section aria-labelledby="import-heading" aria-busy={importing ? true : undefined}>
        <h2 id="import-heading">Import</h2>
        <div className="field">
          <label htmlFor="import-file">Import backup or CSV</label>
          <input
            id="import-file"
            ref={fileInput}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={onFile}
            aria-describedby={hintId}
          />
          <span id={hintId} className="hint">
            A backup (.json) or a CSV with the columns of the CSV above. Each code is checked like one typed into the
            popup. Codes already in your ledger stay as they are, and nothing is deleted.
          </span>
        </div>
        <div role="status" className="note">
          {importing ? (
            <ImportProgress stage={importing} />
          ) : report && report.tone === 'info' ? <ImportSummary report={report} /> : null}
          {importing ? null : workflowNotes.map((note) => <p key={note}>{note}</p>)}
        </div>
        {importError ? (
          <p role="alert" className="form-error">
            {importError}
          </p>
        ) : report && report.tone === 'error' ? (
          <div role="alert">
            <ImportSummary report={report} />
          </div>
        ) : null}
      </section>
    </main>
  );
}
