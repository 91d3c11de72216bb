import type { Config } from '../config.js';
import { newId, newUuid } from '../domain/ids.js';
import { adminRealmRules } from '../domain/access/policy.js';
import { MANAGEMENT_SCOPES, OPERATOR, TENANT_ADMINISTRATOR_SCOPES } from '../domain/access/scopes.js';
import type { Realm, TenantRecord } from '../domain/directory/tenancy.js';
import { nowTimestamp } from '../domain/time.js';
import type { ConnectOptions } from '../store/engine/connection.js';
import { createMailer } from '../platform/mail/mailer.js';
import { Store } from '../store/index.js';
import { insertApplication, issueApplication } from './access/applications.js';
import { clientSecretKeeper } from './access/client-secrets.js';
import { insertDefaultAuthenticatorConfig } from './passkeys/authenticator-configs.js';
import type { Yonder } from './context.js';
import { insertGroup } from './directory/groups.js';
import { insertInitialPolicy } from './access/policy.js';
import { insertManagementResourceServer } from './access/resource-servers.js';
import { insertRole } from './access/roles.js';
import { createRealm } from './directory/tenancy.js';
import { ADMINISTRATORS_GROUP, checkConsoleToken, issueConsoleLink } from './access/console.js';
import { loadMasterKey } from '../platform/secrets/master-key.js';
import { holdsSealedSecrets, loadPageTokenKey, sealClearSecrets } from '../platform/secrets/sealed-secrets.js';
import { TokenService } from '../platform/tokens/token-service.js';
import { BackgroundWork } from '../platform/background.js';

export const ADMIN_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
export { ADMINISTRATORS_GROUP } from './access/console.js';
export const TENANT_ADMINISTRATOR_ROLE = 'Tenant Administrator';
export const ADMIN_CONSOLE_APPLICATION = 'Admin Console';
export const MANAGEMENT_APPLICATION = 'yonder Management API';
/** Tokens of the Management API application live 90 days unless the request asks for less. */
export const MANAGEMENT_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

/**
 * Opens the store (migrating it), seals what an older yonder kept in clear, loads the shared keys
 * with the master key, and returns the service context.
 */
export async function openYonder(config: Config, connectOptions: ConnectOptions = {}): Promise<Yonder> {
  const store = await Store.open(config.databaseUrl, {
    groupCommit: config.groupCommit,
    scanTimeoutMs: config.filterTimeoutMs,
    pgPoolSize: config.pgPoolSize,
    ...connectOptions,
  });
  try {
    const masterKey = loadMasterKey(config, { mayCreate: !(await holdsSealedSecrets(store)) });
    await sealClearSecrets(store, masterKey);
    const tokens = new TokenService(store, config.publicUrl, masterKey);
    await tokens.init();
    const pageTokenKey = await loadPageTokenKey(store, masterKey);
    // Kept hashed only: whatever an earlier setting sealed is forgotten, so no read can show it.
    if (config.clientSecrets === 'hashed') await store.applications.forgetSealedSecrets();
    const yonder: Yonder = { config, store, tokens, pageTokenKey, masterKey, mailer: createMailer(config), background: new BackgroundWork() };
    tokens.guardConsoleTokens((record) => checkConsoleToken(yonder, record));
    return yonder;
  } catch (error) {
    await store.close();
    throw error;
  }
}

export interface BootstrapResult {
  tenant: TenantRecord;
  adminRealm: Realm;
  defaultRealm: Realm;
  adminToken: string;
  /** The managed Management API application's credentials; the secret is shown only now. */
  managementClient?: { applicationId: string; clientId: string; clientSecret: string };
  /** The one-time link that creates the first administrator's passkey and leads to the console. */
  consoleLink?: string;
}

/**
 * On an empty store, creates the tenant with its admin realm and a realm named "Default", and an
 * admin token holding every scope. The admin realm gets an "Administrators" group, the managed
 * "Admin Console" application, and a policy that lets only Administrators enroll and sign in to
 * the Admin Console, the managed "yonder Management API" resource server (audience `beyondidentity`,
 * every management scope) and the application that issues tokens for it by client credentials, the
 * role "Tenant Administrator" on that server (every scope; Administrators are its members), and the
 * first administrator `admin` with a one-time enrollment link that leads to the console. The Default
 * realm gets the default policy (every active identity allowed). Runs once per store, even when
 * several processes start together: the first to claim the bootstrap marker does it, in the same
 * transaction.
 */
