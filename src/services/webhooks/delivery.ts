import { unseal } from '../../domain/access/sealed-secret.js';
import type { AuditEvent } from '../../domain/audit/audit-event.js';
import { newEventId } from '../../domain/audit/audit-event.js';
import { newUuid } from '../../domain/ids.js';
import { addSeconds, nowTimestamp } from '../../domain/time.js';
import { retryDelaySeconds, wantsEvent } from '../../domain/webhooks/endpoint.js';
import { signWebhook } from '../../domain/webhooks/signature.js';
import { startPeriodicJob } from '../../platform/periodic.js';
import { type SendResult, postWebhook } from '../../platform/webhooks/sender.js';
import type { StoredWebhookEndpoint } from '../../store/webhooks/webhooks.js';
import type { Yonder } from '../context.js';
import { secretContext } from './endpoints.js';

/**
 * Delivering the audit trail to webhook endpoints, at least once and in order per endpoint.
 *
 * The audit trail is the outbox. Each tick (every process running `serve` has a worker):
 * 1. Events of tenants with endpoints get their delivery positions (`assignPositions`): only
 *    committed events get one, each above all given before, so a cursor never steps over an event
 *    that committed after a newer one.
 * 2. Each due endpoint (not backing off) is claimed with a lease, a conditional UPDATE: one
 *    process delivers to an endpoint at a time. The holder posts the events after the endpoint's
 *    cursor one by one, moving the cursor after each 2xx; events the endpoint's filter does not
 *    want move it without a post. A failure records the attempt, gives up the lease and backs off.
 * A process killed between a receiver's 2xx and the cursor's move makes the next holder post that
 * event again, with the same `webhook-id` (the event id): receivers drop repeats by it.
 */

/** How often the worker looks for new events and due endpoints. */
export const DELIVERY_INTERVAL_MS = 1000;
/** Events given positions per statement, and per tenant per tick at most this many times. */
const POSITION_BATCH = 500;
const POSITION_ROUNDS = 20;
/** Events read per query while an endpoint catches up. */
const EVENT_PAGE = 100;
/** Attempts kept per endpoint for the status view. */
export const DELIVERIES_KEPT = 50;

export interface DeliveryWorker {
  /** Runs one tick now (tests; the timer runs them otherwise). */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for the tick under way, which stops after its current post. */
  stop(): Promise<void>;
}

/** The headers and body of one delivery of `event`, signed with the endpoint's secret. */
export function signedDelivery(secret: string, event: AuditEvent, nowMs: number = Date.now()): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(nowMs / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'yonder-webhooks',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, { id: event.id, timestamp, body }),
    },
  };
}

export function startWebhookDelivery(y: Yonder, onError: (error: unknown) => void, intervalMs: number = DELIVERY_INTERVAL_MS): DeliveryWorker {
  const owner = newUuid();
  // The lease outlasts the longest post (the timeout) with room to move the cursor after it.
  const leaseSeconds = (2 * y.config.webhooksTimeoutMs + 1000) / 1000;
  let stopping = false;
  let current: Promise<void> = Promise.resolve();

  async function assignPositions(): Promise<void> {
    for (const tenantId of await y.store.webhooks.tenantsWithEndpoints()) {
      if (!(await y.store.webhooks.hasUnpositioned(tenantId))) continue;
      for (let round = 0; round < POSITION_ROUNDS && !stopping; round++) {
        const given = await y.store.transaction((tx) => tx.webhooks.assignPositions(tenantId, POSITION_BATCH));
        if (given < POSITION_BATCH) break;
      }
    }
  }

  async function attempt(endpoint: StoredWebhookEndpoint, secret: string, event: AuditEvent, attemptNumber: number): Promise<SendResult> {
    const started = Date.now();
    const { headers, body } = signedDelivery(secret, event, started);
    const result = await postWebhook(endpoint.url, headers, body, {
      allowPrivate: y.config.webhooksAllowPrivate,
      timeoutMs: y.config.webhooksTimeoutMs,
    });
    await y.store.webhooks.recordDelivery(
      {
        id: newEventId(),
        endpoint_id: endpoint.id,
        event_id: event.id,
        event_type: event.type,
        attempt: attemptNumber,
        status_code: result.status,
        error: result.error,
        succeeded: result.error === null,
        duration_ms: Date.now() - started,
        create_time: new Date(started).toISOString(),
      },
      DELIVERIES_KEPT,
    );
    return result;
  }

  /** Backs the endpoint off after its `failure_count + 1`-th failure in a row and gives up its lease. */
  async function backOff(endpoint: StoredWebhookEndpoint, outcome: { last_status_code: number | null; last_error: string }): Promise<void> {
    const at = nowTimestamp();
    const failures = endpoint.failure_count + 1;
    await y.store.webhooks.fail(endpoint.id, owner, {
      ...outcome,
      last_attempt_time: at,
      failure_count: failures,
      next_attempt_time: addSeconds(at, retryDelaySeconds(failures)),
    });
  }

  /** Delivers what the claimed endpoint has waiting, until done, failed, stopped or the lease is lost. */
  async function deliver(endpoint: StoredWebhookEndpoint): Promise<void> {
    let secret: string;
    try {
      secret = unseal(y.masterKey, endpoint.secret_sealed, secretContext(endpoint.id));
    } catch {
      // Sealed under another master key: say so on the endpoint rather than in the log every second.
      return backOff(endpoint, { last_status_code: null, last_error: 'the signing secret does not open with this master key' });
    }
    const leaseUntil = () => addSeconds(nowTimestamp(), leaseSeconds);
    let cursor = endpoint.cursor_position;
    for (;;) {
      const page = await y.store.webhooks.eventsAfter(endpoint.tenant_id, cursor, EVENT_PAGE);
      if (page.length === 0 || stopping) return y.store.webhooks.release(endpoint.id, owner);
      for (const { position, event } of page) {
        if (stopping) return y.store.webhooks.release(endpoint.id, owner);
        if (!wantsEvent(endpoint, event.type)) {
          if (!(await y.store.webhooks.advance(endpoint.id, owner, { position, eventId: event.id, leaseUntil: leaseUntil() }, null))) return;
          cursor = position;
          continue;
        }
        const result = await attempt(endpoint, secret, event, endpoint.failure_count + 1);
        if (result.error !== null) return backOff(endpoint, { last_status_code: result.status, last_error: result.error });
        const at = nowTimestamp();
        const success = { last_attempt_time: at, last_success_time: at, last_status_code: result.status, last_error: null };
        endpoint.failure_count = 0;
        const cursorMoved = { position, eventId: event.id, leaseUntil: leaseUntil() };
        if (!(await y.store.webhooks.advance(endpoint.id, owner, cursorMoved, success))) return;
        cursor = position;
      }
    }
  }

  async function tick(): Promise<void> {
    await assignPositions();
    const now = nowTimestamp();
    const due = await y.store.webhooks.dueEndpoints(now);
    await Promise.all(
      due.map(async (id) => {
        const claimed = await y.store.webhooks.claim(id, owner, now, addSeconds(now, leaseSeconds));
        if (claimed) await deliver(claimed).catch(onError);
      }),
    );
  }

  const run = () => {
    if (stopping) return Promise.resolve();
    current = tick();
    return current;
  };
  const stopTimer = startPeriodicJob(run, onError, intervalMs);
  return {
    runOnce: () => current.then(run, run),
    stop: async () => {
      stopping = true;
      stopTimer();
      await current.catch(() => undefined);
    },
  };
}
