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

test('marks that the page carries from elsewhere (an earlier run, a copied row) are taken off rows that are not "Not delivering"', async ({
  context,
  serveAdsManager,
}) => {
  const url = 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7000000000001';
  const row = (name: string, status: string, stray: boolean) =>
    `<tr data-fixture-row="${name}"${stray ? ' data-spark-guard-flag="not-delivering"' : ''}><td>${name}</td><td>${status}</td></tr>`;
  await serveAdsManager(
    url,
    `<!doctype html><html><head><title>Ad groups</title></head><body><table>
      <thead><tr><th>Ad group name</th><th>Status</th></tr></thead>
      <tbody id="rows">${row('Left over', 'Active', true)}${row('Broken', 'Not delivering', false)}${row('Fine', 'Active', false)}</tbody>
    </table></body></html>`,
  );
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await readMarks(page)).flags).toEqual(['Broken on row']);

  // A row copied from a flagged one arrives with its mark.
  await page.evaluate((html) => document.getElementById('rows')!.insertAdjacentHTML('beforeend', html), row('Copied', 'Active', true));
  await expect.poll(async () => (await readMarks(page)).flags).toEqual(['Broken on row']);
});