export async function bootstrapIfEmpty(y: Yonder): Promise<BootstrapResult | null> {
  return y.store.transaction(async (tx) => {
    const now = nowTimestamp();
    if (!(await tx.secrets.claimOnce('tenant', now))) return null;
    const tenantId = newId();
    const adminRealmId = newId();
    const tenant: TenantRecord = {
      id: tenantId,
      display_name: 'yonder',
      admin_realm_id: adminRealmId,
      management_application_id: newUuid(),
      create_time: now,
      update_time: now,
    };
    await tx.tenants.insert(tenant);
    const adminRealm: Realm = {
      id: adminRealmId,
      tenant_id: tenantId,
      display_name: 'Admin',
      classification: 'SECURE_WORKFORCE',
      create_time: now,
      update_time: now,
    };
    await tx.realms.insert(adminRealm);
    const adminRef = { tenantId, realmId: adminRealmId };
    const administrators = await insertGroup(tx, adminRef, {
      display_name: ADMINISTRATORS_GROUP,
      description: 'Members may sign in to the Admin Console.',
    });
    const adminConsole = await insertApplication(
      tx,
      adminRef,
      { display_name: ADMIN_CONSOLE_APPLICATION, protocol_config: { type: 'oidc' } },
      { is_managed: true, classification: 'admin_console' },
    );
    await insertInitialPolicy(tx, adminRef, adminRealmRules(administrators.id, adminConsole.id));
    await insertDefaultAuthenticatorConfig(tx, adminRef);
    const managementServer = await insertManagementResourceServer(tx, adminRef);
    const management = await issueApplication(
      tx,
      adminRef,
      {
        display_name: MANAGEMENT_APPLICATION,
        resource_server_id: managementServer.id,
        protocol_config: {
          type: 'oauth2',
          allowed_scopes: [...MANAGEMENT_SCOPES],
          confidentiality: 'confidential',
          token_endpoint_auth_method: 'client_secret_basic',
          grant_type: ['client_credentials'],
          token_configuration: { expires_after: MANAGEMENT_TOKEN_TTL_SECONDS, subject_field: 'id', token_signing_algorithm: 'RS256' },
          token_format: 'self_contained',
        },
      },
      OPERATOR,
      // Sealed (unless CLIENT_SECRETS=hashed): Beyond Identity's CLI reads this secret back with read-secrets.
      { id: tenant.management_application_id, is_managed: true, classification: 'management_api', keeper: clientSecretKeeper(y) },
    );
    const { client_id: clientId } = management.application;
    if (clientId === null || management.clientSecret === null) throw new Error('management application without credentials');
    // Administrators get every management scope through a role, which is where a console token's
    // scopes come from; the first administrator, `admin`, gets a link to make their passkey.
    const role = await insertRole(
      tx,
      { ...adminRef, resourceServerId: managementServer.id },
      {
        display_name: TENANT_ADMINISTRATOR_ROLE,
        description: 'Every management scope but applications:read-secrets, tenant-wide.',
      },
    );
    await tx.roles.addScopes(role.id, TENANT_ADMINISTRATOR_SCOPES);
    await tx.roles.addMembers(role.id, 'group', [administrators.id]);
    const consoleLink = await issueConsoleLink(tx, adminRef, administrators.id, y.config.publicUrl);
    const defaultRealm = await createRealm(tx, tenantId, { display_name: 'Default' });
    const { token } = await y.tokens.mint(tx, {
      tenant,
      scopes: MANAGEMENT_SCOPES,
      ttlSeconds: ADMIN_TOKEN_TTL_SECONDS,
      displayName: 'Bootstrap admin token',
    });
    return {
      tenant,
      adminRealm,
      defaultRealm,
      adminToken: token,
      managementClient: { applicationId: tenant.management_application_id, clientId, clientSecret: management.clientSecret },
      consoleLink: consoleLink.link,
    };
  });
}
