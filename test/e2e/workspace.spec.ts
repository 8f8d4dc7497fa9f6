import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, launch, freshProfileDir, test, type ExtensionSession } from './fixtures';
import { openOptionsPage } from './page-objects/options';
import { DAY, HOUR, openPopupPage, SAMPLE_ACCOUNT, type CodeEntry } from './page-objects/popup';
import { openWorkspacePage, type WorkspacePage } from './page-objects/workspace';

/**
 * The workspace in the real, built extension: creators and their readiness, posts and the organic
 * gate, the popup's warning for a post that is not a candidate, reach-out, performance flags, and
 * everything surviving a browser restart and a backup restored into a fresh profile.
 */

async function workspaceOf(extension: ExtensionSession): Promise<WorkspacePage> {
  return openWorkspacePage(await extension.context.newPage(), extension.extensionId);
}

const post = (n: number) => `73012345678901234${n}`;
const postUrl = (handle: string, n: number) => `https://www.tiktok.com/@${handle}/video/${post(n)}`;
/** The smallest real PNG: a 1×1 pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a creator’s readiness changes as the boxes are ticked; a bad screenshot is refused and changes nothing', async ({ extension, expectNoOutsideRequests }) => {
  test.setTimeout(90_000);
  const ws = await workspaceOf(extension);
  const section = ws.region('Creators');
  await expect(section).toContainText('0 creators ready (target 8–15)');

  await ws.fillCreator({ handle: '@mia.creates', region: 'United States', contact: 'mia@example.com' });
  await section.getByRole('button', { name: 'Save creator' }).click();
  await expect(ws.creator('mia.creates')).toContainText('Confirm the region');

  await ws.fillCreator({ handle: '@mia.creates', region: 'United States', regionConfirmed: true });
  await section.getByRole('button', { name: 'Save creator' }).click();
  await expect(ws.creator('mia.creates')).toContainText('Ask for a screenshot of Ad authorization: On');

  // Not a picture, then a picture over 5 MB: refused in words, nothing stored changes.
  const before = await ws.stored('creators');
  await ws.fillCreator({ handle: '@mia.creates', region: 'United States', regionConfirmed: true, toggleSeenOn: true });
  await section.getByLabel('Toggle screenshot').setInputFiles({ name: 'toggle.png', mimeType: 'image/png', buffer: Buffer.from('just some text') });
  await section.getByRole('button', { name: 'Save creator' }).click();
  await expect(ws.alert('Creators')).toHaveText(/“toggle\.png” is not a picture/);
  // From a file on disk: the browser reads it itself, as when a buyer picks it.
  const huge = path.join(mkdtempSync(path.join(os.tmpdir(), 'spark-guard-shot-')), 'huge.png');
  writeFileSync(huge, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
  await section.getByLabel('Toggle screenshot').setInputFiles(huge);
  await section.getByRole('button', { name: 'Save creator' }).click();
  await expect(ws.alert('Creators')).toHaveText(/“huge\.png” is 5\.0 MB: a screenshot can be at most 5 MB/);
  expect(await ws.stored('creators')).toEqual(before);
  await expect(ws.creator('mia.creates')).toContainText('Ask for a screenshot of Ad authorization: On');

  await section.getByLabel('Toggle screenshot').setInputFiles({ name: 'toggle.png', mimeType: 'image/png', buffer: PNG });
  await section.getByRole('button', { name: 'Save creator' }).click();
  await expect(ws.creator('mia.creates')).toContainText('Ready for Spark Ads');
  const thumbnail = ws.creator('mia.creates').getByRole('img', { name: 'Toggle screenshot of @mia.creates' });
  await expect(thumbnail).toBeVisible();
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(section).toContainText('1 creator ready (target 8–15)');
  expect(await ws.stored('creators')).toEqual([
    expect.objectContaining({ handle: 'mia.creates', regionConfirmed: true, toggleSeenOn: true, screenshot: expect.objectContaining({ blob: `image/png ${PNG.length}` }) }),
  ]);
  expectNoOutsideRequests();
});

test('three posts: wait, candidate and don’t promote, with reasons; bad numbers change nothing', async ({ extension }) => {
  const ws = await workspaceOf(extension);
  const now = Date.now();
  await ws.savePost({ url: postUrl('mia.creates', 11), postedAt: now - HOUR, views: '800', completion: '70', sentiment: 'Positive' });
  await expect(ws.post(post(11))).toContainText(/Wait until \w{3} \d\d:\d\d \(48 h of organic life\)/);
  await ws.savePost({ url: postUrl('mia.creates', 12), postedAt: now - 50 * HOUR, views: '12,300', completion: '64', sentiment: 'Positive' });
  await expect(ws.post(post(12))).toContainText('Candidate for a Spark Ad');
  await ws.savePost({ url: postUrl('leo.cooks', 13), postedAt: now - 50 * HOUR, views: '9000', completion: '52', sentiment: 'Mixed' });
  await expect(ws.post(post(13))).toContainText("Don't promote: completion 52 % is under 60 %; comments are mixed");
  // A fourth with no numbers: unknown, never a candidate.
  await ws.savePost({ url: postUrl('leo.cooks', 14), postedAt: now - 50 * HOUR });
  await expect(ws.post(post(14))).toContainText('Not judged yet: add completion at 15 s and comment sentiment');

  // A later reading decides.
  await ws.savePost({ url: postUrl('leo.cooks', 13), postedAt: now - 50 * HOUR, views: '15000', completion: '61', sentiment: 'Positive' });
  await expect(ws.post(post(13))).toContainText('Candidate for a Spark Ad');
  await expect(ws.post(post(13))).toContainText('2 readings');

  const posts = await ws.stored('posts');
  const readings = await ws.stored('readings');
  for (const bad of [
    { patch: { views: '-20' }, says: 'Views can’t be negative' },
    { patch: { completion: '140' }, says: 'Completion at 15 s is a percentage from 0 to 100' },
    { patch: { url: 'https://www.instagram.com/p/Cabc123/' }, says: 'That link is not a TikTok post' },
  ]) {
    await ws.savePost({ url: postUrl('mia.creates', 15), postedAt: now - 60 * HOUR, views: '100', completion: '70', sentiment: 'Positive', ...bad.patch });
    await expect(ws.alert('Posts')).toContainText(bad.says);
  }
  expect(await ws.stored('posts')).toEqual(posts);
  expect(await ws.stored('readings')).toEqual(readings);
});

/**
 * What the clipboard holds, pasted with the keyboard into a scratch field added for the test (extension
 * pages cannot be granted clipboard reading; a paste needs no permission).
 */
