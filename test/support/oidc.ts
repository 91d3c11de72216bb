import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Reply, RequestOptions } from './harness.js';
import { basicAuth } from './oauth-client.js';
import type { SoftAuthenticator } from './soft-authenticator.js';
import { TEST_ORIGIN, enrollThrough } from './console.js';

export const REDIRECT_URI = 'https://rp.example/callback';

/** A browser's cookies for the test yonder (one site): set by replies, sent with every request. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(reply: Reply): void {
    const header = reply.headers['set-cookie'];
    const lines = header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const eq = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, eq).trim();
      const value = (pair ?? '').slice(eq + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** A `name=value` pair as a `cookie` header carries it (a session signed in elsewhere). */
  add(pair: string): void {
    const eq = pair.indexOf('=');
    this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** What answers requests: an in-process yonder (TestYonder) or a yonder process over HTTP. */
export interface Requester {
  request(method: string, url: string, options?: RequestOptions): Promise<Reply>;
}

/** A yonder to manage through /v1 with its admin token: paths of its Default realm. */
export type Managed = Requester & { realmPath(rest?: string): string };

/** A browser: follows nothing by itself, keeps cookies. URLs may be absolute (PUBLIC_URL) or paths. */
export class Browser {
  readonly jar = new CookieJar();
  constructor(private readonly y: Requester) {}

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Reply> {
    const target = url.startsWith('http') ? `${new URL(url).pathname}${new URL(url).search}` : url;
    const cookie = this.jar.header();
    const reply = await this.y.request(method, target, {
      token: null,
      ...options,
      headers: { ...(options.headers ?? {}), ...(cookie ? { cookie } : {}) },
    });
    this.jar.take(reply);
    return reply;
  }
}

/**
 * A browser across several servers, each answering its own origin and keeping its own cookies, as
 * a browser keeps each site's. A path (not an absolute URL) goes to the first site given; a
 * redirect's location resolves against the URL that answered it.
 */
export class MultiSiteBrowser {
  private readonly sites = new Map<string, Browser>();
  private readonly home: string;

  constructor(servers: Record<string, Requester>) {
    for (const [origin, server] of Object.entries(servers)) this.sites.set(new URL(origin).origin, new Browser(server));
    this.home = [...this.sites.keys()][0] ?? '';
  }

  /** The tab of the site of `url` (a path: the first site), with that site's cookies. */
  site(url: string): Browser {
    const origin = new URL(url, this.home).origin;
    const browser = this.sites.get(origin);
    if (!browser) throw new Error(`no server answers ${origin} in this test`);
    return browser;
  }

  /** From now on `server` (say, another process over the same store) answers `origin`, with its cookies kept. */
  moveSite(origin: string, server: Requester): void {
    const moved = new Browser(server);
    for (const pair of this.site(origin).jar.header().split('; ')) if (pair) moved.jar.add(pair);
    this.sites.set(new URL(origin, this.home).origin, moved);
  }

  request(method: string, url: string, options: RequestOptions = {}): Promise<Reply> {
    return this.site(url).request(method, url, options);
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface OidcApp {
  id: string;
  clientId: string;
  clientSecret: string | undefined;
  path: string;
  issuer: string;
}

/** An `oidc` application created through v1 with Beyond Identity's body (plus `enable_refresh_tokens`). */
export async function createOidcApplication(
  y: Managed,
  protocol: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<OidcApp> {
  const reply = await y.request('POST', y.realmPath('/applications'), {
    body: {
      application: {
        display_name: 'Pilot Portal',
        protocol_config: {
          type: 'oidc',
          allowed_scopes: [],
          confidentiality: 'confidential',
          grant_type: ['authorization_code'],
          redirect_uris: [REDIRECT_URI],
          token_configuration: { expires_after: 3600, subject_field: 'id', token_signing_algorithm: 'RS256' },
          pkce: 's256',
          token_format: 'self_contained',
          ...protocol,
        },
        ...extra,
      },
    },
  });
  expect(reply.status, reply.text).toBe(200);
  const path = y.realmPath(`/applications/${reply.body.id}`);
  return {
    id: reply.body.id,
    clientId: reply.body.protocol_config.client_id,
    clientSecret: reply.body.protocol_config.client_secret,
    path,
    issuer: `${TEST_ORIGIN}${path}`,
  };
}

/** A person of the Default realm with a passkey enrolled through a binding link. */
export async function personWithPasskey(
  y: Managed,
  username: string,
  traits: Record<string, unknown> = {},
): Promise<{ id: string; passkey: SoftAuthenticator }> {
  const created = await y.request('POST', y.realmPath('/identities'), {
    body: { identity: { display_name: username, traits: { type: 'traits_v0', username, ...traits } } },
  });
  expect(created.status, created.text).toBe(200);
  const person = created.body as { id: string };
  const job = await y.request('POST', y.realmPath(`/identities/${person.id}/credential-binding-jobs`), {
    body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: `${TEST_ORIGIN}/done` } },
  });
  expect(job.status, job.text).toBe(200);
  const { passkey } = await enrollThrough(y, job.body.credential_binding_link);
  return { id: person.id, passkey };
}

export interface AuthorizeParams {
  clientId: string;
  scope?: string;
  state?: string;
  nonce?: string;
  challenge?: string;
  method?: string;
  redirectUri?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(app: OidcApp, params: AuthorizeParams): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri ?? REDIRECT_URI,
    scope: params.scope ?? 'openid profile email',
    state: params.state ?? 'state-1',
    nonce: params.nonce ?? 'nonce-1',
    ...(params.challenge !== undefined ? { code_challenge: params.challenge, code_challenge_method: params.method ?? 'S256' } : {}),
    ...(params.extra ?? {}),
  });
  return `${app.path}/authorize?${query}`;
}

