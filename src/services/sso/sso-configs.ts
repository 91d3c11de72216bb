import { type Application, type ProtocolConfig, redirectUriViolation } from '../../domain/access/application.js';
import type { ResourceServer } from '../../domain/access/resource-server.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { seal } from '../../domain/access/sealed-secret.js';
import { type FieldViolation, invalidField, invalidParameters, notFound } from '../../domain/errors.js';
import { newUuid } from '../../domain/ids.js';
import type { AuthenticatorConfig } from '../../domain/passkeys/passkeys.js';
import {
  CLIENT_CREDENTIALS_SCOPES,
  SERVER_SET_FIELDS,
  clientSetFields,
  type SsoConfig,
  type SsoConfigOrder,
  type SsoConfigType,
  linkedApplicationKind,
  thirdPartySecretPaths,
} from '../../domain/sso/sso-config.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import type { SsoConfigFilter } from '../../store/sso/sso-configs.js';
import { issueApplication, removeApplication, reviseApplication } from '../access/applications.js';
import { clientSecretKeeper } from '../access/client-secrets.js';
import { managementServerOf } from '../access/grants.js';
import { insertResourceServer } from '../access/resource-servers.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import { MANAGEMENT_AUDIENCE } from '../../platform/tokens/token-service.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { newRealmResource } from '../realm-resource.js';

export type SsoPayloadInput = { type: SsoConfigType } & Record<string, unknown>;

export interface SsoConfigInput {
  display_name: string;
  is_migrated?: boolean;
  payload: SsoPayloadInput;
}

export interface SsoConfigPatch {
  display_name?: string;
  payload?: SsoPayloadInput;
}

/**
 * A config as a reply shows it: the config, the application made for it (if any) and the URLs
 * of yonder its payload names, and the application's client secret when this very request issued it.
 */
export interface SsoConfigView {
  config: SsoConfig;
  application: Application | null;
  clientSecret: string | null;
  urls: SsoUrls;
}

export interface SsoUrls {
  /** `<PUBLIC_URL>/v1/tenants/{t}/realms/{r}`. */
  realm: string;
  /** The linked application's issuer, when there is one. */
  issuer: string | null;
  publicUrl: string;
}

const PAYLOAD = 'sso_config.payload';

function urlsOf(y: Yonder, config: SsoConfig): SsoUrls {
  const realm = `${y.config.publicUrl}/v1/tenants/${config.tenant_id}/realms/${config.realm_id}`;
  return { realm, issuer: config.application_id === null ? null : `${realm}/applications/${config.application_id}`, publicUrl: y.config.publicUrl };
}

export async function viewOf(y: Yonder, repos: Repositories, config: SsoConfig, clientSecret: string | null = null): Promise<SsoConfigView> {
  const application = config.application_id === null ? null : ((await repos.applications.get(config.realm_id, config.application_id)) ?? null);
  return { config, application, clientSecret, urls: urlsOf(y, config) };
}

/** The payload's client-set fields as stored: no `type`, nothing the server sets, no third-party secret. */
function storedPayload(type: SsoConfigType, payload: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(payload);
  delete copy.type;
  const own = clientSetFields(type);
  for (const field of SERVER_SET_FIELDS) if (!own.includes(field)) delete copy[field];
  const secretPaths = thirdPartySecretPaths(type);
  for (const path of secretPaths) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], copy);
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[path.at(-1) as string];
  }
  return copy;
}

/** The third-party secrets `payload` carries, sealed, by dotted path; those it does not carry stay as they were. */
function sealedSecrets(
  y: Yonder,
  config: Pick<SsoConfig, 'id' | 'type' | 'sealed_secrets'>,
  payload: Record<string, unknown>,
): Record<string, string> {
  const sealed = { ...config.sealed_secrets };
  for (const path of thirdPartySecretPaths(config.type)) {
    const value = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], payload);
    const name = path.join('.');
    if (typeof value === 'string') sealed[name] = seal(y.masterKey, value, `sso_configs:${config.id}:${name}`);
    else if (value === null) delete sealed[name];
  }
  return sealed;
}

/** Redirect URIs as an OpenID Connect application takes them, named as the SSO config's fields. */
function redirectUriViolations(payload: Record<string, unknown>): FieldViolation[] {
  const uris = Array.isArray(payload.redirect_uris) ? (payload.redirect_uris as string[]) : [];
  return uris.flatMap((uri, i) => {
    const why = redirectUriViolation(uri);
    return why ? [{ field: `${PAYLOAD}.redirect_uris.${i}`, description: why }] : [];
  });
}

