import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  FIXTURES,
  type CheckState,
  type ExpectedPage,
  type ExpectedPreview,
} from '../../test/fixtures/ads-manager/expected';
import { loadFixture, throughEveryStep } from '../../test/fixtures/ads-manager/load';
import { findPreviews, parseCount, PREVIEW_PROBLEMS, readIdentity, readPreview } from './read-preview';
import type { PreviewReading } from './types';
import { evaluateChecklist } from '../domain/preview-check';
import { DEFAULT_REMINDER_SETTINGS } from '../domain/expiry';

// Every fixture: list pages must show no preview at all.
const PREVIEW_FIXTURES = FIXTURES;

/** The check states the overlay marks for a reading with an empty ledger (PAGE_MARKS.md), as the product derives them. */
function marksOf(r: PreviewReading): ExpectedPreview['marks'] {
  const list = evaluateChecklist(r, null, Date.UTC(2026, 0, 1), DEFAULT_REMINDER_SETTINGS);
  const state = (name: 'handle' | 'avatar' | 'comments'): CheckState => list.checks.find((c) => c.name === name)!.state;
  const identity = list.checks.find((c) => c.name === 'identity');
  return {
    verdict: list.verdict,
    checks: { handle: state('handle'), avatar: state('avatar'), comments: state('comments'), ...(identity ? { identity: identity.state } : {}) },
  };
}

function expectPreviews(document: Document, expected: ExpectedPage, label: string): void {
  const previews = findPreviews(document);
  expect(previews, `${label}: number of visible previews`).toHaveLength(expected.previews.length);
  previews.forEach((el, i) => {
    const want = expected.previews[i]!;
    const reading = readPreview(el);
    const essentials = {
      rendered: reading.rendered,
      handle: reading.handle,
      avatar: reading.avatar,
      comments: reading.comments,
      identity: reading.identity.kind,
      ...('displayName' in want.reading ? { displayName: reading.displayName } : {}),
      ...('postId' in want.reading ? { postId: reading.postId } : {}),
    };
    expect(essentials, label).toEqual(want.reading);
    expect(marksOf(reading), `${label}: marks`).toEqual(want.marks);
  });
}

describe('findPreviews and readPreview on the Ads Manager fixtures', () => {
  for (const spec of PREVIEW_FIXTURES) {
    it(`reads ${spec.file} as expected (${spec.varies})`, async () => {
      const { document, fixture } = await loadFixture(spec);
      await throughEveryStep(spec, fixture, (expected, step) =>
        expectPreviews(document, expected, step === 0 ? `${spec.file} initially` : `${spec.file} after step ${fixture.step}`),
      );
    });
  }

  it('every fixture’s expected verdict follows from its expected checks (PAGE_MARKS.md rule)', () => {
    for (const spec of FIXTURES) {
      for (const page of [spec.initial, ...(spec.after ?? [])]) {
        for (const p of page.previews) {
          const states = Object.values(p.marks.checks);
          const verdict = states.includes('fail') ? 'fail' : states.includes('unknown') ? 'unknown' : 'pass';
          expect(p.marks.verdict, spec.file).toBe(verdict);
          if (!p.reading.rendered) expect(p.marks.verdict, spec.file).not.toBe('pass');
        }
      }
    }
  });

  it('names what it could not read, in the buyer’s words', async () => {
    const placeholder = FIXTURES.find((f) => f.file === 'preview-placeholder.html')!;
    const { document } = await loadFixture(placeholder);
    const [el] = findPreviews(document);
    expect(readPreview(el!).problems).toContain(PREVIEW_PROBLEMS.notRendered);
    const spark = FIXTURES.find((f) => f.file === 'preview-spark-pass.html')!;
    const loaded = await loadFixture(spark);
    expect(readPreview(findPreviews(loaded.document)[0]!).problems).toEqual([]);
  });

  it('uses an identity passed in instead of reading the form again', async () => {
    const spec = FIXTURES.find((f) => f.file === 'preview-spark-pass.html')!;
    const { document } = await loadFixture(spec);
    const [el] = findPreviews(document);
    const reading = readPreview(el!, { identity: { kind: 'custom', label: 'Custom identity' } });
    expect(reading.identity).toEqual({ kind: 'custom', label: 'Custom identity' });
    expect(readIdentity(document)).toMatchObject({ kind: 'spark', label: 'TikTok account' });
  });

  it('reads the identity and the post id when their labels are split over inline elements', async () => {
    const spec = FIXTURES.find((f) => f.file === 'preview-comments-off.html')!;
    const { document } = await loadFixture(spec);
    const split = (el: Element, cut: number): void => {
      const text = el.textContent!;
      el.innerHTML = `<span>${text.slice(0, cut)}</span><span><span>${text.slice(cut)}</span></span>`;
    };
    split(document.querySelector('label[for="idt-3k"]')!, 3);
    const postLabel = [...document.querySelectorAll('span')].find((s) => s.textContent === 'Post ID')!;
    const postId = postLabel.nextElementSibling!.textContent;
    split(postLabel, 5);
    expect(readIdentity(document)).toMatchObject({ kind: 'spark' });
    expect(readPreview(findPreviews(document)[0]!).postId).toBe(postId);
  });

  it('reads no identity from hidden form copies', async () => {
    const spec = FIXTURES.find((f) => f.file === 'preview-hidden-stale-copy.html')!;
    const { document } = await loadFixture(spec);
    const visible = document.querySelector('.cl-layout-2x:not(.cl-keepalive-0 *)')!;
    visible.remove();
    expect(readIdentity(document)).toEqual({ kind: 'none' });
    expect(findPreviews(document)).toEqual([]);
  });
});

