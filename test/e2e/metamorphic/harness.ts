import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import fc from 'fast-check';
import { fixtureUrl, type ExpectedPage, type FixtureSpec } from '../../fixtures/ads-manager/expected';
import { fixtureHtml } from '../../fixtures/ads-manager/html';
import { comparable, differencesFromExpected, type PageReading } from './reading';
import type { Plan, TransformName, TransformReport } from './transforms';

/** The browser: CHROMIUM_PATH, else Debian's Chromium. */
export function chromiumPath(): string {
  const found = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(found)) {
    throw new Error(`No Chromium at ${found}. Install one (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return found;
}

interface InPage {
  __fixture: { ready: Promise<void>; next(): Promise<number> };
  __metamorphic: { read(): PageReading; apply(plan: Plan): TransformReport[] };
}

/**
 * One page that serves any fixture at its Ads Manager address, with the in-page bundle (readers and
 * transforms) installed before the page's own scripts run. Reused for every case of a worker.
 */
export class FixturePage {
  private current: { url: string; html: string } | null = null;

  private constructor(readonly page: Page) {}

  static async open(browser: Browser, bundle: string): Promise<FixturePage> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const fixturePage = new FixturePage(page);
    await page.addInitScript({ content: bundle });
    await page.route('**/*', (route) => {
      const current = fixturePage.current;
      return current && route.request().url() === current.url
        ? route.fulfill({ status: 200, contentType: 'text/html', body: current.html })
        : route.abort();
    });
    return fixturePage;
  }

  /** Loads `spec` afresh and applies its first `step` changes (see expected.ts). */
  async load(spec: FixtureSpec, step: number): Promise<void> {
    this.current = { url: spec.url, html: fixtureHtml(fixtureUrl(spec.file)) };
    await this.page.goto(spec.url);
    await this.page.evaluate(async (steps) => {
      const w = window as unknown as InPage;
      await w.__fixture.ready;
      for (let i = 0; i < steps; i++) await w.__fixture.next();
    }, step);
  }

  read(): Promise<PageReading> {
    return this.page.evaluate(() => (window as unknown as InPage).__metamorphic.read());
  }

  apply(plan: Plan): Promise<TransformReport[]> {
    return this.page.evaluate((p) => (window as unknown as InPage).__metamorphic.apply(p), plan);
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/** The page states of a fixture: as loaded, then after each step. */
export function statesOf(spec: FixtureSpec): readonly ExpectedPage[] {
  return [spec.initial, ...(spec.after ?? [])];
}

export interface Case extends Plan {
  /** How many of the fixture's steps run before the page is changed. */
  step: number;
}

/** Cases for one fixture: any order of any non-empty subset of `allowed`, any seed, any step. */
export function casesFor(spec: FixtureSpec, allowed: readonly TransformName[]): fc.Arbitrary<Case> {
  return fc.record({
    transforms: fc.shuffledSubarray([...allowed], { minLength: 1 }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    step: fc.integer({ min: 0, max: statesOf(spec).length - 1 }),
  });
}

/**
 * Runs one case: the page as loaded must read as expected; changed by the case's transforms it must
 * read the same, and still as expected. Throws, with both readings, when it does not.
 */
export async function runCase(fixturePage: FixturePage, spec: FixtureSpec, c: Case): Promise<void> {
  await fixturePage.load(spec, c.step);
  const expected = statesOf(spec)[c.step]!;
  const before = await fixturePage.read();
  const baseline = differencesFromExpected(before, expected);
  if (baseline.length > 0) {
    throw new Error(`${spec.file} (step ${c.step}) already reads wrong before any change:\n  ${baseline.join('\n  ')}`);
  }
  const report = await fixturePage.apply(c);
  const after = await fixturePage.read();
  const changed = differencesFromExpected(after, expected);
  if (!isDeepStrictEqual(comparable(after), comparable(before)) || changed.length > 0) {
    throw new Error(
      [
        `${spec.file} (step ${c.step}) reads differently after ${report.map((r) => `${r.name} (${r.changed} changes)`).join(', ')}:`,
        ...changed.map((d) => `  ${d}`),
        `  before: ${JSON.stringify(comparable(before))}`,
        `  after:  ${JSON.stringify(comparable(after))}`,
      ].join('\n'),
    );
  }
}

/** A fixed seed per fixture, from its file name, so two runs of `npm test` try the same cases. */
function seedOf(file: string): number {
  let hash = 2166136261;
  for (const ch of file) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  return hash | 0;
}

/**
 * fast-check's settings. `npm test` tries the same cases every run (a seed fixed per fixture), so a
 * failure is a change in the readers, never the luck of the draw. METAMORPHIC_SEED replays a printed
 * case (with METAMORPHIC_PATH), or, set to `random`, searches new cases (with METAMORPHIC_RUNS for more).
 */
export function runParameters(file: string, numRuns: number): fc.Parameters<[Case]> {
  const seed = process.env.METAMORPHIC_SEED;
  const path = process.env.METAMORPHIC_PATH;
  return {
    numRuns: Number(process.env.METAMORPHIC_RUNS ?? numRuns),
    ...(seed === 'random' ? {} : { seed: seed !== undefined ? Number(seed) : seedOf(file) }),
    ...(path !== undefined ? { path } : {}),
  };
}

/**
 * Checks the property and, on failure, throws fast-check's report (seed, path, shrunk counterexample,
 * the error) with the command that replays it.
 */
export async function checkFixture(
  fixturePage: FixturePage,
  spec: FixtureSpec,
  allowed: readonly TransformName[],
  parameters: fc.Parameters<[Case]>,
): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(casesFor(spec, allowed), (c) => runCase(fixturePage, spec, c)),
    parameters,
  );
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `${fc.defaultReportMessage(details)}\n\nWhat went wrong:\n${cause}\n\nReplay this case:\n  METAMORPHIC_SEED=${details.seed} METAMORPHIC_PATH="${details.counterexamplePath}" ` +
      `npx playwright test test/e2e/metamorphic.spec.ts --workers=1 -g "${spec.file}"`,
  );
}
