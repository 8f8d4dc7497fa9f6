import type { ExpectedPage } from '../../fixtures/ads-manager/expected';

/** What the readers read from a page, as the in-page bundle returns it. */
export interface PageReading {
  lists: {
    layout: string;
    problem: string | null;
    rows: {
      name: string | null;
      status: string | null;
      reason: string | null;
      notDelivering: boolean;
      /** The flag goes on the row element (else on the status cell). */
      flagOnRow: boolean;
      /** The status cell sits inside a row element (`tr`, role=row) of the list. */
      inRowElement: boolean;
    }[];
  }[];
  previews: Record<string, unknown>[];
}

/**
 * The reading as the buyer would state it: which lists, which rows with which status and reason,
 * which previews with what in them. Left out: the list's `layout` (table, grid or virtual says how the
 * markup is built, which is what the transforms change; where a flag lands follows from it) and the
 * order of lists and rows in the DOM (the buyer sees the same order; readers may walk another).
 */
export function comparable(reading: PageReading): unknown {
  const rows = (list: PageReading['lists'][number]): string[] =>
    list.rows.map((r) => JSON.stringify([r.name, r.status, r.reason, r.notDelivering])).sort();
  return {
    lists: reading.lists.map((l) => ({ problem: l.problem, rows: rows(l) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    previews: reading.previews,
  };
}

/** Where `reading` differs from what expected.ts says the page shows; empty when it does not. */
export function differencesFromExpected(reading: PageReading, expected: ExpectedPage): string[] {
  const out: string[] = [];
  const lists = reading.lists.map((l) => ({ rows: l.rows.length, problem: l.problem })).sort((a, b) => a.rows - b.rows);
  const want = expected.lists.map((l) => ({ rows: l.rows, problem: l.problem })).sort((a, b) => a.rows - b.rows);
  if (JSON.stringify(lists) !== JSON.stringify(want)) out.push(`lists ${JSON.stringify(lists)}, expected ${JSON.stringify(want)}`);
  const flagged = reading.lists.flatMap((l) => l.rows.filter((r) => r.notDelivering).map((r) => r.name)).sort();
  const wantFlagged = [...expected.flagged].sort();
  if (JSON.stringify(flagged) !== JSON.stringify(wantFlagged)) {
    out.push(`not delivering ${JSON.stringify(flagged)}, expected ${JSON.stringify(wantFlagged)}`);
  }
  // PAGE_MARKS.md: a not-delivering row is marked on its row element where the list has them.
  for (const r of reading.lists.flatMap((l) => l.rows)) {
    if (r.notDelivering && r.inRowElement && !r.flagOnRow) out.push(`flag of ${r.name} on its status cell, though the row has a row element`);
  }
  const byName = new Map(reading.lists.flatMap((l) => l.rows).map((r) => [r.name, r] as const));
  for (const [name, reason] of Object.entries(expected.reasons ?? {})) {
    const got = byName.get(name)?.reason;
    if (got !== reason) out.push(`reason of ${name}: ${JSON.stringify(got)}, expected ${JSON.stringify(reason)}`);
  }
  if (reading.previews.length !== expected.previews.length) {
    out.push(`${reading.previews.length} previews, expected ${expected.previews.length}`);
  } else {
    reading.previews.forEach((read, i) => {
      const want = expected.previews[i]!.reading as unknown as Record<string, unknown>;
      const picked = Object.fromEntries(Object.keys(want).map((k) => [k, read[k]]));
      if (JSON.stringify(picked) !== JSON.stringify(want)) out.push(`preview ${i + 1}: ${JSON.stringify(picked)}, expected ${JSON.stringify(want)}`);
    });
  }
  return out;
}
