import { realmPath, useConsole } from '../context';
import { useLoad } from '../hooks';
import type { Group, Identity, Reply } from '../types';
import { Button } from '../ui/button';
import { Link } from '../ui/link';
import { Notice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { DataTable } from '../ui/table';
import { MAX_PAGE, type ResourceServer, type Role, eachLimited, identityLabel } from './directory';

interface Held {
  role: Role;
  server: ResourceServer;
  /** The group it comes through, or none when held directly. */
  via?: Group;
}

/**
 * The roles the identity holds on every resource server of the realm: directly
 * (`identities/{id}:listRoles`) and through its groups (`groups/{id}:listRoles`), since the API
 * answers one resource server at a time.
 */
export function IdentityRoles({ identity }: { identity: Identity }) {
  const { api, realmId } = useConsole();
  const needed = (['roles:read', 'resource-servers:read'] as const).filter((scope) => !api.can(scope));
  const withGroups = api.can('groups:read');
  const held = useLoad(async () => {
    if (needed.length > 0) return [];
    const servers = (await api.get<Reply<'ListResourceServers'>>(realmPath(realmId, `/resource-servers?page_size=${MAX_PAGE}`))).resource_servers;
    const groups = withGroups
      ? (await api.get<Reply<'ListIdentityGroups'>>(realmPath(realmId, `/identities/${identity.id}:listGroups?page_size=${MAX_PAGE}`))).groups
      : [];
    const holders: { path: string; via?: Group }[] = [
      { path: `/identities/${identity.id}` },
      ...groups.map((group) => ({ path: `/groups/${group.id}`, via: group })),
    ];
    const found: Held[] = [];
    const lookups = servers.flatMap((server) => holders.map((holder) => ({ server, holder })));
    const failures = await eachLimited(lookups, async ({ server, holder }) => {
      const page = await api.get<Reply<'ListIdentityRoles' | 'ListGroupRoles'>>(
        realmPath(realmId, `${holder.path}:listRoles?resource_server_id=${encodeURIComponent(server.id)}&page_size=${MAX_PAGE}`),
      );
      for (const role of page.roles) found.push({ role, server, ...(holder.via ? { via: holder.via } : {}) });
    });
    if (failures.length > 0) throw failures[0]?.error;
    return found.sort((a, b) => a.server.display_name.localeCompare(b.server.display_name) || a.role.display_name.localeCompare(b.role.display_name));
  }, [api, realmId, identity.id]);

  if (needed.length > 0) return <Notice>Your roles do not include {needed.join(' and ')}, so roles cannot be shown.</Notice>;
  return (
    <div>
      <div class="section-head">
        <h2>Roles</h2>
        <Button onClick={held.reload} busy={held.loading}>
          Refresh
        </Button>
      </div>
      <p class="hint">Roles are granted on the Resource servers page, to identities or to groups.</p>
      <LoadedView loaded={held} label="Loading roles…">
        {() => (
          <DataTable
            caption={`Roles of ${identityLabel(identity)}`}
            rows={held.data ?? []}
            rowKey={(h) => `${h.role.id}:${h.via?.id ?? ''}`}
            empty={`${identityLabel(identity)} holds no role, directly or through a group.`}
            columns={[
              { header: 'Role', cell: (h) => h.role.display_name },
              { header: 'Resource server', cell: (h) => h.server.display_name },
              {
                header: 'Granted',
                cell: (h) =>
                  h.via ? (
                    <>
                      Through <Link to={`/realms/${realmId}/groups/${h.via.id}`}>{h.via.display_name}</Link>
                    </>
                  ) : (
                    'Directly'
                  ),
              },
              { header: 'Description', cell: (h) => h.role.description || '—', wide: true },
            ]}
          />
        )}
      </LoadedView>
    </div>
  );
}
