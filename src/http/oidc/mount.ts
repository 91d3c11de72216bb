import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Provider } from 'oidc-provider';
import type { Application } from '../../domain/access/application.js';
import type { Yonder } from '../../services/context.js';
import { type OidcClient, oidcClient } from '../../services/oidc/clients.js';
import { buildProvider, runForClient } from './provider.js';

/**
 * A Provider per application (its issuer is fixed, and Beyond Identity's issuer is the
 * application), built when first asked for and kept in a bounded least-recently-used map. The
 * key names the signing key too: after a rotation the next request builds a provider signing with
 * the new key. Settings are not cached here: each request reads its application afresh.
 */
const MAX_PROVIDERS = 256;

export class Providers {
  private readonly built = new Map<string, Promise<Provider>>();

  constructor(
    private readonly yonder: Yonder,
    private readonly log: (line: string) => void,
  ) {}

  get(client: OidcClient): Promise<Provider> {
    const kid = this.yonder.tokens.currentKid();
    const key = `${client.app.id}:${kid}`;
    let provider = this.built.get(key);
    if (provider) {
      this.built.delete(key);
    } else {
      provider = buildProvider(this.yonder, client, this.log);
      provider.catch(() => this.built.delete(key));
      if (this.built.size >= MAX_PROVIDERS) {
        const oldest = this.built.keys().next();
        if (!oldest.done) this.built.delete(oldest.value);
      }
    }
    this.built.set(key, provider);
    return provider;
  }
}

export interface AppRouteParams {
  tenant_id: string;
  realm_id: string;
  application_id: string;
}

/**
 * The application of the path as an OpenID Connect client, or null (then the route answers 404).
 * `app`, when given, is that application as this request already read it.
 */
export function clientOfPath(yonder: Yonder, params: AppRouteParams, app?: Application): Promise<OidcClient | null> {
  return oidcClient(yonder, params.tenant_id, params.realm_id, params.application_id, app);
}

/**
 * Hands a request to the application's provider (Koa) and leaves Fastify out of the reply.
 * oidc-provider finds where it is mounted from `originalUrl`, so the issuer's path is cut from the
 * URL it sees; the URLs it writes (redirects, discovery) take PUBLIC_URL's host and protocol, the
 * only ones a client may be sent to. `body`, when given, is the form Fastify already parsed.
 */
export async function mountProvider(
  providers: Providers,
  yonder: Yonder,
  client: OidcClient,
  request: FastifyRequest,
  reply: FastifyReply,
  body?: Record<string, string>,
): Promise<void> {
  const provider = await providers.get(client);
  const raw = request.raw as typeof request.raw & { originalUrl?: string; body?: unknown };
  const publicUrl = new URL(yonder.config.publicUrl);
  const mountPath = new URL(client.issuer).pathname;
  const url = raw.url ?? '/';
  raw.originalUrl = url;
  raw.url = url.startsWith(mountPath) ? url.slice(mountPath.length) || '/' : url;
  raw.headers['x-forwarded-host'] = publicUrl.host;
  raw.headers['x-forwarded-proto'] = publicUrl.protocol.replace(':', '');
  if (body !== undefined) raw.body = body;
  reply.hijack();
  await runForClient(client, () => provider.callback()(raw, reply.raw));
}
