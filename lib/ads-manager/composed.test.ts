import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  composedClosest,
  composedContains,
  composedRawText,
  deepQueryAll,
  deepQueryAny,
  deepTextNodes,
  flatQueryAll,
  hasLayout,
  isVisible,
  shadowRootsUnder,
  sortComposed,
  visibleLines,
  visibleText,
  withKnownShadowRoots,
} from './composed';

/** A page whose inline script builds open shadow roots, like Ads Manager's custom elements. */
function page(body: string, script = ''): Document {
  const dom = new JSDOM(`<!doctype html><html><head><style>.gone{display:none}.ghost{visibility:hidden}</style></head><body>${body}<script>${script}</script></body></html>`, {
    runScripts: 'dangerously',
    pretendToBeVisual: true,
  });
  return dom.window.document;
}

const SHADOW = `
  const host = document.getElementById('host');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<div id="inner">Primary <b>status</b></div><p><slot name="label">fallback</slot></p><span id="deep-host"></span>';
  root.getElementById('deep-host').attachShadow({ mode: 'open' }).innerHTML = '<em id="deepest">Not delivering</em>';
`;

describe('composed tree', () => {
  it('finds elements and text inside open shadow roots, nested ones too', () => {
    const doc = page('<x-table-1a2b id="host"><span slot="label">Slotted label</span></x-table-1a2b>', SHADOW);
    expect(shadowRootsUnder(doc)).toHaveLength(2);
    expect(deepQueryAll(doc, 'em').map((e) => e.id)).toEqual(['deepest']);
    expect(deepTextNodes(doc, (t) => t.includes('delivering')).map((t) => t.data)).toEqual(['Not delivering']);
    const deepest = deepQueryAll(doc, '#deepest')[0]!;
    expect(composedClosest(deepest, '#host')?.id).toBe('host');
    expect(composedContains(doc.getElementById('host')!, deepest)).toBe(true);
    expect(composedContains(doc.body, deepest)).toBe(true);
    expect(composedContains(deepest, doc.body)).toBe(false);
  });

  it('finds shadow roots on any element that may host one, in table cells too', () => {
    const doc = page(
      '<table><tr><td><div id="d"></div></td><td><span id="s"></span></td></tr></table><section id="c"></section>',
      `for (const id of ['d', 's', 'c']) document.getElementById(id).attachShadow({ mode: 'open' }).innerHTML = '<em>' + id + '</em>';`,
    );
    expect(shadowRootsUnder(doc).map((r) => r.host.id)).toEqual(['d', 's', 'c']);
    expect(deepQueryAll(doc, 'em').map((e) => e.textContent)).toEqual(['d', 's', 'c']);
  });

  it('tells whether anything matches, in shadow roots too, leaving the overlay UI out', () => {
    const doc = page(
      '<x-table-1a2b id="host"><span slot="label">Slotted label</span></x-table-1a2b><div data-spark-guard-host="badge" data-flag></div>',
      SHADOW,
    );
    expect(deepQueryAny(doc, 'em, #nothing')).toBe(true);
    expect(deepQueryAny(doc.getElementById('host')!, '#deepest')).toBe(true);
    expect(deepQueryAny(doc.getElementById('host')!, 'x-table-1a2b')).toBe(true);
    expect(deepQueryAny(doc, 'strong')).toBe(false);
    // Only the overlay's own host matches: nothing of the page does.
    expect(deepQueryAny(doc, '[data-flag]')).toBe(false);
    expect(deepQueryAny(doc.querySelector('[data-flag]')!, '[data-flag]')).toBe(false);
    expect(deepQueryAny(doc, 'not a [valid selector')).toBe(false);
  });

  it('takes shadow roots from the ones a watcher knows, instead of walking the page', () => {
    const doc = page('<x-table-1a2b id="host"><span slot="label">Slotted label</span></x-table-1a2b>', SHADOW);
    const all = shadowRootsUnder(doc);
    const deepest = all[1]!;
    // Only what is given is searched: the inner root alone finds the inner text, not the outer.
    expect(withKnownShadowRoots([deepest], () => deepQueryAll(doc, 'em, #inner').map((e) => e.id))).toEqual(['deepest']);
    expect(withKnownShadowRoots(all, () => deepQueryAll(doc.getElementById('host')!, 'em, #inner').map((e) => e.id))).toEqual([
      'inner',
      'deepest',
    ]);
    // Roots whose host is not below the start are left out.
    expect(withKnownShadowRoots(all, () => deepQueryAll(doc.querySelector('head')!, 'em'))).toEqual([]);
    expect(withKnownShadowRoots(all, () => shadowRootsUnder(doc))).toEqual(all);
  });

  it('gives every character that could show, hidden ones and shadow content and field values included', () => {
    const doc = page(
      '<div id="cell"><span style="display:none">Not</span> deliv<x-table-1a2b id="host"></x-table-1a2b><input value="typed"></div>',
      `document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<b>ering</b>';`,
    );
    const cell = doc.getElementById('cell')!;
    expect(composedRawText(cell)).toBe('Not delivering' + 'typed');
    // Known shadow roots give the same text (the host is known to be there).
    expect(withKnownShadowRoots(shadowRootsUnder(doc), () => composedRawText(cell))).toBe('Not delivering' + 'typed');
    // What shows is that text with characters left out (and lines broken).
    expect(visibleText(cell).split('\n')).toEqual(['delivering', 'typed']);
  });

  it('reads composed visible text where textContent and innerText see nothing', () => {
    const doc = page('<x-table-1a2b id="host"><span slot="label">Slotted label</span></x-table-1a2b>', SHADOW);
    const host = doc.getElementById('host')!;
    expect(host.textContent).toBe('Slotted label');
    expect(visibleText(host).split('\n')).toEqual(['Primary status', 'Slotted label', 'Not delivering']);
  });

  it('shows a slot’s fallback content when nothing is assigned to it', () => {
    const doc = page('<x-table-1a2b id="host"></x-table-1a2b>', SHADOW);
    expect(visibleText(doc.getElementById('host')!)).toContain('fallback');
  });

  it('puts blocks, <br> and flex items on their own lines and reads input and select values', () => {
    const doc = page(
      '<div id="a"><span>Not</span> <span>delivering</span><div>Creator hasn’t granted authorization</div>x<br>y' +
        '<div style="display:flex"><span>Identity</span><span>@mia</span></div><input value="Custom identity"><select><option>A</option><option selected>B</option></select></div>',
    );
    expect(visibleText(doc.getElementById('a')!).split('\n')).toEqual([
      'Not delivering',
      'Creator hasn’t granted authorization',
      'x',
      'y',
      'Identity',
      '@mia',
      'Custom identity',
      'B',
    ]);
  });

  it('orders nodes as the page shows them, shadow content where its host stands', () => {
    const doc = page('<p id="first">1</p><x-table-1a2b id="host"></x-table-1a2b><p id="last">3</p>', SHADOW);
    const deepest = deepQueryAll(doc, '#deepest')[0]!;
    const first = doc.getElementById('first')!;
    const last = doc.getElementById('last')!;
    expect(sortComposed([last, deepest, first]).map((e) => e.id)).toEqual(['first', 'deepest', 'last']);
    expect(flatQueryAll(doc.body, 'p, em').map((e) => e.id || e.localName)).toEqual(['first', 'p', 'deepest', 'last']);
  });
});

