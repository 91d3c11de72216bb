import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { chunks } from './chunks.js';
import type { Engine, Executor } from './connection.js';
import { CompiledOnce } from './precompiled.js';

type OwnedTable = keyof Database;

/** The string columns of a table, for its owner column and its narrowing equalities. */
type StringColumn<T extends OwnedTable> = { [C in keyof Database[T]]: Database[T][C] extends string ? C : never }[keyof Database[T]] & string;

/** The columns a page can be keyed by: a string id or a numbered version. */
type KeyColumn<T extends OwnedTable> = { [C in keyof Database[T]]: Database[T][C] extends string | number ? C : never }[keyof Database[T]] & string;

/**
 * The one table the helper's queries are written against. Kysely cannot check a column name of a
 * table chosen by a type parameter, so the queries below are typed for this generic row; the
 * names they use are checked against the real table by `RealmTable`'s own parameters.
 */
type AnyOwnedRow = Record<string, string | number | null>;
type AnyOwnedTable = Kysely<{ owned: AnyOwnedRow }>;

/**
 * The reads and deletes every table a realm (or a tenant, or a resource server) owns has, written
 * once: a keyset page (owner first, then key greater than the last one seen, in key order, so each
 * page is one range of the (owner, key) index), its count, get and delete by (owner, key), and
 * which of some keys exist.
 * The owner column is `realm_id` and the key `id` unless the table says otherwise.
 *
 * `narrow` adds equalities after owner and key (e.g. one identity's credentials) to page and count.
 */
export class RealmTable<T extends OwnedTable> {
  private readonly owner: string;
  private readonly key: string;
  /** `get`, the point read every request makes (an application, a resource server...), compiled once. */
  private readonly getOne: CompiledOnce<AnyOwnedRow, [string, string | number]>;

  constructor(
    private readonly executor: Executor,
    private readonly table: T,
    owner: StringColumn<T> = 'realm_id' as StringColumn<T>,
    key: KeyColumn<T> = 'id' as KeyColumn<T>,
  ) {
    this.owner = owner;
    this.key = key;
    this.getOne = new CompiledOnce(executor, (ownerId, keyValue) => this.byKey(ownerId, keyValue));
  }

  private get db(): AnyOwnedTable {
    return this.executor as unknown as AnyOwnedTable;
  }

  private get from(): 'owned' {
    return this.table as unknown as 'owned';
  }

  async page(
    ownerId: string,
    after: string | number,
    offset: number,
    limit: number,
    narrow: Partial<Record<StringColumn<T>, string>> = {},
  ): Promise<Database[T][]> {
    let query = this.db.selectFrom(this.from).selectAll().where(this.owner, '=', ownerId).where(this.key, '>', after);
    for (const [column, value] of Object.entries(narrow as Record<string, string>)) query = query.where(column, '=', value);
    const rows = await query.orderBy(this.key).limit(limit).offset(offset).execute();
    return rows as unknown as Database[T][];
  }

  async count(ownerId: string, narrow: Partial<Record<StringColumn<T>, string>> = {}): Promise<number> {
    let query = this.db
      .selectFrom(this.from)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(this.owner, '=', ownerId);
    for (const [column, value] of Object.entries(narrow as Record<string, string>)) query = query.where(column, '=', value);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async get(ownerId: string, key: string | number): Promise<Database[T] | undefined> {
    const [row] = await this.getOne.run(ownerId, key);
    return row as Database[T] | undefined;
  }

  protected byKey(ownerId: string, key: string | number) {
    return this.db.selectFrom(this.from).selectAll().where(this.owner, '=', ownerId).where(this.key, '=', key);
  }

  /** The given keys that are the owner's rows (in chunks, within the engines' parameter limits). */
  async existing(ownerId: string, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(keys)) {
      const rows = await this.db.selectFrom(this.from).select(this.key).where(this.owner, '=', ownerId).where(this.key, 'in', part).execute();
      for (const row of rows) found.add(String(row[this.key]));
    }
    return found;
  }

  /** Returns whether the row was there. */
  async delete(ownerId: string, key: string | number): Promise<boolean> {
    const result = await this.db.deleteFrom(this.from).where(this.owner, '=', ownerId).where(this.key, '=', key).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

/**
 * A table whose rows callers read to change them inside a transaction (a role before its delete, a
 * group before its members, an identity before a PATCH): `getForUpdate` locks the row on PostgreSQL
 * until commit, so what the caller checked of it still holds when it writes. SQLite has one writer
 * at a time and needs no row lock.
 */
export class LockingRealmTable<T extends OwnedTable> extends RealmTable<T> {
  constructor(
    executor: Executor,
    private readonly engine: Engine,
    table: T,
    owner?: StringColumn<T>,
    key?: KeyColumn<T>,
  ) {
    super(executor, table, owner, key);
  }

  async getForUpdate(ownerId: string, key: string | number): Promise<Database[T] | undefined> {
    let query = this.byKey(ownerId, key);
    if (this.engine === 'postgres') query = query.forUpdate();
    return (await query.executeTakeFirst()) as Database[T] | undefined;
  }
}
