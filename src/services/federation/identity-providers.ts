import { type IdentityProvider, type OidcIdpSettings, checkOidcIdpSettings, redirectUrlOf } from '../../domain/federation/identity-provider.js';
import { conflict, notFound } from '../../domain/errors.js';
import { configsVerifyingWith } from '../passkeys/authenticator-configs.js';
import { newUuid } from '../../domain/ids.js';
import { seal, unseal } from '../../domain/access/sealed-secret.js';
import { nowTimestamp } from '../../domain/time.js';
import type { StoredIdentityProvider } from '../../store/federation/identity-providers.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import { type ListParams, type Page, listOfRealm } from '../paging.js';
import { newRealmResource } from '../realm-resource.js';

/** The contract's `oidc_idp` body on create: every required field, the secret in clear. */
export type NewOidcIdp = Omit<OidcIdpSettings, 'oauth_2_par_endpoint' | 'claims' | 'token_endpoint_auth_method'> &
  Partial<Pick<OidcIdpSettings, 'oauth_2_par_endpoint' | 'claims' | 'token_endpoint_auth_method'>> & { client_secret: string };

/** A PATCH's `protocol_config`: any field, the type named again. */
export type OidcIdpChange = Partial<Omit<NewOidcIdp, 'type'>> & { type: 'oidc_idp' };

/** The provider as the contract answers it: the secret opened, the read-only callback URL added. */
export type PresentedIdentityProvider = Omit<IdentityProvider, 'protocol_config' | 'create_time' | 'update_time'> & {
  protocol_config: OidcIdpSettings & { client_secret: string; redirect_url: string };
};

/** A sealed secret opens only in its own provider's row. */
const secretContext = (id: string) => `identity_providers:${id}`;

const FIELD = 'protocol_config';

export function openClientSecret(y: Yonder, idp: StoredIdentityProvider): string {
  return unseal(y.masterKey, idp.client_secret_sealed, secretContext(idp.id));
}

function present(y: Yonder, idp: StoredIdentityProvider): PresentedIdentityProvider {
  const { id, tenant_id, realm_id, display_name, protocol_config } = idp;
  return {
    id,
    tenant_id,
    realm_id,
    display_name,
    protocol_config: { ...protocol_config, client_secret: openClientSecret(y, idp), redirect_url: redirectUrlOf(y.config.publicUrl, idp) },
  };
}

/** What the audit trail keeps: the provider without its secret (sealed or not). */
function audited(idp: StoredIdentityProvider): IdentityProvider {
  const { client_secret_sealed, ...rest } = idp;
  return rest;
}

function settingsOf(input: Omit<NewOidcIdp, 'client_secret'>): OidcIdpSettings {
  return {
    type: 'oidc_idp',
    client_id: input.client_id,
    token_scopes: input.token_scopes,
    identity_attribute: input.identity_attribute,
    pkce: input.pkce,
    jwks_url: input.jwks_url,
    token_url: input.token_url,
    authorize_url: input.authorize_url,
    identifying_claim_name: input.identifying_claim_name,
    oauth_2_par_enabled: input.oauth_2_par_enabled,
    oauth_2_par_endpoint: input.oauth_2_par_endpoint ?? null,
    claims: input.claims ?? '',
    token_endpoint_auth_method: input.token_endpoint_auth_method ?? 'client_secret_basic',
  };
}

export async function createIdentityProvider(
  y: Yonder,
  ref: RealmRef,
  input: { display_name: string; protocol_config: NewOidcIdp },
): Promise<PresentedIdentityProvider> {
  const settings = settingsOf(input.protocol_config);
  checkOidcIdpSettings(settings, FIELD, { allowPrivate: y.config.identityProvidersAllowPrivate });
  const fields = newRealmResource(ref, newUuid());
  const idp: StoredIdentityProvider = {
    ...fields,
    display_name: input.display_name,
    protocol_config: settings,
    client_secret_sealed: seal(y.masterKey, input.protocol_config.client_secret, secretContext(fields.id)),
  };
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.identityProviders.insert(idp);
    await recordEvent(tx, changeEvent('identity_provider.created', 'identity_provider', null, audited(idp)));
  });
  return present(y, idp);
}

/** The stored provider of the realm, or a 404. */
export async function requireIdentityProvider(y: Yonder, ref: RealmRef, id: string): Promise<StoredIdentityProvider> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const idp = await y.store.identityProviders.get(ref.realmId, id);
  if (!idp) throw notFound('IdentityProvider', id);
  return idp;
}

export async function getIdentityProvider(y: Yonder, ref: RealmRef, id: string): Promise<PresentedIdentityProvider> {
  return present(y, await requireIdentityProvider(y, ref, id));
}

export async function listIdentityProviders(y: Yonder, ref: RealmRef, params: ListParams): Promise<Page<PresentedIdentityProvider>> {
  const page = await listOfRealm(y, ref, y.store.identityProviders, params, { list: 'identity-providers', defaultPageSize: 20, maxPageSize: 200 });
  return { ...page, items: page.items.map((idp) => present(y, idp)) };
}

export async function updateIdentityProvider(
  y: Yonder,
  ref: RealmRef,
  id: string,
  input: { display_name?: string; protocol_config?: OidcIdpChange },
): Promise<PresentedIdentityProvider> {
  const updated = await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await tx.identityProviders.get(ref.realmId, id);
    if (!current) throw notFound('IdentityProvider', id);
    const { client_secret, ...change } = input.protocol_config ?? { type: 'oidc_idp' as const };
    const settings = settingsOf({ ...current.protocol_config, ...change });
    checkOidcIdpSettings(settings, FIELD, { allowPrivate: y.config.identityProvidersAllowPrivate });
    const next: StoredIdentityProvider = {
      ...current,
      display_name: input.display_name ?? current.display_name,
      protocol_config: settings,
      client_secret_sealed: client_secret === undefined ? current.client_secret_sealed : seal(y.masterKey, client_secret, secretContext(id)),
      update_time: nowTimestamp(),
    };
    await tx.identityProviders.update(next);
    await recordEvent(tx, changeEvent('identity_provider.updated', 'identity_provider', audited(current), audited(next)));
    return next;
  });
  return present(y, updated);
}

export async function deleteIdentityProvider(y: Yonder, ref: RealmRef, id: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await tx.identityProviders.get(ref.realmId, id);
    if (!current) throw notFound('IdentityProvider', id);
    const users = await configsVerifyingWith(tx, ref.realmId, id);
    if (users.length > 0) throw conflict(`identity provider is the verification method of authenticator configuration ${users[0]?.id}`);
    await tx.identityProviders.delete(ref.realmId, id);
    await recordEvent(tx, changeEvent('identity_provider.deleted', 'identity_provider', audited(current), null));
  });
}
