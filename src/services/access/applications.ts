import {
  type Application,
  type ApplicationPatch,
  type NewApplicationInput,
  applyApplicationPatch,
  completeProtocolConfig,
  effectiveProtocolConfig,
  issuedTokenRealm,
} from '../../domain/access/application.js';
import { hashClientSecret, newClientId, newClientSecret } from '../../domain/access/client-credentials.js';
import { conflict, invalidField, invalidParameters, notFound } from '../../domain/errors.js';
import type { ResourceServer } from '../../domain/access/resource-server.js';
import { newUuid } from '../../domain/ids.js';
import { rulesReferencing } from '../../domain/access/policy.js';
import { type Grant, type Grantor, OPERATOR, READ_SECRETS_SCOPE, grantRefusal } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import { type ClientSecretKeeper, HASHED_ONLY, clientSecretKeeper, revealClientSecrets } from './client-secrets.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import { assertGrantable, isManagementServer } from './grants.js';
import { referencedBy } from '../directory/groups.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { requireRealm } from '../directory/tenancy-lookup.js';

export interface InsertApplicationOptions {
  is_managed?: boolean;
  classification?: string;
  /** The id to use (the tenant reserves one for its Management API application). */
  id?: string;
  /** How a secret issued now is kept beside its hash (default: hashed only). */
  keeper?: ClientSecretKeeper;
}

/** An application as just written, with its client secret when one was issued (shown only now). */
export interface IssuedApplication {
  application: Application;
  clientSecret: string | null;
}

/** The resource server an application names, which must be one of its realm (else 400). */
async function referencedServer(repos: Repositories, ref: RealmRef, id: string | null): Promise<ResourceServer | null> {
  if (id === null) return null;
  const server = await repos.resourceServers.get(ref.realmId, id);
  if (!server) throw invalidField('application.resource_server_id', 'no such resource server in this realm');
  return server;
}

/**
 * What an application can hand out to whoever holds its secret: the management scopes among
 * `allowed`, reaching the whole tenant for the Management API application only (every other
 * application's tokens are restricted to its realm). Other resource servers' scopes are not
 * yonder's to guard.
 */
function applicationGrant(app: Application, allowed: readonly string[], server: ResourceServer | null): Grant {
  if (!isManagementServer(server)) return { scopes: [], tenantWide: false };
  return { scopes: allowed.filter((scope) => server.scopes.includes(scope)), tenantWide: issuedTokenRealm(app) === null };
}

/**
 * Checks and completes the protocol configuration; issues a secret to a confidential client that
 * has none. The caller must hold every management scope the application would allow (403), checked
 * before the rest of the configuration so a refused grant learns nothing more.
 */
async function withCredentials(
  repos: Repositories,
  ref: RealmRef,
  app: Application,
  caller: Grantor,
  keeper: ClientSecretKeeper,
): Promise<IssuedApplication> {
  const server = await referencedServer(repos, ref, app.resource_server_id);
  const requested = (app.protocol_config.allowed_scopes as string[] | undefined) ?? [];
  assertGrantable(caller, applicationGrant(app, requested, server), 'An application with these allowed_scopes');
  const completed = completeProtocolConfig(app.protocol_config, server);
  if ('violations' in completed) throw invalidParameters(completed.violations);
  // A SAML service provider is no OAuth client: nothing to authenticate with at a token endpoint.
  if (completed.config.type === 'saml') {
    return {
      application: { ...app, protocol_config: completed.config, client_id: null, client_secret_hash: null, client_secret_sealed: null },
      clientSecret: null,
    };
  }
  let clientSecret: string | null = null;
  let hash = app.client_secret_hash;
  let sealed = app.client_secret_sealed;
  if (completed.config.confidentiality === 'public') {
    hash = null;
    sealed = null;
  } else if (hash === null) {
    clientSecret = newClientSecret();
    hash = hashClientSecret(clientSecret);
    sealed = keeper.seal(app.id, clientSecret);
  }
  return {
    application: {
      ...app,
      protocol_config: completed.config,
      client_id: app.client_id ?? newClientId(),
      client_secret_hash: hash,
      client_secret_sealed: sealed,
    },
    clientSecret,
  };
}

/** Inserts an application with the repositories given (a transaction, for the bootstrap). */
export async function insertApplication(
  repos: Repositories,
  ref: RealmRef,
  input: NewApplicationInput,
  options: InsertApplicationOptions = {},
): Promise<Application> {
  return (await issueApplication(repos, ref, input, OPERATOR, options)).application;
}

