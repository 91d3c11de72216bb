import { expect } from 'vitest';
import type { Reply, TestYonder } from './harness.js';

/** Starts `count` requests at once and waits for every reply: a burst, not a sequence. */
export function burst<T>(count: number, send: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i)));
}

/** How many replies had each status, e.g. `{ 401: 20, 429: 80 }`. */
export function tally(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

export function expectRetryAfter(reply: Reply, windowSeconds: number): void {
  const seconds = Number(reply.headers['retry-after']);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
}

/** `/hosted/tenants/{t}/realms/{r}` + rest. */
export function hostedPath(y: TestYonder, rest: string, realmId = y.realmId): string {
  return `/hosted/tenants/${y.tenantId}/realms/${realmId}${rest}`;
}

/** A RETURN binding job: its link (path and query), the link's path, its token, and its hosted ceremony base. */
export async function bindingJob(y: TestYonder, username: string, realmId = y.realmId) {
  const identity = await y.createIdentity(username, {}, realmId);
  const created = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`, realmId), {
    body: { job: { delivery_method: 'RETURN' } },
  });
  expect(created.status, created.text).toBe(200);
  const link = new URL(created.body.credential_binding_link);
  const job = created.body.credential_binding_job as { id: string };
  return {
    link: `${link.pathname}${link.search}`,
    linkPath: link.pathname,
    token: link.searchParams.get('token')!,
    hosted: hostedPath(y, `/identities/${identity.id}/credential-binding-jobs/${job.id}`, realmId),
  };
}

/** The path of a binding link for a job id that does not exist (a scan). */
export function madeUpLink(linkPath: string, jobId: string): string {
  return `${linkPath.replace(/[^/]+:invokeAuthenticator$/, `${jobId}:invokeAuthenticator`)}?token=x`;
}

/** A realm of the test tenant, made through the API. */
export async function createRealm(y: TestYonder, name: string): Promise<string> {
  const reply = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: name } } });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id as string;
}
