import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Drives the workspace ("Creators and posts") the way a buyer does, by the names a screen reader
 * announces: its sections (regions named by their headings), labelled fields, buttons and lists.
 */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  region(name: 'Creators' | 'Posts' | 'Live codes' | 'Thresholds and message'): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }
  get creators(): Locator {
    return this.page.getByRole('list', { name: 'Creators' });
  }
  get posts(): Locator {
    return this.page.getByRole('list', { name: 'Posts' });
  }
  get liveCodes(): Locator {
    return this.page.getByRole('list', { name: 'Live codes' });
  }
  creator(handle: string): Locator {
    return this.creators.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: `@${handle}`, exact: true }) });
  }
  post(postId: string): Locator {
    return this.posts.getByRole('listitem').filter({ hasText: postId.slice(-7) });
  }
  alert(section: Parameters<WorkspacePage['region']>[0]): Locator {
    return this.region(section).getByRole('alert');
  }

  async fillCreator(c: { handle: string; region?: string; contact?: string; regionConfirmed?: boolean; toggleSeenOn?: boolean }) {
    const r = this.region('Creators');
    await r.getByLabel('Creator handle').fill(c.handle);
    await r.getByLabel('Region', { exact: true }).fill(c.region ?? '');
    await r.getByLabel('Contact').fill(c.contact ?? '');
    await r.getByLabel('Region confirmed for Spark Ads').setChecked(c.regionConfirmed ?? false);
    await r.getByLabel('Ad authorization toggle seen On').setChecked(c.toggleSeenOn ?? false);
  }

  async savePost(p: { url: string; postedAt: number; views?: string; completion?: string; sentiment?: 'Positive' | 'Mixed' | 'Negative' }) {
    const r = this.region('Posts');
    await r.getByLabel('TikTok post URL').fill(p.url);
    await r.getByLabel('Posted at').fill(await this.localValue(p.postedAt));
    await r.getByLabel('Views').fill(p.views ?? '');
    await r.getByLabel('Completion at 15 s (%)').fill(p.completion ?? '');
    await r.getByLabel('Comment sentiment').selectOption(p.sentiment ? { label: p.sentiment } : { index: 0 });
    await r.getByRole('button', { name: 'Save post' }).click();
  }

  async saveReading(code: string, r: { frequency?: string; completionRate?: string; sentiment?: 'Positive' | 'Mixed' | 'Negative' }) {
    const section = this.region('Live codes');
    await section.getByLabel('Code', { exact: true }).selectOption({ label: code });
    await section.getByLabel('Frequency', { exact: true }).fill(r.frequency ?? '');
    await section.getByLabel('Completion rate (%)').fill(r.completionRate ?? '');
    await section.getByLabel('Comment sentiment').selectOption(r.sentiment ? { label: r.sentiment } : { index: 0 });
    await section.getByRole('button', { name: 'Save reading' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Reading saved.' })).toBeVisible();
  }

  /** A datetime-local value in the browser's own zone. */
  async localValue(at: number): Promise<string> {
    return this.page.evaluate((ms) => {
      const d = new Date(ms);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }, at);
  }

  /** Rows of a table in the extension's IndexedDB, read with the raw API (not through the code under test). */
  async stored(table: 'creators' | 'posts' | 'readings' | 'reachOuts'): Promise<Record<string, unknown>[]> {
    return this.page.evaluate(
      (name) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const open = indexedDB.open('spark-guard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const all = db.transaction(name, 'readonly').objectStore(name).getAll();
            all.onerror = () => reject(all.error);
            all.onsuccess = () => {
              db.close();
              // Blobs do not cross into the test: their size and type stand in for them.
              resolve(
                (all.result as Record<string, unknown>[]).map((row) => {
                  const shot = row.screenshot as { blob: Blob } | null | undefined;
                  return shot ? { ...row, screenshot: { ...shot, blob: `${shot.blob.type} ${shot.blob.size}` } } : row;
                }),
              );
            };
          };
        }),
      table,
    );
  }
}

export async function openWorkspacePage(page: Page, extensionId: string): Promise<WorkspacePage> {
  await page.goto(`chrome-extension://${extensionId}/workspace.html`);
  const workspace = new WorkspacePage(page);
  await expect(page.getByRole('heading', { name: 'Creators and posts', level: 1 })).toBeVisible();
  await expect(workspace.creators).toBeAttached();
  return workspace;
}
