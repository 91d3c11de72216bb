import type { Kysely } from 'kysely';

/**
 * Console tokens: a token the Admin Console mints from a hosted sign-in session names that session
 * (by the hash its cookie is stored under), so it is honoured only while the session lasts and
 * signing out revokes every token minted from it. Other tokens leave it null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('session_hash', 'text').execute();
  await db.schema.createIndex('api_tokens_session_idx').on('api_tokens').column('session_hash').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('api_tokens_session_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('session_hash').execute();
}