/**
 * The OpenID Connect application a config of an `oidc` type is, from its stored payload. Entra's
 * external authentication method is a public client: the contract's reply for it has no secret.
 */
function oidcProtocolConfig(type: SsoConfigType, payload: Record<string, unknown>): ProtocolConfig {
  const confidentiality = payload.confidentiality === 'public' || type === 'entra_id_external_auth_methods' ? 'public' : 'confidential';
  return {
    type: 'oidc',
    grant_type: ['authorization_code'],
    confidentiality,
    token_endpoint_auth_method: confidentiality === 'public' ? 'none' : 'client_secret_basic',
    redirect_uris: Array.isArray(payload.redirect_uris) ? payload.redirect_uris : [],
    pkce: typeof payload.pkce === 'string' ? payload.pkce : 'disabled',
    allowed_scopes: [],
  };
}

/**
 * The Management API resource server of the realm that a client-credentials config's tokens are
 * for: the tenant's own in the admin realm; elsewhere a managed one of the realm made for the
 * purpose, holding only the scopes such configs grant (tokens of a realm's application are
 * restricted to that realm).
 */
async function realmManagementServer(tx: Repositories, ref: RealmRef, scopes: readonly string[]): Promise<ResourceServer> {
  const existing = await managementServerOf(tx, ref.realmId);
  if (!existing) {
    return insertResourceServer(
      tx,
      ref,
      { display_name: 'yonder Management API (realm)', identifier: MANAGEMENT_AUDIENCE, scopes: [...scopes] },
      true,
    );
  }
  const missing = scopes.filter((scope) => !existing.scopes.includes(scope));
  if (missing.length === 0) return existing;
  const updated = { ...existing, scopes: [...existing.scopes, ...missing], update_time: nowTimestamp() };
  await tx.resourceServers.update(updated);
  return updated;
}

/**
 * Makes the application a config of a linked type is: for an `oidc` type, an OpenID Connect
 * application signing in through a hosted_web authenticator config of its own (whose
 * trusted_origins are the config's); for `saml`, a SAML application of the payload; for `client_credentials`, a confidential client of the
 * Management API allowed the type's scopes in this realm. Through `issueApplication`, as /v1 does:
 * the caller must hold every scope the application may grant (403).
 */
async function linkApplication(
  y: Yonder,
  tx: Repositories,
  ref: RealmRef,
  config: SsoConfig,
  caller: Grantor,
): Promise<{ application: Application; clientSecret: string | null } | null> {
  const kind = linkedApplicationKind(config.type);
  if (kind === null) return null;
  const keeper = clientSecretKeeper(y);
  if (kind === 'oidc') {
    const authenticator: AuthenticatorConfig = {
      ...newRealmResource(ref, newUuid()),
      display_name: config.display_name,
      config: { type: 'hosted_web', authentication_methods: [{ type: 'webauthn_passkey' }], trusted_origins: trustedOrigins(config.payload) },
      is_default: false,
    };
    await tx.authenticatorConfigs.insert(authenticator);
    await recordEvent(tx, changeEvent('authenticator_config.created', 'authenticator_config', null, authenticator));
    return issueApplication(
      tx,
      ref,
      {
        display_name: config.display_name,
        protocol_config: oidcProtocolConfig(config.type, config.payload),
        authenticator_config_id: authenticator.id,
      },
      caller,
      { keeper },
    );
  }
  if (kind === 'saml') {
    return issueApplication(tx, ref, { display_name: config.display_name, protocol_config: samlProtocolConfig(config.payload) }, caller, { keeper });
  }
  const scopes = CLIENT_CREDENTIALS_SCOPES[config.type] ?? [];
  const server = await realmManagementServer(tx, ref, scopes);
  return issueApplication(
    tx,
    ref,
    {
      display_name: config.display_name,
      resource_server_id: server.id,
      protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: [...scopes] },
    },
    caller,
    { keeper },
  );
}

/** Fields of a SAML config that are the launcher's, not the service provider's. */
const TILE_FIELDS = ['icon', 'is_tile_visible', 'inbound_scim', 'use_short_url'];

