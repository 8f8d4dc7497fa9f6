import type { Page } from '@playwright/test';
import { contrast, luminance, readShownTexts } from './contrast';
import { expect, test } from './fixtures';
import { openCreationWithGuard, openListWithBadges } from './overlay-pages';
import { fixtureHtml } from './overlay-marks';
import { fixtureUrl } from '../fixtures/ads-manager/expected';

/**
 * How the overlay looks on someone else's page: the checklist, the launch guard's dialog and the row
 * badges keep their own type, colours and boxes whatever the page's CSS says, even with `!important`,
 * and take the page's own light or dark look (not the system's), with readable text in both.
 */

/** Page CSS at its worst: every element restyled, with `!important`. */
const HOSTILE_CSS = `<style>
  * { color: #00ff00 !important; background: #ff00ff !important; font: italic 29px/3 serif !important;
      letter-spacing: 3px !important; text-transform: uppercase !important; text-align: right !important;
      margin: 17px !important; padding: 13px !important; border: 3px dashed #ff0000 !important;
      box-shadow: 0 0 0 9px #0000ff !important; opacity: 0.4 !important; }
</style>`;

/** The look of every element the overlay draws (inside its hosts' shadow roots), and of the hosts' own boxes. */
interface Look {
  hosts: string[];
  parts: string[];
}

function readLook(page: Page): Promise<Look> {
  return page.evaluate(() => {
    const hosts = Array.from(document.querySelectorAll<HTMLElement>('[data-spark-guard-host]'));
    const box = (st: CSSStyleDeclaration) =>
      ['margin', 'padding', 'border-top-width', 'border-left-width', 'box-shadow', 'opacity', 'background-color']
        .map((p) => `${p}=${st.getPropertyValue(p)}`)
        .join(' ');
    const parts: string[] = [];
    for (const host of hosts) {
      for (const el of Array.from(host.shadowRoot!.querySelectorAll<HTMLElement>('*'))) {
        if (el.localName === 'style') continue;
        const st = getComputedStyle(el);
        const props = ['font-size', 'font-style', 'font-family', 'line-height', 'letter-spacing', 'text-transform', 'color', 'background-color', 'opacity'];
        parts.push(`${host.dataset.sparkGuardHost} ${el.localName}.${el.className}: ${props.map((p) => `${p}=${st.getPropertyValue(p)}`).join(' ')}`);
      }
    }
    return { hosts: hosts.map((h) => `${h.dataset.sparkGuardHost}: ${box(getComputedStyle(h))}`), parts };
  });
}

test("the page's CSS, even with !important, changes nothing the overlay draws", async ({ context, serveAdsManager }) => {
  for (const open of [openCreationWithGuard, openListWithBadges]) {
    const plain = await open(context, serveAdsManager, '');
    const before = await readLook(plain);
    await plain.close();
    const hostile = await open(context, serveAdsManager, HOSTILE_CSS);
    const after = await readLook(hostile);
    expect(after.parts.length).toBeGreaterThan(5);
    // Type, colours and the hosts' own boxes (margins, borders, backgrounds) all as on a plain page.
    expect(after).toEqual(before);
    await hostile.close();
  }
});

/** The overlay's main surfaces on the page: the checklist panel, the guard's dialog, an open badge card. */
function readSurfaces(page: Page): Promise<{ where: string; background: string }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-spark-guard-host]')).flatMap((host) =>
      Array.from(host.shadowRoot!.querySelectorAll<HTMLElement>('.panel, .dialog, .card'))
        .filter((el) => el.checkVisibility())
        .map((el) => ({ where: `${host.dataset.sparkGuardHost} .${el.className}`, background: getComputedStyle(el).backgroundColor })),
    ),
  );
}

/** A page that paints itself dark (Ads Manager is light today; a dark Ads Manager must get a dark overlay). */
const DARK_PAGE_CSS = '<style>html, body { background: #15161a; color: #e6e6ea; }</style>';

