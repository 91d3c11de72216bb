import cookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { accountChecks, recoveryChecks } from '../../domain/access/rate-limit.js';
import { takeRealmAttempt } from '../../services/access/rate-limits.js';
import type { Yonder } from '../../services/context.js';
import {
  accountView,
  addPasskey,
  addPasskeyOptions,
  reauthenticationOptions,
  removeOwnPasskey,
  renameOwnPasskey,
  requestRecovery,
  signOutOwnEverywhere,
  verifyReauthentication,
} from '../../services/passkeys/account.js';
import { CeremonyError } from '../../services/passkeys/ceremonies.js';
import { sendHtml } from '../html.js';
import { SESSION_COOKIE, ceremony, hostedBase } from '../hosted/routes.js';
import { PAGE_CSP } from '../hosted/pages.js';
import { realmRef } from '../params.js';
import { SMALL_BODY_LIMIT_BYTES, limitAttempts } from '../rate-limit.js';
import { RealmParams } from '../schemas.js';
import { accountPage, recoveryPage } from './pages.js';

const ACCOUNT = '/hosted/tenants/:tenant_id/realms/:realm_id/account';
/** The header only the account page's own script sends: a cross-site form cannot set it. */
export const ACCOUNT_HEADER = 'x-yonder-account';

const PasskeyParams = Type.Composite([RealmParams, Type.Object({ passkey_id: Type.String({ maxLength: 64, description: "The passkey's id." }) })]);
const Assertion = Type.Object({ challenge_id: Type.String({ maxLength: 64 }), response: Type.Any() });

const html = (reply: FastifyReply, status: number, body: string) => sendHtml(reply, PAGE_CSP, status, body);

type RealmPath = { tenant_id: string; realm_id: string };

/**
 * The account page of a realm (hosted, like the sign-in page, under the same CSP): a person signed
 * in with a passkey sees their profile, passkeys and recent sign-ins, adds, renames and removes
 * passkeys, and signs out everywhere; someone who lost every passkey asks for a new link.
 *
 * Its state-changing calls are JSON POSTs that carry `X-Yonder-Account: 1` and, when the browser
 * sends one, this site's Origin (as the console's do): a cross-site form can set neither, and a
 * cross-site script cannot send the header without a preflight nobody answers. They are counted
 * per realm and address; "send me a new link" has its own, smaller limit (and one per identity in
 * the service).
 *
 * Like the OpenID Connect interaction, these are the page and its own calls, not an API: they are
 * left out of /openapi.json (administrators have the v1 routes of http/v1/account.ts).
 */
