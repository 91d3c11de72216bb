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
  openLink,
  registrationOptions,
  signOut,
  verifyAuthentication,
  verifyRegistration,
} from '../../services/passkeys/ceremonies.js';
import { ASSETS } from './client-scripts.js';
import { registerEnrollmentCors } from './cors.js';
import { PAGE_CSP, enrollErrorPage, enrollPage, signInErrorPage, signInPage } from './pages.js';
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
const linkOf = (p: { tenant_id: string; realm_id: string; identity_id: string; credential_binding_job_id: string }, token: string) => ({
  ...realmRef(p),
  identityId: p.identity_id,
  jobId: p.credential_binding_job_id,
  token,
});

const html = (reply: FastifyReply, status: number, body: string) => sendHtml(reply, PAGE_CSP, status, body);

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
    async (request, reply) => ceremony(reply, () => registrationOptions(yonder, linkOf(request.params, request.body.token))),
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
      ceremony(reply, () => verifyRegistration(yonder, linkOf(request.params, request.body.token), request.body.challenge_id, request.body.response)),
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
        ),
      );
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