/** Where a 303/302 reply sends the browser. */
export function locationOf(reply: Reply): string {
  const location = reply.headers.location;
  expect(typeof location, `${reply.status} ${reply.text}`).toBe('string');
  return String(location);
}

/**
 * From the authorization request to the redirect back to the client: through the hosted passkey
 * page with `passkey` when one is given (else the browser's session must carry it). Answers the
 * final redirect (to the client) as a URL.
 */
export async function authorize(browser: Browser, url: string, passkey?: SoftAuthenticator): Promise<URL> {
  const begun = await browser.request('GET', url);
  expect([302, 303], begun.text).toContain(begun.status);
  let next = locationOf(begun);
  if (next.includes('/interaction/')) {
    const page = await browser.request('GET', next);
    if (page.status === 303) {
      next = locationOf(page);
    } else {
      expect(page.status, page.text).toBe(200);
      expect(passkey, 'the hosted page asks for a passkey').toBeDefined();
      const base = new URL(next, TEST_ORIGIN).pathname;
      const options = await browser.request('POST', `${base}/options`, { body: {} });
      expect(options.status, options.text).toBe(200);
      const verified = await browser.request('POST', `${base}/verify`, {
        body: { challenge_id: options.body.challenge_id, response: passkey?.authenticate(options.body.options) },
      });
      if (verified.status !== 200)
        return new URL(verified.body.redirect_uri ? await finalRedirect(browser, verified.body.redirect_uri) : 'about:blank');
      next = verified.body.redirect_uri;
    }
  }
  return new URL(await finalRedirect(browser, next));
}

/** Follows yonder's own redirects until one leaves for the client. */
async function finalRedirect(browser: Browser, start: string): Promise<string> {
  let next = start;
  for (let hops = 0; hops < 5 && new URL(next, TEST_ORIGIN).origin === TEST_ORIGIN; hops++) {
    const reply = await browser.request('GET', next);
    expect([302, 303], reply.text).toContain(reply.status);
    next = locationOf(reply);
  }
  return next;
}

