import type { Kysely } from 'kysely';

const SCOPE = 'applications:read-secrets';

interface Tables {
  resource_servers: { identifier: string; scopes: string };
  applications: { id: string; classification: string | null; protocol_config: string };
}

/**
 * A client secret may be kept sealed beside its hash (`CLIENT_SECRETS=sealed`, the default), so a
 * token holding `applications:read-secrets` can read it back. The Management API resource server
 * gets that scope, and so does the managed Management API application (it allows every management
 * scope, and cannot be changed by PATCH); no role gets it here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('client_secret_sealed', 'text').execute();
  const kysely = db as unknown as Kysely<Tables>;
  const servers = await kysely.selectFrom('resource_servers').select(['identifier', 'scopes']).where('identifier', '=', 'beyondidentity').execute();
  for (const server of servers) {
    const scopes = server.scopes.split(' ').filter(Boolean);
    if (scopes.includes(SCOPE)) continue;
    await kysely
      .updateTable('resource_servers')
      .set({ scopes: [...scopes, SCOPE].join(' ') })
      .where('identifier', '=', 'beyondidentity')
      .where('scopes', '=', server.scopes)
      .execute();
  }
  const apps = await kysely.selectFrom('applications').select(['id', 'protocol_config']).where('classification', '=', 'management_api').execute();
  for (const app of apps) {
    const config = JSON.parse(app.protocol_config) as { allowed_scopes?: string[] };
    if (!config.allowed_scopes || config.allowed_scopes.includes(SCOPE)) continue;
    const protocolConfig = JSON.stringify({ ...config, allowed_scopes: [...config.allowed_scopes, SCOPE] });
    await kysely.updateTable('applications').set({ protocol_config: protocolConfig }).where('id', '=', app.id).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('client_secret_sealed').execute();
}