/** As `insertApplication` for `caller`, also returning the client secret issued, if any. */
export async function issueApplication(
  repos: Repositories,
  ref: RealmRef,
  input: NewApplicationInput,
  caller: Grantor,
  options: InsertApplicationOptions = {},
): Promise<IssuedApplication> {
  const draft: Application = {
    ...newRealmResource(ref, options.id ?? newUuid()),
    display_name: input.display_name,
    is_managed: options.is_managed ?? false,
    classification: options.classification ?? null,
    resource_server_id: input.resource_server_id ?? null,
    authenticator_config_id: input.authenticator_config_id ?? null,
    protocol_config: input.protocol_config,
    client_id: null,
    client_secret_hash: null,
    client_secret_sealed: null,
  };
  const issued = await withCredentials(repos, ref, draft, caller, options.keeper ?? HASHED_ONLY);
  await repos.applications.insert(issued.application);
  await recordEvent(repos, changeEvent('application.created', 'application', null, issued.application));
  return issued;
}

export async function createApplication(y: Yonder, ref: RealmRef, input: NewApplicationInput, caller: Grantor): Promise<IssuedApplication> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return y.store.transaction((tx) => issueApplication(tx, ref, input, caller, { keeper: clientSecretKeeper(y) }));
}

export async function requireApplication(repos: Repositories, ref: RealmRef, id: string): Promise<Application> {
  await requireRealm(repos, ref.tenantId, ref.realmId);
  const app = await repos.applications.get(ref.realmId, id);
  if (!app) throw notFound('Application', id);
  return app;
}

/** An application as `caller` may read it: with its client secret when `revealClientSecrets` allows. */
export interface ReadApplication {
  application: Application;
  clientSecret: string | null;
}

/**
 * The applications among `apps` whose secret `caller` could hold: a secret is its application's
 * power, so reading it is granting what the application allows, as rotating it is (see
 * `rotateClientSecret`). A holder of applications:read-secrets restricted to the admin realm, or
 * lacking some management scope, is not shown the Management API application's secret, whose
 * tokens carry every management scope across the tenant. Nothing is read for a caller who may
 * read no secret at all.
 */
async function secretsWithinGrant(repos: Repositories, ref: RealmRef, apps: readonly Application[], caller: Grantor): Promise<Application[]> {
  if (!caller.scopes.has(READ_SECRETS_SCOPE)) return [];
  const servers = new Map<string, ResourceServer | null>();
  const shown: Application[] = [];
  for (const app of apps) {
    const serverId = app.resource_server_id;
    if (serverId !== null && !servers.has(serverId)) servers.set(serverId, (await repos.resourceServers.get(ref.realmId, serverId)) ?? null);
    const server = serverId === null ? null : (servers.get(serverId) ?? null);
    if (grantRefusal(caller, applicationGrant(app, effectiveProtocolConfig(app).allowed_scopes, server)) === null) shown.push(app);
  }
  return shown;
}

export async function getApplication(y: Yonder, ref: RealmRef, id: string, caller: Grantor): Promise<ReadApplication> {
  const application = await requireApplication(y.store, ref, id);
  const secrets = await revealClientSecrets(y, y.store, await secretsWithinGrant(y.store, ref, [application], caller), caller);
  return { application, clientSecret: secrets.get(id) ?? null };
}

/** A page of applications; those whose secret `caller` may read carry it (`clientSecrets`, by id). */
export async function listApplications(
  y: Yonder,
  ref: RealmRef,
  params: ListParams,
  caller: Grantor,
): Promise<Page<Application> & { clientSecrets: Map<string, string> }> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const page = await listPage(
    params,
    // The contract: at most 100 per page, and 100 when no size is asked for.
    { list: `applications:${ref.realmId}`, filter: '', defaultPageSize: 100, maxPageSize: 100 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.applications.page(ref.realmId, after, offset, limit),
    () => y.store.applications.count(ref.realmId),
  );
  return { ...page, clientSecrets: await revealClientSecrets(y, y.store, await secretsWithinGrant(y.store, ref, page.items, caller), caller) };
}

/** Managed applications are yonder's own; the contract says users may not modify them. */
function assertUnmanaged(app: Application): void {
  if (app.is_managed) throw conflict('managed applications cannot be modified');
}

/**
 * The configuration is checked again against the (possibly new) resource server, and the caller
 * must hold what the application allows once changed, not only what the change adds: an update can
 * issue a secret (a public client made confidential), which is a rotation. Tokens issued before
 * lose the scopes no longer allowed (see `liveTokenScopes`), on this process at once.
 */
