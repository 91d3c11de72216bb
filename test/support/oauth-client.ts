import type { Reply, TestYonder } from './harness.js';

/** What `curl -u id:secret -d ...` sends: HTTP Basic with form-url-encoded parts, a form body. */
export function basicAuth(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}

export function postForm(
  y: TestYonder,
  url: string,
  form: Record<string, string>,
  authorization?: string | null,
  remoteAddress?: string,
): Promise<Reply> {
  return y.request('POST', url, {
    token: null,
    ...(remoteAddress !== undefined ? { remoteAddress } : {}),
    rawBody: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
  });
}

/** A confidential client-credentials application in `realmId` on a resource server with `scopes`. */
export async function createClientApplication(
  y: TestYonder,
  options: { realmId?: string; scopes?: string[]; allowed?: string[]; identifier?: string } = {},
): Promise<{ id: string; clientId: string; clientSecret: string; path: string; resourceServerId: string }> {
  const realmId = options.realmId ?? y.realmId;
  const scopes = options.scopes ?? ['pets:read', 'pets:write'];
  const server = await y.request('POST', y.realmPath('/resource-servers', realmId), {
    body: {
      resource_server: {
        display_name: 'Pet API',
        identifier: options.identifier ?? `https://pets.example/${Math.random().toString(36).slice(2)}`,
        scopes,
      },
    },
  });
  if (server.status !== 200) throw new Error(`resource server: ${server.status} ${server.text}`);
  const app = await y.request('POST', y.realmPath('/applications', realmId), {
    body: {
      application: {
        display_name: 'Pet Robot',
        resource_server_id: server.body.id,
        protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: options.allowed ?? scopes },
      },
    },
  });
  if (app.status !== 200) throw new Error(`application: ${app.status} ${app.text}`);
  return {
    id: app.body.id,
    clientId: app.body.protocol_config.client_id,
    clientSecret: app.body.protocol_config.client_secret,
    path: y.realmPath(`/applications/${app.body.id}`, realmId),
    resourceServerId: server.body.id,
  };
}
