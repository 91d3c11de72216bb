import { invalidField } from '../errors.js';
import { EVENT_TYPES } from '../audit/event-types.js';
import { internalHostReason } from '../network/address.js';

/** A webhook endpoint as yonder keeps it (the secret sealed, never in this shape). */
export interface WebhookEndpoint {
  id: string;
  tenant_id: string;
  url: string;
  description: string;
  /** Event types delivered; empty: every type. */
  event_types: string[];
  enabled: boolean;
  /** The position (in the tenant's delivery order) of the last event handled. */
  cursor_position: number;
  /** The id of that event; null before the first. */
  cursor_event_id: string | null;
  lease_until: string | null;
  next_attempt_time: string | null;
  /** Failed attempts since the last success: what the backoff grows with. */
  failure_count: number;
  last_attempt_time: string | null;
  last_success_time: string | null;
  last_status_code: number | null;
  last_error: string | null;
  create_time: string;
  update_time: string;
}

export interface WebhookDelivery {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  succeeded: boolean;
  duration_ms: number;
  create_time: string;
}

export const URL_MAX_LENGTH = 2048;
export const DESCRIPTION_MAX_LENGTH = 256;
/** Endpoints per tenant: each one is a delivery loop and a cursor to keep. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

/**
 * The URL an endpoint may have: absolute http(s), no credentials in it, no fragment, and (unless
 * private destinations are allowed) not a literal address or name of this host, a private network
 * or a metadata service. Names are checked again, resolved, at every delivery.
 */
export function checkWebhookUrl(text: string, options: { allowPrivate: boolean }): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidField('url', 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidField('url', 'must be an http or https URL');
  if (url.username !== '' || url.password !== '') throw invalidField('url', 'must not hold credentials; the signature authenticates yonder');
  if (url.hash !== '') throw invalidField('url', 'must not have a fragment');
  if (!options.allowPrivate) {
    const reason = internalHostReason(url.hostname);
    if (reason !== null) {
      throw invalidField('url', `must not point at a ${reason} destination (WEBHOOKS_ALLOW_PRIVATE=true allows it)`);
    }
  }
  return url.toString();
}

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/** The filter as given, checked against the known event types, without repeats. */
export function checkEventTypes(types: readonly string[]): string[] {
  const unknown = types.filter((t) => !KNOWN_TYPES.has(t));
  if (unknown.length > 0) throw invalidField('event_types', `unknown event types: ${unknown.slice(0, 5).join(', ')}`);
  return [...new Set(types)];
}

export function wantsEvent(endpoint: Pick<WebhookEndpoint, 'event_types'>, type: string): boolean {
  return endpoint.event_types.length === 0 || endpoint.event_types.includes(type);
}

/**
 * Seconds to wait after the `failures`-th failure in a row: 5 s doubling up to one hour, with up
 * to a fifth of jitter so endpoints failing together do not retry together. Delivery never gives
 * up: the endpoint keeps its place, and events wait for it in the audit trail (until retention).
 */
export function retryDelaySeconds(failures: number, random: number = Math.random()): number {
  const base = Math.min(3600, 5 * 2 ** Math.max(0, Math.min(failures - 1, 20)));
  return Math.round(base * (1 + random * 0.2));
}
