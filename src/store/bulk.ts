import { sql } from 'kysely';
import type { Identity } from '../domain/identity.js';
import type { Engine, Executor } from './connection.js';
import type { IdentitiesTable } from './schema.js';
import { toIdentityRow } from './identities.js';

/**
 * Rows per statement for bulk writes: 12 parameters a row stays under SQLite's 32,766 and
 * PostgreSQL's 65,535 bound parameters.
 */
export const BULK_ROWS_PER_STATEMENT = 1000;
/** PostgreSQL takes a batch's rows as 12 arrays, whatever their length. */
const PG_ROWS_PER_STATEMENT = 5000;

const IDENTITY_COLUMNS = [
  'id',
  'tenant_id',
  'realm_id',
  'display_name',
  'display_name_key',
  'status',
  'traits',
  'username_key',
  'email_key',
  'external_id',
  'create_time',
  'update_time',
  'version',
] as const satisfies readonly (keyof IdentitiesTable)[];
/** Columns a new identity leaves to their defaults (no passkey, nothing pending). */
type DefaultedColumns = 'enrollment_status' | 'enrollment_pending_until';
// Fails to compile when the table gains a column this list lacks.
const everyColumn: Exclude<keyof IdentitiesTable, (typeof IDENTITY_COLUMNS)[number] | DefaultedColumns> extends never
  ? true
  : never = true;
void everyColumn;

/** Bulk writes for seeding and importing: many identities per statement, many per transaction. */
export class BulkStore {
  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
  ) {}

  /**
   * Inserts the identities, skipping any whose folded username the realm already holds (or that
   * an earlier one in the same call took), and returns the ids that were written. Run it in a
   * transaction to commit a whole batch at once.
   */
  async insertIdentitiesSkippingTaken(identities: readonly Identity[]): Promise<Set<string>> {
    // The first of several rows with one folded username wins, as a lone create would; the
    // rest are left out here so that the sort below cannot change which one that is.
    const seen = new Set<string>();
    const unique = identities.map(toIdentityRow).filter((row) => {
      if (seen.has(row.username_key)) return false;
      seen.add(row.username_key);
      return true;
    });
    // Ids are random: written in id order, consecutive rows land on neighbouring pages of the
    // primary-key and (realm_id, id) indexes instead of all over them.
    unique.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const written = new Set<string>();
    if (this.engine === 'postgres') {
      for (let i = 0; i < unique.length; i += PG_ROWS_PER_STATEMENT) {
        for (const id of await this.insertByColumns(unique.slice(i, i + PG_ROWS_PER_STATEMENT))) written.add(id);
      }
      return written;
    }
    for (let i = 0; i < unique.length; i += BULK_ROWS_PER_STATEMENT) {
      const rows = unique.slice(i, i + BULK_ROWS_PER_STATEMENT);
      const result = await this.db
        .insertInto('identities')
        .values(rows)
        .onConflict((oc) => oc.columns(['realm_id', 'username_key']).doNothing())
        .returning('id')
        .execute();
      for (const row of result) written.add(row.id);
    }
    return written;
  }

  /**
   * PostgreSQL: one array parameter per column, spread back into rows by `unnest`, so a statement
   * of thousands of rows has one parameter per column and one small text to parse, not 12 per row.
   */
  private async insertByColumns(rows: readonly IdentitiesTable[]): Promise<string[]> {
    const column = <K extends keyof IdentitiesTable>(key: K) => rows.map((r) => r[key]);
    const { rows: written } = await sql<{ id: string }>`
      insert into identities (${sql.join(IDENTITY_COLUMNS.map((c) => sql.ref(c)))})
      select * from unnest(${sql.join(IDENTITY_COLUMNS.map((c) => (c === 'version' ? sql`${column(c)}::integer[]` : sql`${column(c)}::text[]`)))})
      on conflict (realm_id, username_key) do nothing
      returning id`.execute(this.db);
    return written.map((r) => r.id);
  }

  /**
   * Prepares this connection for a long bulk load. SQLite: a 256 MiB page cache, so the indexes
   * of a million-identity realm stay in memory while rows go in at random places. PostgreSQL:
   * nothing (its shared buffers are the server's).
   */
  async beginBulkLoad(): Promise<void> {
    if (this.engine === 'sqlite') await sql`pragma cache_size = -262144`.execute(this.db);
  }

  /**
   * Ends a bulk load. PostgreSQL: refresh the identities statistics now rather than when
   * autovacuum gets to it; until then the planner prices `username eq ... ORDER BY id LIMIT n` as
   * if thousands of rows matched, and walks the whole realm in id order instead of reading one
   * row from the username index (seen as a 50 ms p99 right after seeding a million).
   */
  async endBulkLoad(): Promise<void> {
    if (this.engine === 'postgres') await sql`analyze identities`.execute(this.db);
  }

  /** Whether a table exists (features built on other branches add theirs by migration). */
  async tableExists(name: string): Promise<boolean> {
    if (this.engine === 'sqlite') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`.execute(this.db);
      return Number(rows[0]?.n ?? 0) > 0;
    }
    const { rows } = await sql<{ t: string | null }>`select to_regclass(${name}) as t`.execute(this.db);
    return rows[0]?.t != null;
  }
}
