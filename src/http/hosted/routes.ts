import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import cookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { safeReturnPath } from '../../domain/access/return-path.js';
import { SMALL_BODY_LIMIT_BYTES, enrollmentAttempts, limitAttempts, signInAttempts } from '../rate-limit.js';
import { RealmParams, verbPath } from '../schemas.js';
import { CONSOLE_PATH } from '../../services/access/console.js';
import type { Yonder } from '../../services/context.js';
import {
  CeremonyError,
  SESSION_TTL_SECONDS,
  authenticationOptions,
  currentSession,
  linkVerified,
  openLink,
  registrationOptions,
  signOut,
  verifyAuthentication,
  verifyRegistration,
} from '../../services/passkeys/ceremonies.js';
import { ASSETS } from './client-scripts.js';
import { verifyingProvider } from '../../domain/passkeys/passkeys.js';
import {
  VERIFIED_TTL_SECONDS,
  claimTrip,
  finishUpstreamVerification,
  startUpstreamVerification,
} from '../../services/federation/upstream-verification.js';
import { finishUpstreamSignIn, signInProviders, startUpstreamSignIn } from '../../services/federation/upstream-sign-in.js';
import { registerEnrollmentCors } from './cors.js';
import { PAGE_CSP, type ProviderLink, enrollErrorPage, enrollPage, launcherPage, signInErrorPage, signInPage } from './pages.js';
import { launcherTiles } from '../../services/sso/launcher.js';
import { realmRef } from '../params.js';
import { sendHtml } from '../html.js';

export const SESSION_COOKIE = 'yonder_session';

const LinkParams = Type.Composite([
  RealmParams,
  Type.Object({
    identity_id: Type.String({ maxLength: 64, description: "The identity's id, within the realm." }),
    credential_binding_job_id: Type.String({ maxLength: 64, description: "The credential binding job's id, within the identity." }),
  }),
]);
const LINK_BASE = '/v1/tenants/:tenant_id/realms/:realm_id/identities/:identity_id/credential-binding-jobs';
const HOSTED = '/hosted/tenants/:tenant_id/realms/:realm_id';
/** The route a hosted sign-in is verified at (the metrics count its outcomes). */
export const HOSTED_SIGN_IN_VERIFY = `${HOSTED}/sign-in/verify`;
const ENROLL = `${HOSTED}/identities/:identity_id/credential-binding-jobs/:credential_binding_job_id`;

/** Where a sign-in may lead: this site's Admin Console and its hosted pages, nothing else. */
const RETURN_PREFIXES = [CONSOLE_PATH, '/hosted/'];

export const hostedBase = (p: { tenant_id: string; realm_id: string }) => `/hosted/tenants/${p.tenant_id}/realms/${p.realm_id}`;
const linkOf = (
  p: { tenant_id: string; realm_id: string; identity_id: string; credential_binding_job_id: string },
  token: string,
  verification?: string,
) => ({
  ...realmRef(p),
  identityId: p.identity_id,
  jobId: p.credential_binding_job_id,
  token,
  verification,
});

/**
 * The trip through an upstream identity provider before enrollment: its state while the browser is
 * away (only sent back to the callbacks), then the proof that the upstream vouched for the person.
 */
const IDP_STATE_COOKIE = 'yonder_idp_state';
export const IDP_VERIFIED_COOKIE = 'yonder_idp_verified';
/**
 * The path of the state cookie: the realm's upstream callbacks. The callback clears it before it looks
 * anything up, so its ids are the request's as sent: encoded, as a cookie path cannot hold `;` or a
 * control character (real ids are hex, which encoding leaves as they are).
 */
const idpCallbacks = (p: { tenant_id: string; realm_id: string }) =>
  `/hosted/tenants/${encodeURIComponent(p.tenant_id)}/realms/${encodeURIComponent(p.realm_id)}/identity-providers/`;

const html = (reply: FastifyReply, status: number, body: string) => sendHtml(reply, PAGE_CSP, status, body);

