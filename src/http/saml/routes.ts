import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Yonder } from '../../services/context.js';
import {
  CeremonyError,
  SESSION_TTL_SECONDS,
  authenticationOptions,
  currentSession,
  verifyAuthentication,
} from '../../services/passkeys/ceremonies.js';
import {
  type Begun,
  type SamlApp,
  type SamlRequest,
  SAML_REQUEST_TTL_SECONDS,
  SamlRefusal,
  answerSignIn,
  beginSignIn,
  beginUnsolicited,
  metadataOf,
  openRequest,
  samlApplication,
} from '../../services/saml/sign-in.js';
import { PAGE_CSP } from '../hosted/pages.js';
import { SESSION_COOKIE } from '../hosted/routes.js';
import { sendHtml } from '../html.js';
import { oidcErrorPage, oidcSignInPage } from '../oidc/pages.js';
import { limitAttempts, signInAttempts } from '../rate-limit.js';
import { RealmParams } from '../schemas.js';
import { POST_SCRIPT, POST_SCRIPT_PATH, postPage, postPageCsp } from './pages.js';

/**
 * yonder as a SAML 2.0 identity provider (services/saml/ holds the library): per SAML application,
 * its metadata, the SSO endpoint (HTTP-Redirect and HTTP-POST bindings) and an IdP-initiated start
 * under `/v1/.../applications/{id}/saml/`; the sign-in page under `/hosted/`. Browser and
 * protocol endpoints, left out of /openapi.json (`hide`), like OpenID Connect's.
 */
const APP = '/v1/tenants/:tenant_id/realms/:realm_id/applications/:application_id/saml';
const PAGE = '/hosted/tenants/:tenant_id/realms/:realm_id/applications/:application_id/saml/:request_id';
const AppParams = Type.Composite([RealmParams, Type.Object({ application_id: Type.String({ maxLength: 64 }) })]);
const PageParams = Type.Composite([AppParams, Type.Object({ request_id: Type.String({ maxLength: 64 }) })]);
type AppPath = { tenant_id: string; realm_id: string; application_id: string };
type PagePath = AppPath & { request_id: string };
const hide = true;
/** The bindings' fields, read by the service; anything else is ignored. */
const Fields = Type.Object({}, { additionalProperties: true });
/** The browser's secret for one sign-in, scoped to that sign-in's page. */
const REQUEST_COOKIE = 'yonder_saml';

const page = (reply: FastifyReply, status: number, body: string) => sendHtml(reply, PAGE_CSP, status, body);
const refusedPage = (reply: FastifyReply, refusal: SamlRefusal) => page(reply, refusal.status, oidcErrorPage(refusal.reason, refusal.message));
const notSaml = (reply: FastifyReply) => page(reply, 404, oidcErrorPage('unknown_application', 'There is no SAML application here.'));
const pagePath = (p: AppPath, id: string) => `/hosted/tenants/${p.tenant_id}/realms/${p.realm_id}/applications/${p.application_id}/saml/${id}`;

async function samlAppOf(yonder: Yonder, params: AppPath): Promise<SamlApp | null> {
  return samlApplication(yonder, params.tenant_id, params.realm_id, params.application_id);
}

/** The redirect binding signs the query as sent, in its order, less the Signature itself. */
function octetStringOf(request: FastifyRequest): string {
  const query = request.raw.url?.split('?')[1] ?? '';
  return query
    .split('&')
    .filter((part) => !part.startsWith('Signature='))
    .join('&');
}

