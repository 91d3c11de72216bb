import { createHash } from 'node:crypto';
import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import type { Application } from '../../domain/access/application.js';
import type { Yonder } from '../../services/context.js';
import { type OidcClient, corsAllowed } from '../../services/oidc/clients.js';
import { takeAuthorizeAttempt } from '../../services/oidc/rate-limits.js';
import { tokenRequestExtras, userinfo } from '../../services/oidc/tokens.js';
import { sendHtml } from '../html.js';
import { PAGE_CSP } from '../hosted/pages.js';
import { type Refusal, limitAttempts } from '../rate-limit.js';
import { RealmParams } from '../schemas.js';
import { type AppRouteParams, Providers, clientOfPath, mountProvider } from './mount.js';
import { oidcErrorPage } from './pages.js';
import { tokenExtras } from './provider.js';

const APP = '/v1/tenants/:tenant_id/realms/:realm_id/applications/:application_id';
export const AppParams = Type.Composite([
  RealmParams,
  Type.Object({ application_id: Type.String({ maxLength: 64, description: "The application's id, within the realm." }) }),
]);
const tags = ['OpenID Connect'];
/**
 * Browser redirects and protocol endpoints the discovery document describes, left out of
 * /openapi.json (the management API's description): `hide` on every route here.
 */
const hide = true;
/** The provider reads its own parameters; these routes only document them and pass them on. */
const Anything = Type.Object({}, { additionalProperties: true });
const passThrough = { validatorCompiler: () => () => true };

const providersByYonder = new WeakMap<Yonder, Providers>();

/** One set of providers per yonder, shared by the /v1 routes and the hosted sign-in page. */
export function providersOf(yonder: Yonder, log: FastifyBaseLogger): Providers {
  let providers = providersByYonder.get(yonder);
  if (!providers) {
    providers = new Providers(yonder, (line) => log.warn(line));
    providersByYonder.set(yonder, providers);
  }
  return providers;
}

/** The application of the path, when it signs people in with OpenID Connect; 404 otherwise. */
export async function requireClient(yonder: Yonder, params: AppRouteParams, app?: Application): Promise<OidcClient> {
  const client = await clientOfPath(yonder, params, app);
  if (!client) throw new DomainError('not_found', 'no OpenID Connect application here');
  return client;
}

/** The token endpoint's grants the provider answers; client credentials stay with the OAuth route. */
export const PROVIDER_GRANTS: ReadonlySet<string> = new Set(['authorization_code', 'refresh_token']);

/**
 * Whether the provider answers a token request: its grants (authorization code, refresh), and any
 * grant a public client of the path asks for with its `client_id` alone. The OAuth route has no
 * secret of such a client to check and would answer invalid_client; the provider knows the client
 * and answers what RFC 6749 §5.2 says, unsupported_grant_type.
 */
export async function providerAnswersToken(yonder: Yonder, request: FastifyRequest, form: Record<string, string>): Promise<boolean> {
  if (form.grant_type !== undefined && PROVIDER_GRANTS.has(form.grant_type)) return true;
  if (form.client_id === undefined || form.client_secret !== undefined || request.headers.authorization !== undefined) return false;
  const client = await clientOfPath(yonder, request.params as AppRouteParams);
  return client?.isPublic === true && client.app.client_id === form.client_id;
}

/**
 * Beyond Identity's `pkce: plain`: oidc-provider 9 verifies S256 only, so a plain challenge becomes
 * the S256 of itself. The verifier of a plain challenge is the challenge, so the provider's S256
 * check of the verifier at the token endpoint holds exactly when the plain check would.
 */
function plainToS256(params: Record<string, string>): Record<string, string> {
  if (params.code_challenge_method !== 'plain' || typeof params.code_challenge !== 'string') return params;
  return { ...params, code_challenge: createHash('sha256').update(params.code_challenge).digest('base64url'), code_challenge_method: 'S256' };
}

/** The form Fastify parsed, one value per parameter (the provider refuses repeats itself). */
function formOf(request: FastifyRequest): Record<string, string> | undefined {
  const body = request.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  return body as Record<string, string>;
}

/**
 * The token endpoint's authorization-code and refresh grants, handed to the provider by the OAuth
 * token route (client credentials stay there). Beyond Identity lets a confidential client send its
 * secret by HTTP Basic or in the body; the provider holds each client to one method, so a secret in
 * the body is moved to the header first.
 */
export async function forwardTokenRequest(
  yonder: Yonder,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Record<string, string>,
  authenticated?: Application,
): Promise<void> {
  const client = await requireClient(yonder, request.params as AppRouteParams, authenticated);
  tokenExtras.set(request.raw, tokenRequestExtras(client, form));
  const { client_secret: secret, ...rest } = form;
  if (secret !== undefined && rest.client_id !== undefined && request.headers.authorization === undefined) {
    const encode = (value: string) => encodeURIComponent(value);
    request.raw.headers.authorization = `Basic ${Buffer.from(`${encode(rest.client_id)}:${encode(secret)}`).toString('base64')}`;
    delete rest.client_id;
  }
  await mountProvider(providersOf(yonder, request.log), yonder, client, request, reply, secret === undefined ? form : rest);
}

