import type { Kysely } from 'kysely';

/**
 * Groups and their members, applications, and the versioned policy of each realm.
 *
 * - `group_members` has a composite primary key, so adding a member twice is a no-op
 *   (INSERT ... ON CONFLICT DO NOTHING) and concurrent adds and removes cannot lose each other.
 *   Deleting an identity drops its memberships through ON DELETE CASCADE (same on both engines:
 *   SQLite runs with `foreign_keys = ON`). The foreign key to `groups` has no cascade: a group
 *   with members cannot be deleted, even by a delete that races an add.
 * - `policies` keeps every published version; the primary key (realm_id, version) is what makes a
 *   stale or racing publish fail instead of overwriting another admin's rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('display_name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_realm_display_name_key_uq').on('groups').columns(['realm_id', 'display_name_key']).unique().execute();
  await db.schema.createIndex('groups_realm_id_idx').on('groups').columns(['realm_id', 'id']).execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'identity_id'])
    .execute();
  // Evaluation and `:listGroups` look memberships up by identity.
  await db.schema.createIndex('group_members_identity_idx').on('group_members').columns(['identity_id', 'group_id']).execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    // 0 or 1 on both engines. Managed applications are yonder's own and cannot be changed.
    .addColumn('is_managed', 'integer', (c) => c.notNull())
    // Kept for the client-credentials work to come, e.g. `management_api`.
    .addColumn('classification', 'text')
    .addColumn('resource_server_id', 'text')
    .addColumn('authenticator_config_id', 'text')
    // The protocol configuration as JSON text, as the client sent it (minus read-only fields).
    .addColumn('protocol_config', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_realm_id_idx').on('applications').columns(['realm_id', 'id']).execute();

  await db.schema
    .createTable('policies')
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    // The ordered rule list as JSON text.
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policies_pk', ['realm_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['policies', 'applications', 'group_members', 'groups']) {
    await db.schema.dropTable(table).execute();
  }
}
