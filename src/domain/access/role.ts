/** A role: a named set of scopes of one resource server, granted to identities and groups. */
export interface Role {
  id: string;
  tenant_id: string;
  realm_id: string;
  resource_server_id: string;
  display_name: string;
  description: string;
  create_time: string;
  update_time: string;
}

export const MEMBER_TYPES = ['identity', 'group'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
