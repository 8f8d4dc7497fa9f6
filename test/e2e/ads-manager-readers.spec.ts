import { existsSync } from 'node:fs';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { FIXTURES, fixtureUrl, type ExpectedPage } from '../fixtures/ads-manager/expected';
import { fixtureHtml } from '../fixtures/ads-manager/html';
import { ROOT } from './paths';

/**
 * The Ads Manager readers in real Chromium, where layout exists (client rects, checkVisibility, shadow
 * stylesheets): every fixture is served at its Ads Manager URL, the readers run in the page, and what
 * they read must match expected.ts, as in the jsdom unit tests.
 */

const READERS = buildSync({
  stdin: {
    contents: `
      import { findPreviews, readPreview } from './lib/ads-manager/read-preview';
      import { findStatusLists } from './lib/ads-manager/read-status-list';
      window.__readers = {
        lists: () => findStatusLists(document).map((l) => ({
          layout: l.layout, problem: l.problem,
          rows: l.rows.map((r) => ({ name: r.name, status: r.status, reason: r.reason, notDelivering: r.notDelivering })),
        })),
        previews: () => findPreviews(document).map((el) => {
          const r = readPreview(el);
          return { rendered: r.rendered, handle: r.handle, displayName: r.displayName, avatar: r.avatar, comments: r.comments, identity: r.identity.kind, postId: r.postId };
        }),
      };`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'iife',
  target: 'chrome120',
}).outputFiles[0]!.text;

/** The browser: CHROMIUM_PATH, else Debian's Chromium. */
function chromiumPath(): string {
  const found = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(found)) {
    throw new Error(`No Chromium at ${found}. Install one (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return found;
}

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
test.afterAll(async () => {
  await browser.close();
});

type ReadLists = { layout: string; problem: string | null; rows: { name: string | null; reason: string | null; notDelivering: boolean }[] }[];

async function check(page: Page, expected: ExpectedPage, label: string): Promise<void> {
  const lists = (await page.evaluate(() => (window as unknown as { __readers: { lists(): unknown } }).__readers.lists())) as ReadLists;
  expect(lists.map((l) => ({ layout: l.layout, rows: l.rows.length, problem: l.problem })), label).toEqual(expected.lists);
  const flagged = lists.flatMap((l) => l.rows.filter((r) => r.notDelivering).map((r) => r.name)).sort();
  expect(flagged, label).toEqual([...expected.flagged].sort());
  const rows = new Map(lists.flatMap((l) => l.rows).map((r) => [r.name, r] as const));
  for (const [name, reason] of Object.entries(expected.reasons ?? {})) expect(rows.get(name)?.reason, `${label}: ${name}`).toBe(reason);
  const previews = (await page.evaluate(() => (window as unknown as { __readers: { previews(): unknown } }).__readers.previews())) as Record<string, unknown>[];
  expect(previews.length, `${label}: previews`).toBe(expected.previews.length);
  previews.forEach((read, i) => {
    const want = expected.previews[i]!.reading;
    const picked = Object.fromEntries(Object.keys(want).map((k) => [k, read[k]]));
    expect(picked, label).toEqual(want);
  });
}

for (const spec of FIXTURES) {
  test(`readers read ${spec.file} in Chromium as expected`, async () => {
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url() === spec.url
        ? route.fulfill({ status: 200, contentType: 'text/html', body: fixtureHtml(fixtureUrl(spec.file)) })
        : route.abort(),
    );
    await page.goto(spec.url);
    await page.evaluate(() => (window as unknown as { __fixture: { ready: Promise<void> } }).__fixture.ready);
    await page.addScriptTag({ content: READERS });
    await check(page, spec.initial, `${spec.file} initially`);
    for (const [i, expected] of (spec.after ?? []).entries()) {
      await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
      await check(page, expected, `${spec.file} after step ${i + 1}`);
    }
    await page.close();
  });
}

