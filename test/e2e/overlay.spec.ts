import { FIXTURES, fixtureUrl } from '../fixtures/ads-manager/expected';
import { expect, test } from './fixtures';
import { expectedMarks, fixtureHtml, onlyNamedChecks, pageStorage, readMarks } from './overlay-marks';

/**
 * The overlay's public marks on every Ads Manager fixture, live in the built extension: flags on the
 * right rows only, exactly one checklist per visible preview with the right states, following each
 * fixture's changes. The overlay never reaches the network and never touches the page's storage.
 */

const MANIFEST_CHECKS = ['handle', 'avatar', 'comments', 'identity'];

for (const spec of FIXTURES) {
  test(`marks on ${spec.file} match the manifest, through every change (${spec.varies})`, async ({
    context,
    serveAdsManager,
    expectNoOutsideRequests,
  }) => {
    await serveAdsManager(spec.url, fixtureHtml(fixtureUrl(spec.file)));
    const page = await context.newPage();
    await page.goto(spec.url);
    await page.evaluate(() => (window as unknown as { __fixture: { ready: Promise<void> } }).__fixture.ready);

    const marks = async () => onlyNamedChecks(await readMarks(page), MANIFEST_CHECKS);
    await expect.poll(marks, { message: 'marks on the page as first loaded' }).toEqual(expectedMarks(spec.initial));

    for (const [index, after] of (spec.after ?? []).entries()) {
      await page.evaluate(() => (window as unknown as { __fixture: { next(): Promise<number> } }).__fixture.next());
      await expect.poll(marks, { message: `marks after change ${index + 1}` }).toEqual(expectedMarks(after));
    }

    expect(await pageStorage(page)).toEqual({ databases: [], local: 0, session: 0 });
    expectNoOutsideRequests();
  });
}