export const samlRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const secure = new URL(yonder.config.publicUrl).protocol === 'https:';
  const refuseWithPage = (reply: FastifyReply, message: string) => page(reply, 429, oidcErrorPage('rate_limited', message));

  app.get(`${APP}/metadata`, { schema: { params: AppParams, security: [], hide } }, async (request, reply) => {
    const sp = await samlAppOf(yonder, request.params);
    if (!sp) return reply.code(404).type('text/plain; charset=utf-8').send('There is no SAML application here.');
    return reply
      .header('cache-control', 'public, max-age=300')
      .type('application/samlmetadata+xml; charset=utf-8')
      .send(await metadataOf(yonder, sp));
  });

  /** Keeps the sign-in's secret in the browser and sends it to the sign-in page. */
  async function begin(reply: FastifyReply, params: AppPath, work: (sp: SamlApp) => Promise<Begun>) {
    const sp = await samlAppOf(yonder, params);
    if (!sp) return notSaml(reply);
    let begun: Begun;
    try {
      begun = await work(sp);
    } catch (error) {
      if (error instanceof SamlRefusal) return refusedPage(reply, error);
      throw error;
    }
    const path = pagePath(params, begun.id);
    // Lax: the first visit follows the service provider's cross-site POST or redirect, a top-level navigation.
    reply.header(
      'set-cookie',
      `${REQUEST_COOKIE}=${begun.browserSecret}; Path=${path}; Max-Age=${SAML_REQUEST_TTL_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
    );
    return reply.header('cache-control', 'no-store').redirect(path, 303);
  }

  const limited = limitAttempts(signInAttempts(yonder), refuseWithPage);
  app.get(`${APP}/sso`, { schema: { params: AppParams, querystring: Fields, security: [], hide }, onRequest: limited }, async (request, reply) =>
    begin(reply, request.params, (sp) =>
      beginSignIn(yonder, sp, 'redirect', { query: request.query as Record<string, unknown>, octetString: octetStringOf(request) }),
    ),
  );
  app.post(
    `${APP}/sso`,
    { schema: { params: AppParams, body: Fields, consumes: ['application/x-www-form-urlencoded'], security: [], hide }, onRequest: limited },
    async (request, reply) =>
      begin(reply, request.params, (sp) => beginSignIn(yonder, sp, 'post', { body: request.body as Record<string, unknown> })),
  );
  app.get(
    `${APP}/start`,
    { schema: { params: AppParams, querystring: Type.Object({ RelayState: Type.Optional(Type.String()) }), security: [], hide }, onRequest: limited },
    async (request, reply) => begin(reply, request.params, (sp) => beginUnsolicited(yonder, sp, request.query.RelayState)),
  );
};

/** The passkey step of a SAML sign-in and the page that posts the response. */
export const samlInteractionRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(cookie);
  const secure = new URL(yonder.config.publicUrl).protocol === 'https:';

  app.get(POST_SCRIPT_PATH, { schema: { hide, security: [] } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(POST_SCRIPT),
  );

  const ceremonyFailed = (reply: FastifyReply, reason: string, message: string, status: number) =>
    reply.code(status).send({ code: 'ceremony_failed', reason, message });
  /** The sign-in in progress; 'no-application' when the path names no SAML application (404, as elsewhere). */
  async function open(request: FastifyRequest): Promise<{ sp: SamlApp; saml: SamlRequest } | 'no-application' | null> {
    const params = request.params as PagePath;
    const sp = await samlAppOf(yonder, params);
    if (!sp) return 'no-application';
    const saml = await openRequest(yonder, sp, params.request_id, request.cookies[REQUEST_COOKIE]);
    return saml ? { sp, saml } : null;
  }
  const noApplication = (reply: FastifyReply) => ceremonyFailed(reply, 'unknown_application', 'There is no SAML application here.', 404);
  const expired = (reply: FastifyReply) =>
    page(reply, 400, oidcErrorPage('request_expired', 'This sign-in has expired. Go back to the application and start again.'));

  app.get(PAGE, { schema: { params: PageParams, security: [], hide } }, async (request, reply) => {
    const opened = await open(request);
    if (opened === 'no-application') return notSaml(reply);
    if (!opened) return expired(reply);
    const { sp, saml } = opened;
    const session = await currentSession(yonder, { tenantId: sp.ref.tenantId, realmId: sp.ref.realmId }, request.cookies[SESSION_COOKIE]).catch(
      () => null,
    );
    // ForceAuthn: only a passkey used since the request counts.
    const fresh = session !== null && session.create_time >= saml.create_time;
    if (session && (fresh || saml.force_authn === 0)) {
      try {
        const answer = await answerSignIn(
          yonder,
          sp,
          saml,
          { identityId: session.identity_id, credentialId: session.credential_id, authnTime: session.create_time },
          fresh ? 'sign_in' : 'session',
        );
        if ('reason' in answer) return page(reply, 403, oidcErrorPage(answer.reason, answer.message));
        return sendHtml(reply, postPageCsp(answer.acsUrl), 200, postPage(sp.app.display_name, answer));
      } catch (error) {
        if (error instanceof SamlRefusal) return refusedPage(reply, error);
        throw error;
      }
    }
    const realm = await yonder.store.realms.get(sp.ref.tenantId, sp.ref.realmId);
    const here = request.url.split('?')[0] ?? '';
    return page(
      reply,
      200,
      oidcSignInPage(sp.app.display_name, realm?.display_name ?? '', { options: `${here}/options`, verify: `${here}/verify` }, here),
    );
  });

  app.post(
    `${PAGE}/options`,
    { schema: { params: PageParams, security: [], hide }, onRequest: limitAttempts(signInAttempts(yonder)) },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const opened = await open(request);
      if (opened === 'no-application') return noApplication(reply);
      if (!opened) return ceremonyFailed(reply, 'request_expired', 'This sign-in has expired.', 400);
      return authenticationOptions(yonder, opened.sp.ref, opened.sp.app.id);
    },
  );

  // The ceremony asks the realm's policy for this application (a refusal ends here, and the page
  // says why); the sign-in page then comes back to PAGE, which answers the service provider.
  app.post(
    `${PAGE}/verify`,
    {
      schema: { params: PageParams, security: [], hide, body: Type.Object({ challenge_id: Type.String({ maxLength: 64 }), response: Type.Any() }) },
      onRequest: limitAttempts(signInAttempts(yonder)),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const opened = await open(request);
      if (opened === 'no-application') return noApplication(reply);
      if (!opened) return ceremonyFailed(reply, 'request_expired', 'This sign-in has expired.', 400);
      try {
        const signedIn = await verifyAuthentication(yonder, opened.sp.ref, request.body.challenge_id, request.body.response);
        reply.setCookie(SESSION_COOKIE, signedIn.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_SECONDS });
        return { ...(await currentSession(yonder, opened.sp.ref, signedIn.token)), redirect_uri: pagePath(request.params, opened.saml.id) };
      } catch (error) {
        if (!(error instanceof CeremonyError)) throw error;
        return ceremonyFailed(reply, error.reason, error.message, error.status);
      }
    },
  );
};
