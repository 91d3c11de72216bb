import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { consoleRoutes } from './console/routes.js';
import { applicationRoutes } from './v1/applications.js';
import { authenticatorConfigRoutes } from './v1/authenticator-configs.js';
import { credentialBindingJobRoutes } from './v1/credential-binding-jobs.js';
import { credentialRoutes } from './v1/credentials.js';
import { eventRoutes } from './v1/events.js';
import { groupRoutes } from './v1/groups.js';
import { identityRoutes } from './v1/identities.js';
import { notImplementedRoutes } from './v1/not-implemented.js';
import { oauthRoutes } from './oauth/routes.js';
import { oidcRoutes } from './oidc/routes.js';
import { oidcInteractionRoutes } from './oidc/interaction.js';
import { samlInteractionRoutes, samlRoutes } from './saml/routes.js';
import { policyRoutes } from './v1/policy.js';
import { realmRoutes } from './v1/realms.js';
import { resourceServerRoutes } from './v1/resource-servers.js';
import { roleRoutes } from './v1/roles.js';
import { tenantRoutes } from './v1/tenants.js';
import { themeRoutes } from './v1/themes.js';
import { flowTypeRoutes } from './v1/flow-types.js';
import { identityProviderRoutes } from './v1/identity-providers.js';
import { ssoConfigRoutes } from './v1/sso-configs.js';
import { tokenRoutes } from './v1/tokens.js';
import { webhookRoutes } from './v1/webhooks.js';
import { installAuditContext } from './audit-context.js';
import { installBearerAuth } from './auth.js';
import { BODY_LIMIT_BYTES, installJsonParser, installUrlGuard } from './content-type.js';
import { frameworkErrors, installErrorHandling } from './errors.js';
import { ErrorResponse } from './schemas.js';
import { type LogOptions, loggerOptions } from './logging.js';
import { fastifyTrustProxy } from './trust-proxy.js';
import { buildValidator } from './validation.js';
import { operationalRoutes } from './operational.js';
import { installMetrics } from './metrics.js';
import { bindingLinkRoute, hostedRoutes } from './hosted/routes.js';
import { accountRoutes } from './account/routes.js';
import { accountAdminRoutes } from './v1/account.js';
import { scimPlugin } from './scim/index.js';
import type { Yonder } from '../services/context.js';

export interface AppOptions {
  /** Logging, with secrets kept out of every line (`http/logging.ts`); none when unset. */
  logger?: LogOptions;
  /** Where the built Admin Console is (default: `dist/console/`). */
  consoleDir?: string;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The contract writes custom methods as `{id}:verb`; see `verbPath` for the router's spelling. */
function contractPath(url: string): string {
  return url.replace(/\(\^\[\^:\]\+\)/g, '').replace(/::/g, ':');
}

/** Composes the HTTP app from its parts. Nothing else happens here. */
export async function buildApp(yonder: Yonder, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger) : false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // A slow or stalled client may not hold a request open for ever.
    requestTimeout: 30_000,
    schemaController: { compilersFactory: { buildValidator } },
    frameworkErrors,
    trustProxy: fastifyTrustProxy(yonder.config.trustProxy),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // A callback hook, not an async one: it runs on every reply, and an async hook costs a promise each time.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
      if (!reply.hasHeader('content-security-policy')) {
        reply.header('content-security-policy', "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'");
      }
    }
    done(null, payload);
  });

  // Work a reply did not wait for (a recovery link being mailed) finishes before the store closes.
  app.addHook('onClose', async () => yonder.background.settled());

  installJsonParser(app);
  installUrlGuard(app);
  installErrorHandling(app);
  installMetrics(app, yonder);
  app.addSchema(ErrorResponse);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'yonder management API',
        version: '1.0.0',
        description: 'Compatible with the Beyond Identity v1 management API.',
      },
      servers: [{ url: yonder.config.publicUrl }],
      components: {
        securitySchemes: { BearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
      const document = documentObject.openapiObject;
      const paths = document.paths ?? {};
      document.paths = Object.fromEntries(Object.entries(paths).map(([path, item]) => [contractPath(path), item]));
      return document;
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true },
    // The plugin's own CSP, with hashes for its inline bits; yonder may not be framed, and is often
    // served over plain http on localhost, where upgrading requests would break the page.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  await app.register(operationalRoutes, { yonder });
  await app.register(async (v1) => {
    installBearerAuth(v1, yonder.tokens);
    installAuditContext(v1);
    await v1.register(tenantRoutes, { yonder });
    await v1.register(realmRoutes, { yonder });
    await v1.register(identityRoutes, { yonder });
    await v1.register(groupRoutes, { yonder });
    await v1.register(applicationRoutes, { yonder });
    await v1.register(resourceServerRoutes, { yonder });
    await v1.register(oauthRoutes, { yonder });
    await v1.register(oidcRoutes, { yonder });
    await v1.register(samlRoutes, { yonder });
    await v1.register(tokenRoutes, { yonder });
    await v1.register(roleRoutes, { yonder });
    await v1.register(policyRoutes, { yonder });
    await v1.register(eventRoutes, { yonder });
    await v1.register(webhookRoutes, { yonder });
    await v1.register(scimPlugin, { yonder });
    await v1.register(credentialRoutes, { yonder });
    await v1.register(accountAdminRoutes, { yonder });
    await v1.register(credentialBindingJobRoutes, { yonder });
    await v1.register(authenticatorConfigRoutes, { yonder });
    await v1.register(themeRoutes, { yonder });
    await v1.register(flowTypeRoutes, { yonder });
    await v1.register(identityProviderRoutes, { yonder });
    await v1.register(ssoConfigRoutes, { yonder });
    await v1.register(bindingLinkRoute, { yonder });
    await v1.register(notImplementedRoutes);
  });
  // The hosted pages are public; the audit context still gives their sign-in and enrollment events
  // the caller's address (the actor is anonymous).
  await app.register(async (hosted) => {
    installAuditContext(hosted);
    await hosted.register(hostedRoutes, { yonder });
    await hosted.register(oidcInteractionRoutes, { yonder });
    await hosted.register(accountRoutes, { yonder });
    await hosted.register(samlInteractionRoutes, { yonder });
  });
  await app.register(consoleRoutes, { yonder, ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}) });

  await app.ready();
  return app;
}
