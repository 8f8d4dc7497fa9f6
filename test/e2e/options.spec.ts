import Papa from 'papaparse';
import type { Page, Worker } from '@playwright/test';
import { expect, test, type ExtensionSession } from './fixtures';
import { openOptionsPage, type OptionsPage } from './page-objects/options';
import { DAY, HOUR, openPopupPage, type PopupPage, type StoredCode } from './page-objects/popup';

/**
 * The settings page in the real, built extension: reminder times that move codes between stages in
 * the popup and on the badge, imports that go through the background with a per-row report, broken
 * files that change nothing, and downloads that read back.
 */

const ACCOUNT = '7012345678901234567';

async function popupOf(extension: ExtensionSession): Promise<PopupPage> {
  return openPopupPage(await extension.context.newPage(), extension.extensionId);
}

async function optionsOf(extension: ExtensionSession): Promise<OptionsPage> {
  return openOptionsPage(await extension.context.newPage(), extension.extensionId);
}

/** A code for `handle` made so that it expires `left` ms from now (30-day validity). */
function expiringIn(handle: string, post: string, code: string, left: number) {
  return {
    handle: `@${handle}`,
    postUrl: `https://www.tiktok.com/@${handle}/video/${post}`,
    code,
    adAccount: ACCOUNT,
    validity: '30 days' as const,
    createdAt: Date.now() - (30 * DAY - left),
  };
}

const badgeText = (sw: Worker) => sw.evaluate(() => chrome.action.getBadgeText({}));

/** The stored records, by id, so two reads compare whatever order IndexedDB returns them in. */
async function storedById(popup: PopupPage): Promise<StoredCode[]> {
  return (await popup.storedCodes()).sort((a, b) => (a.id < b.id ? -1 : 1));
}

const iso = (at: number) => new Date(at).toISOString();

test('the popup’s Settings link opens the settings page with the default reminder times', async ({ extension }) => {
  const popup = await popupOf(extension);
  const [page] = await Promise.all([
    extension.context.waitForEvent('page', (p: Page) => p.url().endsWith('/options.html')),
    popup.page.getByRole('link', { name: 'Settings' }).click(),
  ]);
  await expect(page.getByRole('heading', { name: 'Spark Guard settings' })).toBeVisible();
  await expect(page.getByLabel('Reach out before expiry (hours)')).toHaveValue('72');
  await expect(page.getByLabel('Swap before expiry (hours)')).toHaveValue('24');
});

test('new reminder times move a code to another stage in the popup and on the badge; a bad pair is refused', async ({
  extension,
  serviceWorker,
  expectNoOutsideRequests,
}) => {
  const popup = await popupOf(extension);
  // 60 hours left: "reach out" at the default 72 hours.
  const item = await popup.save(expiringIn('leo.cooks', '7301234567890123457', '#R34chOutC0de1234567890=', 60 * HOUR));
  await expect(item).toContainText('Reach out to @leo.cooks for a new code');
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');

  const options = await optionsOf(extension);
  await expect(options.reachOutField).toHaveValue('72');
  await options.setReminderTimes('48', '12');
  await expect(options.status('Reminders')).toHaveText(
    'Saved. Codes now move to “Reach out” 48 hours and to “Swap now” 12 hours before they expire.',
  );
  // The popup, open in its own tab, follows at once: 60 hours left is no longer "reach out".
  await expect(item).toContainText('No action needed yet');
  await expect.poll(() => badgeText(serviceWorker)).toBe('');

  // Keyboard only: type into the field and press Enter.
  await options.swapField.focus();
  await options.page.keyboard.press('ControlOrMeta+a');
  await options.page.keyboard.type('70');
  await options.page.keyboard.press('Enter');
  await expect(options.alert('Reminders')).toContainText('The swap reminder must come after the reach-out reminder');
  await expect(options.alert('Reminders')).toContainText('you chose reach out 48 h and swap 70 h before expiry');
  await expect(options.swapField).toHaveAttribute('aria-invalid', 'true');
  // Nothing changed: the stored times stay, and so does the stage.
  await options.page.reload();
  await expect(options.reachOutField).toHaveValue('48');
  await expect(options.swapField).toHaveValue('12');
  await expect(item).toContainText('No action needed yet');

  await options.setReminderTimes('96', '72');
  await expect(options.status('Reminders')).toContainText('Saved.');
  // 60 hours left is now inside the swap time.
  await expect(item).toContainText('No new code from @leo.cooks: swap now or pull the ad');
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');
  expectNoOutsideRequests();
});