/**
 * OpenID discovery of an application that signs people in, answered by its provider (with what
 * yonder serves beside it); false, and nothing sent, for any other application.
 */
export async function forwardDiscovery(yonder: Yonder, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const client = await clientOfPath(yonder, request.params as AppRouteParams);
  if (!client) return false;
  await mountProvider(providersOf(yonder, request.log), yonder, client, request, reply);
  return true;
}

/**
 * OpenID Connect Core (§3.1.2.1) has the authorization endpoint take POST as well as GET, and
 * RP-Initiated Logout its end-session endpoint. oidc-provider answers POST only when its cookies are
 * SameSite=None, which yonder does not set (they stay Lax, and None would need Secure, which a
 * plain-HTTP PUBLIC_URL cannot have). So a POST is answered with 303 to the same request as GET:
 * the browser follows it as a top-level navigation, which carries Lax cookies, so a session signs
 * in as it does for GET.
 */
function redirectAsGet(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const form = /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '') ? formOf(request) : undefined;
  if (!form) return reply.code(400).type('application/json').send({ error: 'invalid_request', error_description: 'the body must be a form' });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const one of Array.isArray(value) ? value : [value]) query.append(key, String(one));
  }
  return reply.header('cache-control', 'no-store').redirect(`${(request.raw.url ?? '').split('?')[0]}?${query}`, 303);
}

/**
 * For the OAuth routes beside the provider (revocation): lets a trusted origin's page read the
 * reply when the path's application signs people in. Set before the request is judged, so errors
 * are readable too.
 */
export async function allowTrustedOrigin(yonder: Yonder, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.headers.origin === undefined) return;
  const client = await clientOfPath(yonder, request.params as AppRouteParams);
  if (client) allowOrigin(client, request, reply);
}

/** Lets the browser page of a trusted origin read the reply (the authenticator config's `trusted_origins`). */
function allowOrigin(client: OidcClient, request: FastifyRequest, reply: FastifyReply): boolean {
  const origin = request.headers.origin;
  reply.header('vary', 'Origin');
  if (!corsAllowed(client, origin)) return false;
  reply.header('access-control-allow-origin', origin ?? '');
  return true;
}

/** A person sent to /authorize too often from one address is shown why, never redirected. */
const tooManyPage: Refusal = (reply, message) => sendHtml(reply, PAGE_CSP, 429, oidcErrorPage('rate_limited', message));

/** Counts the authorization request against its realm and address (services/oidc/rate-limits.ts). */
const authorizeLimit = (yonder: Yonder) =>
  limitAttempts((request) => {
    const params = request.params as Partial<AppRouteParams>;
    return takeAuthorizeAttempt(yonder, params.tenant_id ?? '', params.realm_id ?? '', request.ip);
  }, tooManyPage);