/** The SAML application a `generic_saml` config is: its payload, as the application takes it. */
function samlProtocolConfig(payload: Record<string, unknown>): ProtocolConfig {
  const config: Record<string, unknown> = { ...payload, type: 'saml' };
  for (const field of TILE_FIELDS) delete config[field];
  return config as ProtocolConfig;
}

function trustedOrigins(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.trusted_origins) ? (payload.trusted_origins as string[]) : [];
}

function assertTrustedOrigins(payload: Record<string, unknown>): void {
  trustedOrigins(payload).forEach((origin, i) => {
    const parsed = URL.parse(origin);
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw invalidField(`${PAYLOAD}.trusted_origins.${i}`, 'must be an origin: <scheme>://<host>[:<port>]');
    }
  });
}

function assertLinkedFields(type: SsoConfigType, payload: Record<string, unknown>): void {
  if (linkedApplicationKind(type) !== 'oidc') return;
  const violations = redirectUriViolations(payload);
  if (violations.length > 0) throw invalidParameters(violations);
  assertTrustedOrigins(payload);
}

/**
 * Creates the config and, for a linked type, its application (and authenticator config) in the
 * same transaction: the reply carries the application's client secret, shown this once.
 */
export async function createSsoConfig(y: Yonder, ref: RealmRef, input: SsoConfigInput, caller: Grantor): Promise<SsoConfigView> {
  const type = input.payload.type;
  const payload = storedPayload(type, input.payload);
  assertLinkedFields(type, payload);
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const draft: SsoConfig = {
      ...newRealmResource(ref, newUuid()),
      display_name: input.display_name,
      type,
      is_migrated: input.is_migrated ?? false,
      payload,
      sealed_secrets: {},
      application_id: null,
    };
    draft.sealed_secrets = sealedSecrets(y, draft, input.payload);
    const linked = await linkApplication(y, tx, ref, draft, caller);
    const config = { ...draft, application_id: linked?.application.id ?? null };
    await tx.ssoConfigs.insert(config);
    await recordEvent(tx, changeEvent('sso_config.created', 'sso_config', null, auditView(config)));
    return viewOf(y, tx, config, linked?.clientSecret ?? null);
  });
}

/** What the audit trail keeps of a config: no sealed secret, even sealed. */
function auditView(config: SsoConfig) {
  const { sealed_secrets, ...rest } = config;
  return { ...rest, sealed_secrets: Object.keys(sealed_secrets) };
}

export async function requireSsoConfig(repos: Repositories, ref: RealmRef, id: string): Promise<SsoConfig> {
  await requireRealm(repos, ref.tenantId, ref.realmId);
  const config = await repos.ssoConfigs.get(ref.realmId, id);
  if (!config) throw notFound('SsoConfig', id);
  return config;
}

export async function getSsoConfig(y: Yonder, ref: RealmRef, id: string): Promise<SsoConfigView> {
  return viewOf(y, y.store, await requireSsoConfig(y.store, ref, id));
}

export interface SsoConfigListParams extends ListParams {
  types: readonly SsoConfigType[];
  is_migrated?: boolean;
  order_by?: SsoConfigOrder;
}

/** A page of the realm's configs, filtered by type and `is_migrated`, by id (creation) or by name. */
export async function listSsoConfigs(y: Yonder, ref: RealmRef, params: SsoConfigListParams): Promise<Page<SsoConfigView>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const filter: SsoConfigFilter = { types: [...new Set(params.types)].sort(), isMigrated: params.is_migrated ?? null };
  const order = params.order_by ?? 'id';
  const page = await listPage(
    params,
    {
      list: `sso-configs:${ref.realmId}`,
      filter: JSON.stringify([filter.types, filter.isMigrated, order]),
      defaultPageSize: 20,
      maxPageSize: 200,
    },
    y.pageTokenKey,
    async (after, offset, limit) =>
      (await y.store.ssoConfigs.page(ref.realmId, filter, order, after, offset, limit)).map(({ key, config }) => ({ id: key, config })),
    () => y.store.ssoConfigs.count(ref.realmId, filter),
  );
  const items: SsoConfigView[] = [];
  for (const { config } of page.items) items.push(await viewOf(y, y.store, config));
  return { ...page, items };
}

/**
 * Changes the name and the payload's fields sent (the rest stay). The type is fixed: a payload of
 * another type is refused (400). A linked application follows: its name, redirect URIs,
 * confidentiality and PKCE, and its authenticator config's trusted origins; a public client made
 * confidential is issued a secret, shown in this reply.
 */
