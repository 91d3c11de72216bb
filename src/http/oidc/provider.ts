import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac } from 'node:crypto';
import type { Identity } from '../../domain/directory/identity.js';
import type { AccessToken, Account, Configuration, Grant, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { clientSecretMatches } from '../../domain/access/client-credentials.js';
import type { Yonder } from '../../services/context.js';
import {
  EMAIL_CLAIMS,
  OIDC_SCOPES,
  PROFILE_CLAIMS,
  authorizeAccount,
  grantedResourceScopes,
  identityClaims,
  isRefusal,
  parseAccountId,
  subjectOf,
  subjectOfAccount,
} from '../../services/oidc/accounts.js';
import { type OidcClient, corsAllowed, grantableScopes } from '../../services/oidc/clients.js';
import { oidcInstances } from '../../services/oidc/instances.js';
import { type TokenExtras, opaqueTokenId, recordAccessToken } from '../../services/oidc/tokens.js';
import { SESSION_TTL_SECONDS } from '../../services/passkeys/ceremonies.js';
import { adapterClass } from './adapter.js';
import { loadOidcProvider } from './library.js';
import { PAGE_CSP } from '../hosted/pages.js';
import { oidcErrorPage, oidcLogoutPage, oidcSignedOutPage } from './pages.js';

/** The application a request is for, as it was read for this very request (see `runForClient`). */
const requestClient = new AsyncLocalStorage<OidcClient>();

export function runForClient<T>(client: OidcClient, work: () => T): T {
  return requestClient.run(client, work);
}

/** A token request's Beyond Identity extras, by its raw request (set before the provider sees it). */
export const tokenExtras = new WeakMap<object, TokenExtras>();

function currentClient(): OidcClient {
  const client = requestClient.getStore();
  if (!client) throw new Error('an OpenID Connect request runs without its application');
  return client;
}

/** What the provider's client model reads: the application as it is now, never a copy kept elsewhere. */
function clientMetadata(client: OidcClient) {
  return {
    client_id: client.app.client_id ?? '',
    client_name: client.app.display_name,
    // A confidential client's secret is compared as yonder keeps it: hashed (see compareClientSecret).
    ...(client.isPublic
      ? { token_endpoint_auth_method: 'none' }
      : { token_endpoint_auth_method: 'client_secret_basic', client_secret: client.app.client_secret_hash ?? '' }),
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.redirectUris,
    grant_types: ['authorization_code', ...(client.refreshTokens ? ['refresh_token'] : [])],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
  };
}

const OIDC_SCOPE_SET = new Set<string>(OIDC_SCOPES);
const oidcScopesOf = (scope: string | undefined) => (scope ?? '').split(' ').filter((s) => OIDC_SCOPE_SET.has(s));

/** Where the hosted pages of one application's sign-in live (the provider's interaction). */
export function interactionBase(client: OidcClient): string {
  return `/hosted/tenants/${client.app.tenant_id}/realms/${client.app.realm_id}/applications/${client.app.id}/interaction`;
}

/**
 * One oidc-provider Provider for one application: its issuer is the application's URL, as on every
 * token yonder issues for it. Everything the provider needs to know about the application it reads
 * through `currentClient()`, loaded afresh for the request; what it keeps between requests goes to
 * the store through the adapter. Decisions are yonder's: the passkey page signs people in, the
 * policy allows each authorization, code exchange, refresh and userinfo, and the access tokens are
 * yonder token records shaped as Beyond Identity shapes them.
 */
export async function buildProvider(y: Yonder, client: OidcClient, log: (line: string) => void): Promise<Provider> {
  const { Provider: ProviderClass, errors, interactionPolicy } = await loadOidcProvider(log);
  const { tenant_id: tenantId, realm_id: realmId, id: applicationId } = client.app;
  // The only resource indicator: the application itself. Its access tokens are reshaped (aud, azp).
  const resource = client.issuer;
  const signingKey = await y.tokens.signingPrivateJwk();
  // Every process derives the same cookie key from the store's shared key: a flow begun on one
  // process resumes on another.
  const cookieKey = createHmac('sha256', y.pageTokenKey).update('oidc-cookies').digest('base64url');
  const identityOfGrant = (ctx: KoaContextWithOIDC) => {
    const grant = ctx.oidc.entities.Grant as Grant | undefined;
    return grant?.accountId ? parseAccountId(grant.accountId) : null;
  };

  const configuration: Configuration = {
    adapter: adapterClass(
      oidcInstances(y, tenantId, realmId, applicationId),
      () => new errors.InvalidGrant('grant already used'),
      async (id) => {
        const current = currentClient();
        return current.app.client_id === id ? clientMetadata(current) : undefined;
      },
    ),
    jwks: { keys: [signingKey as never] },
    cookies: {
      keys: [cookieKey],
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    routes: { authorization: '/authorize', token: '/token', end_session: '/end_session', jwks: '/.well-known/jwks.json', userinfo: '/userinfo' },
    scopes: [...OIDC_SCOPES],
    // auth_time, amr and sid in every ID token, not only when the claims parameter asks.
    claims: { openid: ['sub', 'auth_time', 'amr', 'sid'], profile: [...PROFILE_CLAIMS], email: [...EMAIL_CLAIMS] },
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    // Scope claims go in the ID token too, as Beyond Identity's do.
    conformIdTokenClaims: false,
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => currentClient().pkce !== 'disabled' },
    features: {
      devInteractions: { enabled: false },
      // Served by yonder (routes.ts): from its token records, with the policy asked again.
      userinfo: { enabled: false },
      revocation: { enabled: false },
      introspection: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.body = oidcLogoutPage(currentClient().app.display_name, form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.body = oidcSignedOutPage(currentClient().app.display_name);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          const current = currentClient();
          return {
            scope: grantableScopes(current).join(' '),
            audience: current.app.client_id ?? applicationId,
            accessTokenTTL: current.accessTokenTtl,
            ...(current.referential
              ? { accessTokenFormat: 'opaque' as const }
              : { accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: 'RS256' as const } } }),
          };
        },
      },
    },
    formats: {
      customizers: {
        // Beyond Identity's authorization-code access token: aud [client_id, resource server],
        // azp the application, bi_* naming tenant, realm and person, sub the identity id.
        jwt: (ctx, _token, parts) => {
          const { payload } = parts;
          const header = parts.header ?? {};
          parts.header = header;
          const current = currentClient();
          const ids = identityOfGrant(ctx);
          if (!ids) throw new errors.InvalidGrant('the grant names no account');
          header.typ = 'JWT';
          payload.sub = ids.identityId;
          payload.aud = [current.app.client_id ?? applicationId, ...(current.resourceServer ? [current.resourceServer.identifier] : [])];
          payload.azp = current.path;
          payload.bi_t = tenantId;
          payload.bi_r = realmId;
          payload.bi_p = `tenants/${tenantId}/realms/${realmId}/identities/${ids.identityId}`;
          payload.bi_ty = 'authorization_code';
          payload.scope = typeof payload.scope === 'string' ? payload.scope : '';
          const custom = tokenExtras.get(ctx.req)?.customClaims;
          if (custom) payload.bi_custom = custom;
          delete payload.client_id;
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) => `${interactionBase(currentClient())}/${interaction.uid}`,
      policy: interactionPolicyOf(y, interactionPolicy),
    },
    findAccount: async (ctx, accountId, token) => {
      const current = currentClient();
      const field = current.config.token_configuration.subject_field;
      // At the token endpoint (code exchange, refresh) the policy decides again; a refusal is invalid_grant.
      if (ctx.oidc.route === 'token') {
        const moment = token?.kind === 'RefreshToken' ? 'refresh' : 'token';
        const answer = await authorizeAccount(y, current, accountId, moment);
        if (isRefusal(answer)) throw new errors.InvalidGrant(answer.message);
        const { identity } = answer;
        return accountOf(identity, field);
      }
      const ids = parseAccountId(accountId);
      const identity = ids ? await y.store.identities.get(realmId, ids.identityId) : undefined;
      // At the authorization endpoint the provider matches the account to its session and grant by the stored id.
      return identity ? { ...accountOf(identity, field), accountId } : undefined;
    },
    // No consent screen (Beyond Identity has none): the grant is what the application asks for, as
    // far as the policy and the identity's roles allow. A session reused without a new ceremony is
    // decided here; a fresh sign-in was decided on the passkey page.
    loadExistingGrant: async (ctx) => {
      const current = currentClient();
      const session = ctx.oidc.session;
      const accountId = session?.accountId;
      if (!session || !accountId) return undefined;
      const answer = await authorizeAccount(y, current, accountId, ctx.oidc.result?.login ? 'resume' : 'session');
      if (isRefusal(answer)) throw new errors.AccessDenied(answer.message);
      const clientId = current.app.client_id ?? '';
      const existingId = session.grantIdFor(clientId);
      const existing = existingId ? await ctx.oidc.provider.Grant.find(existingId) : undefined;
      const grant = existing?.accountId === accountId ? existing : new ctx.oidc.provider.Grant({ clientId, accountId });
      const requested = String(ctx.oidc.params?.scope ?? '')
        .split(' ')
        .filter(Boolean);
      grant.addOIDCScope(requested.filter((s) => OIDC_SCOPE_SET.has(s)));
      const granted = await grantedResourceScopes(y, current, answer.identity, requested);
      grant.addResourceScope(resource, granted.join(' '));
      // Asked for but not held: refused outright, so the token carries less rather than a consent screen appearing.
      const refused = grantableScopes(current).filter((scope) => requested.includes(scope) && !granted.includes(scope));
      if (refused.length > 0) grant.rejectResourceScope(resource, refused.join(' '));
      await grant.save();
      return grant;
    },
    issueRefreshToken: (_ctx, refreshClient) => refreshClient.grantTypeAllowed('refresh_token'),
    // Every refresh rotates; the used one is refused from then on, and its reuse ends the grant.
    rotateRefreshToken: true,
    clientBasedCORS: (_ctx, origin) => corsAllowed(currentClient(), origin),
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.set('content-security-policy', PAGE_CSP);
      ctx.body = oidcErrorPage(String(out.error), String(out.error_description ?? ''));
    },
    ttl: {
      AccessToken: (ctx) => tokenExtras.get(ctx.req)?.expiresIn ?? currentClient().accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: SESSION_TTL_SECONDS,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
  };

  const provider = new ProviderClass(client.issuer, configuration);
  // URLs are built from the forwarded host and protocol, which the mount sets to PUBLIC_URL's.
  provider.proxy = true;
  // Confidential clients' secrets are kept hashed (and the hash is what the client model holds).
  provider.Client.prototype.compareClientSecret = function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    return clientSecretMatches(actual, this.clientSecret ?? null);
  };

  // Every ID token names its session (`sid`), not only for clients with back-channel logout.
  provider.Client.prototype.includeSid = () => true;
  provider.on('server_error', (_ctx: unknown, error: Error) => log(`OpenID Connect provider error: ${error.stack ?? error.message}`));
  provider.use(async (ctx, next) => {
    await next();
    const route = (ctx as Partial<KoaContextWithOIDC>).oidc?.route;
    if (route === 'discovery' && ctx.body && typeof ctx.body === 'object') {
      Object.assign(ctx.body as Record<string, unknown>, discoveryAdditions(client.issuer));
    }
    if (route === 'token' && ctx.status === 200) await recordIssued(y, ctx as KoaContextWithOIDC);
  });
  return provider;
}

