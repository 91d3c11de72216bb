import { foldedKey } from './names.js';

/** A group is a named set of identities of one realm; policy rules use groups as predicates. */
export interface Group {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  description: string;
  /** Set by SCIM clients (SCIM's `externalId`); the v1 API does not show it. */
  external_id?: string;
  /** Incremented by every write, membership changes included (SCIM's ETag); not shown by v1. */
  version: number;
  create_time: string;
  update_time: string;
}

export const GROUP_DESCRIPTION_MAX_LENGTH = 300;

/** `:addMembers` and `:deleteMembers` take 1–1000 identity ids per call. */
export const MEMBERS_PER_CALL_MAX = 1000;

export interface NewGroupInput {
  display_name: string;
  description?: string;
}

export type GroupPatch = Partial<NewGroupInput>;

/** The group's own fields a write sets; absent ones stay. `external_id: null` removes it. */
export interface GroupFields {
  display_name?: string;
  description?: string;
  external_id?: string | null;
}

/** The group with these fields set (neither its version nor its times: see touchGroup, bumpGroupVersion). */
export function withGroupFields(group: Group, fields: GroupFields): Group {
  const { external_id, ...rest } = {
    ...group,
    display_name: fields.display_name ?? group.display_name,
    description: fields.description ?? group.description,
    external_id: fields.external_id === undefined ? group.external_id : (fields.external_id ?? undefined),
  };
  return { ...rest, ...(external_id !== undefined ? { external_id } : {}) };
}

/** Group names are unique per realm compared case-insensitively, like usernames. */
export function groupNameKey(group: Pick<Group, 'display_name'>): string {
  return foldedKey(group.display_name);
}

/** The group after a SCIM write: a new version (ETag) and `lastModified`, members included. */
export function touchGroup(current: Group, now: string): Group {
  return { ...current, update_time: now, version: current.version + 1 };
}

/**
 * The group after a v1 membership change: a new version, so SCIM ETags change, but the same
 * `update_time`, which in v1 moves only when the group's own fields change.
 */
export function bumpGroupVersion(current: Group): Group {
  return { ...current, version: current.version + 1 };
}

/** A member or a group as the other side's SCIM resource names it. */
export interface NamedRef {
  id: string;
  display_name: string;
}
