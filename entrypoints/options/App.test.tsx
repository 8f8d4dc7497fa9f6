// @vitest-environment jsdom
import { fakeBrowser } from '@webext-core/fake-browser';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings } from '../../lib/db/repo';
import type { SparkGuardDb } from '../../lib/db/schema';
import { ACCOUNT, DAY, HOUR, freshDb, record } from '../../lib/db/test-fixtures';
import { removeAllListeners } from '../../lib/messaging/protocol';
import { registerCodeHandlers } from '../background/handlers';
import { createReconciler } from '../background/reconcile';
import { registerTransferHandlers } from '../background/transfer-handlers';
import { click, eventually, labelledField, type } from '../../test/unit/react-act';
import { App } from './App';

/**
 * The options page against the real background handlers and an in-memory IndexedDB: what the buyer
 * saves or imports goes through the message protocol, is stored, and comes back through the live query.
 * Downloads are covered in the browser (test/e2e/options.spec.ts), where files really are saved.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: SparkGuardDb;
let root: Root | null = null;
let host: HTMLElement;

beforeEach(() => {
  db = freshDb();
  const reconcile = createReconciler({ db, api: fakeBrowser }, Date.now);
  registerCodeHandlers({ db, reconcile });
  registerTransferHandlers({ db, reconcile });
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  host.remove();
  removeAllListeners();
  await db.delete();
});

async function open(): Promise<void> {
  await act(async () => {
    root = createRoot(host);
    root.render(<App db={db} />);
  });
}

function field(label: string): HTMLInputElement {
  return labelledField(host, label);
}

function button(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button named "${name}"`);
  return found;
}

/** A section, found by its heading as a screen reader would name the region. */
function region(name: string): HTMLElement {
  const heading = [...host.querySelectorAll('h2')].find((h) => h.textContent === name);
  const section = heading && host.querySelector<HTMLElement>(`section[aria-labelledby="${heading.id}"]`);
  if (!section) throw new Error(`no region named "${name}"`);
  return section;
}

const statusIn = (name: string) => region(name).querySelector('[role="status"]')!.textContent ?? '';
const alertIn = (name: string) => region(name).querySelector('[role="alert"]')?.textContent ?? null;