describe('parseCount', () => {
  it('reads counts the way Ads Manager prints them', () => {
    expect(parseCount('2,134')).toBe(2134);
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('1,2K')).toBe(1200);
    expect(parseCount('3M')).toBe(3_000_000);
    expect(parseCount('2.5m')).toBe(2_500_000);
    expect(parseCount('1B')).toBe(1_000_000_000);
    expect(parseCount('0')).toBe(0);
    expect(parseCount(' 845 ')).toBe(845);
    expect(parseCount('12 345')).toBe(12345);
    expect(parseCount('1.234.567')).toBe(1234567);
  });

  it('refuses what is not a count', () => {
    for (const text of ['', 'Comments', '-3', '1.5', '2,13', 'K', '12 comments', '1.2KK', '∞']) {
      expect(parseCount(text), text).toBeNull();
    }
  });
});

describe('odd pages', () => {
  it('never throws and reads nothing on empty, garbage or detached input', () => {
    const empty = new JSDOM('').window.document;
    expect(findPreviews(empty)).toEqual([]);
    expect(readIdentity(empty)).toEqual({ kind: 'none' });
    const garbage = new JSDOM(
      '<div aria-label="Preview"><div aria-labelledby="nope missing">x</div><h2></h2><img><img alt="avatar"><span aria-label="comments 9999999999999999999999K"></span></div><h3>Preview</h3>',
      { pretendToBeVisual: true },
    ).window.document;
    const previews = findPreviews(garbage);
    expect(previews.length).toBeGreaterThan(0);
    for (const el of previews) expect(() => readPreview(el)).not.toThrow();
    const detached = garbage.createElement('section');
    detached.setAttribute('aria-label', 'Preview');
    expect(findPreviews(detached)).toEqual([]);
    const reading = readPreview(detached);
    expect(reading.rendered).toBe(false);
    expect(reading.handle).toBeNull();
  });

  it('returns unknowns with a problem when the page breaks the reader', async () => {
    const spec = FIXTURES.find((f) => f.file === 'preview-spark-pass.html')!;
    const { document, dom } = await loadFixture(spec);
    const [el] = findPreviews(document);
    (dom.window as unknown as { Element: typeof Element }).Element.prototype.getAttribute = () => {
      throw new Error('broken page');
    };
    expect(readPreview(el!)).toEqual({
      rendered: false,
      handle: null,
      displayName: null,
      avatar: 'unknown',
      comments: { kind: 'unknown' },
      identity: { kind: 'none' },
      postId: null,
      problems: [PREVIEW_PROBLEMS.whole],
    });
    expect(findPreviews(document)).toEqual([]);
    expect(readIdentity(document)).toEqual({ kind: 'none' });
  });
});

