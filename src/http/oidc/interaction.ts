import cookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Interaction, Provider } from 'oidc-provider';
import type { Yonder } from '../../services/context.js';
import {
  accountIdOf,
  authorizeAccount,
  hintedIdentity,
  identityOfAssertion,
  isRefusal,
  passkeyAmr,
  recordAuthorizationDenied,
} from '../../services/oidc/accounts.js';
import type { OidcClient } from '../../services/oidc/clients.js';
import {
  CeremonyError,
  SESSION_TTL_SECONDS,
  authenticationOptions,
  currentSession,
  verifyAuthentication,
} from '../../services/passkeys/ceremonies.js';
import { SESSION_COOKIE, providerLinksOf } from '../hosted/routes.js';
import { PAGE_CSP } from '../hosted/pages.js';
import { sendHtml } from '../html.js';
import { limitAttempts, signInAttempts } from '../rate-limit.js';
import { RealmParams } from '../schemas.js';
import { realmRef } from '../params.js';
import { runForClient } from './provider.js';
import { SIGN_IN_SCRIPT, SIGN_IN_SCRIPT_PATH, oidcErrorPage, oidcRefusedPage, oidcSignInPage } from './pages.js';
import { type AppRouteParams, clientOfPath } from './mount.js';
import { providersOf } from './routes.js';

const INTERACTION = '/hosted/tenants/:tenant_id/realms/:realm_id/applications/:application_id/interaction/:uid';
const InteractionParams = Type.Composite([
  RealmParams,
  Type.Object({ application_id: Type.String({ maxLength: 64 }), uid: Type.String({ maxLength: 64 }) }),
]);
type InteractionRouteParams = AppRouteParams & { uid: string };

/** Reasons a finished sign-in refuses; the client hears `access_denied`, the person why. */
const REFUSING = new Set(['policy_denied', 'suspended', 'credential_revoked', 'unknown_credential', 'wrong_account']);

const html = (reply: FastifyReply, status: number, body: string) => sendHtml(reply, PAGE_CSP, status, body);

interface Open {
  client: OidcClient;
  provider: Provider;
  interaction: Interaction;
}

/**
 * The sign-in step of an OpenID Connect authorization (left out of /openapi.json: no API, only the
 * pages the provider's redirect and its interaction cookie lead a browser to): yonder's hosted passkey page as the
 * provider's interaction. A live hosted session of the realm (the Admin Console's too) signs the
 * person in without a new ceremony, unless `prompt=login` or `max_age` asks for one; `login_hint`
 * narrows the passkeys offered to one identity's. The policy decides before the provider hears a
 * result; a refusal finishes the authorization with `access_denied` and the rule's message.
 */
