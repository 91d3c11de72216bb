/**
 * Calls yonder makes to URLs someone configured through the API.
 *
 * Audit event delivery to webhooks:
 * - `WEBHOOKS_ALLOW_PRIVATE` (`false`): whether endpoints may point at loopback, private, link-local,
 *   carrier-grade NAT, unique-local and metadata addresses. Off, such a URL is refused when it is
 *   registered and any name resolving to such an address is refused at delivery: a webhook must not
 *   become a way to reach what stands behind yonder. On for a receiver on the same host or network.
 * - `WEBHOOKS_TIMEOUT_MS` (`10000`): how long one delivery may take before it counts as failed.
 *
 * Upstream identity providers (discovery, token, JWKS and PAR endpoints, and the SSO configs'
 * connection test of the endpoints they name):
 * - `IDENTITY_PROVIDERS_ALLOW_PRIVATE` (`false`): the same for those URLs. Off, a realm
 *   administrator cannot make yonder call (or report on) what stands behind it; on for an identity
 *   provider on the same host or private network.
 */
export interface OutboundSettings {
  webhooksAllowPrivate: boolean;
  webhooksTimeoutMs: number;
  identityProvidersAllowPrivate: boolean;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const text = (env[name] ?? '').trim().toLowerCase();
  if (!['', 'true', 'false', 'on', 'off', '1', '0', 'yes', 'no'].includes(text)) {
    throw new Error(`${name} must be true or false (got "${env[name]}")`);
  }
  return ['true', 'on', '1', 'yes'].includes(text);
}

export function parseOutboundSettings(env: NodeJS.ProcessEnv, overrides: Partial<OutboundSettings> = {}): OutboundSettings {
  const timeoutText = (env.WEBHOOKS_TIMEOUT_MS ?? '').trim();
  const timeout = timeoutText === '' ? 10_000 : Number(timeoutText);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 60_000) {
    throw new Error(`WEBHOOKS_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000 (got "${env.WEBHOOKS_TIMEOUT_MS}")`);
  }
  return {
    webhooksAllowPrivate: overrides.webhooksAllowPrivate ?? flag(env, 'WEBHOOKS_ALLOW_PRIVATE'),
    webhooksTimeoutMs: overrides.webhooksTimeoutMs ?? timeout,
    identityProvidersAllowPrivate: overrides.identityProvidersAllowPrivate ?? flag(env, 'IDENTITY_PROVIDERS_ALLOW_PRIVATE'),
  };
}