test('importing a CSV with a bad row reports it by row, and the good codes appear in the popup', async ({ extension, serviceWorker }) => {
  const popup = await popupOf(extension);
  const options = await optionsOf(extension);
  const csv = [
    'Creator,Post URL,Ad account,Code,Valid for,Created,Notes',
    `mia.creates,https://www.tiktok.com/@mia.creates/video/7301234567890123456,${ACCOUNT},#M1aC0deF0rTheP0st==,30 days,${iso(Date.now() - 2 * DAY)},"Fee paid, 2 posts"`,
    `leo.cooks,https://www.tiktok.com/@leo.cooks/video/7301234567890000001,${ACCOUNT},4829137,30 days,${iso(Date.now() - DAY)},`,
    `ana.runs,https://www.tiktok.com/@ana.runs/video/7301234567890000002,${ACCOUNT},#Ana5C0deF0rTheP0st==,7 days,${iso(Date.now() - 5 * DAY)},`,
  ].join('\r\n');
  await options.importFile('codes.csv', csv);

  await expect(options.status('Import')).toContainText('Imported 2 codes. 1 row skipped:');
  await expect(options.region('Import').getByRole('list', { name: 'Skipped rows' }).getByRole('listitem')).toHaveText([
    /^Row 3 \(@leo\.cooks\): That number has 7 digits, not 6\./,
  ]);
  await expect(options.alert('Import')).toHaveCount(0);

  await expect(popup.items).toHaveText([/@ana\.runs/, /@mia\.creates/]);
  await expect(popup.item('ana.runs')).toContainText('Reach out to @ana.runs for a new code');
  await expect(popup.item('mia.creates')).toContainText('Fee paid, 2 posts');
  expect((await popup.storedCodes()).map((c) => c.handle).sort()).toEqual(['ana.runs', 'mia.creates']);
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');

  // The same file again: nothing new, and said without alarm.
  await options.importFile('codes.csv', csv);
  await expect(options.status('Import')).toContainText('Nothing was imported. 2 codes were already in your ledger and stayed as they were. 1 row skipped:');
  expect(await popup.storedCodes()).toHaveLength(2);
});

test('importing many codes that need action at once brings one digest, not a pop-up per code', async ({ extension, serviceWorker }) => {
  const options = await optionsOf(extension);
  const handles = ['ana.runs', 'bo.bakes', 'kai.draws', 'leo.cooks', 'mia.creates'];
  const csv = [
    'Creator,Post URL,Ad account,Code,Valid for,Created,Notes',
    ...handles.map(
      (handle, i) =>
        `${handle},https://www.tiktok.com/@${handle}/video/730123456789000000${i},${ACCOUNT},#Expired${i}C0deF0rTheP0st==,30 days,${iso(Date.now() - 31 * DAY)},`,
    ),
  ].join('\r\n');
  await options.importFile('old-codes.csv', csv);
  await expect(options.status('Import')).toContainText('Imported 5 codes.');

  const shown = () => serviceWorker.evaluate(() => chrome.notifications.getAll().then(Object.keys));
  await expect.poll(shown).toHaveLength(1);
  const [id] = await shown();
  expect(id).toMatch(/^digest:/);
  expect(id!.slice('digest:'.length).split(',')).toHaveLength(5);
  // Said once: the buyer dismisses it, and the next code due gets its own reminder, without the five.
  await serviceWorker.evaluate((id) => chrome.notifications.clear(id), id!);
  const popup = await popupOf(extension);
  await popup.save(expiringIn('zoe.sings', '7301234567890999999', '#LaterC0deF0rTheP0st==', 48 * HOUR));
  const zoe = (await popup.storedCodes()).find((c) => c.handle === 'zoe.sings');
  await expect.poll(shown).toEqual([`${zoe!.id}:reachOut`]);
});