/** Sends the browser to the upstream, its trip's state in a cookie only the provider callbacks see. */
function toUpstream(reply: FastifyReply, p: { tenant_id: string; realm_id: string }, trip: { url: string; state: string }, secure: boolean) {
  reply.setCookie(IDP_STATE_COOKIE, trip.state, { path: idpCallbacks(p), httpOnly: true, sameSite: 'lax', secure, maxAge: 10 * 60 });
  return reply.header('cache-control', 'no-store').redirect(trip.url, 303);
}

/**
 * The "Sign in with <provider>" links of a sign-in page: each starts a trip through that provider
 * which comes back to `returnTo` (for `applicationId`, when the sign-in is for one).
 */
export async function providerLinksOf(
  yonder: Yonder,
  p: { tenant_id: string; realm_id: string },
  returnTo: string | undefined,
  applicationId: string | undefined,
): Promise<ProviderLink[]> {
  const query = new URLSearchParams({
    ...(returnTo !== undefined ? { return_to: returnTo } : {}),
    ...(applicationId !== undefined ? { application_id: applicationId } : {}),
  }).toString();
  return (await signInProviders(yonder, realmRef(p))).map((idp) => ({
    id: idp.id,
    name: idp.display_name,
    url: `${idpCallbacks(p)}${idp.id}/sign-in${query ? `?${query}` : ''}`,
  }));
}

/** Ceremony failures answer with a human message and a machine-readable `reason`. */
export async function ceremony<T>(reply: FastifyReply, work: () => Promise<T>) {
  reply.header('cache-control', 'no-store');
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CeremonyError)) throw error;
    return reply.code(error.status).send({ code: 'ceremony_failed', message: error.message, reason: error.reason });
  }
}

/** SimpleWebAuthn's browser ESM build, read once: only these files are ever served. */
function simpleWebAuthnFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'esm');
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) files.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/**
 * The binding link itself lives under `/v1` (the contract's `:invokeAuthenticator`); it is public
 * (`security: []`) and authorized by its token alone.
 */
export const bindingLinkRoute: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(cookie);
  const secure = new URL(yonder.config.publicUrl).protocol === 'https:';
  app.get(
    verbPath(LINK_BASE, 'credential_binding_job_id', 'invokeAuthenticator'),
    {
      schema: {
        operationId: 'InvokeAuthenticator',
        summary: 'The credential binding link: the hosted page that creates a passkey',
        description: 'Public: the 256-bit `token` authorizes it. Single use; dead once expired, revoked or used.',
        tags: ['Credential Binding Jobs'],
        security: [],
        params: LinkParams,
        querystring: Type.Object({
          token: Type.Optional(Type.String({ maxLength: 128, description: "The binding link's one-time token, from the email or the job." })),
        }),
      },
      onRequest: limitAttempts(enrollmentAttempts(yonder), (reply, message) => html(reply, 429, enrollErrorPage('rate_limited', message))),
    },
    async (request, reply) => {
      try {
        const open = await openLink(yonder, linkOf(request.params, request.query.token ?? ''));
        const idpId = open.config ? verifyingProvider(open.config.config) : null;
        if (idpId !== null && !(await linkVerified(yonder, open, request.cookies[IDP_VERIFIED_COOKIE]))) {
          // First the upstream: back here afterwards, through its callback, to this very link.
          const trip = await startUpstreamVerification(yonder, open, idpId, `${yonder.config.publicUrl}${request.url}`);
          return toUpstream(reply, request.params, trip, secure);
        }
        const base = `${hostedBase(request.params)}/identities/${open.identity.id}/credential-binding-jobs/${open.job.id}`;
        return html(reply, 200, enrollPage(open.identity.display_name, { options: `${base}/registration-options`, verify: `${base}/registration` }));
      } catch (error) {
        if (!(error instanceof CeremonyError)) throw error;
        return html(reply, error.status, enrollErrorPage(error.reason, error.message));
      }
    },
  );
};