async function expectLook(page: Page, look: 'light' | 'dark', what: string): Promise<void> {
  const texts = await readShownTexts(page, '[data-spark-guard-host]');
  expect(texts.length, what).toBeGreaterThanOrEqual(5);
  for (const t of texts) {
    expect(contrast(t.color, t.background), `${what} ${t.where}: ${t.color} on ${t.background}`).toBeGreaterThanOrEqual(4.5);
  }
  const surfaces = await readSurfaces(page);
  expect(surfaces.length, what).toBeGreaterThan(0);
  for (const surface of surfaces) {
    if (look === 'dark') expect(luminance(surface.background), `${what} ${surface.where}`).toBeLessThan(0.05);
    else expect(luminance(surface.background), `${what} ${surface.where}`).toBeGreaterThan(0.8);
  }
}

for (const pageLook of ['light', 'dark'] as const) {
  test(`on a ${pageLook} Ads Manager page the overlay is ${pageLook}, whether the system is light or dark, with readable text`, async ({
    context,
    serveAdsManager,
  }) => {
    for (const open of [openCreationWithGuard, openListWithBadges]) {
      for (const system of ['dark', 'light'] as const) {
        const shown = await open(context, serveAdsManager, pageLook === 'dark' ? DARK_PAGE_CSS : '');
        // The system's theme switches while the page is open: the page keeps its look, and so does the overlay.
        await shown.emulateMedia({ colorScheme: system });
        // Badge cards open on hover; one is opened so its text is checked too.
        if (open === openListWithBadges) await shown.locator('[data-spark-guard-host="not-delivering-badge"] button.pill').first().click();
        await expectLook(shown, pageLook, `${pageLook} page, ${system} system:`);
        await shown.close();
      }
    }
  });
}

test('when the page switches its own look, the overlay follows', async ({ context, serveAdsManager }) => {
  const shown = await openCreationWithGuard(context, serveAdsManager, '<style>html.theme-dark, html.theme-dark body { background: #15161a; color: #e6e6ea; }</style>');
  await shown.emulateMedia({ colorScheme: 'light' });
  await expectLook(shown, 'light', 'before the switch:');
  await shown.evaluate(() => document.documentElement.classList.add('theme-dark'));
  await expect.poll(async () => (await readSurfaces(shown)).map((s) => luminance(s.background) < 0.05)).toEqual([true, true]);
  await expectLook(shown, 'dark', 'after the switch:');
});

test('the checklist sits right under the mock, in its column: in a side drawer, a modal dialog, or a grid column', async ({
  context,
  serveAdsManager,
}) => {
  const list = 'https://ads.tiktok.com/i18n/manage/creative?aadvid=7012345678901';
  const create = 'https://ads.tiktok.com/i18n/creation/1nn/create/campaign?aadvid=7012345678901';
  const cases = [
    { file: 'preview-side-drawer.html', url: list },
    { file: 'preview-dialog.html', url: list },
    { file: 'preview-account-no-at.html', url: create },
    { file: 'preview-spark-pass.html', url: create },
  ];
  const page = await context.newPage();
  for (const { file, url } of cases) {
    await serveAdsManager(url, fixtureHtml(fixtureUrl(file)));
    await page.goto(url);
    const checklist = page.locator('[data-spark-guard="preview-checklist"]');
    await expect(checklist, file).toHaveCount(1);
    await checklist.scrollIntoViewIfNeeded();
    await expect(checklist, file).toBeInViewport();
    const placement = await page.evaluate(() => {
      const host = document.querySelector('[data-spark-guard-host="preview-checklist"]')!;
      const panel = (host.shadowRoot ?? host).querySelector('[data-spark-guard="preview-checklist"]')!.getBoundingClientRect();
      // The mock: the largest picture or video on the page (the phone's poster).
      const mock = Array.from(document.querySelectorAll('img, video'))
        .map((m) => m.getBoundingClientRect())
        .sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
      // Inside a drawer or dialog: within its box.
      let box: Element | null = host.parentElement;
      while (box && !['fixed', 'absolute'].includes(getComputedStyle(box).position) && box.localName !== 'dialog') box = box.parentElement;
      const outer = box?.getBoundingClientRect();
      return {
        belowMock: panel.top >= mock.bottom - 1,
        inMockColumn: panel.left < mock.right && panel.right > mock.left,
        insideItsBox: !outer || (panel.left >= outer.left - 1 && panel.right <= outer.right + 1),
      };
    });
    expect(placement, file).toEqual({ belowMock: true, inMockColumn: true, insideItsBox: true });
  }
});
