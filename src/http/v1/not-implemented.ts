import type { FastifyPluginAsync } from 'fastify';
import { verbPath } from '../schemas.js';
import { DomainError } from '../../domain/errors.js';

export interface UnbuiltOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The contract's path template. */
  path: string;
}

/**
 * The Beyond Identity v1 operations yonder has not built yet. They answer 501 `not_implemented`
 * (after the usual authentication), so a client learns "not here yet" instead of "no such thing".
 * A plain table rather than something read from the contract, which yonder does not ship; the
 * contract tests check that every contract operation is either routed or listed here.
 */
export const UNBUILT_OPERATIONS: readonly UnbuiltOperation[] = [
  // None today: every operation of the contract is built. Kept so a contract update that adds
  // operations answers 501 here until they are.
];

/** The router's spelling of a contract path: `{id}` is `:id`, and `{id}:verb` as `verbPath` writes it. */
function routeUrl(template: string): string {
  const verb = /^(.*)\/\{(\w+)\}:(\w+)$/.exec(template);
  const fastify = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
  return verb ? verbPath(fastify(verb[1] ?? ''), verb[2] ?? '', verb[3] ?? '') : fastify(template);
}

/**
 * One route per unbuilt operation. Each asks for a valid token of the path's tenant (and realm, for
 * a realm-restricted token) and no particular scope, then answers 501: authentication comes first
 * on every /v1 route, so an unbuilt one tells a caller without a token no more than a built one
 * (401), and a caller with one learns only what the contract already says exists. Hidden from
 * yonder's OpenAPI document, which describes what yonder does.
 */
export const notImplementedRoutes: FastifyPluginAsync = async (app) => {
  for (const { method, path } of UNBUILT_OPERATIONS) {
    app.route({
      method,
      url: routeUrl(path),
      schema: { hide: true, security: [{ BearerAuth: [] }] },
      handler: async () => {
        throw new DomainError('not_implemented', `${method} ${path} is not implemented by yonder yet`);
      },
    });
  }
};
