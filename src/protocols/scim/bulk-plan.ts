import { type Result, badRequest, ok } from './problems.js';

/**
 * Which bulkIds a SCIM Bulk request's operations name, and the order they run in (RFC 7644
 * §3.7.2): plain functions of the request, no I/O.
 */

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Operations per request, as advertised (`bulk.maxOperations`). */
export const MAX_BULK_OPERATIONS = 1000;

const BULK_REF = /^bulkId:(.+)$/;

/** The bulkIds an operation refers to, in its path and anywhere in its data. */
export function references(operation: { path: string; data?: unknown }): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = BULK_REF.exec(v);
      if (m?.[1]) found.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) Object.values(v).forEach(walk);
  };
  for (const segment of operation.path.split('/')) walk(segment);
  walk(operation.data);
  return found;
}

export function substitute(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const m = BULK_REF.exec(value);
    return m?.[1] && ids.has(m[1]) ? ids.get(m[1]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  return value;
}

/** At most this many `bulkId:` references in one request (each distinct one counted once per operation). */
export const MAX_BULK_REFERENCES = 10 * MAX_BULK_OPERATIONS;

export interface RunPlan {
  /** Operation positions in the order they run. */
  order: number[];
  /** Each operation's references, found once. */
  refs: string[][];
}

/**
 * The order operations run in: request order, except that an operation naming a bulkId whose
 * POST comes later waits for it and runs right after it (§3.7.2). One pass over the operations
 * and their references: a 1,000-operation chain, each naming the next one's bulkId, took 1,000
 * passes over every pending operation before (3 s of blocked event loop, 6.3 s with data to walk).
 * A cycle can never run, so the request is refused before anything is written; so is a request
 * with more references than `MAX_BULK_REFERENCES`.
 */
export function planBulk(operations: readonly { bulkId?: string; path: string; data?: unknown }[]): Result<RunPlan> {
  const refs = operations.map((operation) => [...references(operation)]);
  const total = refs.reduce((sum, r) => sum + r.length, 0);
  if (total > MAX_BULK_REFERENCES) return badRequest('tooMany', `more than ${MAX_BULK_REFERENCES} bulkId references in one request`);
  const definer = new Map<string, number>();
  operations.forEach((operation, index) => {
    if (operation.bulkId !== undefined) definer.set(operation.bulkId, index);
  });
  // Dependencies: the operations defining the bulkIds an operation names (not its own; a name
  // nothing defines fails that operation alone when it runs).
  const waitingFor = new Array<number>(operations.length).fill(0);
  const dependents: number[][] = operations.map(() => []);
  refs.forEach((names, index) => {
    const on = new Set<number>();
    for (const name of names) {
      const d = definer.get(name);
      if (d !== undefined && name !== operations[index]?.bulkId) on.add(d);
    }
    for (const d of on) dependents[d]?.push(index);
    waitingFor[index] = on.size;
  });
  const order: number[] = [];
  const done = new Array<boolean>(operations.length).fill(false);
  for (let position = 0; position < operations.length; position++) {
    if (done[position] || (waitingFor[position] ?? 0) > 0) continue;
    // Run it, then every earlier operation that was waiting only on what has now run.
    const ready = [position];
    while (ready.length > 0) {
      const index = ready.pop() as number;
      done[index] = true;
      order.push(index);
      for (const dependent of dependents[index] ?? []) {
        waitingFor[dependent] = (waitingFor[dependent] ?? 0) - 1;
        if (waitingFor[dependent] === 0 && dependent < position) ready.push(dependent);
      }
    }
  }
  const stuck = operations.flatMap((operation, index) => (done[index] ? [] : [operation.bulkId ?? operation.path]));
  if (stuck.length > 0) {
    const shown = stuck
      .slice(0, 5)
      .map((name) => `"${name}"`)
      .join(', ');
    return badRequest(
      'invalidValue',
      `circular bulkId references: ${shown}${stuck.length > 5 ? ` and ${stuck.length - 5} more` : ''} wait on each other`,
    );
  }
  return ok({ order, refs });
}
