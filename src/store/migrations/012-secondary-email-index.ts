import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * SCIM's `emails.value eq "x"` (and `emails[type eq "other"]`) matches an identity by either of
 * its emails: the primary has an index (its folded key), the secondary is read from the traits
 * JSON and had none, so the OR scanned the whole realm. This indexes the same expression the SCIM
 * queries compare (store/directory/scim-users.ts writes the JSON path as a literal so the planner can match
 * it). Identities without a secondary email share one key and append, so creates barely notice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const expression =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`lower(("traits"::jsonb ->> 'secondary_email_address'))`
      : sql`lower(json_extract("traits", '$.secondary_email_address'))`;
  await sql`create index identities_realm_secondary_email_idx on identities (realm_id, ${expression})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('identities_realm_secondary_email_idx').execute();
}