/**
 * The provider's prompts, but for its `id_token_hint` check: it compares the hint's `sub` with the
 * session's account id, which in yonder is the identity and its passkey (`identity.credential`), so
 * it never matched and every hinted authorization asked for a passkey again (prompt=none:
 * login_required). The hint is compared with the `sub` the application saw instead.
 */
function interactionPolicyOf(y: Yonder, policies: typeof import('oidc-provider').interactionPolicy) {
  const { Check, base } = policies;
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  const at = login.checks.findIndex((check) => check.reason === 'id_token_hint');
  if (at === -1) throw new Error('oidc-provider has no id_token_hint check');
  login.checks.remove('id_token_hint');
  login.checks.add(
    new Check('id_token_hint', 'id_token_hint and authenticated subject do not match', 'login_required', async (ctx) => {
      const hint = ctx.oidc.entities.IdTokenHint as { payload?: { sub?: unknown } } | undefined;
      if (hint === undefined) return Check.NO_NEED_TO_PROMPT;
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return Check.REQUEST_PROMPT;
      return hint.payload?.sub === (await subjectOfAccount(y, currentClient(), accountId)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
    at,
  );
  return policy;
}

/** The provider's account: `sub` per the application's subject field, claims by scope. */
function accountOf(identity: Identity, field: string): Account {
  return {
    accountId: subjectOf(identity, field),
    claims: (_use, scope) => ({ ...identityClaims(identity, field, new Set(scope.split(' '))), sub: subjectOf(identity, field) }),
  };
}

/** What yonder serves beside the provider, at the issuer's URLs. */
function discoveryAdditions(issuer: string) {
  const realmBase = issuer.slice(0, issuer.indexOf('/applications/'));
  return {
    userinfo_endpoint: `${issuer}/userinfo`,
    revocation_endpoint: `${issuer}/revoke`,
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    introspection_endpoint: `${realmBase}/introspect`,
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  };
}

/** Puts the access token the token endpoint just issued on record before the reply leaves. */
async function recordIssued(y: Yonder, ctx: KoaContextWithOIDC): Promise<void> {
  const body = ctx.body as { access_token?: string } | undefined;
  const at = ctx.oidc.entities.AccessToken as AccessToken | undefined;
  const grant = ctx.oidc.entities.Grant as Grant | undefined;
  const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
  const ids = grant?.accountId ? parseAccountId(grant.accountId) : null;
  if (!body?.access_token || !at?.jti || !grant?.jti || !ids || !source) return;
  const issuedAt = at.iat ?? Math.floor(Date.now() / 1000);
  await recordAccessToken(y, currentClient(), {
    token: body.access_token,
    jti: currentClient().referential ? opaqueTokenId(body.access_token) : at.jti,
    identityId: ids.identityId,
    credentialId: ids.credentialId,
    scopes: (at.scope ?? '').split(' ').filter(Boolean),
    oidcScopes: oidcScopesOf((source as { scope?: string }).scope),
    grantId: grant.jti,
    iat: issuedAt,
    exp: at.exp ?? issuedAt + currentClient().accessTokenTtl,
    grant: ctx.oidc.entities.AuthorizationCode ? 'authorization_code' : 'refresh_token',
  });
}
