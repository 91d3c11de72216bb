import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * A keyset page, for `$call` on a list RealmTable does not cover (a membership join, a narrowed
 * list): rows whose `key` comes after the last one seen, in key order, skipping `offset`, at most
 * `limit`, which is one range of an index that ends with the key.
 */
export function keysetPage(key: string, after: string, offset: number, limit: number) {
  return <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> =>
    query.where(sql.ref(key), '>', after).orderBy(sql.ref(key)).limit(limit).offset(offset);
}