describe('visible lines', () => {
  it('stops after the first line a reader accepts, and tells where each line ends', () => {
    const doc = page('<div id="cell"><div>●</div><div>Not <b>delivering</b></div><div class="gone">Active</div><div>In review</div></div>');
    const cell = doc.getElementById('cell')!;
    const all = visibleLines(cell);
    expect(all.map((l) => l.text)).toEqual(['●', 'Not delivering', 'In review']);
    expect(all[1]!.end).toBe(cell.querySelector('b')!.firstChild);
    const upToWords = visibleLines(cell, 20000, null, (line) => /\w/.test(line));
    expect(upToWords.map((l) => l.text)).toEqual(['●', 'Not delivering']);
  });
});

describe('isVisible without layout (jsdom)', () => {
  it('knows the document has no layout', () => {
    expect(hasLayout(page('<p>x</p>'))).toBe(false);
  });

  const cases: [string, string, boolean][] = [
    ['plain element', '<p id="t">x</p>', true],
    ['hidden attribute on an ancestor', '<div hidden><p id="t">x</p></div>', false],
    ['display:none from a class on an ancestor', '<div class="gone"><p id="t">x</p></div>', false],
    ['visibility:hidden', '<div class="ghost"><p id="t">x</p></div>', false],
    ['aria-hidden subtree', '<div aria-hidden="true"><p id="t">x</p></div>', false],
    ['0×0 box with overflow hidden', '<div style="width:0;height:0;overflow:hidden"><p id="t">x</p></div>', false],
    ['collapsed menu (max-height:0)', '<div style="max-height:0;overflow:hidden"><p id="t">x</p></div>', false],
    ['screen-reader-only clip', '<span id="t" style="position:absolute;clip:rect(0 0 0 0)">x</span>', false],
    ['zero width but content may overflow visibly', '<div style="width:0"><p id="t">x</p></div>', true],
  ];
  for (const [name, html, visible] of cases) {
    it(`${visible ? 'shows' : 'hides'}: ${name}`, () => {
      const doc = page(html);
      expect(isVisible(doc.getElementById('t')!)).toBe(visible);
    });
  }

  it('hides shadow content of a hidden host, and light children no slot takes', () => {
    const doc = page(
      '<x-a-1 id="h1" style="display:none"></x-a-1><x-b-2 id="h2"><i id="unslotted">no slot</i></x-b-2>',
      `document.getElementById('h1').attachShadow({mode:'open'}).innerHTML = '<p>inside</p>';
       document.getElementById('h2').attachShadow({mode:'open'}).innerHTML = '<p>no slot here</p>';`,
    );
    expect(isVisible(deepQueryAll(doc, '#h1 p, p')[0]!)).toBe(false);
    expect(isVisible(doc.getElementById('unslotted')!)).toBe(false);
    expect(visibleText(doc.getElementById('h2')!)).toBe('no slot here');
  });

  it('calls detached elements invisible', () => {
    const doc = page('');
    expect(isVisible(doc.createElement('div'))).toBe(false);
  });
});

