/**
 * Audit event delivery to webhooks:
 * - `WEBHOOKS_ALLOW_PRIVATE` (`false`): whether endpoints may point at loopback, private, link-local,
 *   carrier-grade NAT, unique-local and metadata addresses. Off, such a URL is refused when it is
 *   registered and any name resolving to such an address is refused at delivery: a webhook must not
 *   become a way to reach what stands behind yonder. On for a receiver on the same host or network.
 * - `WEBHOOKS_TIMEOUT_MS` (`10000`): how long one delivery may take before it counts as failed.
 */
export interface WebhookSettings {
  webhooksAllowPrivate: boolean;
  webhooksTimeoutMs: number;
}

export function parseWebhookSettings(env: NodeJS.ProcessEnv, overrides: Partial<WebhookSettings> = {}): WebhookSettings {
  const allow = (env.WEBHOOKS_ALLOW_PRIVATE ?? '').trim().toLowerCase();
  if (!['', 'true', 'false', 'on', 'off', '1', '0', 'yes', 'no'].includes(allow)) {
    throw new Error(`WEBHOOKS_ALLOW_PRIVATE must be true or false (got "${env.WEBHOOKS_ALLOW_PRIVATE}")`);
  }
  const timeoutText = (env.WEBHOOKS_TIMEOUT_MS ?? '').trim();
  const timeout = timeoutText === '' ? 10_000 : Number(timeoutText);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 60_000) {
    throw new Error(`WEBHOOKS_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000 (got "${env.WEBHOOKS_TIMEOUT_MS}")`);
  }
  return {
    webhooksAllowPrivate: overrides.webhooksAllowPrivate ?? ['true', 'on', '1', 'yes'].includes(allow),
    webhooksTimeoutMs: overrides.webhooksTimeoutMs ?? timeout,
  };
}
