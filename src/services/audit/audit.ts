import { AsyncLocalStorage } from 'node:async_hooks';
import { type Actor, type AuditEvent, type JsonObject, SYSTEM_ACTOR, newEventId } from '../../domain/audit/audit-event.js';
import type { EventType, ResourceType } from '../../domain/audit/event-types.js';
import { redactSecrets } from '../../domain/audit/redact.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';

/**
 * Recording audit events. Services call `recordEvent(tx, ...)` with the repositories of the
 * transaction that makes the change, so the event commits with the change or not at all: a
 * rejected request leaves no event behind.
 *
 * Who acted and from where is not passed down through every call. The HTTP edge
 * (`http/audit-context.ts`) runs each request's handler inside `runWithAuditContext`, the CLI
 * runs its commands as `{ type: 'cli' }`, and `recordEvent` reads the context from
 * AsyncLocalStorage. Outside any context (the bootstrap, tests calling services directly) the
 * actor is `{ type: 'system' }`.
 */
export interface AuditContext {
  actor: Actor;
  address: string | null;
  requestId: string | null;
}

const storage = new AsyncLocalStorage<AuditContext>();

const OUTSIDE: AuditContext = { actor: SYSTEM_ACTOR, address: null, requestId: null };

export function runWithAuditContext<T>(context: AuditContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentAuditContext(): AuditContext {
  return storage.getStore() ?? OUTSIDE;
}

/**
 * Runs `work` with `actor` as who acts, keeping the request's address and id: for public routes
 * where the service, not the HTTP edge, learns who is calling (a client authenticated by its secret).
 */
export function runAsActor<T>(actor: Actor, work: () => T): T {
  return storage.run({ ...currentAuditContext(), actor }, work);
}

export interface EventInput {
  tenantId: string;
  realmId: string;
  /** `<resource>.<what happened>`, see `EVENT_TYPES` in domain/audit/event-types.ts. */
  type: EventType;
  resourceType: ResourceType;
  resourceId: string;
  /** The resource before and after; redacted and copied as JSON here. Omit where there is none. */
  before?: unknown;
  after?: unknown;
}

/** A redacted JSON copy: what the resource looked like, minus secrets and anything non-JSON. */
function snapshot(value: unknown): JsonObject | null {
  if (value === undefined || value === null) return null;
  const copy = redactSecrets(JSON.parse(JSON.stringify(value)) as unknown);
  return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? (copy as JsonObject) : { value: copy };
}

function toEvent(input: EventInput, context: AuditContext, now: string): AuditEvent {
  return {
    id: newEventId(),
    tenant_id: input.tenantId,
    realm_id: input.realmId,
    type: input.type,
    resource_type: input.resourceType,
    resource_id: input.resourceId,
    actor: context.actor,
    address: context.address,
    request_id: context.requestId,
    before: snapshot(input.before),
    after: snapshot(input.after),
    create_time: now,
  };
}

/** A realm resource (identity, group, application) and its ids, as an event of one change. */
export interface RealmResource {
  id: string;
  tenant_id: string;
  realm_id: string;
}

/** The event of a change to a realm resource: created (`before` null), updated, deleted (`after` null). */
export function changeEvent(type: EventType, resourceType: ResourceType, before: RealmResource | null, after: RealmResource | null): EventInput {
  const resource = (after ?? before) as RealmResource;
  return {
    tenantId: resource.tenant_id,
    realmId: resource.realm_id,
    type,
    resourceType,
    resourceId: resource.id,
    before,
    after,
  };
}

/** Records one event through `repos`: give it the transaction that makes the change. */
export async function recordEvent(repos: Repositories, input: EventInput): Promise<AuditEvent> {
  const [event] = await recordEvents(repos, [input]);
  return event as AuditEvent;
}

/** Records several events in one go (a batch delete: one per identity), in order. */
export async function recordEvents(repos: Repositories, inputs: readonly EventInput[]): Promise<AuditEvent[]> {
  const context = currentAuditContext();
  const now = nowTimestamp();
  const events = inputs.map((input) => toEvent(input, context, now));
  await repos.auditEvents.insert(events);
  return events;
}

/**
 * The event of one change, attributed to the current actor but not yet written: for a store write
 * that carries its own event, so the two commit together (an identity create, which group commit
 * writes in one transaction with other creates and their events).
 */
export function eventFor(input: EventInput): AuditEvent {
  return toEvent(input, currentAuditContext(), nowTimestamp());
}

export interface SignInAttempt {
  tenantId: string;
  realmId: string;
  /** The identity signing in, when known; an unknown username is recorded under `username`. */
  identityId: string | null;
  outcome: 'succeeded' | 'failed';
  applicationId?: string | null;
  /** e.g. `passkey`, `email_otp`. */
  method?: string;
  /** Why it failed, in a few words; never the credential itself. */
  reason?: string;
  username?: string;
}

/**
 * For the sign-in ceremonies (passkeys): records one attempt, successful or not, as
 * `sign_in.succeeded` / `sign_in.failed` on the identity. Give it the ceremony's transaction when
 * it has one; a failed attempt usually has none, and then `repos` is the store itself.
 */
export async function recordSignInAttempt(repos: Repositories, attempt: SignInAttempt): Promise<AuditEvent> {
  return recordEvent(repos, {
    tenantId: attempt.tenantId,
    realmId: attempt.realmId,
    type: attempt.outcome === 'succeeded' ? 'sign_in.succeeded' : 'sign_in.failed',
    resourceType: 'identity',
    resourceId: attempt.identityId ?? '',
    after: {
      outcome: attempt.outcome,
      application_id: attempt.applicationId ?? null,
      ...(attempt.method !== undefined ? { method: attempt.method } : {}),
      ...(attempt.reason !== undefined ? { reason: attempt.reason } : {}),
      ...(attempt.username !== undefined ? { username: attempt.username } : {}),
    },
  });
}
