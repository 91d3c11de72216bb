import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Yonder } from '../services/context.js';

/** From src/http or dist/http alike, the package's own version. */
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Browsers list text/html in Accept; API clients (curl sends any type, fetch JSON) do not. */
const wantsHtml = (accept: string | undefined) => typeof accept === 'string' && /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);

/** The front door, health, readiness, the OpenAPI document and the public signing keys: no token needed. */
export const operationalRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  const hide = { hide: true };

  const base = yonder.config.publicUrl.replace(/\/+$/, '');
  // `/` sends a person to the Admin Console and tells an API client where to go next.
  app.get('/', { schema: { ...hide, security: [] } }, async (request, reply) => {
    reply.header('vary', 'Accept');
    if (wantsHtml(request.headers.accept)) return reply.redirect(`${base}/console/`, 302);
    return {
      name: 'yonder',
      description: 'Identity directory and passkey server, compatible with the Beyond Identity v1 management API',
      version,
      links: { openapi: `${base}/openapi.json`, docs: `${base}/docs`, console: `${base}/console/`, health: `${base}/healthz` },
    };
  });

  app.get('/healthz', { schema: { ...hide, security: [] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { ...hide, security: [] } }, async (request, reply) => {
    try {
      await yonder.store.ping();
      return { status: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'store unreachable');
      return reply.code(503).send({ code: 'service_unavailable', message: 'store unreachable' });
    }
  });

  app.get('/openapi.json', { schema: { ...hide, security: [] } }, async () => app.swagger());

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        summary: 'Public keys that verify the tokens yonder signs',
        description:
          'The JWKS (RFC 7517) of the keys yonder signs management-API tokens with; rotated keys stay listed while tokens they signed may still be live.',
        tags: ['Keys'],
        security: [],
        response: { 200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }) },
      },
    },
    async () => yonder.tokens.jwks(),
  );
};
