import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, type ExpectedPage, type FixtureSpec } from '../../test/fixtures/ads-manager/expected';
import { loadFixture, throughEveryStep } from '../../test/fixtures/ads-manager/load';
import { composedClosest, composedContains, deepQueryAll, shadowRootsUnder, withKnownShadowRoots } from './composed';
import {
  countRows,
  findListFor,
  findStatusLists,
  LIST_PROBLEMS,
  listRowElements,
  readRowAt,
  readRowElements,
  readRowsAt,
  splitStatus,
} from './read-status-list';
import type { StatusList, StatusRow } from './types';

// Most tests here load whole fixture pages in jsdom and read them after every step: slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const LIST_FIXTURES = FIXTURES.filter((f) => f.initial.lists.length > 0 || f.file.startsWith('page-'));

function flaggedNames(lists: readonly StatusList[]): string[] {
  return lists.flatMap((l) => l.rows.filter((r) => r.notDelivering).map((r) => r.name ?? r.key)).sort();
}

/** Where the overlay puts the flag, per PAGE_MARKS.md: the row element, else the status cell. */
function flagTarget(row: StatusRow): Element {
  return row.rowElement ?? row.statusElement;
}

/** The fixture's own truth about an element: the row name it belongs to, and whether it is a status cell. */
function fixtureRowOf(el: Element): { name: string | null; isStatus: boolean } {
  const status = composedClosest(el, '[data-fixture-status]');
  const row = composedClosest(el, '[data-fixture-row]');
  return { name: row?.getAttribute('data-fixture-row') ?? null, isStatus: !!status };
}

function expectListsMatch(lists: readonly StatusList[], expected: ExpectedPage): void {
  expect(lists.map((l) => ({ layout: l.layout, rows: l.rows.length, problem: l.problem }))).toEqual(expected.lists);
  expect(flaggedNames(lists)).toEqual([...expected.flagged].sort());
  const byName = new Map(lists.flatMap((l) => l.rows).map((r) => [r.name, r] as const));
  for (const name of expected.notFlagged) expect(byName.get(name)?.notDelivering ?? false, name).toBe(false);
  for (const [name, reason] of Object.entries(expected.reasons ?? {})) expect(byName.get(name)?.reason, name).toBe(reason);
  // Each flag lands where PAGE_MARKS.md says, on the row the fixture says it belongs to.
  for (const list of lists) {
    for (const row of list.rows.filter((r) => r.notDelivering)) {
      const target = flagTarget(row);
      const truth = fixtureRowOf(target);
      expect(truth.name, `flag target of ${row.name}`).toBe(row.name);
      if (list.layout === 'virtual') {
        expect(row.rowElement).toBeNull();
        expect(truth.isStatus, `${row.name}: flag on its status cell`).toBe(true);
      } else {
        expect(target.getAttribute('data-fixture-row')).toBe(row.name);
      }
    }
  }
}

