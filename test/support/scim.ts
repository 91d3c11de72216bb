import type { TestYonder } from './harness.js';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** `/v1/tenants/{t}/realms/{r}/scim/v2` + rest. */
export function scimPath(y: TestYonder, rest = ''): string {
  return y.realmPath(`/scim/v2${rest}`);
}

export async function createScimUser(y: TestYonder, body: Record<string, unknown>) {
  const reply = await y.request('POST', scimPath(y, '/Users'), { body: { schemas: [CORE_USER], ...body } });
  if (reply.status !== 201) throw new Error(`create ${String(body.userName)}: ${reply.status} ${reply.text}`);
  return reply.body as { id: string; meta: { version: string; created: string; location: string } } & Record<string, any>;
}

export const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

export async function createScimGroup(y: TestYonder, body: Record<string, unknown>, token?: string) {
  const reply = await y.request('POST', scimPath(y, '/Groups'), { body: { schemas: [CORE_GROUP], ...body }, ...(token ? { token } : {}) });
  if (reply.status !== 201) throw new Error(`create group ${String(body.displayName)}: ${reply.status} ${reply.text}`);
  return reply.body as { id: string; meta: { version: string; created: string; location: string } } & Record<string, any>;
}

/** The member ids of a group, sorted, read through SCIM. */
export async function scimMemberIds(y: TestYonder, groupId: string): Promise<string[]> {
  const reply = await y.request('GET', scimPath(y, `/Groups/${groupId}`));
  if (reply.status !== 200) throw new Error(`get group ${groupId}: ${reply.status} ${reply.text}`);
  return ((reply.body.members ?? []) as { value: string }[]).map((m) => m.value).sort();
}