async function pasted(page: Page): Promise<string> {
  await page.evaluate(() => {
    const scratch = document.createElement('textarea');
    scratch.id = 'paste-here';
    document.body.append(scratch);
  });
  const scratch = page.locator('#paste-here');
  await scratch.focus();
  await page.keyboard.press('ControlOrMeta+V');
  const text = await scratch.inputValue();
  await scratch.evaluate((el) => el.remove());
  return text;
}

/** A 30-day code for `handle`'s post `n`, made so that it has `left` ms to go. */
function code(handle: string, n: number, left: number, secret: string): CodeEntry {
  return { handle: `@${handle}`, postUrl: postUrl(handle, n), code: secret, adAccount: SAMPLE_ACCOUNT, validity: '30 days', createdAt: Date.now() - (30 * DAY - left) };
}

test('the popup warns when a code is saved for a post that is not a candidate, and saves it', async ({ extension }) => {
  const ws = await workspaceOf(extension);
  await ws.savePost({ url: postUrl('leo.cooks', 13), postedAt: Date.now() - 50 * HOUR, completion: '52', sentiment: 'Mixed' });
  await expect(ws.post(post(13))).toContainText("Don't promote");
  await ws.savePost({ url: postUrl('mia.creates', 12), postedAt: Date.now() - 50 * HOUR, completion: '64', sentiment: 'Positive' });
  await expect(ws.post(post(12))).toContainText('Candidate for a Spark Ad');

  const popup = await openPopupPage(await extension.context.newPage(), extension.extensionId);
  await popup.save(code('leo.cooks', 13, 20 * DAY, '#LeoCooksCodeAAAAAAAAAAAA='));
  await expect(popup.status).toContainText("The organic numbers for this post don't support promoting it yet");
  await expect(popup.status).toContainText('completion 52 % is under 60 %; comments are mixed');
  expect((await popup.storedCodes()).map((c) => c.handle)).toEqual(['leo.cooks']);

  await popup.save(code('mia.creates', 12, 20 * DAY, '#MiaCreatesCodeAAAAAAAAAA='));
  await expect(popup.status).toContainText('Saved.');
  await expect(popup.status).not.toContainText("don't support promoting");
  // The creators appear in the workspace by themselves.
  await expect(ws.creator('leo.cooks')).toContainText('1 live code · next expiry');
});