test('a broken file is refused with a clear message and leaves the ledger untouched', async ({ extension }) => {
  const popup = await popupOf(extension);
  await popup.save(expiringIn('mia.creates', '7301234567890123456', '#M1aC0deF0rTheP0st==', 10 * DAY));
  const before = await storedById(popup);
  const options = await optionsOf(extension);

  await options.importFile('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'image/png');
  await expect(options.alert('Import')).toHaveText(/^“photo\.png” is not a text file\..*Nothing was changed\.$/);

  await options.importFile('contacts.csv', 'Name,Email\r\nMia,mia@example.org\r\n');
  await expect(options.alert('Import')).toContainText('“contacts.csv” is not a CSV of codes Spark Guard can read');

  await options.importFile('backup.json', '{"format": "spark-guard-backup", "version": 1, "codes": [', 'application/json');
  await expect(options.alert('Import')).toHaveText('“backup.json” is damaged: it is not complete JSON, so it cannot be a whole backup. Nothing was changed.');

  await options.importFile('empty.csv', '');
  await expect(options.alert('Import')).toHaveText('“empty.csv” is empty. Nothing was changed.');

  expect(await storedById(popup)).toEqual(before);
  await expect(popup.items).toHaveCount(1);
});

test('the backup, CSV and calendar downloads read back; the backup restores a deleted code and nothing else', async ({
  extension,
  expectNoOutsideRequests,
}) => {
  const popup = await popupOf(extension);
  await popup.save(expiringIn('mia.creates', '7301234567890123456', '#M1aC0deF0rTheP0st==', 10 * DAY));
  await popup.save(expiringIn('leo.cooks', '7301234567890000001', '#Le0C0deF0rTheP0st==', 60 * HOUR));
  // Its reach-out reminder goes out at once; read the ledger once that is recorded as shown.
  await expect(popup.item('leo.cooks').getByText(/^Reminder sent/)).toHaveCount(1);
  const stored = await storedById(popup);
  const options = await optionsOf(extension);
  await expect(options.region('Back up and export')).toContainText('Your ledger holds 2 codes: 2 live');

  const backup = await options.download('Download backup');
  expect(backup.name).toMatch(/^spark-guard-backup-\d{4}-\d\d-\d\d\.json$/);
  const parsed = JSON.parse(backup.text);
  expect(parsed).toMatchObject({ format: 'spark-guard-backup', version: 2 });
  expect([...parsed.codes].sort((a: StoredCode, b: StoredCode) => (a.id < b.id ? -1 : 1))).toEqual(stored);
  await expect(options.status('Back up and export')).toContainText(`Downloaded ${backup.name} with 2 codes`);

  const csv = await options.download('Download CSV');
  expect(csv.name).toMatch(/^spark-guard-codes-\d{4}-\d\d-\d\d\.csv$/);
  const rows = Papa.parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  expect(rows.map((r) => [r.Creator, r.Code, r['Ad account'], r.Stage]).sort()).toEqual([
    ['leo.cooks', '#Le0C0deF0rTheP0st==', ACCOUNT, 'Reach out'],
    ['mia.creates', '#M1aC0deF0rTheP0st==', ACCOUNT, 'Active'],
  ]);
  for (const row of rows) {
    const code = stored.find((c) => c.code === row.Code)!;
    expect(row.Expires).toBe(iso(code.expiresAt));
  }

  const ics = await options.download('Add reminders to calendar (.ics)');
  expect(ics.name).toMatch(/^spark-guard-reminders-\d{4}-\d\d-\d\d\.ics$/);
  // mia: reach out, swap and expiry ahead; leo: reach-out time passed, swap and expiry ahead.
  expect(ics.text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(5);
  expect(ics.text.match(/^BEGIN:VALARM\r$/gm)).toHaveLength(5);
  expect(ics.text).not.toContain('#M1aC0de');

  // Delete one code, then import the backup: it comes back as it was, and the other stays as it is.
  await popup.item('leo.cooks').getByRole('button', { name: 'Delete code for @leo.cooks' }).click();
  await expect(popup.items).toHaveCount(1);
  await options.importFile(backup.name, backup.text, 'application/json');
  await expect(options.status('Import')).toHaveText('Imported 1 code. 1 code was already in your ledger and stayed as it was.');
  await expect(popup.items).toHaveCount(2);
  expect(await storedById(popup)).toEqual(stored);

  // The CSV, imported again, holds nothing new either.
  await options.importFile(csv.name, csv.text);
  await expect(options.status('Import')).toHaveText('Nothing new to import. All 2 codes in this file are already in your ledger.');
  expectNoOutsideRequests();
});
