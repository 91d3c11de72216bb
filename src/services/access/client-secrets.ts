import type { Application } from '../../domain/access/application.js';
import { READ_SECRETS_SCOPE } from '../../domain/access/scopes.js';
import { seal, unseal } from '../../domain/access/sealed-secret.js';
import type { Repositories } from '../../store/index.js';
import { recordEvents } from '../audit/audit.js';
import type { Yonder } from '../context.js';

/**
 * How a new client secret is kept beside its hash: sealed with the master key (`CLIENT_SECRETS=
 * sealed`, the default), so `applications:read-secrets` can read it back, or not at all (`hashed`).
 * The hash is always kept: it is what a presented secret is checked against.
 */
export interface ClientSecretKeeper {
  /** The sealed copy to store, or null when secrets are kept hashed only. */
  seal(applicationId: string, secret: string): string | null;
}

const context = (applicationId: string) => `applications:${applicationId}:client_secret`;

export const HASHED_ONLY: ClientSecretKeeper = { seal: () => null };

export function clientSecretKeeper(y: Pick<Yonder, 'config' | 'masterKey'>): ClientSecretKeeper {
  if (y.config.clientSecrets === 'hashed') return HASHED_ONLY;
  return { seal: (applicationId, secret) => seal(y.masterKey, secret, context(applicationId)) };
}

/**
 * The client secrets `caller` may see among `apps` (by application id): none unless it holds
 * `applications:read-secrets` and secrets are kept sealed. Every secret shown is an
 * `application.secret_read` event (without the secret), recorded before the reply goes out.
 */
export async function revealClientSecrets(
  y: Yonder,
  repos: Repositories,
  apps: readonly Application[],
  caller: { scopes: { has(scope: string): boolean } },
): Promise<Map<string, string>> {
  const shown = new Map<string, string>();
  if (y.config.clientSecrets === 'hashed' || !caller.scopes.has(READ_SECRETS_SCOPE)) return shown;
  const sealed = apps.filter((app) => app.client_secret_sealed !== null && app.client_secret_hash !== null);
  for (const app of sealed) shown.set(app.id, unseal(y.masterKey, app.client_secret_sealed ?? '', context(app.id)));
  if (sealed.length > 0) {
    await recordEvents(
      repos,
      sealed.map((app) => ({
        tenantId: app.tenant_id,
        realmId: app.realm_id,
        type: 'application.secret_read' as const,
        resourceType: 'application',
        resourceId: app.id,
      })),
    );
  }
  return shown;
}
