import { foldedKey } from './names.js';

/** A group is a named set of identities of one realm; policy rules use groups as predicates. */
export interface Group {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  description: string;
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

export function applyGroupPatch(current: Group, patch: GroupPatch, now: string): Group {
  return {
    ...current,
    display_name: patch.display_name ?? current.display_name,
    description: patch.description ?? current.description,
    update_time: now,
  };
}

/** Group names are unique per realm compared case-insensitively, like usernames. */
export function groupNameKey(group: Pick<Group, 'display_name'>): string {
  return foldedKey(group.display_name);
}
