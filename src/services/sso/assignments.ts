import type { Group } from '../../domain/directory/group.js';
import type { Identity } from '../../domain/directory/identity.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Repositories } from '../../store/index.js';
import { recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { type SsoConfigView, requireSsoConfig, viewOf } from './sso-configs.js';

type MemberKind = 'identities' | 'groups';

/** 404 naming every id that is not a member of that kind in the realm. */
function unknownMembers(kind: MemberKind, ids: readonly string[]): DomainError {
  const [resourceType, noun] = kind === 'identities' ? ['Identity', 'identity'] : ['Group', 'group'];
  return new DomainError(
    'not_found',
    `${noun} not found`,
    ids.map((id) => ({ type: 'ResourceInfo' as const, resource_type: resourceType, id, description: `${noun} not found` })),
  );
}

async function existingMembers(repos: Repositories, realmId: string, kind: MemberKind, ids: readonly string[]): Promise<Set<string>> {
  return kind === 'identities' ? repos.identities.existing(realmId, ids) : repos.groups.existing(realmId, ids);
}

/**
 * Assigns identities or groups to the config (already assigned ones stay, once): every id must be
 * of the realm, else 404 naming the unknown ones and nothing is assigned. Removing ignores ids
 * that are not assigned. One event per call, naming the ids.
 */
export async function changeAssignments(
  y: Yonder,
  ref: RealmRef,
  configId: string,
  kind: MemberKind,
  action: 'add' | 'remove',
  ids: readonly string[],
): Promise<void> {
  const unique = [...new Set(ids)];
  await y.store.transaction(async (tx) => {
    const config = await requireSsoConfig(tx, ref, configId);
    if (action === 'add') {
      const found = await existingMembers(tx, ref.realmId, kind, unique);
      const missing = unique.filter((id) => !found.has(id));
      if (missing.length > 0) throw unknownMembers(kind, missing);
      if (kind === 'identities') await tx.ssoConfigs.addIdentities(ref.realmId, config.id, unique);
      else await tx.ssoConfigs.addGroups(ref.realmId, config.id, unique);
    } else if (kind === 'identities') await tx.ssoConfigs.removeIdentities(config.id, unique);
    else await tx.ssoConfigs.removeGroups(config.id, unique);
    await recordEvent(tx, {
      tenantId: ref.tenantId,
      realmId: ref.realmId,
      type: `sso_config.${kind}_${action === 'add' ? 'added' : 'removed'}`,
      resourceType: 'sso_config',
      resourceId: config.id,
      after: { [kind === 'identities' ? 'identity_ids' : 'group_ids']: unique },
    });
  });
}

/** An identity assigned to a config, with the group it is assigned through (none when directly). */
export interface IdentityAssociation {
  identity: Identity;
  group: Pick<Group, 'id' | 'display_name'> | null;
}

/** The identities assigned to the config, directly or through a group, in id order. */
export async function listIdentityAssociations(y: Yonder, ref: RealmRef, configId: string, params: ListParams): Promise<Page<IdentityAssociation>> {
  const config = await requireSsoConfig(y.store, ref, configId);
  const page = await listPage(
    params,
    { list: `sso-config-identities:${config.id}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.ssoConfigs.identityAssociations(config.id, after, offset, limit),
    () => y.store.ssoConfigs.countIdentityAssociations(config.id),
  );
  const identities = new Map(
    (
      await y.store.identities.getMany(
        ref.realmId,
        page.items.map((a) => a.id),
      )
    ).map((i) => [i.id, i]),
  );
  const groups = new Map<string, Group | undefined>();
  const items: IdentityAssociation[] = [];
  for (const association of page.items) {
    const identity = identities.get(association.id);
    if (!identity) continue;
    let group: Group | undefined;
    if (association.groupId !== null) {
      if (!groups.has(association.groupId)) groups.set(association.groupId, await y.store.groups.get(ref.realmId, association.groupId));
      group = groups.get(association.groupId);
    }
    items.push({ identity, group: group ? { id: group.id, display_name: group.display_name } : null });
  }
  return { ...page, items };
}

/** The groups assigned to the config, each with its number of members. */
export async function listGroupAssociations(y: Yonder, ref: RealmRef, configId: string): Promise<{ group: Group; memberCount: number }[]> {
  const config = await requireSsoConfig(y.store, ref, configId);
  const out: { group: Group; memberCount: number }[] = [];
  for (const id of await y.store.ssoConfigs.groupIdsOf(config.id)) {
    const group = await y.store.groups.get(ref.realmId, id);
    if (group) out.push({ group, memberCount: await y.store.groups.memberCount(id) });
  }
  return out;
}

/** Whether any of `groupIds` is assigned to the config. */
export async function isAnyGroupAssigned(y: Yonder, ref: RealmRef, configId: string, groupIds: readonly string[]): Promise<boolean> {
  const config = await requireSsoConfig(y.store, ref, configId);
  return (await y.store.ssoConfigs.assignedGroups(config.id, [...new Set(groupIds)])).length > 0;
}

async function requireIdentity(repos: Repositories, ref: RealmRef, identityId: string): Promise<Identity> {
  await requireRealm(repos, ref.tenantId, ref.realmId);
  const identity = await repos.identities.get(ref.realmId, identityId);
  if (!identity) throw notFound('Identity', identityId);
  return identity;
}

/** Whether the identity is assigned to the config, itself or through one of its groups. */
export async function isIdentityAssigned(y: Yonder, ref: RealmRef, identityId: string, configId: string): Promise<boolean> {
  const identity = await requireIdentity(y.store, ref, identityId);
  const config = await requireSsoConfig(y.store, ref, configId);
  return y.store.ssoConfigs.isAssigned(config.id, identity.id, await y.store.groups.groupIdsOf(identity.id));
}

async function pageOfConfigs(
  y: Yonder,
  ref: RealmRef,
  list: string,
  identityId: string | null,
  groupIds: readonly string[],
  params: ListParams,
): Promise<Page<SsoConfigView>> {
  const page = await listPage(
    params,
    { list, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.ssoConfigs.pageForMember(ref.realmId, identityId, groupIds, after, offset, limit),
    () => y.store.ssoConfigs.countForMember(ref.realmId, identityId, groupIds),
  );
  const items: SsoConfigView[] = [];
  for (const config of page.items) items.push(await viewOf(y, y.store, config));
  return { ...page, items };
}

/** The configs the identity is assigned to, itself or through its groups. */
export async function listConfigsOfIdentity(y: Yonder, ref: RealmRef, identityId: string, params: ListParams): Promise<Page<SsoConfigView>> {
  const identity = await requireIdentity(y.store, ref, identityId);
  return pageOfConfigs(y, ref, `identity-sso-configs:${identity.id}`, identity.id, await y.store.groups.groupIdsOf(identity.id), params);
}

/** The configs the group is assigned to. */
export async function listConfigsOfGroup(y: Yonder, ref: RealmRef, groupId: string, params: ListParams): Promise<Page<SsoConfigView>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const group = await y.store.groups.get(ref.realmId, groupId);
  if (!group) throw notFound('Group', groupId);
  return pageOfConfigs(y, ref, `group-sso-configs:${group.id}`, null, [group.id], params);
}

/** The id of the config the application was made for, if any. */
export async function ssoConfigIdOfApplication(y: Yonder, ref: RealmRef, applicationId: string): Promise<string | null> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  if (!(await y.store.applications.existing(ref.realmId, [applicationId])).has(applicationId)) throw notFound('Application', applicationId);
  return (await y.store.ssoConfigs.byApplication(ref.realmId, applicationId))?.id ?? null;
}