describe('comments drawn without list markup', () => {
  /** A small preview around `comments`, with the post id shown as text beside it. */
  function previewWith(comments: string): PreviewReading {
    const { document } = new JSDOM(
      `<section aria-label="Preview"><img alt="Video cover" width="300" height="533">
        <div><img alt="Profile picture" width="44" height="44" style="border-radius:50%"></div>
        ${comments}
        <div><div>@mia.creates</div><div>Post 7303456789012345678</div></div></section>`,
      { pretendToBeVisual: true },
    ).window;
    const [el] = findPreviews(document);
    return readPreview(el!);
  }

  it('counts the comments of a "Comments" box whose items carry no role', () => {
    expect(previewWith('<div aria-label="Comments"><div>So good!!</div><div>Need this in my life</div></div>').comments).toEqual({
      kind: 'listed',
      count: 2,
    });
    expect(previewWith('<div aria-label="Comments"><div class="inner"><p>Wow</p><p>Bought 3 of these</p><p>Yes</p></div></div>').comments).toEqual({
      kind: 'listed',
      count: 3,
    });
  });

  it('never takes the post id shown next to the comments for a count', () => {
    expect(previewWith('<div aria-label="Comments"></div>').comments).toEqual({ kind: 'unknown' });
    expect(previewWith('<span aria-label="Comments"></span><span>7303456789012345678</span>').comments).toEqual({ kind: 'unknown' });
  });

  it('still reads a counter beside its icon, and a control is not a list of comments', () => {
    expect(previewWith('<span aria-label="Comments"></span><span>2,134</span>').comments).toEqual({ kind: 'count', value: 2134 });
    expect(previewWith('<div><b>2,134</b><span hidden>9</span><span aria-label="Comments"></span></div>').comments).toEqual({ kind: 'count', value: 2134 });
    expect(previewWith('<div><div><i aria-label="Comments"></i></div><b>57</b></div>').comments).toEqual({ kind: 'count', value: 57 });
    expect(previewWith('<button aria-label="Comments"><span>1.2K</span></button>').comments).toEqual({ kind: 'count', value: 1200 });
    expect(previewWith('<button aria-label="Comments"><span>View comments</span></button>').comments).toEqual({ kind: 'unknown' });
  });

  it('finds the comments however they are named: title, alt, an svg title or the words shown', () => {
    const cases: [string, number][] = [
      ['<div><i title="Comments"></i><span>2,134</span></div>', 2134],
      ['<div><img alt="comment icon" width="20" height="20"><span>57</span></div>', 57],
      ['<div><svg width="20" height="20"><title>Comments</title></svg><span>1.2K</span></div>', 1200],
      ['<div>2,134 comments</div>', 2134],
      ['<div><span>Comments</span> <b>88</b></div>', 88],
      ['<div>Comments (12)</div>', 12],
    ];
    for (const [html, value] of cases) expect(previewWith(html).comments, html).toEqual({ kind: 'count', value });
    expect(previewWith('<div><i title="Likes"></i><span>2,134</span></div>').comments).toEqual({ kind: 'unknown' });
  });
});

describe('the Spark switch where no identity field shows', () => {
  const identityOf = (body: string) => readIdentity(new JSDOM(body, { pretendToBeVisual: true }).window.document);

  it('reads the switch by its own name or by the words beside it, on and off', () => {
    expect(identityOf('<div role="switch" aria-checked="true" aria-label="Use TikTok account to deliver Spark Ads"></div>')).toMatchObject({ kind: 'spark' });
    expect(identityOf('<div><span role="switch" aria-checked="false"></span> <span>Use TikTok account to deliver Spark Ads</span></div>')).toEqual({
      kind: 'custom',
      label: 'Use TikTok account to deliver Spark Ads',
      switchedOff: true,
    });
    expect(identityOf('<label><input type="checkbox" checked style="opacity:0"> Use TikTok account to deliver <b>Spark</b> Ads</label>')).toMatchObject({ kind: 'spark' });
  });

  it('prefers the identity field, ignores hidden copies, is unknown when it cannot tell and none when there is no switch', () => {
    expect(
      identityOf('<div><span>Identity</span><div role="combobox">Custom identity</div></div><div role="switch" aria-checked="true" aria-label="Use TikTok account to deliver Spark Ads"></div>'),
    ).toMatchObject({ kind: 'custom' });
    expect(
      identityOf(
        '<div hidden><span role="switch" aria-checked="true"></span><span>Use TikTok account to deliver Spark Ads</span></div>' +
          '<div><span role="switch" aria-checked="false"></span><span>Use TikTok account to deliver Spark Ads</span></div>',
      ),
    ).toMatchObject({ kind: 'custom', switchedOff: true });
    // A switch that shows no state cannot be told; several beside the words, or another switch, are not it.
    expect(identityOf('<div><span role="switch"></span><span>Use TikTok account to deliver Spark Ads</span></div>')).toEqual({ kind: 'unknown' });
    expect(
      identityOf('<div><input type="checkbox" checked><input type="checkbox"><span>Use TikTok account to deliver Spark Ads</span></div>'),
    ).toEqual({ kind: 'none' });
    expect(identityOf('<div role="switch" aria-checked="true" aria-label="Auto-Sync"></div>')).toEqual({ kind: 'none' });
  });

  it('reads the identity type the help centre names for posts authorized by a code', () => {
    expect(identityOf('<div><span>Identity</span><div role="combobox">Use other authorized account or post</div></div>')).toMatchObject({ kind: 'spark' });
  });
});
