import type { Migration, MigrationProvider } from 'kysely';
import * as core from './001-core.js';
import * as groupsPolicy from './002-groups-policy.js';
import * as identityVersion from './003-identity-version.js';
import * as managementAccess from './004-management-access.js';
import * as passkeys from './005-passkeys.js';
import * as groupVersion from './006-group-version.js';
import * as auditEvents from './007-audit-events.js';
import * as listIndexes from './008-list-indexes.js';
import * as rateLimits from './009-rate-limits.js';
import * as consoleTokens from './011-console-tokens.js';
import * as secondaryEmailIndex from './012-secondary-email-index.js';
import * as signingKeyRetirement from './013-signing-key-retirement.js';
import * as sealedClientSecrets from './014-sealed-client-secrets.js';
import * as createdOrderIndex from './015-created-order-index.js';
import * as usernameSkeleton from './016-username-skeleton.js';
import * as oidcInstances from './017-oidc-instances.js';
import * as webhooks from './018-webhooks.js';
import * as ssoConfigs from './019-sso-configs.js';
import * as identityProviders from './020-identity-providers.js';
import * as accountPage from './021-account-page.js';
import * as eventIndexes from './022-event-indexes.js';
import * as saml from './023-saml.js';
import * as idpSignIn from './024-idp-sign-in.js';
import * as managementScopes from './025-management-scopes.js';

/**
 * The ordered list of migrations. They are compiled into the program (not read from a folder at
 * run time), so the CLI, the server and the tests all apply exactly the same set.
 */
const MIGRATIONS: Record<string, Migration> = {
  '001-core': core,
  '002-groups-policy': groupsPolicy,
  '003-identity-version': identityVersion,
  '004-management-access': managementAccess,
  '005-passkeys': passkeys,
  '006-group-version': groupVersion,
  '007-audit-events': auditEvents,
  '008-list-indexes': listIndexes,
  '009-rate-limits': rateLimits,
  '011-console-tokens': consoleTokens,
  '012-secondary-email-index': secondaryEmailIndex,
  '013-signing-key-retirement': signingKeyRetirement,
  '014-sealed-client-secrets': sealedClientSecrets,
  '015-created-order-index': createdOrderIndex,
  '016-username-skeleton': usernameSkeleton,
  '017-oidc-instances': oidcInstances,
  '018-webhooks': webhooks,
  '019-sso-configs': ssoConfigs,
  '020-identity-providers': identityProviders,
  '021-account-page': accountPage,
  '022-event-indexes': eventIndexes,
  '023-saml': saml,
  '024-idp-sign-in': idpSignIn,
  '025-management-scopes': managementScopes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
