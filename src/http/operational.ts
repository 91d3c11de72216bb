import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Yonder } from '../services/context.js';

/** Health, readiness, the OpenAPI document and the public signing keys: no token needed. */
export const operationalRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  const hide = { hide: true };

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
        tags: ['Keys'],
        security: [],
        response: { 200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }) },
      },
    },
    async () => yonder.tokens.jwks(),
  );
};
