import { readFile } from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

/**
 * Drives the settings page the way a buyer does, by the names a screen reader announces: the
 * sections (regions named by their headings), labelled fields, buttons, alerts and status lines.
 * Nothing here knows class names.
 */
export class OptionsPage {
  constructor(readonly page: Page) {}

  region(name: 'Reminders' | 'Back up and export' | 'Calendar' | 'Import'): Locator {
    return this.page.getByRole('region', { name });
  }

  get reachOutField(): Locator {
    return this.page.getByLabel('Reach out before expiry (hours)');
  }
  get swapField(): Locator {
    return this.page.getByLabel('Swap before expiry (hours)');
  }
  get saveButton(): Locator {
    return this.region('Reminders').getByRole('button', { name: 'Save' });
  }
  get importField(): Locator {
    return this.page.getByLabel('Import backup or CSV');
  }

  /** The status line and the alert of a section. */
  status(section: Parameters<OptionsPage['region']>[0]): Locator {
    return this.region(section).getByRole('status');
  }
  alert(section: Parameters<OptionsPage['region']>[0]): Locator {
    return this.region(section).getByRole('alert');
  }

  async setReminderTimes(reachOut: string, swap: string): Promise<void> {
    await this.reachOutField.fill(reachOut);
    await this.swapField.fill(swap);
    await this.saveButton.click();
  }

  /** Chooses a file in "Import backup or CSV". */
  async importFile(name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.importField.setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') });
  }

  /** Clicks a download button and returns the file the browser saved, with its text. */
  async download(button: string): Promise<{ download: Download; name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: button }).click()]);
    const path = await download.path();
    return { download, name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }
}

export async function openOptionsPage(page: Page, extensionId: string): Promise<OptionsPage> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const options = new OptionsPage(page);
  await expect(page.getByRole('heading', { name: 'Spark Guard settings' })).toBeVisible();
  return options;
}
