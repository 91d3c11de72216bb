import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcInstances } from '../../services/oidc/instances.js';

/**
 * oidc-provider's storage interface over yonder's store, one application's instances at a time
 * (services/oidc/instances.ts); its one client is the application itself (`clientMetadata`). The provider checks `consumed` before it consumes; two requests
 * racing with one code or refresh token both pass that check, so `consume` itself is the single
 * use: the loser ends the grant, as a replay does, and is refused (`alreadyUsed`).
 */
export function adapterClass(
  instances: OidcInstances,
  alreadyUsed: () => Error,
  clientMetadata: (clientId: string) => Promise<Record<string, unknown> | undefined>,
): new (
  model: string,
) => Adapter {
  return class StoreAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      await instances.upsert(this.model, id, payload as Record<string, unknown>, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      // Clients are applications: read from the applications table, never written here.
      if (this.model === 'Client') return (await clientMetadata(id)) as AdapterPayload | undefined;
      return (await instances.find(this.model, id)) as AdapterPayload | undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return (await instances.findByUid(this.model, uid)) as AdapterPayload | undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return (await instances.findByUserCode(this.model, userCode)) as AdapterPayload | undefined;
    }

    async consume(id: string): Promise<void> {
      if (await instances.consume(this.model, id)) return;
      const grantId = (await instances.find(this.model, id))?.grantId;
      if (typeof grantId === 'string') await instances.revokeByGrantId(grantId);
      throw alreadyUsed();
    }

    async destroy(id: string): Promise<void> {
      await instances.destroy(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await instances.revokeByGrantId(grantId);
    }
  };
}