export const oidcInteractionRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(cookie);
  const providers = providersOf(yonder, app.log);
  const secure = new URL(yonder.config.publicUrl).protocol === 'https:';

  app.get(SIGN_IN_SCRIPT_PATH, { schema: { hide: true, security: [] } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(SIGN_IN_SCRIPT),
  );

  /**
   * The interaction of the cookie, when it is the one of the path; null when gone or foreign, and
   * `unknown` when the path names no application of its realm that signs people in (answered 404,
   * like every other route of an application addressed under another realm or tenant).
   */
  async function open(request: FastifyRequest, reply: FastifyReply): Promise<Open | null | 'unknown'> {
    const params = request.params as InteractionRouteParams;
    const client = await clientOfPath(yonder, params);
    if (!client) return 'unknown';
    const provider = await providers.get(client);
    try {
      const interaction = await runForClient(client, () => provider.interactionDetails(request.raw, reply.raw));
      return interaction.uid === params.uid ? { client, provider, interaction } : null;
    } catch {
      return null;
    }
  }

  const finish = (opened: Open, request: FastifyRequest, reply: FastifyReply, result: Parameters<Provider['interactionResult']>[2]) =>
    runForClient(opened.client, () => opened.provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false }));

  const refuse = (opened: Open, request: FastifyRequest, reply: FastifyReply, message: string) =>
    finish(opened, request, reply, { error: 'access_denied', error_description: message });

  const expired = (reply: FastifyReply) =>
    html(reply, 400, oidcErrorPage('interaction_expired', 'This sign-in has expired. Go back to the application and start again.'));
  const unknownPage = (reply: FastifyReply) => html(reply, 404, oidcErrorPage('not_found', 'There is no such application here.'));
  /** The ceremony's JSON answer when there is nothing to sign in to. */
  const notOpen = (reply: FastifyReply, opened: null | 'unknown') =>
    opened === 'unknown'
      ? reply.code(404).send({ code: 'not_found', message: 'There is no such application here.' })
      : reply.code(400).send({ code: 'ceremony_failed', reason: 'interaction_expired', message: 'This sign-in has expired.' });

  /** The identity `login_hint` names, if any: the sign-in must be theirs. */
  const hinted = async (opened: Open) => {
    const hint = opened.interaction.params.login_hint;
    return typeof hint === 'string' ? hintedIdentity(yonder, opened.client, hint) : null;
  };

  app.get(INTERACTION, { schema: { params: InteractionParams, security: [], hide: true } }, async (request, reply) => {
    const opened = await open(request, reply);
    if (opened === 'unknown') return unknownPage(reply);
    if (!opened) return expired(reply);
    const { client, interaction } = opened;
    if (interaction.prompt.name !== 'login') {
      // No consent screen: what the application asks for is granted as far as policy and roles allow.
      return reply.redirect(await finish(opened, request, reply, { consent: {} }), 303);
    }
    const reasons = new Set(interaction.prompt.reasons);
    const fresh = reasons.has('login_prompt') || reasons.has('max_age');
    const hint = await hinted(opened);
    const session = fresh ? null : await currentSession(yonder, realmRef(request.params), request.cookies[SESSION_COOKIE]).catch(() => null);
    if (session && (!hint || hint.identityId === session.identity_id)) {
      const answer = await authorizeAccount(yonder, client, accountIdOf(session.identity_id, session.credential_id), 'session');
      if (isRefusal(answer)) {
        const returnTo = await refuse(opened, request, reply, answer.message);
        return html(reply, 403, oidcRefusedPage(answer.message, answer.reason, returnTo));
      }
      const returnTo = await finish(opened, request, reply, {
        login: {
          accountId: accountIdOf(session.identity_id, session.credential_id),
          amr: passkeyAmr(answer.credential),
          ts: Math.floor(Date.parse(session.create_time) / 1000),
        },
      });
      return reply.redirect(returnTo, 303);
    }
    const realm = await yonder.store.realms.get(client.app.tenant_id, client.app.realm_id);
    const base = `${request.url.split('?')[0]}`;
    return html(
      reply,
      200,
      oidcSignInPage(
        client.app.display_name,
        realm?.display_name ?? '',
        { options: `${base}/options`, verify: `${base}/verify` },
        interaction.returnTo,
        // Back here once signed in at the provider: this interaction then finds the session. Not
        // when the application asks for a fresh sign-in, which such a session does not give.
        fresh ? [] : await providerLinksOf(yonder, request.params, base, client.app.id),
      ),
    );
  });

  app.post(
    `${INTERACTION}/options`,
    { schema: { params: InteractionParams, security: [], hide: true }, onRequest: limitAttempts(signInAttempts(yonder)) },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const opened = await open(request, reply);
      if (!opened || opened === 'unknown') return notOpen(reply, opened);
      const begun = await authenticationOptions(yonder, realmRef(request.params), opened.client.app.id);
      const hint = await hinted(opened);
      const allowCredentials = hint?.credentials.map((c) => ({ id: c.webauthn_id, type: 'public-key' as const, transports: c.transports as never }));
      return { ...begun, options: { ...begun.options, ...(allowCredentials ? { allowCredentials } : {}) } };
    },
  );

  app.post(
    `${INTERACTION}/verify`,
    {
      schema: {
        params: InteractionParams,
        security: [],
        hide: true,
        body: Type.Object({ challenge_id: Type.String({ maxLength: 64 }), response: Type.Any() }),
      },
      onRequest: limitAttempts(signInAttempts(yonder)),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const opened = await open(request, reply);
      if (!opened || opened === 'unknown') return notOpen(reply, opened);
      const ref = realmRef(request.params);
      const failed = async (reason: string, message: string, status: number) => {
        const redirectUri = REFUSING.has(reason) ? await refuse(opened, request, reply, message) : undefined;
        return reply.code(status).send({ code: 'ceremony_failed', reason, message, ...(redirectUri ? { redirect_uri: redirectUri } : {}) });
      };
      let signedIn: Awaited<ReturnType<typeof verifyAuthentication>>;
      try {
        signedIn = await verifyAuthentication(yonder, ref, request.body.challenge_id, request.body.response);
      } catch (error) {
        if (!(error instanceof CeremonyError)) throw error;
        const identityId = REFUSING.has(error.reason) ? await identityOfAssertion(yonder, opened.client, request.body.response) : null;
        if (identityId) await recordAuthorizationDenied(yonder, opened.client, identityId, 'sign_in', error.reason);
        return failed(error.reason, error.message, error.status);
      }
      const session = await currentSession(yonder, ref, signedIn.token);
      const hint = await hinted(opened);
      if (hint && hint.identityId !== session.identity_id)
        return failed('wrong_account', 'This passkey belongs to someone else than the application asked for.', 403);
      const accountId = accountIdOf(session.identity_id, session.credential_id);
      const answer = await authorizeAccount(yonder, opened.client, accountId, 'sign_in');
      if (isRefusal(answer)) return failed(answer.reason, answer.message, 403);
      reply.setCookie(SESSION_COOKIE, signedIn.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_SECONDS });
      const returnTo = await finish(opened, request, reply, {
        login: { accountId, amr: passkeyAmr(answer.credential), ts: Math.floor(Date.now() / 1000) },
      });
      return { ...session, redirect_uri: returnTo };
    },
  );
};
