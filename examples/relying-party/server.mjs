// A small web application that signs people in through yonder with OpenID Connect: the
// authorization code flow with PKCE, through openid-client. It shows the ID token's claims and
// what the userinfo endpoint says. Run it with `npm run example:rp` (see the README's "Sign people
// in to your app"); the browser tests start it the same way, on a free port.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import * as client from 'openid-client';

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${escapeHtml(title)}</title><style>body{font:16px system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}` +
  `pre{background:#f4f4f5;padding:1rem;overflow:auto}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

const json = (value) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

/**
 * Starts the relying party on `port` (0: any free one), then asks `register(redirectUri)` for the
 * application to sign in with: `{ issuer, clientId, clientSecret? }`, where `issuer` is the
 * application's issuer (`<yonder>/v1/tenants/{t}/realms/{r}/applications/{app}`); discovery finds
 * the rest. The redirect URI is only known once listening, hence the callback. Answers the URL it
 * listens on, the application it signs in with, and a `close`.
 */
export async function startRelyingParty({ register, port = 3000, host = 'localhost', scope = 'openid profile email' }) {
  let base = '';
  let config;
  const server = createServer((request, response) => void answer(request, response));
  await new Promise((resolve) => server.listen(port, host, resolve));
  base = `http://${host}:${server.address().port}`;
  const application = await register(`${base}/callback`);
  try {
    const issuerUrl = new URL(application.issuer);
    const auth = application.clientSecret ? client.ClientSecretBasic(application.clientSecret) : client.None();
    config = await client.discovery(issuerUrl, application.clientId, undefined, auth, {
      // yonder on a developer machine speaks plain HTTP on localhost; a deployed one uses HTTPS.
      execute: issuerUrl.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
  } catch (error) {
    server.close();
    throw error;
  }
  // What each browser started: PKCE verifier, state and nonce, by a random cookie value.
  const pending = new Map();

  async function answer(request, response) {
    const url = new URL(request.url ?? '/', base);
    const send = (status, html, headers = {}) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      response.end(html);
    };
    try {
      if (url.pathname === '/') {
        return send(200, page('Example app', `<p>This app signs you in with yonder.</p><p><a href="/login">Sign in with a passkey</a></p>`));
      }
      if (url.pathname === '/login') {
        const verifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        const nonce = client.randomNonce();
        const session = randomBytes(16).toString('base64url');
        pending.set(session, { verifier, state, nonce });
        const target = client.buildAuthorizationUrl(config, {
          redirect_uri: `${base}/callback`,
          scope,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
          // `/login?prompt=login` asks for a fresh passkey ceremony even when yonder has a session.
          ...Object.fromEntries(['prompt', 'max_age', 'login_hint'].filter((k) => url.searchParams.has(k)).map((k) => [k, url.searchParams.get(k)])),
        });
        return send(302, '', { location: target.href, 'set-cookie': `rp_session=${session}; HttpOnly; SameSite=Lax; Path=/` });
      }
      if (url.pathname === '/callback') {
        const session = /(?:^|;\s*)rp_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
        const checks = session ? pending.get(session) : undefined;
        if (!checks) return send(400, page('Sign-in failed', '<p>No sign-in was started in this browser.</p><p><a href="/">Start again</a></p>'));
        pending.delete(session);
        if (url.searchParams.has('error')) {
          const error = { error: url.searchParams.get('error'), error_description: url.searchParams.get('error_description') };
          return send(403, page('Sign-in refused', `<p id="refused">${escapeHtml(error.error_description ?? error.error)}</p>${json(error)}`));
        }
        const tokens = await client.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: checks.verifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        return send(
          200,
          page(
            `Signed in as ${userinfo.name ?? userinfo.preferred_username ?? claims.sub}`,
            `<h2>ID token claims</h2><div id="claims">${json(claims)}</div><h2>Userinfo</h2><div id="userinfo">${json(userinfo)}</div>` +
              `<p><a href="/">Home</a></p>`,
          ),
        );
      }
      return send(404, page('Not found', '<p><a href="/">Home</a></p>'));
    } catch (error) {
      return send(502, page('Sign-in failed', `<p id="failed">${escapeHtml(error?.message ?? error)}</p>`));
    }
  }
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      // A browser keeps its connections open; closing waits for none of them.
      server.closeAllConnections();
    });
  return { url: base, application, close };
}

/** Creates a confidential OIDC application for this example through yonder's v1 API. */
async function createApplication({ yonderUrl, tenantId, realmId, token, redirectUri }) {
  const response = await fetch(`${yonderUrl}/v1/tenants/${tenantId}/realms/${realmId}/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      application: {
        display_name: 'Example relying party',
        protocol_config: {
          type: 'oidc',
          allowed_scopes: [],
          confidentiality: 'confidential',
          grant_type: ['authorization_code'],
          redirect_uris: [redirectUri],
          token_configuration: { expires_after: 3600, subject_field: 'id', token_signing_algorithm: 'RS256' },
          pkce: 's256',
          token_format: 'self_contained',
        },
      },
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`creating the application answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

async function main() {
  const env = process.env;
  const given = env.RP_ISSUER && env.RP_CLIENT_ID;
  const missing = ['YONDER_URL', 'TENANT_ID', 'REALM_ID', 'YONDER_TOKEN'].filter((name) => !env[name]);
  if (!given && missing.length > 0) {
    console.error(`Set ${missing.join(', ')} (the export lines yonder's first start printed), or RP_ISSUER and RP_CLIENT_ID.`);
    process.exit(2);
  }
  const register = async (redirectUri) => {
    if (given) return { issuer: env.RP_ISSUER, clientId: env.RP_CLIENT_ID, clientSecret: env.RP_CLIENT_SECRET };
    const app = await createApplication({
      yonderUrl: env.YONDER_URL,
      tenantId: env.TENANT_ID,
      realmId: env.REALM_ID,
      token: env.YONDER_TOKEN,
      redirectUri,
    });
    const issuer = `${env.YONDER_URL}/v1/tenants/${env.TENANT_ID}/realms/${env.REALM_ID}/applications/${app.id}`;
    console.error(`Created the application "${app.display_name}" (${app.id}), redirect URI ${redirectUri}. To use it again:`);
    console.error(
      `  RP_PORT=${new URL(redirectUri).port} RP_ISSUER=${issuer} RP_CLIENT_ID=${app.protocol_config.client_id} RP_CLIENT_SECRET=<its secret> npm run example:rp`,
    );
    console.error(`Its client secret, shown once: ${app.protocol_config.client_secret}`);
    return { issuer, clientId: app.protocol_config.client_id, clientSecret: app.protocol_config.client_secret };
  };
  const { url } = await startRelyingParty({ register, port: Number(env.RP_PORT ?? 3000) });
  console.error(`Example app at ${url}: open it and sign in with a passkey of that realm.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error?.message ?? error);
    process.exit(1);
  });
}