export async function updateSsoConfig(y: Yonder, ref: RealmRef, id: string, patch: SsoConfigPatch, caller: Grantor): Promise<SsoConfigView> {
  const view = await y.store.transaction(async (tx) => {
    const current = await requireSsoConfig(tx, ref, id);
    if (patch.payload && patch.payload.type !== current.type) {
      throw invalidField(`${PAYLOAD}.type`, `the type of an SSO config is fixed: this one is ${current.type}`);
    }
    const payload = patch.payload ? { ...current.payload, ...storedPayload(current.type, patch.payload) } : current.payload;
    assertLinkedFields(current.type, payload);
    const updated: SsoConfig = {
      ...current,
      display_name: patch.display_name ?? current.display_name,
      payload,
      sealed_secrets: patch.payload ? sealedSecrets(y, current, patch.payload) : current.sealed_secrets,
      update_time: nowTimestamp(),
    };
    let clientSecret: string | null = null;
    if (current.application_id !== null) clientSecret = await followApplication(y, tx, ref, updated, caller);
    await tx.ssoConfigs.update(updated);
    await recordEvent(tx, changeEvent('sso_config.updated', 'sso_config', auditView(current), auditView(updated)));
    return viewOf(y, tx, updated, clientSecret);
  });
  if (view.application) y.tokens.forgetApplication(view.application.id);
  return view;
}

/** Brings the config's application (and its authenticator config) in line with the config. */
async function followApplication(y: Yonder, tx: Repositories, ref: RealmRef, config: SsoConfig, caller: Grantor): Promise<string | null> {
  const app = config.application_id === null ? undefined : await tx.applications.get(ref.realmId, config.application_id);
  if (!app) return null;
  if (linkedApplicationKind(config.type) === 'saml') {
    const patch = { display_name: config.display_name, protocol_config: samlProtocolConfig(config.payload) };
    return (await reviseApplication(tx, ref, app, patch, caller, clientSecretKeeper(y))).clientSecret;
  }
  if (linkedApplicationKind(config.type) !== 'oidc') {
    if (app.display_name === config.display_name) return null;
    return (await reviseApplication(tx, ref, app, { display_name: config.display_name }, caller, clientSecretKeeper(y))).clientSecret;
  }
  const revised = await reviseApplication(
    tx,
    ref,
    app,
    { display_name: config.display_name, protocol_config: { ...app.protocol_config, ...oidcProtocolConfig(config.type, config.payload) } },
    caller,
    clientSecretKeeper(y),
  );
  const authenticator =
    app.authenticator_config_id === null ? undefined : await tx.authenticatorConfigs.get(ref.realmId, app.authenticator_config_id);
  if (authenticator && authenticator.config.type === 'hosted_web') {
    const changed = {
      ...authenticator,
      config: { ...authenticator.config, trusted_origins: trustedOrigins(config.payload) },
      update_time: nowTimestamp(),
    };
    await tx.authenticatorConfigs.update(changed);
    await recordEvent(tx, changeEvent('authenticator_config.updated', 'authenticator_config', authenticator, changed));
  }
  return revised.clientSecret;
}

/**
 * Deletes the config, its assignments, and the application made for it (its tokens revoked) and
 * that application's authenticator config, in one transaction: refused (409) while the realm's
 * policy names the application.
 */
export async function deleteSsoConfig(y: Yonder, ref: RealmRef, id: string): Promise<void> {
  const applicationId = await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const config = await requireSsoConfig(tx, ref, id);
    await tx.ssoConfigs.delete(ref.realmId, id);
    const app = config.application_id === null ? undefined : await tx.applications.get(ref.realmId, config.application_id);
    if (app) {
      await removeApplication(tx, ref, app);
      const authenticator =
        app.authenticator_config_id === null ? undefined : await tx.authenticatorConfigs.get(ref.realmId, app.authenticator_config_id);
      if (authenticator && !authenticator.is_default) {
        await tx.authenticatorConfigs.delete(ref.realmId, authenticator.id);
        await recordEvent(tx, changeEvent('authenticator_config.deleted', 'authenticator_config', authenticator, null));
      }
    }
    await recordEvent(tx, changeEvent('sso_config.deleted', 'sso_config', auditView(config), null));
    return app?.id ?? null;
  });
  if (applicationId !== null) y.tokens.forgetApplication(applicationId);
}