describe('isVisible with layout', () => {
  /** A document whose boxes have sizes, as in a browser: rects come from data-rect="w,h". */
  function laidOut(body: string): Document {
    const dom = new JSDOM(`<!doctype html><body>${body}</body>`, { pretendToBeVisual: true });
    const proto = dom.window.Element.prototype;
    const rectOf = (el: Element): DOMRect => {
      const [w, h] = (el.getAttribute('data-rect') ?? (el.localName === 'html' || el.localName === 'body' ? '1024,768' : '0,0'))
        .split(',')
        .map(Number);
      return { x: 0, y: 0, left: 0, top: 0, right: w!, bottom: h!, width: w!, height: h!, toJSON: () => ({}) } as DOMRect;
    };
    proto.getBoundingClientRect = function (this: Element) {
      return rectOf(this);
    };
    proto.getClientRects = function (this: Element) {
      const rect = rectOf(this);
      return [rect] as unknown as DOMRectList;
    };
    return dom.window.document;
  }

  it('hides a 0×0 copy and shows a sized element', () => {
    const doc = laidOut('<span id="copy">Not delivering</span><span id="real" data-rect="90,18">Not delivering</span>');
    expect(hasLayout(doc)).toBe(true);
    expect(isVisible(doc.getElementById('copy')!)).toBe(false);
    expect(isVisible(doc.getElementById('real')!)).toBe(true);
  });

  it('shows a 0×0 wrapper whose content has a box, and hides content clipped by a 0×0 overflow-hidden box', () => {
    const doc = laidOut(
      '<div id="wrap"><p data-rect="100,20">cell</p></div><div id="clip" style="overflow:hidden"><p id="clipped" data-rect="100,20">copy</p></div>',
    );
    expect(isVisible(doc.getElementById('wrap')!)).toBe(true);
    expect(isVisible(doc.getElementById('clipped')!)).toBe(false);
  });
});

describe('the overlay’s own UI', () => {
  it('is never read as the page: its text, elements and shadow roots are skipped', () => {
    const doc = page(
      '<div id="cell"><span>Active</span><spark-guard-ui data-spark-guard-host="badge" aria-label="Not delivering"></spark-guard-ui></div>',
      `document.querySelector('spark-guard-ui').attachShadow({ mode: 'open' }).innerHTML = '<b>Not delivering</b><h3>Preview</h3><span>Identity</span>';`,
    );
    expect(visibleText(doc.getElementById('cell')!)).toBe('Active');
    expect(deepQueryAll(doc, 'b, h3, [aria-label]')).toEqual([]);
    expect(deepTextNodes(doc, (t) => t.includes('Identity'))).toEqual([]);
    expect(shadowRootsUnder(doc)).toEqual([]);
  });
});
