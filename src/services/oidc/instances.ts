import { addSeconds, nowTimestamp } from '../../domain/time.js';
import { recordEvents } from '../audit/audit.js';
import type { Yonder } from '../context.js';

export type InstancePayload = Record<string, unknown> & { consumed?: number };

/**
 * Where the OpenID Connect provider keeps one application's model instances (codes, sessions,
 * interactions, grants, refresh tokens): in the store, so another process carries on the flow.
 * The shape of a payload is the provider's; these only read the fields the lookups index.
 */
export interface OidcInstances {
  upsert(model: string, id: string, payload: InstancePayload, expiresInSeconds: number | undefined): Promise<void>;
  find(model: string, id: string): Promise<InstancePayload | undefined>;
  findByUid(model: string, uid: string): Promise<InstancePayload | undefined>;
  findByUserCode(model: string, userCode: string): Promise<InstancePayload | undefined>;
  /** False when another request used it first. */
  consume(model: string, id: string): Promise<boolean>;
  destroy(model: string, id: string): Promise<void>;
  /** Ends a grant everywhere: its codes and refresh tokens, and the access tokens on record under it. */
  revokeByGrantId(grantId: string): Promise<void>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function payloadOf(row: { payload: string; consumed_at: string | null } | undefined): InstancePayload | undefined {
  if (!row) return undefined;
  const payload = JSON.parse(row.payload) as InstancePayload;
  // The provider reads `consumed` as a truthy epoch: a used code or rotated refresh token says so.
  return row.consumed_at === null ? payload : { ...payload, consumed: Math.floor(Date.parse(row.consumed_at) / 1000) };
}

export function oidcInstances(y: Yonder, tenantId: string, realmId: string, applicationId: string): OidcInstances {
  const store = y.store.oidcInstances;
  return {
    async upsert(model, id, payload, expiresInSeconds) {
      const now = nowTimestamp();
      await store.upsert({
        model,
        id,
        application_id: applicationId,
        payload: JSON.stringify(payload),
        grant_id: text(payload.grantId),
        uid: text(payload.uid),
        user_code: text(payload.userCode),
        expires_at: expiresInSeconds === undefined ? null : addSeconds(now, expiresInSeconds),
        consumed_at: null,
      });
    },
    find: async (model, id) => payloadOf(await store.find(applicationId, model, id, nowTimestamp())),
    findByUid: async (model, uid) => payloadOf(await store.findByUid(applicationId, model, uid, nowTimestamp())),
    findByUserCode: async (model, userCode) => payloadOf(await store.findByUserCode(applicationId, model, userCode, nowTimestamp())),
    consume: (model, id) => store.consume(applicationId, model, id, nowTimestamp()),
    destroy: (model, id) => store.destroy(applicationId, model, id),
    async revokeByGrantId(grantId) {
      const revoked = await y.store.transaction(async (tx) => {
        const jtis = await tx.oidcInstances.revokeGrant(applicationId, grantId, nowTimestamp());
        await recordEvents(
          tx,
          jtis.map((jti) => ({
            tenantId,
            realmId,
            type: 'token.revoked' as const,
            resourceType: 'token' as const,
            resourceId: jti,
            after: { id: jti, application_id: applicationId, grant_id: grantId, revoked_with: 'grant' },
          })),
        );
        return jtis;
      });
      // Committed: this process stops honouring them at once, the others within a second.
      for (const jti of revoked) y.tokens.forget(jti);
    },
  };
}
