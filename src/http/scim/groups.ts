import type { Group } from '../../domain/directory/group.js';
import type { Yonder } from '../../services/context.js';
import { type Projection, project, returns } from '../../protocols/scim/collection-query.js';
import { parseGroupFilter, parseGroupSort } from '../../protocols/scim/group-filter.js';
import { groupToScim } from '../../protocols/scim/group-mapping.js';
import { createGroup, deleteGroup, getGroup, membersOf, patchGroup, replaceGroup, searchGroups } from '../../services/directory/scim-groups.js';
import { GROUP_SCHEMA } from '../../protocols/scim/schema.js';
import { provisioningRoutes, resourceLocation } from './resource-routes.js';

export const groupLocation = (y: Yonder, group: Group): string => resourceLocation(y, 'Groups', group);

/** The groups as SCIM resources, reading their members only when the projection returns them. */
async function groupsToScim(y: Yonder, groups: readonly Group[], projection: Projection) {
  const members = returns(projection, 'members')
    ? await membersOf(
        y,
        groups.map((g) => g.id),
      )
    : undefined;
  return groups.map((g) => project(groupToScim(g, groupLocation(y, g), members?.get(g.id) ?? (members ? [] : undefined)), projection, GROUP_SCHEMA));
}

/**
 * What a PATCH reply carries when the client names nothing: the group without its members. The
 * contract's SCIMGroup (Beyond Identity's reply) has no members, and Okta and Entra patch
 * membership in small batches, so the whole member list in every reply would grow with the group.
 */
function patchReplyProjection(asked: Projection): Projection {
  return asked.attributes || asked.excludedAttributes ? asked : { excludedAttributes: ['members'] };
}

/** `/Groups` (no trailing slash) and `/Groups/{id}`: search, create, read, replace, patch, delete. */
export const groupProvisioningRoutes = provisioningRoutes({
  path: 'Groups',
  idParam: 'group_id',
  queryDocs: {
    filter: 'RFC 7644 §3.4.2.2 filter, e.g. displayName eq "Sales".',
    sortBy: 'displayName, meta.created or meta.lastModified.',
    excludedAttributes: 'Comma-separated attributes to leave out; `members` skips reading them (Entra, M1).',
  },
  docs: {
    list: [
      'SCIMListGroups',
      'List or filter Groups',
      'Okta probes `?startIndex=1&count=100` (O5); Entra filters `displayName eq` with `excludedAttributes=members` (M1).',
    ],
    create: [
      'SCIMCreateGroup',
      'Create a Group (a v1 group), with its members',
      'Provisions a Group: creates the v1 group it stands for, with the members given.',
    ],
    get: ['SCIMGetGroup', 'Retrieve a Group with its members', 'One Group, by id, with its members; `excludedAttributes=members` leaves them out.'],
    replace: [
      'SCIMReplaceGroup',
      'Replace a Group: its name, externalId and whole member list',
      'Replaces a Group: its display name, externalId and whole member list become what is sent.',
    ],
    patch: [
      'SCIMUpdateGroup',
      'Update a Group with a PatchOp: rename, add and remove members',
      'Answers 200 with the group, as the contract says and RFC 7644 §3.5.2 allows, without its members unless ' +
        '`attributes` or `excludedAttributes` ask otherwise (`attributes=members`, `excludedAttributes=externalId`). ' +
        'With `Prefer: return=minimal` ' +
        '(RFC 7240) it answers 204 with the new ETag and no body.',
    ],
    delete: [
      'SCIMDeleteGroup',
      'Delete a Group and its memberships',
      'Members go with it (unlike v1); 409 while a rule of the current policy names the group.',
    ],
  },
  parse: { filter: parseGroupFilter, sort: parseGroupSort },
  search: (y, ref, { projection: _, ...search }) => searchGroups(y, ref, search).then(({ groups, total }) => ({ rows: groups, total })),
  toScim: groupsToScim,
  services: { get: getGroup, create: createGroup, replace: replaceGroup, patch: patchGroup, remove: deleteGroup },
  patchReply: { honoursReturnMinimal: true, projection: patchReplyProjection },
});
