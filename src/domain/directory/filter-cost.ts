/**
 * What a list filter costs the database, decided before it runs, so that no filter a client may
 * send can stall the store. A filter's term count says little: `emails co "x"` is one term but
 * two substring searches (one per email slot), and 99 of them kept SQLite busy for 43 s on a
 * 200,000-identity realm while every other request of every tenant waited.
 *
 * The model follows what both engines do with the SQL the store writes:
 *
 * - A comparison an index answers (`eq` or `sw` on an indexed column: userName, externalId,
 *   displayName, id, either email) is a seek: it reads only the rows that match. An AND with one
 *   such comparison is a seek too (the rest is checked on the rows found); an OR of seeks is their
 *   union. A filter answered by seeks costs one unit per seek and may use up to `MAX_SEEKS`.
 * - Anything else (`co`, `ew`, `pr`, ranges, `not`, a comparison on an attribute without an index,
 *   an OR with one such branch) makes the database read every identity of the realm once and test
 *   the filter on each. The store writes it as one pass, never one per OR branch, so the cost is
 *   the work per row: each comparison counts 1, a substring search (`co`, `ew`) 2, and
 *   multi-valued attributes count once per slot because they are expanded before this is asked.
 *   A scanning filter may do up to `MAX_SCANNED_WORK` per row.
 *
 * The limits leave every filter Okta and Entra send (userName, externalId, displayName, emails
 * by type, members) far inside; they refuse only what would read a large realm many times over.
 */

/** A filter as the cost model sees it: comparisons (served by an index or not) under and/or/not. */
export type CostTree =
  | { op: 'and' | 'or'; children: CostTree[] }
  | { op: 'not'; child: CostTree }
  /**
   * `served`: an index answers it alone. `substring`: `co` or `ew`, a search inside each value.
   * `prefix`: `sw`, a range of the index as wide as the prefix is short.
   */
  | { op: 'compare'; served: boolean; substring: boolean; prefix?: boolean }
  /** A comparison decided without the database (a slot's `type`), or a constant. */
  | { op: 'const' };

export const MAX_SEEKS = 100;
export const MAX_SCANNED_WORK = 20;

export interface FilterCost {
  /** Index seeks, when an index answers the whole filter; undefined when it needs a scan. */
  seeks: number | undefined;
  /** The work per identity if the realm is scanned: comparisons, substring searches twice. */
  work: number;
}

export function filterCost(tree: CostTree): FilterCost {
  switch (tree.op) {
    case 'const':
      return { seeks: 0, work: 0 };
    case 'compare':
      return { seeks: tree.served ? 1 : undefined, work: tree.substring ? 2 : 1 };
    case 'not':
      return { seeks: undefined, work: filterCost(tree.child).work };
    case 'and':
    case 'or': {
      const costs = tree.children.map(filterCost);
      const work = costs.reduce((sum, c) => sum + c.work, 0);
      const seeks = costs.map((c) => c.seeks);
      const served = seeks.filter((s): s is number => s !== undefined);
      if (tree.op === 'and') {
        // The database seeks by one served comparison and checks the rest on what it found.
        return { seeks: served.length > 0 ? Math.min(...served) : undefined, work };
      }
      return { seeks: served.length === seeks.length ? served.reduce((a, b) => a + b, 0) : undefined, work };
    }
  }
}

/** True when indexes answer the whole filter: the store may then seek per OR branch. */
export function indexServed(tree: CostTree): boolean {
  return filterCost(tree).seeks !== undefined;
}

/**
 * True when indexes answer the whole filter with exact lookups, so it reads about as many rows as
 * it returns. A prefix (`userName sw "s"`) is a seek too, but may cover the whole realm, so the
 * store runs such filters like scans (bounded, off the event loop).
 */
export function exactLookups(tree: CostTree): boolean {
  const exact = (t: CostTree): CostTree => {
    switch (t.op) {
      case 'compare':
        return t.prefix ? { ...t, served: false } : t;
      case 'not':
        return { op: 'not', child: exact(t.child) };
      case 'and':
      case 'or':
        return { op: t.op, children: t.children.map(exact) };
      default:
        return t;
    }
  };
  return indexServed(exact(tree));
}

/**
 * Why a filter is refused, or undefined when it is within the budget. `rows` names what a scan
 * reads ("identity", "group"); `indexed` says which comparisons an index answers, for the client
 * to rewrite its filter with.
 */
export function overBudget(tree: CostTree, rows: string, indexed: string): string | undefined {
  const cost = filterCost(tree);
  if (cost.seeks !== undefined) {
    return cost.seeks > MAX_SEEKS ? `the filter needs ${cost.seeks} index lookups; at most ${MAX_SEEKS} are allowed` : undefined;
  }
  if (cost.work <= MAX_SCANNED_WORK) return undefined;
  return (
    `the filter is too expensive: no index answers it (co, ew, pr, ranges, not, or an attribute without one), so every ${rows} ` +
    `of the realm would be tested against ${cost.work} units of comparisons (co and ew count 2, multi-valued attributes once ` +
    `per value); at most ${MAX_SCANNED_WORK} are allowed. ${indexed}`
  );
}