/** A bare ad list with name and status columns; `rows` is its body's HTML. */
function adList(rows: string): Document {
  const html = `<table><thead><tr><th>Ad name</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
  return new JSDOM(html, { pretendToBeVisual: true }).window.document;
}

/** Records every node a mutation touched, in the document and in every open shadow root. */
function recordChanges(document: Document): () => Node[] {
  const view = document.defaultView as unknown as typeof globalThis;
  const touched: Node[] = [];
  const observer = new view.MutationObserver((records) => {
    for (const r of records) {
      touched.push(r.target);
      r.addedNodes.forEach((n) => touched.push(n));
    }
  });
  const options = { subtree: true, childList: true, characterData: true, attributes: true };
  observer.observe(document, options);
  for (const root of shadowRootsUnder(document)) observer.observe(root, options);
  return () => {
    for (const r of observer.takeRecords()) {
      touched.push(r.target);
      r.addedNodes.forEach((n) => touched.push(n));
    }
    observer.disconnect();
    return touched;
  };
}

async function statesOf(spec: FixtureSpec): Promise<void> {
  const { document, fixture } = await loadFixture(spec);
  await throughEveryStep(spec, fixture, (expected) => expectListsMatch(findStatusLists(document), expected));
}

describe('findStatusLists on the Ads Manager list fixtures', () => {
  for (const spec of LIST_FIXTURES) {
    it(`flags exactly the "Not delivering" rows in ${spec.file} (${spec.varies})`, async () => {
      await statesOf(spec);
    });
  }

  it('reads the same lists when the fixtures’ test attributes are removed (readers never use them)', async () => {
    for (const spec of LIST_FIXTURES) {
      const { document } = await loadFixture(spec);
      const before = findStatusLists(document).map((l) => l.rows.map((r) => [r.name, r.status, r.reason, r.notDelivering]));
      for (const el of deepQueryAll(document, '[data-fixture-row], [data-fixture-status]')) {
        el.removeAttribute('data-fixture-row');
        el.removeAttribute('data-fixture-status');
      }
      const after = findStatusLists(document).map((l) => l.rows.map((r) => [r.name, r.status, r.reason, r.notDelivering]));
      expect(after, spec.file).toEqual(before);
    }
  }, 60_000);

  it('reports a list with a name column but no status column, with no rows', async () => {
    const spec = FIXTURES.find((f) => f.file === 'list-no-status-column.html')!;
    const { document } = await loadFixture(spec);
    const [list] = findStatusLists(document);
    expect(list?.problem).toBe(LIST_PROBLEMS.noStatusColumn);
    expect(list?.rows).toEqual([]);
  });

  it('reads rows of virtual tables in the order the buyer sees them, not DOM order', async () => {
    const spec = FIXTURES.find((f) => f.file === 'list-virtual-positions-ads.html')!;
    const { document } = await loadFixture(spec);
    expect(findStatusLists(document)[0]?.rows.map((r) => r.name)).toEqual([
      'Summer Glow – Mia',
      'Not delivering? Try this hook',
      'Serum Routine – Sunny',
      'Evergreen Unboxing',
      'Bundle Promo',
    ]);
  });
});

describe('reading only the flagged rows in full', () => {
  /** What the overlay needs of a flagged row: where the mark goes, and what the badge says. */
  const flaggedView = (rows: readonly StatusRow[]) =>
    rows.filter((r) => r.notDelivering).map((r) => [flagTarget(r), r.key, r.name, r.status, r.reason]);

  for (const spec of LIST_FIXTURES) {
    it(`flags the same rows, with the same names and reasons, as a full read of ${spec.file}`, async () => {
      const { document, fixture } = await loadFixture(spec);
      await throughEveryStep(spec, fixture, (_expected, step) => {
        const full = findStatusLists(document);
        const flagged = findStatusLists(document, { detail: 'flagged' });
        const known = withKnownShadowRoots(shadowRootsUnder(document), () => findStatusLists(document, { detail: 'flagged' }));
        expect(flagged.map((l) => flaggedView(l.rows)), `step ${step}`).toEqual(full.map((l) => flaggedView(l.rows)));
        expect(known.map((l) => flaggedView(l.rows)), `step ${step}, known shadow roots`).toEqual(full.map((l) => flaggedView(l.rows)));
        // Other rows are left out, come back unread, or (when their text might have said it) read as a
        // full read reads them.
        const fullRows = new Map(full.flatMap((l) => l.rows).map((r) => [flagTarget(r), r] as const));
        for (const row of [...flagged, ...known].flatMap((l) => l.rows)) {
          if (row.notDelivering) continue;
          const got = [row.key, row.name, row.status, row.reason];
          const whole = fullRows.get(flagTarget(row));
          if (got[0] === '') expect(got).toEqual(['', null, null, null]);
          else expect(got).toEqual([whole?.key, whole?.name, whole?.status, whole?.reason]);
        }
      });
    });
  }

  it('leaves out rows whose text cannot say "Not delivering" only where that text is plain', () => {
    const document = adList(
      '<tr><td>Quiet</td><td>Not delivering</td></tr>' +
        '<tr><td>Busy</td><td>Active</td></tr>' +
        '<tr><td>Named not delivering</td><td>Active</td></tr>' +
        '<tr hidden><td>Copy</td><td>Active</td></tr>',
    );
    const names = (lists: StatusList[]) => lists.flatMap((l) => l.rows.map((r) => r.name ?? `(${r.statusElement.textContent})`));
    // Plain text: "Busy" and the hidden copy cannot say it anywhere; the row whose name says it is read.
    const known = withKnownShadowRoots(shadowRootsUnder(document), () => findStatusLists(document, { detail: 'flagged' }));
    expect(names(known)).toEqual(['Quiet', '(Active)']);
    expect(known[0]!.rows.map((r) => r.notDelivering)).toEqual([true, false]);
    // Without the page's shadow roots known, no text counts as plain: every row comes back, as before.
    expect(findStatusLists(document, { detail: 'flagged' })[0]!.rows).toHaveLength(4);
    // The list's length still counts every data row, the hidden copy and the rows left out included.
    expect(countRows(known[0]!)).toBe(4);
  });

  for (const spec of LIST_FIXTURES) {
    it(`counts every row of ${spec.file}, however its rows are read`, async () => {
      const { document, fixture } = await loadFixture(spec);
      await throughEveryStep(spec, fixture, (expected, step) => {
        const lists = withKnownShadowRoots(shadowRootsUnder(document), () => findStatusLists(document, { detail: 'flagged' }));
        lists.forEach((list, i) => {
          if (list.problem) {
            // Without its status column a list is not read, so it has no rows to count.
            expect(countRows(list)).toBe(0);
            return;
          }
          if (list.layout === 'virtual') {
            // Rows of a virtual table are their cells' row keys: as many as the buyer sees (the table
            // draws only those).
            expect(countRows(list), `step ${step}`).toBe(expected.lists[i]!.rows);
            return;
          }
          // Every row element the fixture names, hidden copies and total rows included; no header row.
          const named = deepQueryAll(list.element, '[data-fixture-row]').filter((el) => el.matches('tr, [role="row"]'));
          expect(countRows(list), `step ${step}`).toBe(named.length);
        });
      });
    });
  }

  it('still reads a status cell in full when hidden text splits the words or the status sits in a shadow root', () => {
    const document = adList(
      '<tr><td>Split</td><td>Not deliv<span style="display:none">xx</span>ering</td></tr>' +
        '<tr><td>Shadowed</td><td><x-tag-1></x-tag-1></td></tr>' +
        '<tr><td>Typed</td><td><input value="Not delivering"></td></tr>' +
        '<tr><td>Fine</td><td>Active</td></tr>',
    );
    document.querySelector('x-tag-1')!.attachShadow({ mode: 'open' }).innerHTML = '<b>Not delivering</b>';
    const flaggedNames = (lists: StatusList[]) => lists.flatMap((l) => l.rows.filter((r) => r.notDelivering).map((r) => r.name));
    expect(flaggedNames(findStatusLists(document, { detail: 'flagged' }))).toEqual(['Split', 'Shadowed', 'Typed']);
    const known = withKnownShadowRoots(shadowRootsUnder(document), () => findStatusLists(document, { detail: 'flagged' }));
    expect(flaggedNames(known)).toEqual(['Split', 'Shadowed', 'Typed']);
  });
});

describe('a long list read in slices', () => {
  it('comes back unread past maxRows, and its slices read the same rows as one whole reading', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `<tr><td>Ad ${i}</td><td>${i % 7 === 0 ? 'Not delivering' : 'Active'}</td></tr>`).join('');
    const document = adList(rows);
    const whole = findStatusLists(document, { detail: 'flagged' });
    const [list] = findStatusLists(document, { detail: 'flagged', maxRows: 50 });
    expect(list).toMatchObject({ unread: true, rows: [] });
    const elements = listRowElements(list!);
    expect(elements).toHaveLength(121);
    const sliced = [];
    for (let i = 0; i < elements.length; i += 50) sliced.push(...readRowElements(list!, elements.slice(i, i + 50), { detail: 'flagged' }));
    const view = (r: StatusRow) => [r.rowElement, r.name, r.notDelivering];
    expect(sliced.map(view)).toEqual(whole[0]!.rows.map(view));
    expect(sliced.filter((r) => r.notDelivering)).toHaveLength(18);
    // A short list is read at once.
    expect(findStatusLists(document, { detail: 'flagged', maxRows: 500 })[0]?.unread).toBeUndefined();
  }, 30_000);
});

describe('readRowsAt follows changes row by row', () => {
  const dynamic = LIST_FIXTURES.filter((f) => (f.after ?? []).length > 0);
  for (const spec of dynamic) {
    it(`keeps flags right from changed nodes only, through every step of ${spec.file}`, async () => {
      const { document, fixture } = await loadFixture(spec);
      const lists = findStatusLists(document);
      // The overlay's view: one flag state per flag target, updated only from re-read rows.
      const flags = new Map<Element, { name: string | null; on: boolean }>();
      const apply = (row: StatusRow): void => {
        flags.set(flagTarget(row), { name: row.name, on: row.notDelivering });
      };
      lists.forEach((l) => l.rows.forEach(apply));
      for (const expected of spec.after ?? []) {
        const stop = recordChanges(document);
        await fixture.next();
        const changed = stop();
        for (const list of lists) {
          const mine = changed.filter((n) => findListFor([list], n) === list);
          readRowsAt(list, mine).forEach(apply);
        }
        const on = [...flags.values()].filter((f) => f.on).map((f) => f.name ?? '');
        expect(on.sort(), `after step ${fixture.step}`).toEqual([...expected.flagged].sort());
      }
    });
  }

  it('re-reads one row from a text change inside its status cell', async () => {
    const spec = FIXTURES.find((f) => f.file === 'list-table-campaigns.html')!;
    const { document } = await loadFixture(spec);
    const [list] = findStatusLists(document);
    const row = list!.rows.find((r) => r.name === 'Evergreen UGC')!;
    const text = deepQueryAll(row.statusElement, 'span').find((s) => s.textContent === 'Inactive')!.firstChild as Text;
    text.data = 'Not delivering';
    const reread = readRowAt(list!, text);
    expect(reread).toMatchObject({ name: 'Evergreen UGC', status: 'Not delivering', notDelivering: true });
    expect(reread?.rowElement).toBe(row.rowElement);
  });

  it('re-reads a virtual row placed only by position from a change deep in its status cell’s shadow root', async () => {
    const spec = FIXTURES.find((f) => f.file === 'list-virtual-positions-ads.html')!;
    const { document } = await loadFixture(spec);
    const [list] = findStatusLists(document);
    const evergreen = list!.rows.find((r) => r.name === 'Evergreen Unboxing')!;
    const text = deepQueryAll(evergreen.statusElement, '.txt')[0]!.firstChild as Text;
    text.data = 'Not delivering';
    const reread = readRowsAt(list!, [text]);
    expect(reread).toHaveLength(1);
    expect(reread[0]).toMatchObject({ name: 'Evergreen Unboxing', status: 'Not delivering', notDelivering: true, rowElement: null });
    expect(reread[0]!.statusElement).toBe(evergreen.statusElement);
  });

  it('keys unnamed rows by their place, the same in full and partial reads', () => {
    const dom = new JSDOM(
      '<table><thead><tr><th>Status</th><th>Budget</th></tr></thead><tbody><tr><td>Active</td><td>$1</td></tr><tr><td>Not delivering</td><td>$2</td></tr></tbody></table>',
      { pretendToBeVisual: true },
    );
    const [list] = findStatusLists(dom.window.document);
    expect(list?.rows.map((r) => [r.key, r.name, r.notDelivering])).toEqual([
      ['row 2', null, false],
      ['row 3', null, true],
    ]);
    expect(readRowAt(list!, list!.rows[1]!.statusElement)?.key).toBe('row 3');
  });

  it('returns only the changed rows of a long list', () => {
    const rows = Array.from(
      { length: 150 },
      (_, i) => `<tr><td>Ad ${i}</td><td>${i % 3 === 0 ? 'Not delivering' : 'Active'}</td></tr>`,
    ).join('');
    const document = adList(rows);
    const [list] = findStatusLists(document);
    expect(list?.rows).toHaveLength(150);
    expect(list?.rows.filter((r) => r.notDelivering)).toHaveLength(50);
    const cells = Array.from(document.querySelectorAll('tbody tr td:nth-child(2)'));
    for (const i of [1, 2, 4]) cells[i]!.textContent = 'Not delivering';
    const changed = readRowsAt(list!, [cells[1]!, cells[2]!.firstChild!, cells[4]!, cells[4]!]);
    expect(changed.map((r) => [r.name, r.notDelivering])).toEqual([
      ['Ad 1', true],
      ['Ad 2', true],
      ['Ad 4', true],
    ]);
  }, 30_000);

  it('ignores nodes outside the list and header changes', async () => {
    const spec = FIXTURES.find((f) => f.file === 'list-table-campaigns.html')!;
    const { document } = await loadFixture(spec);
    const [list] = findStatusLists(document);
    const banner = document.querySelector('[role="status"]')!;
    const header = document.querySelector('th')!;
    expect(readRowsAt(list!, [banner, banner.firstChild!, header])).toEqual([]);
  });
});

describe('status text', () => {
  it('splits a status from the reason on the same line, in any case or spacing', () => {
    expect(splitStatus(["Not delivering Creator hasn't granted authorization"])).toEqual({
      status: 'Not delivering',
      reason: "Creator hasn't granted authorization",
    });
    expect(splitStatus(['NOT  DELIVERING', 'In review'])).toEqual({ status: 'NOT  DELIVERING', reason: 'In review' });
    expect(splitStatus(['● Active'])).toEqual({ status: 'Active', reason: null });
    expect(splitStatus([])).toEqual({ status: null, reason: null });
  });

  it('splits a status run straight into its reason only where the reason starts with a capital', () => {
    expect(splitStatus(["Not deliveringCreator hasn't granted authorization"])).toEqual({
      status: 'Not delivering',
      reason: "Creator hasn't granted authorization",
    });
    expect(splitStatus(['Limited deliveryBudget too low'])).toEqual({ status: 'Limited delivery', reason: 'Budget too low' });
    // Letters that carry on the word make another word, not a known status and a reason.
    expect(splitStatus(['Not deliveringly'])).toEqual({ status: 'Not deliveringly', reason: null });
    expect(splitStatus(['Activeness 3'])).toEqual({ status: 'Activeness 3', reason: null });
  });
});

describe('where a not-delivering status line ends', () => {
  for (const spec of LIST_FIXTURES.filter((f) => f.initial.flagged.length > 0)) {
    it(`ends inside each flagged row's status cell, on visible text, in ${spec.file}`, async () => {
      const { document } = await loadFixture(spec);
      for (const row of findStatusLists(document).flatMap((l) => l.rows)) {
        const end = row.statusEnd;
        if (!row.notDelivering) {
          expect(end, row.name ?? row.key).toBeNull();
          continue;
        }
        expect(end?.nodeType, row.name ?? row.key).toBe(3);
        expect(composedContains(row.statusElement, end), row.name ?? row.key).toBe(true);
        expect((end as Text).data.trim(), row.name ?? row.key).not.toBe('');
      }
    });
  }

  it('ends after the last word of "Not delivering", before a reason below it and past hidden text', () => {
    const document = adList(
      '<tr><td>Split</td><td>Not <b>delivering</b></td></tr>' +
        '<tr><td>Reason</td><td>● Not delivering<div>Creator hasn\'t granted authorization</div></td></tr>' +
        '<tr><td>Hidden</td><td>Not delivering<span style="display:none">Active</span></td></tr>' +
        '<tr><td>Dot</td><td><div>●</div><div>Not delivering</div></td></tr>' +
        '<tr><td>Typed</td><td><input value="Not delivering"></td></tr>',
    );
    const rows = new Map(findStatusLists(document).flatMap((l) => l.rows.map((r) => [r.name, r] as const)));
    const cell = (name: string) => rows.get(name)!.statusElement;
    expect(rows.get('Split')!.statusEnd).toBe(cell('Split').querySelector('b')!.firstChild);
    expect(rows.get('Reason')!.statusEnd).toBe(cell('Reason').firstChild);
    expect(rows.get('Reason')!.reason).toBe("Creator hasn't granted authorization");
    expect(rows.get('Hidden')!.statusEnd).toBe(cell('Hidden').firstChild);
    expect(rows.get('Dot')!.statusEnd).toBe(cell('Dot').lastElementChild!.firstChild);
    expect(rows.get('Typed')!.statusEnd).toBe(cell('Typed').querySelector('input'));
  });
});

