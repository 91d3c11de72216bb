import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { conflict, notFound } from '../../domain/errors.js';
import type { AuditEvent } from '../../domain/audit/audit-event.js';
import { type EnrollmentStatus, type Identity, type IdentityStatus, identityKeys } from '../../domain/directory/identity.js';
import { type IdentityFilter, type IdentityFilterField, identityFilterIsLookup } from '../../domain/directory/identity-filter.js';
import type { Traits } from '../../domain/directory/traits.js';
import { isForeignKeyViolation, isPrimaryKeyViolation, isUniqueViolation } from '../engine/constraint-errors.js';
import type { Engine, Executor, SqliteHandle } from '../engine/connection.js';
import { like } from '../engine/like.js';
import { ScanReads } from '../engine/scan-reads.js';
import { toEventRow } from '../audit/audit-events.js';
import {
  type GroupCommitBatch,
  type IdentityCreate,
  IdentityInsertBatcher,
  groupCommitOptions,
  identityBatchWriter,
} from '../engine/group-commit.js';
import type { Observers } from '../../domain/observers.js';
import { precompiled } from '../engine/precompiled.js';
import { LockingRealmTable } from '../engine/realm-table.js';
import { chunks } from '../engine/chunks.js';
import type { Database, IdentitiesTable } from '../schema.js';

/**
 * The contract's derived status: the stored, clock-free part (ENROLLED, INVITE_FAILED,
 * UNENROLLED), unless no passkey is active and a link is still pending.
 */
function enrollmentOf(row: IdentitiesTable): EnrollmentStatus {
  const stored = (row.enrollment_status ?? 'UNENROLLED') as EnrollmentStatus;
  if (stored === 'ENROLLED') return stored;
  // The clock is read only when a link is pending: most rows have none, and every read maps rows.
  if (row.enrollment_pending_until && row.enrollment_pending_until > new Date().toISOString()) return 'PENDING';
  return stored;
}

const FILTER_COLUMNS: Record<IdentityFilterField, keyof IdentitiesTable> = {
  id: 'id',
  display_name: 'display_name_key',
  username: 'username_key',
  email: 'email_key',
  external_id: 'external_id',
};

export function toIdentity(row: IdentitiesTable): Identity {
  return {
    id: row.id,
    realm_id: row.realm_id,
    tenant_id: row.tenant_id,
    display_name: row.display_name,
    status: row.status as IdentityStatus,
    traits: JSON.parse(row.traits) as Traits,
    enrollment_status: enrollmentOf(row),
    create_time: row.create_time,
    update_time: row.update_time,
    version: Number(row.version),
  };
}

/** The row an identity is stored as; bulk writers use it too. */
export function toIdentityRow(identity: Identity): IdentitiesTable {
  return {
    id: identity.id,
    tenant_id: identity.tenant_id,
    realm_id: identity.realm_id,
    display_name: identity.display_name,
    status: identity.status,
    traits: JSON.stringify(identity.traits),
    create_time: identity.create_time,
    update_time: identity.update_time,
    version: identity.version,
    ...identityKeys(identity),
  };
}

function filterExpression(eb: ExpressionBuilder<Database, 'identities'>, filter: IdentityFilter): Expression<SqlBool> {
  switch (filter.op) {
    case 'and':
      return eb.and(filter.filters.map((f) => filterExpression(eb, f)));
    case 'or':
      return eb.or(filter.filters.map((f) => filterExpression(eb, f)));
    case 'eq':
      return eb(FILTER_COLUMNS[filter.field], '=', filter.value);
    case 'co':
    case 'sw':
      return like(sql`${sql.ref(FILTER_COLUMNS[filter.field])}`, filter.op, filter.value);
  }
}

const USERNAME_TAKEN = 'username already exists';
const LOOK_ALIKE_TAKEN = 'a username that looks the same already exists';

const selectIdentity = precompiled<IdentitiesTable, [string, string]>((db, realmId, id) =>
  db.selectFrom('identities').selectAll().where('realm_id', '=', realmId).where('id', '=', id),
);

