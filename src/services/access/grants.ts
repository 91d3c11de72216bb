import { DomainError } from '../../domain/errors.js';
import type { Identity } from '../../domain/directory/identity.js';
import type { ResourceServer } from '../../domain/access/resource-server.js';
import { type Grant, type Grantor, grantRefusal } from '../../domain/access/scopes.js';
import type { Repositories } from '../../store/index.js';
import { MANAGEMENT_AUDIENCE } from '../../platform/tokens/token-service.js';

/**
 * Grants: nothing can grant more than its caller holds (`grantRefusal`). The management scopes
 * someone holds come from three places, each guarded where it is given:
 * - an application on the Management API resource server (its allowed scopes, its secret);
 * - roles on that server, through which a person of the admin realm gets the scopes of their
 *   console token, which reaches the whole tenant (a role's scopes and members, a group's members,
 *   a binding link that lets someone sign in as a person who holds roles);
 * - a token minted from another (`POST .../applications/{app}/tokens`).
 * Scopes of other resource servers are their APIs' business, not grants of yonder's.
 */

/** Refuses (403, saying what and why) what `caller` could not grant themselves. */
export function assertGrantable(caller: Grantor, grant: Grant, what: string, hint = ''): void {
  const refusal = grantRefusal(caller, grant);
  if (refusal !== null) throw new DomainError('forbidden', `${what} would grant ${refusal}.${hint ? ` ${hint}` : ''}`);
}

/**
 * As `assertGrantable`, for a grant to new members of a group or role: members already there gain
 * nothing, so it is refused only when `hasNewcomers` (asked only then: it costs a read) says some
 * member is new.
 */
export async function assertGrantableToNewcomers(caller: Grantor, grant: Grant, what: string, hasNewcomers: () => Promise<boolean>): Promise<void> {
  if (grantRefusal(caller, grant) === null) return;
  if (await hasNewcomers()) assertGrantable(caller, grant, what);
}

/** True for the tenant's Management API resource server (audience `beyondidentity`, admin realm only). */
export function isManagementServer(server: ResourceServer | null | undefined): server is ResourceServer {
  return server?.identifier === MANAGEMENT_AUDIENCE;
}

/** The realm's Management API resource server: the admin realm has it, other realms none. */
export function managementServerOf(repos: Repositories, realmId: string): Promise<ResourceServer | undefined> {
  return repos.resourceServers.byIdentifier(realmId, MANAGEMENT_AUDIENCE);
}

/** Refuses (403, `what` names whom) a binding link for an identity; see `inviteGuard`. */
export type InviteGuard = (identityId: string, what: string) => Promise<void>;

/**
 * A binding link lets whoever follows it sign in as the identity, with the scopes its roles give
 * its console token (tenant-wide, so a realm-restricted caller cannot grant them): the guard
 * refuses a link for an identity whose scopes `caller` could not grant. The realm's Management API
 * server is looked up once, so a batch in any realm but the admin realm costs one read in all.
 */
export async function inviteGuard(tx: Repositories, realmId: string, caller: Grantor): Promise<InviteGuard> {
  const server = await managementServerOf(tx, realmId);
  return async (identityId, what) => {
    if (!server) return;
    const scopes = await tx.roles.scopesOfMember(server.id, identityId, await tx.groups.groupIdsOf(identityId));
    assertGrantable(caller, { scopes, tenantWide: true }, what, 'Whoever follows it signs in with the roles of the identity.');
  };
}

/**
 * Moving an identity's email addresses elsewhere is as good as a binding link sent there: the next
 * EMAIL job for the identity, made by someone who may, lands in the new mailbox. So changing them
 * needs what a link for that identity needs (`inviteGuard`); every other field does not.
 */
export async function assertMayMoveMail(tx: Repositories, realmId: string, caller: Grantor, before: Identity, after: Identity): Promise<void> {
  const same = (field: 'primary_email_address' | 'secondary_email_address') => before.traits[field] === after.traits[field];
  if (same('primary_email_address') && same('secondary_email_address')) return;
  const mayInvite = await inviteGuard(tx, realmId, caller);
  await mayInvite(before.id, 'Changing the email address of this identity');
}

/**
 * Refuses adding `identityIds` to a group whose roles carry management scopes the caller could
 * not grant (re-adding members is fine). Groups of realms without the Management API (every realm
 * but the admin realm) cost one indexed read, so SCIM pushes into them go on as before.
 */
export async function assertMayJoinGroup(
  tx: Repositories,
  caller: Grantor,
  realmId: string,
  groupId: string,
  identityIds: readonly string[],
): Promise<void> {
  if (identityIds.length === 0) return;
  const server = await managementServerOf(tx, realmId);
  if (!server) return;
  const grant: Grant = { scopes: await tx.roles.scopesOfMember(server.id, null, [groupId]), tenantWide: true };
  await assertGrantableToNewcomers(caller, grant, 'Adding members to this group', async () => {
    const already = await tx.groups.membersAmong(groupId, identityIds);
    return identityIds.some((id) => !already.has(id));
  });
}
