// @vitest-environment jsdom
import { fakeBrowser } from '@webext-core/fake-browser';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, POST_URL, freshDb, record } from '../../lib/db/test-fixtures';
import type { SparkGuardDb } from '../../lib/db/schema';
import { removeAllListeners } from '../../lib/messaging/protocol';
import { registerCodeHandlers } from '../background/handlers';
import { createReconciler } from '../background/reconcile';
import { click, eventually, labelledField, type } from '../../test/unit/react-act';
import { App } from './App';
import { loadLedger } from './ledger';

/**
 * The popup against the real background handlers and an in-memory IndexedDB: what the buyer types
 * goes through the message protocol, is stored, and comes back through the live query.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: SparkGuardDb;
let root: Root | null = null;
let host: HTMLElement;

beforeEach(() => {
  db = freshDb();
  const reconcile = createReconciler({ db, api: fakeBrowser }, Date.now);
  registerCodeHandlers({ db, reconcile });
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  host.remove();
  removeAllListeners();
  window.location.hash = '';
  await db.delete();
});

async function open(): Promise<void> {
  const initial = await loadLedger(db);
  await act(async () => {
    root = createRoot(host);
    root.render(<App db={db} initial={initial} />);
  });
}

function field<T extends HTMLElement = HTMLInputElement>(label: string): T {
  return labelledField<T>(host, label);
}

function button(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
  if (!found) throw new Error(`no button named "${name}"`);
  return found;
}

const list = () => host.querySelector('ul[aria-label="Codes"]')!;
const items = () => [...list().querySelectorAll(':scope > li')] as HTMLElement[];
const statusText = () => host.querySelector('[role="status"]')!.textContent;
const alertEl = () => host.querySelector('[role="alert"]');

async function fillValidCode(over: Partial<Record<'handle' | 'postUrl' | 'code' | 'adAccount', string>> = {}) {
  await type(field('Creator handle'), over.handle ?? '@mia.creates');
  await type(field('TikTok post URL'), over.postUrl ?? POST_URL);
  await type(field('Authorization code'), over.code ?? '#AbCdEfGhIjKlMnOpQrStUvWx=');
  await type(field('Ad account ID'), over.adAccount ?? '7012345678901');
}

describe('popup', () => {
  it('says what to do when the ledger is empty', async () => {
    await open();
    expect(host.textContent).toContain(
      'No codes yet. Paste a Spark code from a creator above to start tracking its expiry.',
    );
    expect(items()).toHaveLength(0);
  });

  it('saves a pasted code, says how long it lasts, clears the form and lists it', async () => {
    await open();
    await fillValidCode();
    await click(button('Save code'));
    await eventually(() => expect(statusText()).toBe('Saved. 30 days left.'));
    expect(field('Creator handle').value).toBe('');
    expect(field('Authorization code').value).toBe('');
    await eventually(() => expect(items()).toHaveLength(1));
    const item = items()[0]!;
    expect(item.textContent).toContain('@mia.creates');
    expect(item.textContent).toContain('30 days left');
    expect(item.textContent).toContain('Active');
    expect(item.textContent).toContain('No action needed yet');
    expect(item.textContent).toContain('post …0123456');
    expect(item.textContent).toContain('Ad account …678901');
    expect(item.querySelector('[title="7012345678901"]')).not.toBeNull();
    expect(alertEl()).toBeNull();
  });

  it('holds typing off while a code is being saved, so the next code is not cleared with it', async () => {
    await open();
    await fillValidCode();
    const fields = ['Creator handle', 'TikTok post URL', 'Authorization code', 'Ad account ID', 'Notes'];
    // Looked at as soon as Save is pressed, before the save's answer is back.
    await act(() => button('Save code').click());
    expect(host.querySelector('form')!.getAttribute('aria-busy')).toBe('true');
    expect(fields.map((label) => field<HTMLInputElement>(label).readOnly)).toEqual(fields.map(() => true));
    await eventually(() => expect(statusText()).toBe('Saved. 30 days left.'));
    expect(fields.map((label) => field<HTMLInputElement>(label).readOnly)).toEqual(fields.map(() => false));
    expect(field('Creator handle').value).toBe('');
  });

  it('shows a refusal as an alert, keeps what was typed and points at the field', async () => {
    await open();
    await fillValidCode({ code: '12345' });
    await click(button('Save code'));
    await eventually(() => expect(alertEl()?.textContent).toMatch(/5 digits, not 6/));
    const code = field('Authorization code');
    expect(code.value).toBe('12345');
    expect(field('Creator handle').value).toBe('@mia.creates');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(code);
    expect(await db.codes.count()).toBe(0);
  });

  it('asks for the custom end date only when "Custom end date" is chosen', async () => {
    await open();
    expect(() => field('Custom end date')).toThrow();
    expect(field<HTMLSelectElement>('Valid for').value).toBe('30');
    expect([...field<HTMLSelectElement>('Valid for').options].map((o) => o.text)).toEqual([
      '7 days',
      '30 days',
      '60 days',
      '365 days',
      'Custom end date',
    ]);
    await type(field<HTMLSelectElement>('Valid for'), 'custom');
    expect(field('Custom end date').type).toBe('datetime-local');
  });

  it('lists codes soonest expiry first, with the stage and what to do', async () => {
    const now = Date.now();
    await db.codes.bulkPut([
      record({ handle: 'later.one', expiresAt: now + 20 * DAY }),
      record({ handle: 'soon.one', expiresAt: now + 10 * HOUR, reminders: { reachOut: now - HOUR }, shown: { reachOut: now - HOUR } }),
      record({ handle: 'mid.one', expiresAt: now + 50 * HOUR }),
    ]);
    await open();
    await eventually(() => expect(items()).toHaveLength(3));
    const texts = items().map((li) => li.textContent ?? '');
    expect(texts[0]).toContain('@soon.one');
    expect(texts[0]).toContain('Swap now');
    expect(texts[0]).toContain('No new code from @soon.one: swap now or pull the ad');
    expect(texts[0]).toMatch(/Reminder sent (\d\d:\d\d|\w{3} \d+ \w{3}, \d\d:\d\d) \(reach out\)/);
    expect(texts[1]).toContain('Reach out to @mid.one for a new code');
    expect(texts[2]).toContain('@later.one');
  });

  it('shows every code of a long ledger, not only the first screenful, soonest expiry first', async () => {
    const now = Date.now();
    // Stored latest first, so the list order is the popup's own sorting.
    await db.codes.bulkPut(
      Array.from({ length: 75 }, (_, i) => record({ handle: `creator_${74 - i}`, expiresAt: now + (74 - i + 5) * DAY })),
    );
    await open();
    await eventually(() => expect(items()).toHaveLength(75));
    expect(items()[0]!.textContent).toContain('@creator_0 ');
    expect(items()[74]!.textContent).toContain('@creator_74 ');
  });

  it('deletes a code with an undo that brings it back', async () => {
    const code = record({ handle: 'mia.creates', expiresAt: Date.now() + 5 * DAY });
    await db.codes.put(code);
    await open();
    await eventually(() => expect(items()).toHaveLength(1));
    await click(button('Delete code for @mia.creates'));
    await eventually(() => expect(statusText()).toBe('Code deleted. Undo'));
    await eventually(() => expect(items()).toHaveLength(0));
    expect(await db.codes.count()).toBe(0);
    await click(button('Undo'));
    await eventually(() => expect(items()).toHaveLength(1));
    expect(await db.codes.get(code.id)).toEqual(code);
    // Focus comes back to the restored code, not lost with the Undo button.
    await eventually(() => expect(document.activeElement).toBe(items()[0]));
  });

  it('marks a code pulled and back', async () => {
    await db.codes.put(record({ handle: 'mia.creates', expiresAt: Date.now() + 5 * DAY }));
    await open();
    await eventually(() => expect(items()).toHaveLength(1));
    await click(button('Mark pulled: code for @mia.creates'));
    await eventually(() => expect(items()[0]!.textContent).toContain('Ad pulled'));
    await click(button('Undo pull: code for @mia.creates'));
    await eventually(() => expect(items()[0]!.textContent).toContain('No action needed yet'));
  });

  it('renews a code: pre-fills the form, and the saved renewal replaces the old code', async () => {
    const old = record({ handle: 'mia.creates', adAccountId: '7012345678901', expiresAt: Date.now() + 20 * HOUR });
    await db.codes.put(old);
    await open();
    await eventually(() => expect(items()).toHaveLength(1));
    await click(button('Renew code for @mia.creates'));
    expect(field('Creator handle').value).toBe('@mia.creates');
    expect(field('TikTok post URL').value).toBe(old.postUrl);
    expect(field('Ad account ID').value).toBe('7012345678901');
    expect(document.activeElement).toBe(field('Authorization code'));
    await type(field('Authorization code'), '#ZyXwVuTsRqPoNmLkJiHgFeDc=');
    await click(button('Save code'));
    await eventually(() => expect(statusText()).toMatch(/^Saved\. 30 days left\./));
    expect((await db.codes.get(old.id))?.status).toBe('replaced');
    // The replaced code is history: hidden until asked for.
    await eventually(() => expect(items()).toHaveLength(1));
    expect(items()[0]!.textContent).toContain('30 days left');
    await click(field('Show replaced'));
    await eventually(() => expect(items()).toHaveLength(2));
    expect(items().some((li) => li.textContent?.includes('Replaced by a newer code'))).toBe(true);
  });

  it('says when the filters hide every code', async () => {
    await db.codes.put(record({ handle: 'mia.creates', adAccountId: '7012345678901', expiresAt: Date.now() + 5 * DAY }));
    await open();
    await eventually(() => expect(items()).toHaveLength(1));
    await type(field<HTMLSelectElement>('Stage'), 'expired');
    expect(items()).toHaveLength(0);
    expect(host.textContent).toContain('No codes match these filters.');
    expect(host.textContent).not.toContain('No codes yet');
  });

  it('focuses the code a notification opened (#code=<id>)', async () => {
    const now = Date.now();
    const codes = Array.from({ length: 40 }, (_, i) =>
      record({ handle: `creator_${i}`, expiresAt: now + (i + 1) * DAY }),
    );
    await db.codes.bulkPut(codes);
    const target = codes[35]!;
    window.location.hash = `#code=${encodeURIComponent(target.id)}`;
    await open();
    await eventually(() => expect(document.activeElement?.tagName).toBe('LI'));
    expect(document.activeElement?.textContent).toContain('@creator_35 ·');
    expect(document.activeElement?.className).toContain('is-target');
    expect(items().filter((li) => li.className.includes('is-target'))).toHaveLength(1);
  });
});