/** yonder's hosted pages and their ceremony endpoints: public, authorized by link token or session. */
export const hostedRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(cookie);
  const secure = new URL(yonder.config.publicUrl).protocol === 'https:';
  const siteOrigin = new URL(yonder.config.publicUrl).origin;
  const swa = simpleWebAuthnFiles();

  app.get(
    '/hosted/assets/simplewebauthn/*',
    {
      schema: {
        description: 'The SimpleWebAuthn browser script the hosted pages load.',
        params: Type.Object({ '*': Type.String({ description: "The script file's path inside the package." }) }),
      },
    },
    async (request, reply) => {
      const file = swa.get((request.params as { '*': string })['*']);
      if (file === undefined) return reply.code(404).type('text/plain').send('not found');
      return reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(file);
    },
  );
  app.get(
    '/hosted/assets/:name',
    {
      schema: {
        description: 'A script or style sheet of the hosted sign-in and enrollment pages.',
        params: Type.Object({ name: Type.String({ description: "The asset's file name." }) }),
      },
    },
    async (request, reply) => {
      const name = (request.params as { name: string }).name;
      // Own keys only: `constructor` or `__proto__` must not reach Object.prototype.
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!asset) return reply.code(404).type('text/plain').send('not found');
      return reply.header('cache-control', 'no-cache').type(asset.type).send(asset.body);
    },
  );

  registerEnrollmentCors(app, yonder, [`${ENROLL}/registration-options`, `${ENROLL}/registration`]);
  const LinkBody = Type.Object({ token: Type.String({ maxLength: 128 }) });
  app.post(
    `${ENROLL}/registration-options`,
    {
      schema: {
        description:
          'Starts the passkey enrollment of a binding link: the WebAuthn registration options for the browser. The link token authorizes it.',
        params: LinkParams,
        body: LinkBody,
      },
      onRequest: limitAttempts(enrollmentAttempts(yonder)),
    },
    async (request, reply) =>
      ceremony(reply, () => registrationOptions(yonder, linkOf(request.params, request.body.token, request.cookies[IDP_VERIFIED_COOKIE]))),
  );
  app.post(
    `${ENROLL}/registration`,
    {
      schema: {
        description: "Finishes the passkey enrollment of a binding link: verifies the browser's WebAuthn registration and keeps the new credential.",
        params: LinkParams,
        body: Type.Object({ token: Type.String({ maxLength: 128 }), challenge_id: Type.String({ maxLength: 64 }), response: Type.Any() }),
      },
      onRequest: limitAttempts(enrollmentAttempts(yonder)),
    },
    async (request, reply) =>
      ceremony(reply, () =>
        verifyRegistration(
          yonder,
          linkOf(request.params, request.body.token, request.cookies[IDP_VERIFIED_COOKIE]),
          request.body.challenge_id,
          request.body.response,
        ),
      ),
  );

  app.get(
    `${HOSTED}/identity-providers/:identity_provider_id/callback`,
    {
      schema: {
        // Like the OpenID Connect routes, described where its callers learn it (the provider's
        // `redirect_url`), not in /openapi.json; tested in test/api/federation.enrollment.test.ts.
        hide: true,
        description:
          "An upstream identity provider's redirect back (the provider's `redirect_url`): verifies its answer, matches the person, " +
          'then sends the browser back to the binding link it came from (HTML error page otherwise).',
        params: Type.Composite([
          RealmParams,
          Type.Object({ identity_provider_id: Type.String({ maxLength: 64, description: "The identity provider's id, within the realm." }) }),
        ]),
        querystring: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 2048, description: "The upstream's authorization code." })),
            state: Type.Optional(Type.String({ maxLength: 512, description: 'The state yonder sent the upstream.' })),
          },
          { additionalProperties: true },
        ),
      },
      onRequest: limitAttempts(enrollmentAttempts(yonder), (reply, message) => html(reply, 429, enrollErrorPage('rate_limited', message))),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.clearCookie(IDP_STATE_COOKIE, { path: idpCallbacks(request.params), httpOnly: true, sameSite: 'lax', secure });
      const ref = realmRef(request.params);
      const callbackUrl = new URL(request.url, yonder.config.publicUrl);
      let signingIn = false;
      try {
        const claimed = await claimTrip(yonder, ref, request.params.identity_provider_id, callbackUrl, request.cookies[IDP_STATE_COOKIE]);
        if (claimed.trip.purpose === 'sign_in') {
          signingIn = true;
          const done = await finishUpstreamSignIn(yonder, ref, claimed, callbackUrl);
          reply.setCookie(SESSION_COOKIE, done.signedIn.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_SECONDS });
          return reply.redirect(done.returnTo, 303);
        }
        const done = await finishUpstreamVerification(yonder, ref, claimed, callbackUrl);
        reply.setCookie(IDP_VERIFIED_COOKIE, done.verification, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: VERIFIED_TTL_SECONDS,
        });
        return reply.redirect(done.returnTo, 303);
      } catch (error) {
        if (!(error instanceof CeremonyError)) throw error;
        return html(reply, error.status, (signingIn ? signInErrorPage : enrollErrorPage)(error.reason, error.message));
      }
    },
  );

  app.get(
    `${HOSTED}/identity-providers/:identity_provider_id/sign-in`,
    {
      schema: {
        // Like the provider's callback, learnt from the page that links it (the hosted sign-in
        // pages), not from /openapi.json; tested in test/api/federation.sign-in.test.ts.
        hide: true,
        description:
          "Starts a sign-in at one of the identity providers the realm offers on its sign-in pages (its account settings' " +
          "`sign_in_identity_providers`): sends the browser to the upstream, whose answer comes back to the provider's `redirect_url`.",
        params: Type.Composite([
          RealmParams,
          Type.Object({ identity_provider_id: Type.String({ maxLength: 64, description: "The identity provider's id, within the realm." }) }),
        ]),
        querystring: Type.Object({
          application_id: Type.Optional(
            Type.String({ maxLength: 64, description: 'The application the person signs in to, when not the Admin Console.' }),
          ),
          return_to: Type.Optional(Type.String({ maxLength: 2048, description: 'Where to send the person once signed in (a path on this server).' })),
        }),
      },
      onRequest: limitAttempts(signInAttempts(yonder), (reply, message) => html(reply, 429, signInErrorPage('rate_limited', message))),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const given = request.query.return_to;
      const returnTo = given === undefined ? `${hostedBase(request.params)}/sign-in` : safeReturnPath(given, RETURN_PREFIXES);
      if (returnTo === null) {
        return html(reply, 400, signInErrorPage('invalid_return_to', 'This link would send you to a page outside this site.'));
      }
      try {
        const trip = await startUpstreamSignIn(
          yonder,
          realmRef(request.params),
          request.params.identity_provider_id,
          request.query.application_id,
          `${yonder.config.publicUrl}${returnTo}`,
        );
        return toUpstream(reply, request.params, trip, secure);
      } catch (error) {
        if (!(error instanceof CeremonyError)) throw error;
        return html(reply, error.status, signInErrorPage(error.reason, error.message));
      }
    },
  );

  app.get(
    `${HOSTED}/sign-in`,
    {
      schema: {
        description: 'The hosted passkey sign-in page of the realm (HTML).',
        params: RealmParams,
        querystring: Type.Object({
          application_id: Type.Optional(
            Type.String({ maxLength: 64, description: 'The application the person signs in to, when not the Admin Console.' }),
          ),
          // Where to go once signed in: only a path under this site's own pages (see safeReturnPath).
          return_to: Type.Optional(Type.String({ maxLength: 2048, description: 'Where to send the person once signed in (a path on this server).' })),
        }),
      },
    },
    async (request, reply) => {
      const given = request.query.return_to;
      const returnTo = given === undefined ? undefined : safeReturnPath(given, RETURN_PREFIXES);
      if (returnTo === null) {
        return html(reply, 400, signInErrorPage('invalid_return_to', 'This link would send you to a page outside this site.'));
      }
      const realm = await yonder.store.realms.get(request.params.tenant_id, request.params.realm_id);
      if (!realm) return html(reply, 404, enrollErrorPage('unknown_realm', 'There is nothing to sign in to here.'));
      const base = hostedBase(request.params);
      return html(
        reply,
        200,
        signInPage(
          realm.display_name,
          {
            options: `${base}/sign-in/options`,
            verify: `${base}/sign-in/verify`,
            session: `${base}/session`,
            signOut: `${base}/sign-out`,
          },
          returnTo,
          await providerLinksOf(yonder, request.params, returnTo, request.query.application_id),
        ),
      );
    },
  );
  app.get(
    `${HOSTED}/apps`,
    {
      schema: {
        description:
          "The realm's app launcher (HTML): the tiles of the SSO configs assigned to the signed-in person. " +
          'Without a session, the sign-in page first, which comes back here.',
        params: RealmParams,
      },
    },
    async (request, reply) => {
      const base = hostedBase(request.params);
      const ref = realmRef(request.params);
      const realm = await yonder.store.realms.get(ref.tenantId, ref.realmId);
      if (!realm) return html(reply, 404, enrollErrorPage('unknown_realm', 'There is nothing to sign in to here.'));
      let session: Awaited<ReturnType<typeof currentSession>>;
      try {
        session = await currentSession(yonder, ref, request.cookies[SESSION_COOKIE]);
      } catch (error) {
        if (!(error instanceof CeremonyError)) throw error;
        return reply.header('cache-control', 'no-store').redirect(`${base}/sign-in?${new URLSearchParams({ return_to: `${base}/apps` })}`, 303);
      }
      reply.header('cache-control', 'no-store');
      return html(reply, 200, launcherPage(realm.display_name, session.display_name, await launcherTiles(yonder, ref, session.identity_id)));
    },
  );
  app.post(
    `${HOSTED}/sign-in/options`,
    {
      schema: {
        description: 'Starts a passkey sign-in to the realm: the WebAuthn authentication options for the browser.',
        params: RealmParams,
        body: Type.Object({ application_id: Type.Optional(Type.String({ maxLength: 64 })) }),
      },
      onRequest: limitAttempts(signInAttempts(yonder)),
    },
    async (request, reply) => ceremony(reply, () => authenticationOptions(yonder, realmRef(request.params), request.body.application_id)),
  );
  app.post(
    HOSTED_SIGN_IN_VERIFY,
    {
      schema: {
        description: "Finishes a passkey sign-in: verifies the browser's WebAuthn assertion and sets the session cookie.",
        params: RealmParams,
        body: Type.Object({ challenge_id: Type.String({ maxLength: 64 }), response: Type.Any() }),
      },
      onRequest: limitAttempts(signInAttempts(yonder)),
    },
    async (request, reply) =>
      ceremony(reply, async () => {
        const signedIn = await verifyAuthentication(yonder, realmRef(request.params), request.body.challenge_id, request.body.response);
        reply.setCookie(SESSION_COOKIE, signedIn.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: SESSION_TTL_SECONDS,
        });
        return currentSession(yonder, realmRef(request.params), signedIn.token);
      }),
  );
  app.get(
    `${HOSTED}/session`,
    { schema: { description: 'The signed-in session of this browser in the realm (from its session cookie), if any.', params: RealmParams } },
    async (request, reply) => ceremony(reply, () => currentSession(yonder, realmRef(request.params), request.cookies[SESSION_COOKIE])),
  );
  // Signing out is a state change a cross-site form or script must not cause: only this site's own
  // page may ask (browsers send Origin with every POST). Small, counted like the sign-in ceremony.
  app.post(
    `${HOSTED}/sign-out`,
    {
      schema: {
        description: "Ends the browser's session in the realm and clears its cookie; only this site's own pages may ask.",
        params: RealmParams,
      },
      bodyLimit: SMALL_BODY_LIMIT_BYTES,
      onRequest: limitAttempts(signInAttempts(yonder)),
    },
    async (request, reply) =>
      ceremony(reply, async () => {
        if (request.headers.origin !== siteOrigin) throw new CeremonyError('cross_origin');
        await signOut(yonder, request.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
        return { signed_out: true };
      }),
  );
};
