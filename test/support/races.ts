import { expect } from 'vitest';
import type { TestYonder } from './harness.js';

/**
 * What a race needs from the yonder it runs against: two apps in one test process on one store
 * (`racerOf`, test/api, both engines) or several `yonder serve` processes on one store (`Cluster`,
 * test/process). Request `i` of a burst goes to app or process `i mod n`, so every burst crosses
 * them; `clientAddress` is the address the request comes from, as the server sees it.
 */
export interface Racer {
  readonly tenantId: string;
  readonly realmId: string;
  readonly adminRealmId: string;
  /** The origin the servers are reached at (a passkey is made for it). */
  readonly origin: string;
  realmPath(rest?: string, realmId?: string): string;
  hostedPath(rest: string, realmId?: string): string;
  request(i: number, method: string, path: string, options?: RaceRequest): Promise<RaceReply>;
}

export interface RaceRequest {
  body?: unknown;
  /** Sent as is; `headers` then name its content type. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The bearer token: the admin token unless null. */
  token?: string | null;
  clientAddress?: string;
}

export interface RaceReply {
  status: number;
  body: any;
  text: string;
}

/** A named race: run against a racer, with its assertions inside. */
export interface Race {
  name: string;
  run(r: Racer): Promise<void>;
}

/** Apps in this test process on one store, as a racer. */
export function racerOf(apps: TestYonder[]): Racer {
  const [first] = apps;
  if (!first) throw new Error('racerOf needs an app');
  return {
    tenantId: first.tenantId,
    realmId: first.realmId,
    adminRealmId: first.adminRealmId,
    origin: first.yonder.config.publicUrl,
    realmPath: (rest, realmId) => first.realmPath(rest, realmId),
    hostedPath: (rest, realmId = first.realmId) => `/hosted/tenants/${first.tenantId}/realms/${realmId}${rest}`,
    request: (i, method, path, options = {}) => {
      const { clientAddress, ...rest } = options;
      return apps[i % apps.length]!.request(method, path, { ...rest, ...(clientAddress !== undefined ? { remoteAddress: clientAddress } : {}) });
    },
  };
}

/** Starts `count` requests at once and waits for every reply: a burst, not a sequence. */
export function burst<T>(count: number, send: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i)));
}

/** How many replies had each status, e.g. `{ 401: 20, 429: 80 }`. */
export function tally(replies: readonly { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of replies) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** Exactly one reply has a status in `won`, every other one `lost`; the odd ones' bodies say why not. */
export function expectOneWinner(replies: readonly RaceReply[], won: readonly number[], lost = 409): void {
  const odd = replies.filter((r) => !won.includes(r.status) && r.status !== lost).map((r) => `${r.status} ${r.text}`);
  expect(odd, odd.join('\n')).toEqual([]);
  expect(replies.filter((r) => won.includes(r.status))).toHaveLength(1);
}

/** A realm of the racer's tenant. */
export async function createRealm(r: Racer, name: string): Promise<string> {
  const reply = await r.request(0, 'POST', `/v1/tenants/${r.tenantId}/realms`, { body: { realm: { display_name: name } } });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id as string;
}

export async function createIdentity(r: Racer, username: string, realmId = r.realmId): Promise<string> {
  const reply = await r.request(0, 'POST', r.realmPath('/identities', realmId), {
    body: { identity: { display_name: username, traits: { type: 'traits_v0', username } } },
  });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id as string;
}

export interface RaceClient {
  clientId: string;
  clientSecret: string;
  /** The token endpoint. */
  tokenPath: string;
}

/** A confidential client-credentials application on a resource server of its own. */
export async function createClient(r: Racer, realmId = r.realmId): Promise<RaceClient> {
  const server = await r.request(0, 'POST', r.realmPath('/resource-servers', realmId), {
    body: {
      resource_server: { display_name: 'Race API', identifier: `https://race.example/${Math.random().toString(36).slice(2)}`, scopes: ['race:read'] },
    },
  });
  expect(server.status, server.text).toBe(200);
  const app = await r.request(0, 'POST', r.realmPath('/applications', realmId), {
    body: {
      application: {
        display_name: 'Race Robot',
        resource_server_id: server.body.id,
        protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: ['race:read'] },
      },
    },
  });
  expect(app.status, app.text).toBe(200);
  return {
    clientId: app.body.protocol_config.client_id,
    clientSecret: app.body.protocol_config.client_secret,
    tokenPath: r.realmPath(`/applications/${app.body.id}/token`, realmId),
  };
}

/** A client-credentials grant, as `curl -u id:secret -d grant_type=client_credentials` sends it. */
export function grant(r: Racer, i: number, client: RaceClient, secret: string, clientAddress: string): Promise<RaceReply> {
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  return r.request(i, 'POST', client.tokenPath, {
    token: null,
    clientAddress,
    rawBody: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
  });
}

/** A RETURN binding job for a new identity: its link (path and query), its token, and its hosted ceremony base. */
export async function bindingJob(r: Racer, username: string, realmId = r.realmId) {
  const identityId = await createIdentity(r, username, realmId);
  const created = await r.request(0, 'POST', r.realmPath(`/identities/${identityId}/credential-binding-jobs`, realmId), {
    body: { job: { delivery_method: 'RETURN' } },
  });
  expect(created.status, created.text).toBe(200);
  const link = new URL(created.body.credential_binding_link);
  const jobId = (created.body.credential_binding_job as { id: string }).id;
  return {
    identityId,
    link: `${link.pathname}${link.search}`,
    linkPath: link.pathname,
    token: link.searchParams.get('token') ?? '',
    hosted: r.hostedPath(`/identities/${identityId}/credential-binding-jobs/${jobId}`, realmId),
  };
}

/** The path of a binding link for a job id that does not exist (a scan). */
export function madeUpLink(linkPath: string, jobId: string): string {
  return `${linkPath.replace(/[^/]+:invokeAuthenticator$/, `${jobId}:invokeAuthenticator`)}?token=x`;
}
