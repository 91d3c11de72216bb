import type { FastifyPluginAsync } from 'fastify';
import { verbPath } from '../schemas.js';
import { DomainError } from '../../domain/errors.js';

export interface UnbuiltOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The contract's path template. */
  path: string;
}

const REALM = '/v1/tenants/{tenant_id}/realms/{realm_id}';
const SSO_CONFIG = `${REALM}/sso-configs/{sso_config_id}`;

/**
 * The Beyond Identity v1 operations yonder has not built yet. They answer 501 `not_implemented`
 * (after the usual authentication), so a client learns "not here yet" instead of "no such thing".
 * A plain table rather than something read from the contract, which yonder does not ship; the
 * contract tests check that every contract operation is either routed or listed here.
 */
export const UNBUILT_OPERATIONS: readonly UnbuiltOperation[] = [
  // SSO configurations and who is assigned to them.
  { method: 'GET', path: `${REALM}/sso-configs` },
  { method: 'POST', path: `${REALM}/sso-configs` },
  { method: 'GET', path: SSO_CONFIG },
  { method: 'PATCH', path: SSO_CONFIG },
  { method: 'DELETE', path: SSO_CONFIG },
  { method: 'POST', path: `${SSO_CONFIG}:addIdentities` },
  { method: 'POST', path: `${SSO_CONFIG}:deleteIdentities` },
  { method: 'GET', path: `${SSO_CONFIG}:listIdentityAssociations` },
  { method: 'POST', path: `${SSO_CONFIG}:addGroups` },
  { method: 'POST', path: `${SSO_CONFIG}:deleteGroups` },
  { method: 'GET', path: `${SSO_CONFIG}:listGroupAssociations` },
  { method: 'POST', path: `${SSO_CONFIG}/is-group-assigned` },
  { method: 'POST', path: `${SSO_CONFIG}/test` },
  { method: 'GET', path: `${REALM}/identities/{identity_id}/sso-configs` },
  { method: 'GET', path: `${REALM}/identities/{identity_id}/sso-configs/{sso_config_id}/is-identity-assigned` },
  { method: 'GET', path: `${REALM}/groups/{group_id}/sso-configs` },
  { method: 'GET', path: `${REALM}/applications/{application_id}/sso-configs-id` },
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
