import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  assertDemoProfile,
  createDemoProfile,
  DEMO_PAGES,
  demoPageHtml,
  seedDemoLedger,
  serveDemoPages,
} from '../../scripts/demo.mjs';
import { expect, freshProfileDir, launch, test, type ExtensionBrowser } from './fixtures';
import { readMarks } from './overlay-marks';
import { OUT_DIR, ROOT } from './paths';
import { openPopupPage } from './page-objects/popup';

/**
 * The demo `npm start` offers: its pages read exactly as the fixture pages the tests route, it lives
 * only in the profile it made, and with no display `npm start` saves a screenshot of every screen.
 */

async function marksOf(browser: ExtensionBrowser, url: string): Promise<{ page: Page; marks: Awaited<ReturnType<typeof readMarks>> }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  // Settled: the overlay has drawn what it will draw (flags or a checklist with a verdict).
  await expect
    .poll(async () => {
      const marks = await readMarks(page);
      return marks.flags.length > 0 || marks.checklists.some((c) => c.verdict !== 'unknown');
    })
    .toBe(true);
  await page.waitForTimeout(300);
  return { page, marks: await readMarks(page) };
}

test('the demo pages show the checklist, the guard and the flags exactly as the same pages routed in a test', async () => {
  // Six pages and an import in one browser.
  test.setTimeout(120_000);
  const profile = createDemoProfile();
  const browser = await launch(profile);
  try {
    await serveDemoPages(browser.context, profile);
    expect(await seedDemoLedger(browser.context, browser.extensionId, profile)).toBe('Imported 6 codes.');

    const cases = [
      { page: DEMO_PAGES.list, flags: ['Broad – US on row', 'Spring promo @jon_eats on row', 'UGC mia.creates 9:16 on row'], verdicts: [] },
      { page: DEMO_PAGES.passingPreview, flags: [], verdicts: ['pass'] },
      { page: DEMO_PAGES.failingPreview, flags: [], verdicts: ['fail'] },
    ];
    for (const { page: demoPage, flags, verdicts } of cases) {
      // The same fixture, routed the way every overlay test routes it, at another address of the same account.
      const routedUrl = `${demoPage.url}&routed=test`;
      await browser.serveAdsManager(routedUrl, demoPageHtml(demoPage.file));

      const demo = await marksOf(browser, demoPage.url);
      const routed = await marksOf(browser, routedUrl);
      expect(demo.marks, demoPage.file).toEqual(routed.marks);
      expect(demo.marks.flags).toEqual(flags);
      expect(demo.marks.strays).toEqual([]);
      expect(demo.marks.checklists.map((c) => c.verdict)).toEqual(verdicts);

      if (demoPage === DEMO_PAGES.failingPreview) {
        for (const page of [demo.page, routed.page]) {
          await page.getByRole('button', { name: 'Publish', exact: true }).click();
          await expect(page.getByRole('dialog', { name: 'This Spark Ad is not ready to launch' })).toBeVisible();
          expect(await page.evaluate(() => (window as unknown as { __published: number }).__published)).toBe(0);
        }
      }
    }
    // The demo pages are served inside this browser: nothing went out for them.
    expect(browser.outsideRequests).toEqual([]);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the demo refuses every profile it did not make', () => {
  const normal = freshProfileDir();
  // Named like a demo profile, but without the marker the demo leaves; and one whose marker names another folder.
  const lookalike = mkdtempSync(path.join(os.tmpdir(), 'spark-guard-demo-'));
  const copied = mkdtempSync(path.join(os.tmpdir(), 'spark-guard-demo-'));
  const real = createDemoProfile();
  writeFileSync(path.join(copied, '.spark-guard-demo-profile'), real);
  // A demo-looking folder outside the temp folder, as a buyer's own profile would be.
  const home = path.join(ROOT, 'test-results', 'spark-guard-demo-home');
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(home, '.spark-guard-demo-profile'), home);
  try {
    for (const dir of [normal, lookalike, copied, home]) {
      expect(() => assertDemoProfile(dir), dir).toThrow(/Refusing to run the demo/);
    }
    expect(() => assertDemoProfile(real)).not.toThrow();
  } finally {
    for (const dir of [normal, lookalike, copied, real, home]) rmSync(dir, { recursive: true, force: true });
  }
});

test('a normal launch has no demo data: the demo will not seed it, and the demo pages are not served there', async ({
  extension,
  context,
  profileDir,
}) => {
  await expect(seedDemoLedger(context, extension.extensionId, profileDir)).rejects.toThrow(/Refusing to run the demo/);
  await expect(serveDemoPages(context, profileDir)).rejects.toThrow(/Refusing to run the demo/);

  const popup = await openPopupPage(await context.newPage(), extension.extensionId);
  await expect(popup.items).toHaveCount(0);
  expect(await popup.storedCodes()).toEqual([]);

  // The demo's address goes nowhere: the test's guard blocks it, as it blocks any page it was not given.
  const page = await context.newPage();
  await expect(page.goto(DEMO_PAGES.list.url)).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
  expect(extension.outsideRequests.map((r) => r.url)).toEqual([DEMO_PAGES.list.url]);
});

/** Width and height from a PNG's header. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('with no display, npm start runs the demo headless, saves every screen and exits 0', async () => {
  test.setTimeout(180_000);
  const out = mkdtempSync(path.join(os.tmpdir(), 'spark-guard-demo-output-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The e2e build of this run, so the test does not build again.
    SPARK_GUARD_OUT: OUT_DIR,
    SPARK_GUARD_NO_BUILD: '1',
    SPARK_GUARD_DEMO_OUTPUT: out,
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile('npm', ['start'], { cwd: ROOT, env, timeout: 150_000 }, (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
    expect(code, `npm start failed:\n${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toContain('No display found');

    const names = ['popup', 'popup-dark', 'list', 'preview-pass', 'preview-fail-guard', 'settings'];
    for (const name of names) {
      const file = path.join(out, `${name}.png`);
      expect(stdout).toContain(file);
      expect(pngSize(file).width).toBeGreaterThan(300);
    }
    // The popup's picture is the popup at its toolbar size, with the demo's codes, the most urgent first.
    expect(pngSize(path.join(out, 'popup.png'))).toEqual({ width: 380, height: 600 });
    const summary = JSON.parse(readFileSync(path.join(out, 'demo.json'), 'utf8')) as {
      popup: { url: string; title: string; heading: string; codes: number; firstCode: string };
    };
    expect(summary.popup).toMatchObject({ title: 'Spark Guard', heading: 'Spark Guard', codes: 5 });
    expect(summary.popup.url).toMatch(/^chrome-extension:\/\/[a-p]{32}\/popup\.html$/);
    expect(summary.popup.firstCode).toMatch(/^Expired\s+@jon_eats/);
    expect(stdout).toContain('Popup checked: "Spark Guard", 5 codes');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
