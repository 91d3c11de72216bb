import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { effectiveProtocolConfig } from '../../domain/access/application.js';
import { DomainError, STORE_RETRY_AFTER_SECONDS, isStoreUnavailable } from '../../domain/errors.js';
import { OAuthError } from '../../domain/access/oauth-error.js';
import { RealmParams } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import {
  type ClientCredentials,
  authenticateClient,
  clientCredentialsGrant,
  identifyPublicClient,
  introspectToken,
  revokeToken,
} from '../../services/access/oauth.js';
import { type RealmParamsShape, realmRef } from '../params.js';
import { allowTrustedOrigin, forwardDiscovery, forwardTokenRequest, providerAnswersToken } from '../oidc/routes.js';

/**
 * The OAuth 2.0 side of applications, as Beyond Identity serves it on its `auth` host (one origin
 * serves both here): the token endpoint (client credentials), RFC 7009 revocation, RFC 7662
 * introspection, and OpenID discovery with the signing keys for each application as issuer.
 *
 * Form bodies are parsed only inside this plugin; the rest of the API stays JSON-only. Errors
 * here are OAuth errors (`{ error, error_description }`), mapped by this plugin's own handler.
 */
const APP = '/v1/tenants/:tenant_id/realms/:realm_id/applications/:application_id';
const AppParams = Type.Composite([
  RealmParams,
  Type.Object({ application_id: Type.String({ maxLength: 64, description: "The application's id, within the realm." }) }),
]);
const tags = ['OAuth 2.0'];

const OAuthErrorBody = Type.Object({ error: Type.String(), error_description: Type.Optional(Type.String()) });
/** The error replies every OAuth endpoint declares: a bad request, a failed client authentication, too many requests. */
const OAUTH_ERRORS = { 400: OAuthErrorBody, 401: OAuthErrorBody, 429: OAuthErrorBody };

/** One value per parameter (RFC 6749 §3.2: parameters must not be repeated). */
function formOf(request: FastifyRequest): Record<string, string> {
  const body = request.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new OAuthError('invalid_request', 'malformed request body');
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new OAuthError('invalid_request', `${key} must be given once, as text`);
    form[key] = value;
  }
  return form;
}

/** HTTP Basic (RFC 6749 §2.3.1: both parts form-url-encoded) or `client_id` + `client_secret` in the body, not both. */
function clientCredentials(request: FastifyRequest, form: Record<string, string>): ClientCredentials | null {
  const header = request.headers.authorization;
  const inBody = form.client_secret !== undefined;
  if (typeof header === 'string' && /^basic /i.test(header)) {
    if (inBody) throw new OAuthError('invalid_request', 'use one client authentication method');
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'malformed Basic credentials');
    try {
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
    } catch {
      throw new OAuthError('invalid_client', 'malformed Basic credentials');
    }
  }
  if (inBody && form.client_id !== undefined) return { clientId: form.client_id, clientSecret: form.client_secret! };
  return null;
}

function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  else if (error.status === 401) reply.header('www-authenticate', 'Basic realm="yonder", charset="UTF-8"');
  return reply.code(error.status).type('application/json').send({ error: error.error, error_description: error.description });
}