export async function updateApplication(y: Yonder, ref: RealmRef, id: string, patch: ApplicationPatch, caller: Grantor): Promise<IssuedApplication> {
  const issued = await y.store.transaction(async (tx) => {
    const current = await requireApplication(tx, ref, id);
    assertUnmanaged(current);
    return reviseApplication(tx, ref, current, patch, caller, clientSecretKeeper(y));
  });
  y.tokens.forgetApplication(id);
  return issued;
}

/**
 * Changes `current` in the caller's transaction, as `updateApplication` does (checked again, the
 * caller holding what it allows once changed): for an SSO config that edits its application. The
 * caller tells the token service to forget the application once the transaction commits.
 */
export async function reviseApplication(
  tx: Repositories,
  ref: RealmRef,
  current: Application,
  patch: ApplicationPatch,
  caller: Grantor,
  keeper: ClientSecretKeeper,
): Promise<IssuedApplication> {
  const updated = await withCredentials(tx, ref, applyApplicationPatch(current, patch, nowTimestamp()), caller, keeper);
  await tx.applications.update(updated.application);
  await recordEvent(tx, changeEvent('application.updated', 'application', current, updated.application));
  return updated;
}

/**
 * Issues a new client secret; the old one stops working at once. Short of a token holding
 * `applications:read-secrets` (and secrets kept sealed), this is the one way to obtain a usable
 * secret after the create reply: `yonder app credentials` and `POST .../applications/{id}:rotateSecret`
 * both come here. Managed applications too: this is
 * how an operator gets a secret for the Management API application. Public clients have no
 * secret (409). The event (`application.secret_rotated`) carries no secret and no hash.
 *
 * The secret is the application's power: the caller must hold every management scope it allows,
 * and, for the Management API application (tenant-wide tokens), not be restricted to a realm
 * (403). Tokens issued before keep working; revoke them with `DELETE .../tokens/{id}`.
 */
export async function rotateClientSecret(
  y: Yonder,
  ref: RealmRef,
  id: string,
  caller: Grantor,
): Promise<IssuedApplication & { clientSecret: string }> {
  return y.store.transaction(async (tx) => {
    const current = await requireApplication(tx, ref, id);
    const config = effectiveProtocolConfig(current);
    const server = current.resource_server_id === null ? null : ((await tx.resourceServers.get(ref.realmId, current.resource_server_id)) ?? null);
    const hint = current.is_managed ? 'The operator rotates it with `yonder app credentials`.' : '';
    assertGrantable(caller, applicationGrant(current, config.allowed_scopes, server), `Rotating the secret of "${current.display_name}"`, hint);
    if (config.confidentiality === 'public') throw conflict('public applications have no client secret');
    if (config.type === 'saml') throw conflict('SAML applications have no client secret');
    const clientSecret = newClientSecret();
    const application: Application = {
      ...current,
      client_id: current.client_id ?? newClientId(),
      client_secret_hash: hashClientSecret(clientSecret),
      client_secret_sealed: clientSecretKeeper(y).seal(current.id, clientSecret),
      update_time: nowTimestamp(),
    };
    await tx.applications.update(application);
    await recordEvent(tx, changeEvent('application.secret_rotated', 'application', current, application));
    return { application, clientSecret };
  });
}

/**
 * Refused (409, naming the rules) while a rule of the realm's current policy names the application.
 * Its tokens are revoked in the same transaction: none outlives it (their records stay, revoked).
 */
export async function deleteApplication(y: Yonder, ref: RealmRef, id: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const app = await requireApplication(tx, ref, id);
    assertUnmanaged(app);
    const ssoConfig = await tx.ssoConfigs.byApplication(ref.realmId, id);
    if (ssoConfig) throw conflict(`the application belongs to the SSO config ${ssoConfig.id}: delete the SSO config instead`);
    await removeApplication(tx, ref, app);
  });
  // Only now that the revocation is committed: this process stops honouring them at once.
  y.tokens.forgetApplication(id);
}

/**
 * Deletes `app` in the caller's transaction (the realm locked): refused (409, naming the rules)
 * while a rule of the realm's current policy names it; its tokens are revoked with it. The caller
 * tells the token service to forget the application once the transaction commits.
 */
export async function removeApplication(tx: Repositories, ref: RealmRef, app: Application): Promise<void> {
  const policy = await tx.policies.current(ref.realmId);
  const rules = policy ? rulesReferencing(policy.rules, 'applications', app.id) : [];
  if (rules.length > 0) throw referencedBy('application', rules);
  await tx.applications.delete(ref.realmId, app.id);
  await tx.tokens.revokeForApplication(app.id, nowTimestamp());
  await recordEvent(tx, changeEvent('application.deleted', 'application', app, null));
}
