import type { Kysely } from 'kysely';

interface Tables {
  resource_servers: { id: string; identifier: string; scopes: string };
  applications: { id: string; classification: string | null; protocol_config: string };
}

/**
 * Lets the Management API offer `scopes`: each tenant's `beyondidentity` resource server lists
 * them and each management application may grant them. For migrations that add scopes; which
 * roles then hold them is each migration's own rule.
 */
export async function allowManagementScopes(db: Kysely<unknown>, scopes: readonly string[]): Promise<void> {
  const kysely = db as unknown as Kysely<Tables>;
  const servers = await kysely.selectFrom('resource_servers').select(['id', 'scopes']).where('identifier', '=', 'beyondidentity').execute();
  for (const server of servers) {
    const current = server.scopes.split(' ').filter(Boolean);
    const added = scopes.filter((scope) => !current.includes(scope));
    if (added.length === 0) continue;
    await kysely
      .updateTable('resource_servers')
      .set({ scopes: [...current, ...added].join(' ') })
      .where('id', '=', server.id)
      .execute();
  }
  const apps = await kysely.selectFrom('applications').select(['id', 'protocol_config']).where('classification', '=', 'management_api').execute();
  for (const app of apps) {
    const config = JSON.parse(app.protocol_config) as { allowed_scopes?: string[] };
    if (!config.allowed_scopes) continue;
    const added = scopes.filter((scope) => !config.allowed_scopes?.includes(scope));
    if (added.length === 0) continue;
    const protocolConfig = JSON.stringify({ ...config, allowed_scopes: [...config.allowed_scopes, ...added] });
    await kysely.updateTable('applications').set({ protocol_config: protocolConfig }).where('id', '=', app.id).execute();
  }
}