export const oauthRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof OAuthError) return sendOAuthError(reply, error);
    if (error instanceof DomainError && error.code === 'not_found') {
      return reply.code(404).type('application/json').send({ code: 'not_found', message: error.message });
    }
    if (isStoreUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
      const body = { error: 'temporarily_unavailable', error_description: 'the database is unavailable; try again shortly' };
      return reply.code(503).type('application/json').send(body);
    }
    const status = error instanceof DomainError ? 400 : (error.statusCode ?? 500);
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return reply.code(500).type('application/json').send({ error: 'server_error', error_description: 'internal server error' });
    }
    const described = status === 415 ? 'the body must be application/x-www-form-urlencoded' : 'malformed request';
    return sendOAuthError(reply, new OAuthError('invalid_request', described));
  });

  /**
   * The request's form and the application it authenticates as (HTTP Basic or the form's
   * credentials); where the path names an application, the client must be that one.
   */
  async function clientForm(request: FastifyRequest, params: RealmParamsShape & { application_id?: string }) {
    const form = formOf(request);
    const client = await authenticateClient(yonder, realmRef(params), clientCredentials(request, form), request.ip, params.application_id);
    return { form, client };
  }

  app.post(
    `${APP}/token`,
    {
      schema: {
        operationId: 'Token',
        summary: 'Obtain an access token (client credentials)',
        description:
          'RFC 6749 §4.4 with a form-encoded body: `grant_type=client_credentials`, optional `scope` (within the ' +
          "application's `allowed_scopes`; all of them when omitted) and `expiration_time` (seconds, at most the " +
          'configured lifetime). The client authenticates by HTTP Basic or with `client_id` and `client_secret` in the ' +
          'body. Errors follow RFC 6749 §5.2; repeated failed authentications answer 429 with `Retry-After`.',
        tags,
        security: [],
        params: AppParams,
        consumes: ['application/x-www-form-urlencoded'],
        body: Type.Object(
          {
            grant_type: Type.String(),
            scope: Type.Optional(Type.String()),
            expiration_time: Type.Optional(Type.String()),
            client_id: Type.Optional(Type.String()),
            client_secret: Type.Optional(Type.String()),
          },
          { additionalProperties: true },
        ),
        response: {
          200: Type.Object({ access_token: Type.String(), token_type: Type.Literal('Bearer'), expires_in: Type.Integer(), scope: Type.String() }),
          ...OAUTH_ERRORS,
        },
      },
      // The body is checked below, into OAuth errors; the schema above is for the document.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const form = formOf(request);
      // Authorization code and refresh belong to the OpenID Connect provider (http/oidc/), as does
      // whatever a public client of it asks for; a confidential client is still authenticated
      // here first, under yonder's rate limits.
      if (await providerAnswersToken(yonder, request, form)) {
        // The application authenticated here is the one the provider serves: read once per request.
        const authenticated = clientCredentials(request, form) !== null ? (await clientForm(request, request.params)).client : undefined;
        return forwardTokenRequest(yonder, request, reply, form, authenticated);
      }
      const { client } = await clientForm(request, request.params);
      if (form.grant_type === undefined) throw new OAuthError('invalid_request', 'grant_type is required');
      if (form.grant_type !== 'client_credentials') throw new OAuthError('unsupported_grant_type', 'only client_credentials is supported');
      const issued = await clientCredentialsGrant(yonder, client, {
        ...(form.scope !== undefined ? { scope: form.scope } : {}),
        ...(form.expiration_time !== undefined ? { expirationTime: form.expiration_time } : {}),
      });
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(issued);
    },
  );

  app.post(
    `${APP}/revoke`,
    {
      schema: {
        operationId: 'RevokeAccessToken',
        summary: 'Revoke an access token (RFC 7009)',
        description:
          'Form-encoded `token` (and an optional `token_type_hint`), with the issuing application authenticating as for ' +
          'the token endpoint; a public client (no secret) names itself with `client_id` (RFC 7009 §2.1). Answers 200 ' +
          'with an empty body whether or not the token was known.',
        tags,
        security: [],
        params: AppParams,
        consumes: ['application/x-www-form-urlencoded'],
        body: Type.Object({ token: Type.String(), token_type_hint: Type.Optional(Type.String()) }, { additionalProperties: true }),
        response: { 200: Type.Unsafe<void>({ description: 'Revoked, or nothing to revoke.' }), ...OAUTH_ERRORS },
      },
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      await allowTrustedOrigin(yonder, request, reply);
      const form = formOf(request);
      const credentials = clientCredentials(request, form);
      const client =
        credentials === null && form.client_id !== undefined
          ? await identifyPublicClient(yonder, realmRef(request.params), request.params.application_id, form.client_id)
          : await authenticateClient(yonder, realmRef(request.params), credentials, request.ip, request.params.application_id);
      if (form.token === undefined) throw new OAuthError('invalid_request', 'token is required');
      await revokeToken(yonder, client, form.token);
      return reply.code(200).header('cache-control', 'no-store').send();
    },
  );

  app.post(
    '/v1/tenants/:tenant_id/realms/:realm_id/introspect',
    {
      schema: {
        operationId: 'Introspect',
        summary: 'Introspect an access token (RFC 7662)',
        description:
          'Form-encoded `token`; any confidential application of the realm authenticates with its client credentials. ' +
          'An active token answers its claims; anything else `{"active": false}`.',
        tags,
        security: [],
        params: RealmParams,
        consumes: ['application/x-www-form-urlencoded'],
        body: Type.Object({ token: Type.String(), token_type_hint: Type.Optional(Type.String()) }, { additionalProperties: true }),
        response: {
          200: Type.Object({ active: Type.Boolean() }, { additionalProperties: true }),
          ...OAUTH_ERRORS,
        },
      },
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const { form } = await clientForm(request, request.params);
      if (form.token === undefined) throw new OAuthError('invalid_request', 'token is required');
      return reply.header('cache-control', 'no-store').send(await introspectToken(yonder, realmRef(request.params), form.token));
    },
  );

  async function issuerApplication(params: RealmParamsShape & { application_id: string }) {
    const application = await yonder.store.applications.get(params.realm_id, params.application_id);
    const tenant = await yonder.store.tenants.get(params.tenant_id);
    if (!application || !tenant || application.tenant_id !== tenant.id) {
      throw new DomainError('not_found', 'application not found');
    }
    return { application, issuer: yonder.tokens.issuerFor(tenant, application.realm_id, application.id) };
  }

  app.get(
    `${APP}/.well-known/openid-configuration`,
    {
      schema: {
        operationId: 'OpenIdConfiguration',
        summary: 'OpenID Provider metadata of an application as token issuer',
        description:
          'Describes exactly what yonder serves for this issuer: the token endpoint (client credentials only), RFC 7009 ' +
          'revocation, RFC 7662 introspection and the JWKS. There is no `authorization_endpoint` (nor `userinfo_endpoint`): ' +
          'yonder has no authorization-code or implicit flow, so `response_types_supported` is empty and no ID token is ' +
          'issued. The members OpenID Connect Discovery requires are present: `subject_types_supported` and ' +
          '`id_token_signing_alg_values_supported` describe the access tokens (`sub` is the application id, the same for ' +
          'every caller; signed RS256). Verify tokens with the keys at `jwks_uri`.',
        tags,
        security: [],
        params: AppParams,
        response: { 200: Type.Object({ issuer: Type.String(), jwks_uri: Type.String() }, { additionalProperties: true }) },
      },
    },
    async (request, reply) => {
      // An application that signs people in is described by its OpenID Connect provider.
      if (await forwardDiscovery(yonder, request, reply)) return;
      const { application, issuer } = await issuerApplication(request.params);
      const config = effectiveProtocolConfig(application);
      const realmBase = issuer.slice(0, issuer.indexOf('/applications/'));
      return {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        token_endpoint: `${issuer}/token`,
        revocation_endpoint: `${issuer}/revoke`,
        introspection_endpoint: `${realmBase}/introspect`,
        grant_types_supported: ['client_credentials'],
        // No authorization endpoint, so no response type (see the description above).
        response_types_supported: [],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        scopes_supported: config.allowed_scopes,
        claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'scope', 'bi_t', 'bi_r'],
      };
    },
  );

  app.get(
    `${APP}/.well-known/jwks.json`,
    {
      schema: {
        operationId: 'ApplicationJwks',
        description:
          "The public keys (JWKS) that verify the access tokens this application issues; a resource server fetches them to check a token's signature.",
        summary: 'The keys that verify the tokens an application issues',
        tags,
        security: [],
        params: AppParams,
        response: { 200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }) },
      },
    },
    async (request, reply) => {
      await issuerApplication(request.params);
      // Public keys: any page may read them (the preflight is answered in http/oidc/routes.ts).
      reply.header('access-control-allow-origin', '*');
      return yonder.tokens.jwks();
    },
  );
};
