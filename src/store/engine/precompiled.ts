import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import type { Engine, Executor } from './connection.js';

/** A compiled query and, for each of its parameters, which argument goes there (-1: keep the compiled value). */
interface Compiled<Row> {
  query: CompiledQuery<Row>;
  positions: number[];
}

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
  const byEngine = new Map<Engine, Compiled<Row>>();
  return async (db, engine, ...args) => {
    let entry = byEngine.get(engine);
    if (!entry) {
      entry = compileWithPlaceholders(args.length, (...placeholders) => build(db, ...placeholders));
      byEngine.set(engine, entry);
    }
    return runCompiled(db, entry, args);
  };
}

/**
 * As `precompiled`, for a query of one executor that keeps it (a store's repository, which knows
 * its table but not its engine): `build` is compiled on the first call and reused after.
 */
export class CompiledOnce<Row, Args extends readonly unknown[]> {
  private compiled: Compiled<Row> | undefined;

  constructor(
    private readonly db: Executor,
    private readonly build: (...placeholders: string[]) => Compilable<Row>,
  ) {}

  async run(...args: Args): Promise<Row[]> {
    return (await this.execute(...args)).rows;
  }

  /** The whole result: for an UPDATE or DELETE, how many rows it changed. */
  async execute(...args: Args): Promise<QueryResult<Row>> {
    this.compiled ??= compileWithPlaceholders(args.length, this.build);
    return executeCompiled(this.db, this.compiled, args);
  }
}

function compileWithPlaceholders<Row>(count: number, build: (...placeholders: string[]) => Compilable<Row>): Compiled<Row> {
  const placeholders = Array.from({ length: count }, (_, i) => `\u0000precompiled-argument-${i}`);
  const query = build(...placeholders).compile();
  const positions = query.parameters.map((value) => placeholders.indexOf(value as string));
  const used = positions.filter((p) => p >= 0);
  if (used.length !== count || new Set(used).size !== count) {
    throw new Error(`precompiled query must use each argument exactly once: ${query.sql}`);
  }
  return { query, positions };
}

async function runCompiled<Row>(db: Executor, compiled: Compiled<Row>, args: readonly unknown[]): Promise<Row[]> {
  return (await executeCompiled(db, compiled, args)).rows;
}

function executeCompiled<Row>(db: Executor, { query, positions }: Compiled<Row>, args: readonly unknown[]): Promise<QueryResult<Row>> {
  return db.executeQuery<Row>({ ...query, parameters: positions.map((p, i) => (p < 0 ? query.parameters[i] : args[p])) });
}
