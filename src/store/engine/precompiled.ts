import type { CompiledQuery, Compilable } from 'kysely';
import type { Engine, Executor } from './connection.js';

/**
 * A query built and compiled once per engine, then run with new arguments. Kysely builds an
 * operation tree and compiles it to SQL on every call; for a point lookup on the hot path that
 * cost about as much as SQLite answering it. Only for queries whose SQL never depends on the
 * arguments' values (no optional clauses, no IN lists).
 *
 * `build` receives placeholders, one per argument, and must use each exactly where the argument
 * belongs; their positions in the compiled parameters say where each argument goes. Any other
 * parameter (a constant LIMIT) keeps the value it was compiled with.
 */
export function precompiled<Row, Args extends readonly unknown[]>(
  build: (db: Executor, ...placeholders: string[]) => Compilable<Row>,
): (db: Executor, engine: Engine, ...args: Args) => Promise<Row[]> {
  const byEngine = new Map<Engine, { query: CompiledQuery<Row>; positions: number[] }>();
  return async (db, engine, ...args) => {
    let entry = byEngine.get(engine);
    if (!entry) {
      const placeholders = args.map((_, i) => `\u0000precompiled-argument-${i}`);
      const query = build(db, ...placeholders).compile();
      const positions = query.parameters.map((value) => placeholders.indexOf(value as string));
      const used = positions.filter((p) => p >= 0);
      if (used.length !== args.length || new Set(used).size !== args.length) {
        throw new Error(`precompiled query must use each argument exactly once: ${query.sql}`);
      }
      entry = { query, positions };
      byEngine.set(engine, entry);
    }
    const { query, positions } = entry;
    const result = await db.executeQuery<Row>({ ...query, parameters: positions.map((p, i) => (p < 0 ? query.parameters[i] : args[p])) });
    return result.rows;
  };
}
