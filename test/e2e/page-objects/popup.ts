import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Drives the popup the way a buyer does, by the names a screen reader announces: labelled fields,
 * the "Save code" button, alerts, and the list named "Codes". Nothing here knows class names.
 */

export type Validity = '7 days' | '30 days' | '60 days' | '365 days' | 'Custom end date';

export interface CodeEntry {
  handle: string;
  postUrl: string;
  code: string;
  adAccount: string;
  validity?: Validity;
  /** When the creator made the code (epoch ms); typed into "Code created" at minute precision. */
  createdAt?: number;
  /** The end date, when validity is "Custom end date" (epoch ms). */
  customEndsAt?: number;
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const MINUTE = 60 * 1000;

/** The ad account of the sample codes (and of the Ads Manager pages the specs open). */
export const SAMPLE_ACCOUNT = '7012345678901234567';

/** jon_eats: a 7-day code made 9 days ago (expired 2 days ago). mia.creates: a 30-day code made yesterday. */
export function sampleCodes(now: number): [jonEats: CodeEntry, miaCreates: CodeEntry] {
  return [
    {
      handle: '@jon_eats',
      postUrl: 'https://www.tiktok.com/@jon_eats/video/7301111111111111111',
      code: '#JonEatsCodeAAAAAAAAAAAAAA=',
      adAccount: SAMPLE_ACCOUNT,
      validity: '7 days',
      createdAt: now - 9 * DAY,
    },
    {
      handle: '@mia.creates',
      postUrl: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
      code: '#MiaCreatesCodeBBBBBBBBBBBB=',
      adAccount: SAMPLE_ACCOUNT,
      validity: '30 days',
      createdAt: now - DAY,
    },
  ];
}

export class PopupPage {
  constructor(readonly page: Page) {}

  get handleField(): Locator {
    return this.page.getByLabel('Creator handle');
  }
  get postUrlField(): Locator {
    return this.page.getByLabel('TikTok post URL');
  }
  get codeField(): Locator {
    return this.page.getByLabel('Authorization code');
  }
  get adAccountField(): Locator {
    return this.page.getByLabel('Ad account ID');
  }
  get validityField(): Locator {
    return this.page.getByLabel('Valid for');
  }
  get createdField(): Locator {
    return this.page.getByLabel('Code created');
  }
  get customEndField(): Locator {
    return this.page.getByLabel('Custom end date', { exact: true });
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save code' });
  }
  /** Opens and closes the add form; the form waits behind it while the ledger has codes. */
  get addToggle(): Locator {
    return this.page.getByRole('button', { name: 'Add a code' });
  }

  /** Clicks "Add a code" unless the form is already open. */
  async openForm(): Promise<void> {
    if ((await this.addToggle.getAttribute('aria-expanded')) !== 'true') await this.addToggle.click();
    await expect(this.saveButton).toBeVisible();
  }
  /** Problems with what was typed. */
  get alert(): Locator {
    return this.page.getByRole('alert');
  }
  /** The polite status line ("Saved. …", "Code deleted. Undo"). */
  get status(): Locator {
    return this.page.getByRole('status');
  }
  get list(): Locator {
    return this.page.getByRole('list', { name: 'Codes' });
  }
  get items(): Locator {
    return this.list.getByRole('listitem');
  }

  /** The list item of the code for `handle` (with or without @). */
  item(handle: string): Locator {
    const at = handle.startsWith('@') ? handle : `@${handle}`;
    return this.items.filter({ hasText: at });
  }

  /** Opens the form if needed, fills it; does not save. */
  async fill(entry: CodeEntry): Promise<void> {
    await this.openForm();
    await this.handleField.fill(entry.handle);
    await this.postUrlField.fill(entry.postUrl);
    await this.codeField.fill(entry.code);
    await this.adAccountField.fill(entry.adAccount);
    if (entry.validity) await this.validityField.selectOption({ label: entry.validity });
    if (entry.createdAt !== undefined) await this.createdField.fill(await this.localValue(entry.createdAt));
    if (entry.customEndsAt !== undefined) await this.customEndField.fill(await this.localValue(entry.customEndsAt));
  }

  async submit(entry: CodeEntry): Promise<void> {
    await this.fill(entry);
    await this.saveButton.click();
  }

  /** Saves a code and waits until it is listed. */
  async save(entry: CodeEntry): Promise<Locator> {
    const before = await this.item(entry.handle).count();
    await this.submit(entry);
    // Polled as text, so a refusal shows what it said.
    await expect.poll(() => this.alert.allTextContents(), { message: 'saving should not be refused' }).toEqual([]);
    await expect(this.item(entry.handle)).toHaveCount(before + 1);
    return this.item(entry.handle);
  }

  /**
   * A datetime-local value for `at` in the browser's own time zone (the one the popup reads it in),
   * so the test and the page never disagree about local time.
   */
  async localValue(at: number): Promise<string> {
    return this.page.evaluate((ms) => {
      const d = new Date(ms);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }, at);
  }

  /**
   * Every record in the extension's own IndexedDB ('spark-guard', store 'codes'), read with the raw
   * API so the check does not go through the code under test.
   */
  async storedCodes(): Promise<StoredCode[]> {
    return this.page.evaluate(
      () =>
        new Promise<StoredCode[]>((resolve, reject) => {
          const open = indexedDB.open('spark-guard');
          // Never create the database here: an empty one would stand in for the extension's own.
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('codes')) {
              db.close();
              resolve([]);
              return;
            }
            const all = db.transaction('codes', 'readonly').objectStore('codes').getAll();
            all.onerror = () => reject(all.error);
            all.onsuccess = () => {
              db.close();
              resolve(all.result as StoredCode[]);
            };
          };
        }),
    );
  }
}

/** The stored fields the specs look at. */
export interface StoredCode {
  id: string;
  handle: string;
  code: string;
  adAccountId: string;
  status: string;
  expiresAt: number;
  reminders: { reachOut?: number; swap?: number; expired?: number };
}

export async function openPopupPage(page: Page, extensionId: string, hash = ''): Promise<PopupPage> {
  await page.goto(`chrome-extension://${extensionId}/popup.html${hash}`);
  const popup = new PopupPage(page);
  await expect(popup.addToggle).toBeVisible();
  return popup;
}