/** Chooses a file in the file picker, as the buyer does. */
async function choose(input: HTMLInputElement, name: string, content: string | Uint8Array, type = 'text/csv') {
  const file = new File([content as BlobPart], name, { type });
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const CSV_HEADER = 'Creator,Post URL,Ad account,Code,Valid for,Created';
const created = (ago: number) => new Date(Date.now() - ago).toISOString();

describe('options page: reminder times', () => {
  it('shows the stored times and saves new ones through the background', async () => {
    await open();
    await eventually(() => expect(field('Reach out before expiry (hours)').value).toBe('72'));
    expect(field('Swap before expiry (hours)').value).toBe('24');

    await type(field('Reach out before expiry (hours)'), '96');
    await type(field('Swap before expiry (hours)'), '12');
    await click(button('Save'));
    await eventually(() =>
      expect(statusIn('Reminders')).toBe('Saved. Codes now move to “Reach out” 96 hours and to “Swap now” 12 hours before they expire.'),
    );
    expect(await getSettings(db)).toEqual({ reachOutHours: 96, swapHours: 12 });
    expect(alertIn('Reminders')).toBeNull();
  });

  it('saving new times re-derives the badge at once', async () => {
    // 100 hours left: nothing due at 72 hours, reach out at 120.
    await db.codes.add(record({ expiresAt: Date.now() + 100 * HOUR }));
    await open();
    await eventually(() => expect(field('Reach out before expiry (hours)').value).toBe('72'));
    await type(field('Reach out before expiry (hours)'), '120');
    await click(button('Save'));
    await eventually(() => expect(statusIn('Reminders')).toMatch(/^Saved\./));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('refuses a swap time before the reach-out time in the background’s words, and keeps the stored times', async () => {
    await open();
    await eventually(() => expect(field('Reach out before expiry (hours)').value).toBe('72'));
    await type(field('Swap before expiry (hours)'), '80');
    await click(button('Save'));
    await eventually(() => expect(alertIn('Reminders')).toMatch(/^The swap reminder must come after the reach-out reminder/));
    expect(alertIn('Reminders')).toContain('you chose reach out 72 h and swap 80 h before expiry');
    expect(field('Swap before expiry (hours)').value).toBe('80');
    expect(field('Swap before expiry (hours)').getAttribute('aria-invalid')).toBe('true');
    expect(statusIn('Reminders')).toBe('');
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
  });

  it('asks for whole hours when a field is empty or not a whole number, and focuses it', async () => {
    await open();
    await eventually(() => expect(field('Reach out before expiry (hours)').value).toBe('72'));
    await type(field('Reach out before expiry (hours)'), '');
    await click(button('Save'));
    await eventually(() => expect(alertIn('Reminders')).toMatch(/^Enter how many hours before expiry to reach out/));
    expect(document.activeElement).toBe(field('Reach out before expiry (hours)'));

    await type(field('Reach out before expiry (hours)'), '1000');
    await click(button('Save'));
    await eventually(() => expect(alertIn('Reminders')).toMatch(/^Reminder times must be whole hours: reach out between 2 and 720/));
    expect(await getSettings(db)).toEqual({ reachOutHours: 72, swapHours: 24 });
  });
});

describe('options page: import', () => {
  it('imports a CSV, lists each skipped row with its reason, and stores the good codes', async () => {
    await open();
    const csv = [
      CSV_HEADER,
      `mia.creates,https://www.tiktok.com/@mia.creates/video/7301234567890123456,${ACCOUNT},#M1aC0deF0rTheP0st==,30,${created(DAY)}`,
      `leo.cooks,https://www.tiktok.com/@leo.cooks/video/7301234567890000001,${ACCOUNT},4829137,30,${created(DAY)}`,
      `ana.runs,https://www.tiktok.com/@ana.runs/video/7301234567890000002,${ACCOUNT},#Ana5C0deF0rTheP0st==,7 days,${created(DAY)}`,
    ].join('\n');
    await choose(field('Import backup or CSV'), 'codes.csv', csv);
    await eventually(() => expect(statusIn('Import')).toContain('Imported 2 codes. 1 row skipped:'));
    const skipped = [...region('Import').querySelectorAll('ul[aria-label="Skipped rows"] > li')].map((li) => li.textContent);
    expect(skipped).toEqual([expect.stringMatching(/^Row 3 \(@leo\.cooks\): That number has 7 digits, not 6\./)]);
    expect((await db.codes.toArray()).map((c) => c.handle).sort()).toEqual(['ana.runs', 'mia.creates']);
    // The ledger count follows the import live.
    await eventually(() => expect(region('Back up and export').textContent).toContain('Your ledger holds 2 codes: 2 live'));
  });

  it('refuses a file that is not a backup or CSV with an alert, and changes nothing', async () => {
    const stored = record();
    await db.codes.add(stored);
    await open();
    await choose(field('Import backup or CSV'), 'photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'image/png');
    await eventually(() => expect(alertIn('Import')).toMatch(/^“photo\.png” is not a text file\..*Nothing was changed\.$/));
    await choose(field('Import backup or CSV'), 'contacts.csv', 'Name,Email\nMia,mia@example.org\n');
    await eventually(() => expect(alertIn('Import')).toMatch(/^“contacts\.csv” is not a CSV of codes Spark Guard can read/));
    expect(await db.codes.toArray()).toEqual([stored]);
  });

  it('says a file of codes already in the ledger holds nothing new, without an alert', async () => {
    const stored = record({ handle: 'mia.creates', createdAt: Date.now() - DAY, expiresAt: Date.now() + 29 * DAY });
    await db.codes.add(stored);
    await open();
    const csv = `${CSV_HEADER}\nmia.creates,${stored.postUrl},${ACCOUNT},${stored.code},30,${new Date(stored.createdAt).toISOString()}`;
    await choose(field('Import backup or CSV'), 'codes.csv', csv);
    await eventually(() =>
      expect(statusIn('Import')).toBe('Nothing new to import. The code in this file is already in your ledger.'),
    );
    expect(alertIn('Import')).toBeNull();
    expect(await db.codes.toArray()).toEqual([stored]);
  });
});

describe('options page: export', () => {
  it('says there is nothing to back up while the ledger is empty', async () => {
    await open();
    await eventually(() => expect(region('Back up and export').textContent).toContain('Your ledger holds 0 codes'));
    await click(button('Download backup'));
    await eventually(() => expect(statusIn('Back up and export')).toBe('Your ledger is empty: there is nothing to back up yet.'));
    await click(button('Add reminders to calendar (.ics)'));
    await eventually(() => expect(statusIn('Calendar')).toMatch(/^No reminders ahead/));
  });
});