describe('hidden copies of cells and rows', () => {
  it('reads a row under the right headers when a hidden copy of a cell sits in it, even where the header row has a spare cell', () => {
    // The header row keeps an empty gutter cell, so the row with a copy has as many cells as the header.
    const dom = new JSDOM(
      '<table><thead><tr><th>Ad name</th><th>Status</th><th>Budget</th><th></th></tr></thead><tbody>' +
        '<tr><td>Mia – Spark</td><td hidden>Mia – Spark</td><td>Not delivering</td><td>$5</td></tr>' +
        '<tr><td>Leo – Spark</td><td>Active</td><td>$6</td></tr></tbody></table>',
      { pretendToBeVisual: true },
    );
    for (const detail of ['all', 'flagged'] as const) {
      const [list] = findStatusLists(dom.window.document, { detail });
      expect(list?.rows.filter((r) => r.notDelivering).map((r) => r.name), detail).toEqual(['Mia – Spark']);
    }
  });

  it('takes a hidden copy of a row for no line: each row keeps the name a fixed-column overlay draws for it', () => {
    // A split list whose pinned name column is drawn by an overlay table; the list's own table holds a
    // hidden copy of a row, so its rows and the overlay's no longer pair up by index.
    const row = (name: string, status: string, pinned: boolean): string =>
      `<tr><td${pinned ? '' : ' style="visibility:hidden"'}>${pinned ? name : ''}</td><td${pinned ? ' style="visibility:hidden"' : ''}>${status}</td></tr>`;
    const dom = new JSDOM(
      '<div><table><thead><tr><th style="visibility:hidden">Ad name</th><th>Status</th></tr></thead></table>' +
        `<table><tbody>${row('Mia', 'Active', false)}${row('Mia', 'Active', false).replace('<tr>', '<tr style="display:none">')}` +
        `${row('Leo', 'Not delivering', false)}${row('Ava', 'Active', false)}</tbody></table>` +
        `<div><table><tbody>${row('Mia', 'Active', true)}${row('Leo', 'Not delivering', true)}${row('Ava', 'Active', true)}</tbody></table></div></div>`,
      { pretendToBeVisual: true },
    );
    const [list] = findStatusLists(dom.window.document);
    expect(list?.rows.map((r) => [r.name, r.notDelivering])).toEqual([
      ['Mia', false],
      ['Leo', true],
      ['Ava', false],
    ]);
  });
});

describe('odd pages', () => {
  it('never throws and finds nothing on empty, garbage or detached input', () => {
    const empty = new JSDOM('').window.document;
    expect(findStatusLists(empty)).toEqual([]);
    const garbage = new JSDOM(
      '<table><tr><th></th></tr><tr><td><table><th>Status<td></table></td></tr></table><div role="grid"><div role="columnheader">Status</div></div><x-y-1 role="row"></x-y-1>',
      { pretendToBeVisual: true },
    ).window.document;
    expect(() => findStatusLists(garbage)).not.toThrow();
    const detached = garbage.createElement('div');
    expect(findStatusLists(detached)).toEqual([]);
    expect(readRowsAt({ element: detached }, [detached])).toEqual([]);
    expect(readRowAt({ element: detached }, garbage)).toBeNull();
  });
});
