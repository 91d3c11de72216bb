import { readFile } from 'node:fs/promises';
import cookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { installAuditContext } from '../audit-context.js';
import { errorResponses } from '../schemas.js';
import { SESSION_COOKIE } from '../hosted/routes.js';
import { consoleConfig, mintConsoleToken, signOutConsole } from '../../services/access/console.js';
import type { Yonder } from '../../services/context.js';
import { ConsoleFiles } from './static-files.js';
import { SMALL_BODY_LIMIT_BYTES, consoleAttempts, limitAttempts } from '../rate-limit.js';
import { sendHtml } from '../html.js';

/**
 * The console's HTML allows its own files only: no inline script or style, no framing, and it
 * talks to nothing but yonder.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** The header only the console's own script sends: a cross-site form or image cannot set it. */
export const CONSOLE_HEADER = 'x-yonder-console';

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>yonder console</title></head>
<body>
<main>
<h1>The console is not built</h1>
<p>The console is not built: run <code>npm run build</code>, then start yonder again.</p>
</main>
</body>
</html>
`;

const tags = ['Admin Console'];

const ConsoleConfig = Type.Object({
  tenant_id: Type.String(),
  admin_realm_id: Type.String(),
  console_application_id: Type.String(),
  sign_in_url: Type.String({ description: 'The hosted sign-in page of the admin realm, returning to /console/.' }),
});

const ConsoleToken = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String({ description: "Space-separated: the scopes of the identity's roles on the Management API." }),
  identity: Type.Object({ id: Type.String(), display_name: Type.String(), username: Type.String() }),
  tenant_id: Type.String(),
  admin_realm_id: Type.String(),
});

const html = (reply: FastifyReply, status: number, body: string) => sendHtml(reply, CONSOLE_CSP, status, body);

/**
 * Refuses what did not come from the console's own script (403): the custom header is required, so
 * a cross-site form cannot post here with the person's cookie; an `Origin`, when the browser sends
 * one, must be yonder's own.
 */
function assertFromConsole(request: FastifyRequest, publicOrigin: string): void {
  const marker = request.headers[CONSOLE_HEADER];
  const origin = request.headers.origin;
  if (marker !== '1' || (origin !== undefined && origin !== publicOrigin)) {
    throw new DomainError('forbidden', 'This request must come from the Admin Console (X-Yonder-Console: 1, same origin).');
  }
}

/** A session that is missing or over answers 401 `not_signed_in`: the console then goes to sign in. */
async function signedIn<T>(reply: FastifyReply, work: () => Promise<T>) {
  reply.header('cache-control', 'no-store');
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'unauthorized') throw error;
    return reply.code(401).send({ code: 'not_signed_in', message: error.message });
  }
}

export interface ConsoleRoutesOptions {
  yonder: Yonder;
  /** Where the built console is (default: `dist/console/`); tests point it elsewhere. */
  consoleDir?: string;
}

/**
 * The Admin Console's server side: the built single-page app at `/console` (any path that is not a
 * file is the app's own route, so deep links work), and the three calls it makes before it can use
 * the `/v1` API: its configuration, a short-lived token from the hosted sign-in session, sign-out.
 */
export const consoleRoutes: FastifyPluginAsyncTypebox<ConsoleRoutesOptions> = async (app, { yonder, consoleDir }) => {
  await app.register(cookie);
  installAuditContext(app);
  const files = new ConsoleFiles(consoleDir);
  const publicUrl = new URL(yonder.config.publicUrl);
  const secure = publicUrl.protocol === 'https:';

  const serveApp = async (reply: FastifyReply) => {
    const index = files.index();
    if (index === null) return html(reply, 503, NOT_BUILT);
    return html(reply, 200, index);
  };

  app.get('/console', { schema: { hide: true } }, async (_request, reply) => serveApp(reply));
  app.get('/console/*', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    if (name === 'api' || name.startsWith('api/')) throw new DomainError('not_found', 'not found');
    const file = name === '' ? undefined : files.file(name);
    if (file && name !== 'index.html') {
      const body = await readFile(file.path).catch(() => null);
      if (body !== null) {
        return reply
          .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          .type(file.type)
          .send(body);
      }
    }
    // A path that names a file (it has an extension, or is under assets/) and is not one is a 404;
    // anything else is one of the app's own routes.
    const last = name.slice(name.lastIndexOf('/') + 1);
    if (name !== 'index.html' && (name.startsWith('assets/') || last.includes('.'))) {
      return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('not found');
    }
    return serveApp(reply);
  });

  app.get(
    '/console/api/config',
    {
      schema: {
        operationId: 'GetConsoleConfig',
        description: "What the Admin Console needs to start: the tenant, the admin realm, the console's application and where to sign in.",
        summary: 'What the Admin Console needs to start: its tenant, admin realm, application and sign-in page',
        tags,
        security: [],
        response: { 200: ConsoleConfig, ...errorResponses(404) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return consoleConfig(yonder);
    },
  );

  app.post(
    '/console/api/token',
    {
      bodyLimit: SMALL_BODY_LIMIT_BYTES,
      onRequest: limitAttempts(consoleAttempts(yonder)),
      schema: {
        operationId: 'CreateConsoleToken',
        summary: 'A 5-minute management token for the person signed in to the Admin Console',
        description:
          'Authorized by the hosted sign-in session cookie of the admin realm and the header `X-Yonder-Console: 1`. ' +
          "The admin realm's policy must allow the identity the Admin Console; the token's scopes are those of its " +
          'roles on the Management API resource server. 401 `not_signed_in` without a live session.',
        tags,
        security: [],
        response: { 200: ConsoleToken, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      assertFromConsole(request, publicUrl.origin);
      return signedIn(reply, () => mintConsoleToken(yonder, request.cookies[SESSION_COOKIE]));
    },
  );

  app.post(
    '/console/api/sign-out',
    {
      bodyLimit: SMALL_BODY_LIMIT_BYTES,
      onRequest: limitAttempts(consoleAttempts(yonder)),
      schema: {
        operationId: 'ConsoleSignOut',
        description: 'Ends the Admin Console session, and with it every token minted from it.',
        summary: 'End the Admin Console session: the session and every token minted from it',
        tags,
        security: [],
        response: { 200: Type.Object({ signed_out: Type.Boolean() }), ...errorResponses() },
      },
    },
    async (request, reply) => {
      assertFromConsole(request, publicUrl.origin);
      await signOutConsole(yonder, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      reply.header('cache-control', 'no-store');
      return { signed_out: true };
    },
  );
};
