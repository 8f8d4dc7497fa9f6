import { rmSync } from 'node:fs';
import { expect, freshProfileDir, launch, test, type ExtensionSession } from './fixtures';
import { openOptionsPage, type OptionsPage } from './page-objects/options';
import { DAY, openPopupPage, SAMPLE_ACCOUNT, type PopupPage } from './page-objects/popup';

/**
 * Backups a buyer can trust, in the real extension: what the popup saved comes back whole in a fresh
 * browser profile, a damaged entry is named and the rest restored, and a "Code created" date that
 * cannot be true is refused before anything is stored.
 */

async function popupOf(extension: { context: ExtensionSession['context']; extensionId: string }): Promise<PopupPage> {
  return openPopupPage(await extension.context.newPage(), extension.extensionId);
}

async function optionsOf(extension: { context: ExtensionSession['context']; extensionId: string }): Promise<OptionsPage> {
  return openOptionsPage(await extension.context.newPage(), extension.extensionId);
}

type StoredWithNotes = Awaited<ReturnType<PopupPage['storedCodes']>>[number] & { notes: string };

test('a code with a 10,000-character note, backed up on the settings page, restores whole into a fresh profile', async ({ extension }) => {
  const popup = await popupOf(extension);
  // A long creator brief, with the characters that break files: quotes, commas, line breaks, a formula.
  const brief = `=SUM(A1) "brief", line one\n${'Deliverables, tone, dates; '.repeat(400)}`.slice(0, 10_000);
  await popup.fill({
    handle: '@mia.creates',
    postUrl: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
    code: '#MiaCreatesCodeBBBBBBBBBBBB=',
    adAccount: SAMPLE_ACCOUNT,
    validity: '30 days',
    createdAt: Date.now() - DAY,
  });
  const notes = popup.page.getByLabel('Notes');
  await notes.fill(brief);
  // The limit is in sight while typing, and the field stops there.
  await expect(popup.page.getByText('10,000 / 10,000 characters')).toBeVisible();
  await notes.press('End');
  await notes.press('x');
  expect((await notes.inputValue()).length).toBe(10_000);
  await popup.saveButton.click();
  await expect(popup.item('mia.creates')).toHaveCount(1);
  await expect(popup.alert).toHaveCount(0);

  const options = await optionsOf(extension);
  const backup = await options.download('Download backup');

  const profile = freshProfileDir();
  const fresh = await launch(profile);
  try {
    const freshOptions = await optionsOf(fresh);
    await freshOptions.importFile(backup.name, backup.text, 'application/json');
    await expect(freshOptions.status('Import')).toHaveText('Imported 1 code.');
    const freshPopup = await popupOf(fresh);
    const [restored] = (await freshPopup.storedCodes()) as StoredWithNotes[];
    const [original] = (await popup.storedCodes()) as StoredWithNotes[];
    expect(restored).toEqual(original);
    expect(restored!.notes).toBe(brief);
    await expect(freshPopup.item('mia.creates')).toContainText('Deliverables, tone, dates;');
  } finally {
    await fresh.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

/** A backup entry as Spark Guard writes it (format version 1). */
function entry(handle: string, post: string, code: string, createdAt: number) {
  return {
    id: `id-${handle}`,
    handle,
    postUrl: `https://www.tiktok.com/@${handle}/video/${post}`,
    postId: post,
    code,
    adAccountId: SAMPLE_ACCOUNT,
    validity: { kind: 'days', days: 30 },
    createdAt,
    expiresAt: createdAt + 30 * DAY,
    notes: '',
    status: 'live',
    renews: null,
    replacedBy: null,
    savedAt: createdAt,
    updatedAt: createdAt,
    reminders: {},
    shown: {},
  };
}

test('a backup with one damaged entry restores the others and names the damaged one by number and creator', async ({ extension }) => {
  const now = Date.now();
  const leo = entry('leo.cooks', '7301234567890000001', '#Le0C0deF0rTheP0st==', now - 2 * DAY);
  // Hand-edited: a note longer than Spark Guard keeps.
  const backup = {
    format: 'spark-guard-backup',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    codes: [
      entry('mia.creates', '7301234567890123456', '#M1aC0deF0rTheP0st==', now - 3 * DAY),
      { ...leo, notes: 'n'.repeat(12_000) },
      entry('ana.runs', '7301234567890000002', '#Ana5C0deF0rTheP0st==', now - DAY),
    ],
  };
  const options = await optionsOf(extension);
  await options.importFile('hand-edited-backup.json', JSON.stringify(backup, null, 2), 'application/json');

  await expect(options.status('Import')).toContainText('Imported 2 codes. 1 entry skipped:');
  await expect(options.region('Import').getByRole('list', { name: 'Skipped rows' }).getByRole('listitem')).toHaveText([
    'Entry 2 (@leo.cooks): Its “Notes” is longer than the 10,000 characters Spark Guard keeps, so it was left out. Shorten it in the file and import the file again.',
  ]);
  const popup = await popupOf(extension);
  // Soonest expiry first.
  await expect(popup.items).toHaveText([/@mia\.creates/, /@ana\.runs/]);
  expect((await popup.storedCodes()).map((c) => c.handle).sort()).toEqual(['ana.runs', 'mia.creates']);
});

test('a “Code created” in the future is refused with an alert, and nothing is stored', async ({ extension }) => {
  const popup = await popupOf(extension);
  await popup.submit({
    handle: '@mia.creates',
    postUrl: 'https://www.tiktok.com/@mia.creates/video/7301234567890123456',
    code: '#MiaCreatesCodeBBBBBBBBBBBB=',
    adAccount: SAMPLE_ACCOUNT,
    validity: '30 days',
    createdAt: Date.now() + 3 * DAY,
  });
  await expect(popup.alert).toHaveText('“Code created” is in the future. Enter when the creator made the code: now or earlier.');
  await expect(popup.createdField).toBeFocused();
  await expect(popup.items).toHaveCount(0);
  expect(await popup.storedCodes()).toEqual([]);
});
