import type { Identity } from '../../domain/directory/identity.js';
import type { Yonder } from '../../services/context.js';
import { type Projection, parseSort, project, returns } from '../../protocols/scim/collection-query.js';
import { parseUserFilter } from '../../protocols/scim/filter.js';
import { type UserGroup, identityToScimUser } from '../../protocols/scim/user-mapping.js';
import { USER_SCHEMA } from '../../protocols/scim/schema.js';
import { createUser, deleteUser, getUser, groupsOfUsers, patchUser, replaceUser, searchUsers } from '../../services/directory/scim-users.js';
import { provisioningRoutes, resourceLocation } from './resource-routes.js';

export const userLocation = (y: Yonder, identity: Identity): string => resourceLocation(y, 'Users', identity);

/** An identity, with its groups when the search that found it read them too. */
type UserRow = Identity & { groups?: UserGroup[] };

/**
 * The identities as SCIM Users, reading their groups only when the projection returns them and
 * the search has not read them already. A create's reply has no `groups`: a new user is in none.
 */
async function usersToScim(y: Yonder, rows: readonly UserRow[], projection: Projection, created: boolean) {
  const unread = !created && returns(projection, 'groups') ? rows.filter((row) => !row.groups).map((row) => row.id) : [];
  const groups = unread.length > 0 ? await groupsOfUsers(y, unread) : new Map<string, UserGroup[]>();
  return rows.map((row) => {
    const { groups: found, ...identity } = row;
    return project(identityToScimUser(identity, userLocation(y, row), found ?? groups.get(row.id)), projection, USER_SCHEMA);
  });
}

/** `/Users` and `/Users/{id}`: search, create, read, replace, patch, delete. */
export const userProvisioningRoutes = provisioningRoutes({
  path: 'Users',
  idParam: 'user_id',
  queryDocs: {
    filter: 'RFC 7644 §3.4.2.2 filter, e.g. userName eq "bjensen".',
    sortBy: 'userName, displayName, meta.created or meta.lastModified.',
    excludedAttributes: 'Comma-separated attributes to leave out.',
  },
  docs: {
    list: [
      'SCIMListUsers',
      'List or filter Users',
      "The realm's identities as SCIM Users. `filter` takes the SCIM grammar (RFC 7644 \u00a73.4.2.2); a bad filter is 400 `invalidFilter` saying where it broke.",
    ],
    create: [
      'SCIMCreateUser',
      'Create a User (a new identity)',
      'Provisions a User: creates the identity it stands for. A taken `userName` is 409 `uniqueness`.',
    ],
    get: ['SCIMGetUser', 'Retrieve a User', 'One User, by id; `attributes` and `excludedAttributes` choose what is returned.'],
    replace: ['SCIMReplaceUser', 'Replace a User', 'Okta deactivates with `active: false` here (O4); that suspends the identity.'],
    patch: [
      'SCIMPatchUser',
      'Update a User with a PatchOp',
      'Applies a SCIM PatchOp (add, replace, remove) to a User; `active: false` suspends the identity.',
    ],
    delete: ['SCIMDeleteUser', 'Delete a User (and its identity)', 'Deprovisions a User: deletes the identity it stands for.'],
  },
  parse: { filter: parseUserFilter, sort: parseSort },
  search: (y, ref, { projection, ...search }) =>
    searchUsers(y, ref, { ...search, withGroups: returns(projection, 'groups') }).then(({ users, total }) => ({
      rows: users.map(({ identity, groups }): UserRow => (groups ? { ...identity, groups } : identity)),
      total,
    })),
  toScim: usersToScim,
  services: { get: getUser, create: createUser, replace: replaceUser, patch: patchUser, remove: deleteUser },
});