export function tokenRequest(y: Requester, app: OidcApp, form: Record<string, string>, auth: 'basic' | 'post' | 'none' = 'basic'): Promise<Reply> {
  const body =
    auth === 'post'
      ? { ...form, client_id: app.clientId, client_secret: app.clientSecret ?? '' }
      : auth === 'none'
        ? { ...form, client_id: app.clientId }
        : form;
  return y.request('POST', `${app.path}/token`, {
    token: null,
    rawBody: new URLSearchParams(body).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth === 'basic' ? { authorization: basicAuth(app.clientId, app.clientSecret ?? '') } : {}),
    },
  });
}

/**
 * The whole code flow with PKCE: authorization (through the passkey page when the browser has no
 * session), then the code exchanged at `exchangeOn` (another yonder on the same store, when given).
 */
export async function codeFlow(
  y: Requester,
  browser: Browser,
  app: OidcApp,
  passkey?: SoftAuthenticator,
  options: { scope?: string; exchangeOn?: Requester } = {},
): Promise<Reply> {
  return tokenRequest(options.exchangeOn ?? y, app, await codeForm(browser, app, passkey, options.scope));
}

/** The authorization (PKCE) up to the token request's form: code, redirect URI and verifier. */
export async function codeForm(browser: Browser, app: OidcApp, passkey?: SoftAuthenticator, scope?: string): Promise<Record<string, string>> {
  const pkce = pkcePair();
  const back = await authorize(
    browser,
    authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge, ...(scope ? { scope } : {}) }),
    passkey,
  );
  return { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier };
}

/**
 * A yonder process reached over HTTP, as a `Managed` requester: `token` is its admin token (sent
 * unless a request says `token: null`), redirects are not followed, every header is kept.
 */
export function httpYonder(baseUrl: string, token: string, realmPath: (rest?: string) => string): Managed {
  return {
    realmPath,
    async request(method, url, options = {}) {
      const bearer = options.token === undefined ? token : options.token;
      const payload = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        redirect: 'manual',
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...options.headers,
        },
        ...(payload !== undefined ? { body: payload } : {}),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      const headers: Reply['headers'] = Object.fromEntries(response.headers);
      headers['set-cookie'] = response.headers.getSetCookie();
      return { status: response.status, headers, body, text };
    },
  };
}

/**
 * Code flow on `one` (the code exchanged on `two`), the refresh on `one`, userinfo on `two`: a flow
 * that must not depend on which yonder answers. Answers the userinfo claims.
 */
export async function flowAcross(one: Requester, two: Requester, app: OidcApp, passkey: SoftAuthenticator): Promise<Record<string, unknown>> {
  const tokens = await codeFlow(one, new Browser(one), app, passkey, { exchangeOn: two });
  expect(tokens.status, tokens.text).toBe(200);
  const refreshed = await tokenRequest(one, app, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
  expect(refreshed.status, refreshed.text).toBe(200);
  const info = await two.request('GET', `${app.path}/userinfo`, { token: refreshed.body.access_token });
  expect(info.status, info.text).toBe(200);
  return info.body as Record<string, unknown>;
}

/**
 * openid-client's fetch, answered by `y` in process: the relying party speaks HTTP to PUBLIC_URL's
 * URLs exactly as it would over the network.
 */
export function relyingPartyFetch(y: Requester) {
  return async (url: string, options: { method?: string; headers?: ConstructorParameters<typeof Headers>[0]; body?: unknown }): Promise<Response> => {
    const target = new URL(url);
    const headers = Object.fromEntries(new Headers(options.headers));
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    const reply = await y.request(options.method ?? 'GET', `${target.pathname}${target.search}`, {
      token: null,
      headers,
      ...(body !== undefined ? { rawBody: body } : {}),
    });
    const replyHeaders = new Headers();
    for (const [name, value] of Object.entries(reply.headers)) {
      if (value !== undefined) replyHeaders.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response([204, 304].includes(reply.status) ? null : reply.text, { status: reply.status, headers: replyHeaders });
  };
}
