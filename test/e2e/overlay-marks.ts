import type { Page } from '@playwright/test';
import type { CheckState, ExpectedPage } from '../fixtures/ads-manager/expected';

/**
 * Reads the overlay's public marks (PAGE_MARKS.md) off a page, through open shadow roots, the way any
 * outside test would: flags by the fixture rows they sit on, checklists by their data attributes.
 */

export interface PageMarks {
  /** "<row name> on row" or "<row name> on status", sorted. */
  flags: string[];
  /** Flags on anything that is not a row or a row's status cell (text of the element). */
  strays: string[];
  checklists: { verdict: string | null; checks: Record<string, string | null> }[];
}

export function readMarks(page: Page): Promise<PageMarks> {
  return page.evaluate(() => {
    const trees: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < trees.length; i++) {
      for (const el of Array.from(trees[i]!.querySelectorAll('*'))) if (el.shadowRoot) trees.push(el.shadowRoot);
    }
    const all = (selector: string) => trees.flatMap((t) => Array.from(t.querySelectorAll(selector)));
    const up = (node: Node): Node | null => node.parentNode ?? (node as unknown as ShadowRoot).host ?? null;

    const flags: string[] = [];
    const strays: string[] = [];
    for (const el of all('[data-spark-guard-flag]')) {
      const value = el.getAttribute('data-spark-guard-flag');
      if (el.hasAttribute('data-fixture-row') && !el.hasAttribute('data-fixture-status')) {
        flags.push(`${el.getAttribute('data-fixture-row')} on row${value === 'not-delivering' ? '' : ` (${value})`}`);
        continue;
      }
      let node: Node | null = el;
      let status: Element | null = null;
      let row: Element | null = null;
      while (node) {
        if (node.nodeType === 1) {
          const e = node as Element;
          if (!status && e.hasAttribute('data-fixture-status')) status = e;
          if (e.hasAttribute('data-fixture-row')) {
            row = e;
            if (status) break;
          }
        }
        node = up(node);
      }
      const name = status?.getAttribute('data-fixture-row') ?? row?.getAttribute('data-fixture-row');
      if (status && name) flags.push(`${name} on status${value === 'not-delivering' ? '' : ` (${value})`}`);
      else strays.push((el.textContent ?? '').trim().slice(0, 80) || el.localName);
    }
    flags.sort();

    const checklists = all('[data-spark-guard="preview-checklist"]').map((root) => ({
      verdict: root.getAttribute('data-verdict'),
      checks: Object.fromEntries(
        Array.from(root.querySelectorAll('[data-check]')).map((c) => [c.getAttribute('data-check')!, c.getAttribute('data-state')]),
      ),
    }));
    return { flags, strays, checklists };
  });
}

/** The marks a page must carry, from the fixture manifest. */
export function expectedMarks(expected: ExpectedPage): PageMarks {
  const virtual = expected.lists.some((l) => l.layout === 'virtual');
  return {
    flags: expected.flagged.map((name) => `${name} on ${virtual ? 'status' : 'row'}`).sort(),
    strays: [],
    checklists: expected.previews.map((p) => ({
      verdict: p.marks.verdict,
      checks: p.marks.checks as Record<string, CheckState>,
    })),
  };
}

/** Only the checks the manifest names: the overlay may add more (post, code) where the ledger knows the post. */
export function onlyNamedChecks(marks: PageMarks, names: readonly string[]): PageMarks {
  return {
    ...marks,
    checklists: marks.checklists.map((c) => ({
      verdict: c.verdict,
      checks: Object.fromEntries(Object.entries(c.checks).filter(([name]) => names.includes(name))),
    })),
  };
}

export { fixtureHtml } from '../fixtures/ads-manager/html';

/** What the page itself stored: the overlay must never open the page's IndexedDB or web storage. */
export function pageStorage(page: Page): Promise<{ databases: string[]; local: number; session: number }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
    local: localStorage.length,
    session: sessionStorage.length,
  }));
}