/** The routes the provider answers, and userinfo, which yonder answers itself. */
export const oidcRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  const providers = providersOf(yonder, app.log);
  const mount = async (request: FastifyRequest<{ Params: AppRouteParams }>, reply: FastifyReply) => {
    const client = await requireClient(yonder, request.params);
    await mountProvider(providers, yonder, client, request, reply, formOf(request));
  };
  const mountAuthorize = async (request: FastifyRequest<{ Params: AppRouteParams }>, reply: FastifyReply) => {
    const client = await requireClient(yonder, request.params);
    if (client.pkce === 'plain') {
      // Rewritten before the provider sees the request (it reads its mount path from the URL).
      const [path, query = ''] = (request.raw.url ?? '').split('?');
      request.raw.url = `${path}?${new URLSearchParams(plainToS256(Object.fromEntries(new URLSearchParams(query))))}`;
    }
    await mountProvider(providers, yonder, client, request, reply);
  };
  const postAsGet = async (request: FastifyRequest<{ Params: AppRouteParams }>, reply: FastifyReply) => {
    await requireClient(yonder, request.params);
    return redirectAsGet(request, reply);
  };

  const authorizeDescription =
    'OpenID Connect authorization endpoint (authorization code with PKCE): `response_type=code`, `client_id`, ' +
    '`redirect_uri` (exactly as registered), `scope` (`openid` with `profile`, `email` and the resource server scopes the ' +
    'application allows), `state`, `nonce`, `code_challenge` with `code_challenge_method=S256` (`plain` for applications ' +
    'configured so), `prompt`, `max_age`, `login_hint`. The person signs in on the hosted passkey page; errors go to the ' +
    "client only when `client_id` and `redirect_uri` are valid, otherwise yonder's own error page is shown.";
  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: `${APP}/authorize`,
      schema: {
        operationId: method === 'GET' ? 'Authorize' : 'AuthorizePost',
        summary: 'OpenID Connect authorization (authorization code + PKCE)',
        description: authorizeDescription,
        tags,
        hide,
        security: [],
        params: AppParams,
        ...(method === 'GET' ? { querystring: Anything } : { body: Anything, consumes: ['application/x-www-form-urlencoded'] }),
      },
      ...passThrough,
      onRequest: authorizeLimit(yonder),
      handler: method === 'GET' ? mountAuthorize : postAsGet,
    });
  }
  app.get(
    `${APP}/authorize/:uid`,
    {
      schema: {
        operationId: 'AuthorizeResume',
        summary: 'Where the hosted sign-in returns to finish an authorization',
        tags,
        hide,
        security: [],
        params: Type.Composite([AppParams, Type.Object({ uid: Type.String({ maxLength: 64 }) })]),
      },
      onRequest: authorizeLimit(yonder),
    },
    (request, reply) => mount(request as FastifyRequest<{ Params: AppRouteParams }>, reply),
  );
  app.get(
    `${APP}/end_session`,
    {
      schema: {
        operationId: 'EndSession',
        summary: 'RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0; a yonder extension)',
        tags,
        hide,
        security: [],
        params: AppParams,
        querystring: Anything,
      },
      ...passThrough,
    },
    mount,
  );
  const endSession = (method: 'GET' | 'POST', suffix: string, operationId: string, summary: string) =>
    app.route({
      method,
      url: `${APP}/end_session${suffix}`,
      schema: { operationId, summary, tags, hide, security: [], params: AppParams, ...(method === 'POST' ? { body: Anything } : {}) },
      ...passThrough,
      handler: mount,
    });
  app.post(
    `${APP}/end_session`,
    {
      schema: {
        operationId: 'EndSessionPost',
        summary: 'RP-initiated logout (form post): answered with 303 to the same request as GET',
        tags,
        hide,
        security: [],
        params: AppParams,
        body: Anything,
        consumes: ['application/x-www-form-urlencoded'],
      },
      ...passThrough,
    },
    postAsGet,
  );
  endSession('POST', '/confirm', 'EndSessionConfirm', 'RP-initiated logout: the sign-out form answers here');
  endSession('GET', '/success', 'EndSessionSuccess', 'RP-initiated logout: signed out');

  const Claims = Type.Object({ sub: Type.String() }, { additionalProperties: true });
  const UserinfoError = Type.Object({ error: Type.String(), error_description: Type.Optional(Type.String()) });
  const answerUserinfo = async (request: FastifyRequest<{ Params: AppRouteParams }>, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    const client = await requireClient(yonder, request.params);
    allowOrigin(client, request, reply);
    const header = request.headers.authorization;
    const fromHeader = typeof header === 'string' ? /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header)?.[1] : undefined;
    const token = fromHeader ?? formOf(request)?.access_token;
    if (!token) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="yonder"').send({
        error: 'invalid_request',
        error_description: 'no access token: send it as Authorization: Bearer, or as access_token in a form body',
      });
    }
    const answer = await userinfo(yonder, client, token);
    if ('claims' in answer) return reply.send(answer.claims);
    if ('refusal' in answer) {
      return reply
        .code(403)
        .header('www-authenticate', 'Bearer realm="yonder", error="insufficient_scope"')
        .send({ error: 'access_denied', error_description: answer.refusal.message });
    }
    return reply
      .code(401)
      .header('www-authenticate', `Bearer realm="yonder", error="invalid_token", error_description="${answer.description}"`)
      .send({ error: answer.error, error_description: answer.description });
  };
  // CORS preflights. The token endpoint's the provider answers (its clients' origins); discovery
  // and the JWKS are public documents, open to any origin, as the provider answers them.
  // Userinfo's and revocation's are yonder's: the trusted origins only.
  for (const path of ['/token', '/.well-known/openid-configuration', '/.well-known/jwks.json']) {
    app.options(`${APP}${path}`, { schema: { hide, security: [], params: AppParams } }, mount);
  }
  const preflight = (methods: string) => async (request: FastifyRequest<{ Params: AppRouteParams }>, reply: FastifyReply) => {
    const client = await requireClient(yonder, request.params);
    if (allowOrigin(client, request, reply)) {
      reply
        .header('access-control-allow-methods', methods)
        .header('access-control-allow-headers', 'authorization,content-type')
        .header('access-control-max-age', '3600');
    }
    return reply.code(204).send();
  };
  app.options(`${APP}/userinfo`, { schema: { hide, security: [], params: AppParams } }, preflight('GET,POST'));
  app.options(`${APP}/revoke`, { schema: { hide, security: [], params: AppParams } }, preflight('POST'));
  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: `${APP}/userinfo`,
      schema: {
        operationId: method === 'GET' ? 'Userinfo' : 'UserinfoPost',
        summary: 'OpenID Connect userinfo',
        description:
          'The claims of the person an access token of this application was issued to, by the scopes it was granted ' +
          '(`profile`, `email`), read from the identity as it is now. The token must be on record and live, and the ' +
          "realm's policy must still allow the person to use the application (else 403 `access_denied`).",
        tags,
        hide,
        security: [],
        params: AppParams,
        ...(method === 'POST' ? { body: Anything, consumes: ['application/x-www-form-urlencoded'] } : {}),
        response: { 200: Claims, 401: UserinfoError, 403: UserinfoError },
      },
      ...passThrough,
      handler: answerUserinfo,
    });
  }
};