/** One page of a realm's identities with one column equal to a value: the lookup lists make most. */
const lookupPages = Object.fromEntries(
  Object.entries(FILTER_COLUMNS).map(([field, column]) => [
    field,
    precompiled<IdentitiesTable, [string, string, string, number, number]>((db, realmId, afterId, value, limit, offset) =>
      db
        .selectFrom('identities')
        .selectAll()
        .where('realm_id', '=', realmId)
        .where('id', '>', afterId)
        .where(column, '=', value)
        .orderBy('id')
        .limit(limit as unknown as number)
        .offset(offset as unknown as number),
    ),
  ]),
) as Record<IdentityFilterField, (db: Executor, engine: Engine, ...args: [string, string, string, number, number]) => Promise<IdentitiesTable[]>>;

/**
 * The id drawn for a new identity is already another's. Ids are time-ordered (domain/ids.ts), so
 * two processes can, very rarely, draw the same one in the same millisecond; the caller draws again.
 */
export class IdentityIdTaken extends Error {
  constructor(readonly id: string) {
    super(`identity id ${id} is taken`);
  }
}

export class IdentityStore {
  /** Set outside transactions when group commit is on: concurrent creates share one statement. */
  private readonly batcher: IdentityInsertBatcher | null;
  private readonly scanReads: ScanReads;
  private readonly table: LockingRealmTable<'identities'>;

  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
    options: { groupCommit?: boolean; scanReads?: ScanReads; batches?: Observers<GroupCommitBatch>; sqlite?: SqliteHandle } = {},
  ) {
    this.scanReads = options.scanReads ?? new ScanReads(engine, 0, null);
    this.table = new LockingRealmTable(db, engine, 'identities');
    this.batcher =
      options.groupCommit && !db.isTransaction
        ? new IdentityInsertBatcher(
            identityBatchWriter(db, engine, options.sqlite),
            (create) => this.insertRow(create),
            groupCommitOptions(engine, 'identities', options.batches),
          )
        : null;
  }

  /**
   * Writes a new identity and, given one, the event of its creation: both or neither. Throws
   * `conflict` when the realm already has the username, compared by its folded key.
   */
  async insert(identity: Identity, event: AuditEvent | null = null): Promise<void> {
    const create: IdentityCreate = { row: toIdentityRow(identity), event: event && toEventRow(event) };
    return this.batcher ? this.batcher.insert(create) : this.insertRow(create);
  }

  private async insertRow({ row, event }: IdentityCreate): Promise<void> {
    if (event && !this.db.isTransaction) {
      await this.db.transaction().execute((trx) => new IdentityStore(trx, this.engine).insertRow({ row, event }));
      return;
    }
    try {
      await this.db.insertInto('identities').values(row).execute();
    } catch (error) {
      if (isPrimaryKeyViolation(error)) throw new IdentityIdTaken(row.id);
      if (isUniqueViolation(error)) throw await this.usernameConflict(error, row);
      // The realm was deleted between the caller's check and this insert.
      if (isForeignKeyViolation(error)) throw notFound('Realm', row.realm_id);
      throw error;
    }
    if (event) await this.db.insertInto('audit_events').values(event).execute();
  }

  async get(realmId: string, id: string): Promise<Identity | undefined> {
    const [row] = await selectIdentity(this.db, this.engine, realmId, id);
    return row && toIdentity(row);
  }

  /**
   * Reads an identity to change it, inside a transaction. On PostgreSQL the row stays locked until
   * commit, so two concurrent PATCHes merge one after the other instead of losing one's traits.
   * SQLite has one writer at a time and needs no row lock.
   */
  async getForUpdate(realmId: string, id: string): Promise<Identity | undefined> {
    const row = await this.table.getForUpdate(realmId, id);
    return row && toIdentity(row);
  }

  /** Throws `conflict` when the new username is another identity's. */
  async update(identity: Identity): Promise<void> {
    const row = toIdentityRow(identity);
    const { id, realm_id, tenant_id, create_time, username_skeleton, ...changes } = row;
    // The skeleton is written only with a new username: an identity that shared its skeleton
    // before the rule (migration 016 left it none) can still be suspended or renamed.
    const skeleton = sql<
      string | null
    >`case when ${sql.ref('username_key')} = ${row.username_key} then ${sql.ref('username_skeleton')} else ${username_skeleton} end`;
    try {
      await this.db
        .updateTable('identities')
        .set({ ...changes, username_skeleton: skeleton })
        .where('realm_id', '=', realm_id)
        .where('id', '=', id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw await this.usernameConflict(error, row);
      throw error;
    }
  }

  /**
   * The conflict a unique violation means: the same username, or only one that looks the same.
   * The same username breaks both unique indexes; PostgreSQL checks them in the order they were
   * made and so names the username's, SQLite may name the skeleton's, so there the username is
   * looked up (a failed statement leaves a SQLite transaction usable; a PostgreSQL one is aborted).
   */
  private async usernameConflict(error: unknown, row: IdentitiesTable) {
    const { message, constraint } = error as { message?: unknown; constraint?: unknown };
    if (!/username_skeleton/.test(`${String(message)} ${String(constraint)}`)) return conflict(USERNAME_TAKEN);
    if (this.engine === 'sqlite') {
      const same = await this.db
        .selectFrom('identities')
        .select('id')
        .where('realm_id', '=', row.realm_id)
        .where('username_key', '=', row.username_key)
        .where('id', '!=', row.id)
        .executeTakeFirst();
      if (same) return conflict(USERNAME_TAKEN);
    }
    return conflict(LOOK_ALIKE_TAKEN);
  }

  /** Keyset page in id order, so a walk sees every identity that existed when it began exactly once. */
  async page(realmId: string, filter: IdentityFilter | undefined, afterId: string, offset: number, limit: number) {
    // The same query as pageQuery's for one `eq`, compiled once (Kysely builds a query per call).
    if (filter?.op === 'eq' && identityFilterIsLookup(filter))
      return (await lookupPages[filter.field](this.db, this.engine, realmId, afterId, filter.value, limit, offset)).map(toIdentity);
    const query = this.pageQuery(realmId, filter, afterId, offset, limit);
    const rows = filter && !identityFilterIsLookup(filter) ? await this.scanReads.all(this.db, query) : await query.execute();
    return rows.map(toIdentity);
  }

  /** The query `page` runs; exposed so tests can read its plan. */
  pageQuery(realmId: string, filter: IdentityFilter | undefined, afterId: string, offset: number, limit: number) {
    let query = this.db.selectFrom('identities').selectAll().where('realm_id', '=', realmId).where('id', '>', afterId);
    if (filter) query = query.where((eb) => filterExpression(eb, filter));
    return query.orderBy('id').limit(limit).offset(offset);
  }

  async count(realmId: string, filter: IdentityFilter | undefined): Promise<number> {
    const query = this.countQuery(realmId, filter);
    const [row] = filter && !identityFilterIsLookup(filter) ? await this.scanReads.all(this.db, query) : [await query.executeTakeFirstOrThrow()];
    return Number(row?.n ?? 0);
  }

  /** The query `count` runs; exposed so tests can read its plan. */
  countQuery(realmId: string, filter: IdentityFilter | undefined) {
    let query = this.db
      .selectFrom('identities')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('realm_id', '=', realmId);
    if (filter) query = query.where((eb) => filterExpression(eb, filter));
    return query;
  }

  /** Deletes the given identities of the realm and returns the ids that were there. */
  async delete(realmId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    // Role memberships name members by type and id, with no foreign key to cascade from: they go
    // with the identity here, in the caller's transaction. (Group memberships cascade.)
    await this.db.deleteFrom('role_members').where('member_type', '=', 'identity').where('member_id', 'in', ids).execute();
    const rows = await this.db.deleteFrom('identities').where('realm_id', '=', realmId).where('id', 'in', ids).returning('id').execute();
    return rows.map((r) => r.id);
  }

  /** The identities of the realm among `ids`, in id order (in chunks, within the parameter limits). */
  async getMany(realmId: string, ids: readonly string[]): Promise<Identity[]> {
    const found: Identity[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.db.selectFrom('identities').selectAll().where('realm_id', '=', realmId).where('id', 'in', part).orderBy('id').execute();
      found.push(...rows.map(toIdentity));
    }
    return found;
  }

  /** The given ids that are identities of the realm (in chunks, within the engines' parameter limits). */
  existing(realmId: string, ids: readonly string[]): Promise<Set<string>> {
    return this.table.existing(realmId, ids);
  }
}