test('reach-out: "Copy message" puts the message on the clipboard, "Mark asked" records when; swap time says to swap or pull', async ({ extension }) => {
  const popup = await openPopupPage(await extension.context.newPage(), extension.extensionId);
  await popup.save(code('mia.creates', 12, 2 * DAY, '#MiaCreatesCodeAAAAAAAAAA='));
  await popup.save(code('ana.runs', 16, 20 * HOUR, '#AnaRunsCodeAAAAAAAAAAAAA='));
  await popup.save(code('zoe.sings', 17, 20 * DAY, '#ZoeSingsCodeAAAAAAAAAAAA='));
  await expect(popup.item('ana.runs')).toContainText('No new code from @ana.runs: swap now or pull the ad');
  await expect(popup.item('zoe.sings').getByRole('button', { name: 'Copy message' })).toHaveCount(0);

  await popup.item('mia.creates').getByRole('button', { name: 'Copy message' }).click();
  await expect(popup.status).toContainText('Message for @mia.creates copied');
  const text = await pasted(popup.page);
  expect(text).toContain('Hi @mia.creates!');
  expect(text).toContain(postUrl('mia.creates', 12));
  expect(text).toMatch(/expires \w{3} \d+ \w{3} \d{4} at \d\d:\d\d/);
  expect(text).toContain('valid for 30 days');

  await popup.item('mia.creates').getByRole('button', { name: 'Mark asked' }).click();
  await expect(popup.item('mia.creates')).toContainText(/Asked \d\d:\d\d/);

  const ws = await workspaceOf(extension);
  const swap = ws.liveCodes.getByRole('listitem').filter({ hasText: '@ana.runs' });
  await expect(swap).toContainText('No new code from @ana.runs: swap now or pull the ad');
  await swap.getByRole('button', { name: 'Copy message' }).click();
  expect(await pasted(ws.page)).toContain('Hi @ana.runs!');
  await expect(ws.liveCodes.getByRole('listitem').filter({ hasText: '@mia.creates' })).toContainText(/Asked \d\d:\d\d/);
});

test('performance flags show in the workspace and the popup, and follow the thresholds; bad settings keep the last good ones', async ({ extension }) => {
  const popup = await openPopupPage(await extension.context.newPage(), extension.extensionId);
  await popup.save(code('mia.creates', 12, 20 * DAY, '#MiaCreatesCodeAAAAAAAAAA='));
  const label = `@mia.creates, ad account ${SAMPLE_ACCOUNT}`;
  const ws = await workspaceOf(extension);
  await ws.saveReading(label, { frequency: '1.2', completionRate: '40', sentiment: 'Positive' });
  await ws.saveReading(label, { frequency: '3.4', completionRate: '30', sentiment: 'Negative' });
  const item = ws.liveCodes.getByRole('listitem').filter({ hasText: '@mia.creates' });
  for (const flag of ['Rotate out: comments turned negative', 'Fatigue: frequency 3.4 is over 3.0', 'Completion fell 25 % since launch']) {
    await expect(item).toContainText(flag);
    await expect(popup.item('mia.creates')).toContainText(flag);
  }

  const settings = ws.region('Thresholds and message');
  await settings.getByLabel('Fatigue when an ad is seen more often than (times per person)').fill('4');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toContainText('Saved.');
  await expect(item).not.toContainText('Fatigue');
  await expect(popup.item('mia.creates')).not.toContainText('Fatigue');

  await settings.getByLabel('Organic wait before promoting (hours, 24–168)').fill('200');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('alert')).toContainText('The organic wait is a whole number of hours from 24 to 168');
  await ws.page.reload();
  await expect(ws.region('Thresholds and message').getByLabel('Organic wait before promoting (hours, 24–168)')).toHaveValue('48');
  await expect(ws.region('Thresholds and message').getByLabel('Fatigue when an ad is seen more often than (times per person)')).toHaveValue('4');
});