export const accountRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(cookie);
  const siteOrigin = new URL(yonder.config.publicUrl).origin;
  const accountUrl = (p: RealmPath) => `${yonder.config.publicUrl}${hostedBase(p)}/account`;

  const fromPage = (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (request.headers[ACCOUNT_HEADER] !== '1' || (origin !== undefined && origin !== siteOrigin)) throw new CeremonyError('cross_origin');
  };
  const counted = limitAttempts((request) => {
    const ref = realmRef(request.params as RealmPath);
    return takeRealmAttempt(yonder, ref, request.ip, accountChecks(ref.realmId, request.ip));
  });
  const cookieOf = (request: FastifyRequest) => request.cookies[SESSION_COOKIE];

  /** A state-changing call of the page: from the page itself, counted, answered as a ceremony. */
  const change = <P extends RealmPath>(
    path: string,
    description: string,
    params: typeof RealmParams | typeof PasskeyParams,
    body: ReturnType<typeof Type.Object>,
    work: (request: FastifyRequest<{ Params: P; Body: never }>) => Promise<unknown>,
  ) =>
    app.post(path, { schema: { description, params, body, hide: true }, onRequest: counted }, async (request, reply) =>
      ceremony(reply, async () => {
        fromPage(request);
        return work(request as never);
      }),
    );

  app.get(
    ACCOUNT,
    {
      schema: { description: "The realm's account page (HTML): a person's profile, passkeys and recent sign-ins.", params: RealmParams, hide: true },
    },
    async (request, reply) => {
      const realm = await yonder.store.realms.get(request.params.tenant_id, request.params.realm_id);
      if (!realm) return reply.callNotFound();
      const base = hostedBase(request.params);
      return html(reply, 200, accountPage(realm.display_name, base));
    },
  );
  app.get(
    `${ACCOUNT}/recovery`,
    { schema: { description: 'The "lost every passkey" page (HTML): asks for a new link by username or email.', params: RealmParams, hide: true } },
    async (request, reply) => {
      const realm = await yonder.store.realms.get(request.params.tenant_id, request.params.realm_id);
      if (!realm) return reply.callNotFound();
      return html(reply, 200, recoveryPage(realm.display_name, hostedBase(request.params)));
    },
  );
  app.get(
    `${ACCOUNT}/data`,
    {
      schema: { description: 'What the account page shows, for the signed-in person of this browser (JSON).', params: RealmParams, hide: true },
      onRequest: counted,
    },
    async (request, reply) => ceremony(reply, () => accountView(yonder, realmRef(request.params), cookieOf(request))),
  );

  change(
    `${ACCOUNT}/reauthentication/options`,
    'Starts a re-authentication with one of your passkeys (but `except_passkey_id`, the one about to be removed).',
    RealmParams,
    Type.Object({ except_passkey_id: Type.Optional(Type.String({ maxLength: 64 })) }),
    (request) =>
      reauthenticationOptions(
        yonder,
        realmRef(request.params),
        cookieOf(request),
        (request.body as { except_passkey_id?: string }).except_passkey_id,
      ),
  );
  change(
    `${ACCOUNT}/reauthentication`,
    'Finishes a re-authentication: adding or removing a passkey may follow for 5 minutes.',
    RealmParams,
    Assertion,
    (request) => {
      const body = request.body as { challenge_id: string; response: never };
      return verifyReauthentication(yonder, realmRef(request.params), cookieOf(request), body.challenge_id, body.response);
    },
  );
  change(`${ACCOUNT}/passkeys/options`, 'Starts adding a passkey (after a recent re-authentication).', RealmParams, Type.Object({}), (request) =>
    addPasskeyOptions(yonder, realmRef(request.params), cookieOf(request)),
  );
  change(
    `${ACCOUNT}/passkeys`,
    'Finishes adding a passkey: verifies the registration and keeps the new passkey.',
    RealmParams,
    Assertion,
    (request) => {
      const body = request.body as { challenge_id: string; response: never };
      return addPasskey(yonder, realmRef(request.params), cookieOf(request), body.challenge_id, body.response);
    },
  );
  change(
    `${ACCOUNT}/passkeys/:passkey_id/rename`,
    'Renames one of your passkeys.',
    PasskeyParams,
    Type.Object({ name: Type.String({ maxLength: 256 }) }),
    (request: FastifyRequest<{ Params: RealmPath & { passkey_id: string }; Body: never }>) =>
      renameOwnPasskey(yonder, realmRef(request.params), cookieOf(request), request.params.passkey_id, (request.body as { name: string }).name),
  );
  change(
    `${ACCOUNT}/passkeys/:passkey_id/remove`,
    'Removes one of your passkeys (after re-authenticating with another); refused for the last one unless the realm allows it.',
    PasskeyParams,
    Type.Object({}),
    (request: FastifyRequest<{ Params: RealmPath & { passkey_id: string }; Body: never }>) =>
      removeOwnPasskey(yonder, realmRef(request.params), cookieOf(request), request.params.passkey_id),
  );
  change(
    `${ACCOUNT}/sign-out-everywhere`,
    'Ends every session of yours: this browser, others, and every application signed in through them.',
    RealmParams,
    Type.Object({}),
    async (request) => {
      const ended = await signOutOwnEverywhere(yonder, realmRef(request.params), cookieOf(request));
      return { signed_out: true, ...ended };
    },
  );

  app.post(
    `${ACCOUNT}/recovery`,
    {
      schema: {
        description:
          'Sends a new enrollment link to the email address of the account with this username or email, if there is one and the policy allows: the answer is the same either way.',
        params: RealmParams,
        body: Type.Object({ identifier: Type.String({ maxLength: 320 }) }),
        hide: true,
      },
      bodyLimit: SMALL_BODY_LIMIT_BYTES,
      onRequest: limitAttempts((request) => {
        const ref = realmRef(request.params as RealmPath);
        return takeRealmAttempt(yonder, ref, request.ip, recoveryChecks(ref.realmId, request.ip));
      }),
    },
    async (request, reply) =>
      ceremony(reply, async () => {
        fromPage(request);
        // After the reply: finding the person, making the link and mailing it would otherwise make
        // a known name answer slower than an unknown one, telling who has an account here.
        const ref = realmRef(request.params);
        const { identifier } = request.body;
        const link = accountUrl(request.params);
        yonder.background.run(
          () => requestRecovery(yonder, ref, identifier, link),
          (error) => request.log.error({ err: error }, 'a recovery request failed after its reply'),
        );
        return {
          message: 'If an account matches, a link to add a new passkey is on its way to its email address. It works once, within 30 minutes.',
        };
      }),
  );
};