async function seedWorkflow(extension: ExtensionSession): Promise<void> {
  const popup = await openPopupPage(await extension.context.newPage(), extension.extensionId);
  await popup.save(code('mia.creates', 12, 2 * DAY, '#MiaCreatesCodeAAAAAAAAAA='));
  await popup.item('mia.creates').getByRole('button', { name: 'Mark asked' }).click();
  await expect(popup.item('mia.creates')).toContainText(/Asked/);
  const ws = await workspaceOf(extension);
  await ws.fillCreator({ handle: '@mia.creates', region: 'United States', regionConfirmed: true, toggleSeenOn: true });
  await ws.region('Creators').getByLabel('Toggle screenshot').setInputFiles({ name: 'toggle.png', mimeType: 'image/png', buffer: PNG });
  await ws.region('Creators').getByRole('button', { name: 'Save creator' }).click();
  await expect(ws.creator('mia.creates')).toContainText('Ready for Spark Ads');
  await ws.savePost({ url: postUrl('leo.cooks', 13), postedAt: Date.now() - 50 * HOUR, completion: '52', sentiment: 'Mixed' });
  await expect(ws.post(post(13))).toContainText("Don't promote");
  await ws.saveReading(`@mia.creates, ad account ${SAMPLE_ACCOUNT}`, { frequency: '3.4' });
}

async function expectWorkflowShown(ws: WorkspacePage): Promise<void> {
  await expect(ws.creator('mia.creates')).toContainText('Ready for Spark Ads');
  await expect(ws.creator('mia.creates').getByRole('img', { name: 'Toggle screenshot of @mia.creates' })).toBeVisible();
  await expect(ws.post(post(13))).toContainText("Don't promote: completion 52 % is under 60 %; comments are mixed");
  const item = ws.liveCodes.getByRole('listitem').filter({ hasText: '@mia.creates' });
  await expect(item).toContainText('Fatigue: frequency 3.4 is over 3.0');
  await expect(item).toContainText(/Asked/);
}

test('creators, posts, readings and reach-outs survive a browser restart and a backup restored into a fresh profile', async ({ extension }) => {
  // Three browsers one after another.
  test.setTimeout(180_000);
  await seedWorkflow(extension);
  const stored = async (ws: WorkspacePage) => ({
    creators: await ws.stored('creators'),
    posts: await ws.stored('posts'),
    readings: await ws.stored('readings'),
    reachOuts: await ws.stored('reachOuts'),
  });
  const first = await stored(await workspaceOf(extension));

  await extension.restartBrowser();
  const again = await workspaceOf(extension);
  await expectWorkflowShown(again);
  expect(await stored(again)).toEqual(first);

  const options = await openOptionsPage(await extension.context.newPage(), extension.extensionId);
  const backup = await options.download('Download backup');

  const other = await launch(freshProfileDir());
  try {
    const restoreTo = await openOptionsPage(await other.context.newPage(), other.extensionId);
    await restoreTo.importFile(backup.name, backup.text, 'application/json');
    await expect(restoreTo.status('Import')).toContainText('Imported 1 code.');
    await expect(restoreTo.status('Import')).toContainText('Restored');
    const restored = await openWorkspacePage(await other.context.newPage(), other.extensionId);
    await expectWorkflowShown(restored);
    expect(await stored(restored)).toEqual(first);
  } finally {
    await other.close();
  }
});

async function expectNoAxeViolations(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the workspace passes axe in light and dark, and works from the keyboard with a visible focus', async ({ extension }) => {
  test.setTimeout(120_000);
  await seedWorkflow(extension);
  const ws = await workspaceOf(extension);
  await expectWorkflowShown(ws);
  await expectNoAxeViolations(ws.page, 'light');
  await expectNoAxeViolations(ws.page, 'dark');
  expect(await ws.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)');

  // Keyboard only: a new creator, from the first field to the save button.
  await ws.region('Creators').getByLabel('Creator handle').focus();
  await ws.page.keyboard.type('@ana.runs');
  await ws.page.keyboard.press('Tab');
  await ws.page.keyboard.type('Canada');
  await ws.page.keyboard.press('Tab');
  await ws.page.keyboard.press('Tab');
  await ws.page.keyboard.press('Space');
  await expect(ws.region('Creators').getByLabel('Region confirmed for Spark Ads')).toBeChecked();
  const outline = await ws.page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  expect(outline).toBe('solid 3px');
  // Enter in a text field submits the form.
  await ws.page.keyboard.press('Shift+Tab');
  await ws.page.keyboard.press('Enter');
  await expect(ws.creator('ana.runs')).toContainText('Ask for a screenshot of Ad authorization: On');
});
