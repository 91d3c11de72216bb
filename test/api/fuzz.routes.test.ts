import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi, engine } from '../support/harness.js';
import * as oidc from '../support/oidc.js';
import { applicationPublicRoutes, hostedRealmRoutes } from '../support/routes.js';
import { enrollThrough, signInWith } from '../support/console.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * Property: whatever arrives (generated bodies, query strings and path ids: wrong types, huge and
 * odd strings, deep nesting, prototype-pollution keys, SCIM filter injection, and the inputs issue 14's
 * rules refuse: lone surrogates, invisible characters, look-alikes, email display names, CR/LF,
 * return_to paths to other sites), yonder answers below
 * 500, stays up, and a rejected write leaves the store exactly as it was. Routes come from the
 * OpenAPI document, and the OpenID Connect routes it leaves out from the app's route tree, so a new
 * route is fuzzed without anyone listing it. Those get OpenID Connect parameters (hostile, or the
 * real client's), as a query or a form, for real `oidc` applications of two realms.
 *
 * Reproduce a failure with FUZZ_SEED=<seed printed below>.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 6000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
/** The harness's PUBLIC_URL: the one origin a redirect may name in full. */
const PUBLIC_URL = 'http://localhost:8080';

/** Tables a rejected request may legitimately write: a refused request still counts against its rate limits. */
const MAY_CHANGE_ON_REJECTION = new Set<string>(['kysely_migration_lock', 'rate_limits']);

interface Route {
  method: string;
  path: string;
  bodyKeys: string[];
  /** An OpenID Connect route: its parameters come as a query or a form, its ids are real applications'. */
  oidc?: boolean;
  /** A hosted route /openapi.json leaves out: a generated field comes among the others its body needs. */
  hosted?: boolean;
}

/** What the realm's hosted calls read from a body (the account page's, the ceremonies'). */
const HOSTED_BODY_KEYS = ['challenge_id', 'response', 'name', 'identifier', 'except_passkey_id', 'token', 'application_id'];
/** Under a generated field of a hosted call, the others it needs, so the field reaches past the body's validation. */
const HOSTED_BODY = { challenge_id: 'x', response: {}, name: 'fuzz', identifier: 'fuzz-target', token: 'x' };

/** The parameters OpenID Connect's endpoints read. */
const OIDC_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'max_age',
  'login_hint',
  'id_token_hint',
  'post_logout_redirect_uri',
  'grant_type',
  'code',
  'code_verifier',
  'refresh_token',
  'access_token',
  'client_secret',
  'token',
  'xsrf',
  'logout',
  'challenge_id',
  'response',
] as const;

class Fingerprint {
  private sqlite?: SqliteDatabase.Database;
  private client?: pg.Client;
  /** PostgreSQL: every table's rows, hashed, in one statement (one round trip per fingerprint, not one per table). */
  private pgQuery = '';
  constructor(private readonly y: TestYonder) {}

  async open(): Promise<void> {
    const location = this.y.databaseLocation;
    if (location.databaseUrl.startsWith('sqlite:')) {
      this.sqlite = new SqliteDatabase(location.databaseUrl.slice('sqlite:'.length), { readonly: true });
    } else {
      this.client = new pg.Client({ connectionString: location.databaseUrl });
      await this.client.connect();
      await this.client.query(`set search_path to ${location.pgSchema}`);
      const { rows } = await this.client.query<{ table_name: string }>(
        'select table_name from information_schema.tables where table_schema = current_schema() order by 1',
      );
      const tables = rows.map((row) => row.table_name).filter((name) => !MAY_CHANGE_ON_REJECTION.has(name));
      const parts = tables.map((name) => `'${name}', (select md5(coalesce(json_agg(r)::text, '')) from (select * from "${name}" order by 1) r)`);
      this.pgQuery = `select concat_ws(',', ${parts.join(', ')}) as fingerprint`;
    }
  }

  async take(): Promise<string> {
    const parts: string[] = [];
    if (this.sqlite) {
      const tables = this.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
      for (const { name } of tables) {
        if (MAY_CHANGE_ON_REJECTION.has(name)) continue;
        parts.push(name, JSON.stringify(this.sqlite.prepare(`select * from "${name}" order by 1`).all()));
      }
    } else if (this.client) {
      parts.push((await this.client.query<{ fingerprint: string }>(this.pgQuery)).rows[0]?.fingerprint ?? '');
    }
    return parts.join('\n');
  }

  async close(): Promise<void> {
    this.sqlite?.close();
    await this.client?.end();
  }
}

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) is sent as the three bytes
 * a careless client encodes it to (WTF-8), so such ids and query values reach the server.
 */
function encodeHostile(text: string): string {
  let encoded = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else encoded += encodeURIComponent(char);
  }
  return encoded;
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'x'.repeat(5000),
    '\u202e\u0301\ud83d\ude00',
    '\ufeff',
    "' or 1=1 --",
    '"; drop table identities; --',
    '%',
    '_',
    '\\',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'traits.username eq "x") or (id pr',
    'userName eq "a" or 1 eq 1',
    'emails[type eq "work" and value co "@"]',
    'not(',
    '((((((((((((((((((((id eq "a"))))))))))))))))))))',
    // Numbers past 2^53 and 2^64, for every skip, page_size, startIndex and count.
    '99999999999999999999',
    '-99999999999999999999',
    '9007199254740993',
    '1e400',
    '18446744073709551616',
    '0x7fffffffffffffff',
    '-0',
    // What issue 14's rules refuse, in every field: lone surrogates, invisible and format characters,
    // Cyrillic look-alikes, display-name and group email forms, header-splitting line breaks.
    '\ud800',
    'admin\udfff',
    'ad\u200bmin',
    'ad\u00admin',
    '\u202eadmin',
    'admin\ufe0f',
    'admin\u2060',
    '\u0430dmin',
    'p\u0430ypal',
    '\u0410\u0412\u0421',
    'a<b@evil.example>',
    '"a"@evil.example',
    'Team:x@evil.example;',
    'a@b@evil.example',
    'a@evil.example\r\nBcc: c@evil.example',
    'x\r\nSet-Cookie: y=1',
    '\n',
    // Where the hosted sign-in sends the browser next (return_to): other sites in disguise.
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/console/',
    '/console/../../evil',
    'javascript:alert(1)',
    '/%2F%2Fevil.example',
  ),
);

const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'traits')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

describeApi('fuzzing every route', () => {
  let y: TestYonder;
  let routes: Route[];
  let fingerprint: Fingerprint;
  const ids: Record<string, string[]> = {};
  /** Path ids of the OpenID Connect routes: real applications (this realm's and another's) and a live interaction. */
  const oidcIds: Record<string, string[]> = {};
  let oidcApps: oidc.OidcApp[] = [];
  /** A signed-in person's session cookie (`yonder_session=...`), one of the cookies hosted routes get. */
  let session = '';
  let passkey: SoftAuthenticator;

  beforeAll(async () => {
    y = await TestYonder.start();
    fingerprint = new Fingerprint(y);
    await fingerprint.open();
    const doc = (await y.request('GET', '/openapi.json', { token: null })).body;
    routes = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        routes.push({ method: method.toUpperCase(), path, bodyKeys: Object.keys(schema?.properties ?? {}) });
      }
    }
    const untouched = await fingerprint.take();
    const other = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Other' } } })).body.id;
    const mine = await y.createIdentity('fuzz-target');
    const theirs = await y.createIdentity('fuzz-stranger', {}, other);
    // The fingerprint sees writes: otherwise "rejected writes change nothing" would hold vacuously.
    expect(await fingerprint.take()).not.toBe(untouched);
    ids.tenant_id = [y.tenantId, y.tenantId, y.tenantId, '0000000000000000'];
    ids.realm_id = [y.realmId, y.adminRealmId, other, 'ffffffffffffffff'];
    ids.identity_id = [mine.id, theirs.id];
    ids.user_id = [mine.id, theirs.id];

    // OpenID Connect: an application in each realm, and an interaction waiting for its sign-in.
    const inOther = { request: y.request.bind(y), realmPath: (rest = '') => y.realmPath(rest, other) };
    oidcApps = [await oidc.createOidcApplication(y, { enable_refresh_tokens: true }), await oidc.createOidcApplication(inOther)];
    const pending = oidc.locationOf(
      await new oidc.Browser(y).request(
        'GET',
        oidc.authorizeUrl(oidcApps[0]!, { clientId: oidcApps[0]!.clientId, challenge: oidc.pkcePair().challenge }),
      ),
    );
    oidcIds.application_id = oidcApps.map((a) => a.id);
    oidcIds.uid = [/\/interaction\/([^/?]+)/.exec(pending)?.[1] ?? 'none'];
    const documented = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const route of applicationPublicRoutes(y.app, doc.paths)) {
      if (!documented.has(`${route.method} ${route.path}`)) routes.push({ ...route, bodyKeys: [...OIDC_PARAMS], oidc: true });
    }
    expect(routes.filter((r) => r.oidc).length, 'the OpenID Connect routes are fuzzed').toBeGreaterThanOrEqual(10);

    // The realm's hosted pages /openapi.json leaves out (account page and calls, an upstream's callback):
    // with a signed-in person's session among the cookies, and her passkey among the ids.
    // Her own person, whose id no other route is given: v1 cases delete and suspend the identities they name.
    const pagePerson = await y.createIdentity('fuzz-page-person');
    const job = await y.request('POST', y.realmPath(`/identities/${pagePerson.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    ({ passkey } = await enrollThrough(y, job.body.credential_binding_link));
    session = await signInWith(y, passkey, y.realmId, null);
    ids.passkey_id = [(await y.request('GET', y.realmPath(`/identities/${pagePerson.id}/credentials`))).body.credentials[0].id];
    ids.credential_binding_job_id = [job.body.credential_binding_job.id];
    const hosted = hostedRealmRoutes(y.app, doc.paths).filter((r) => !r.documented);
    for (const route of hosted) routes.push({ ...route, bodyKeys: HOSTED_BODY_KEYS, hosted: true });
    expect(hosted.length, 'the hosted pages are fuzzed').toBeGreaterThanOrEqual(12);
  });
  afterAll(async () => {
    await fingerprint?.close();
    await y?.close();
  });

  it(`${CASES} generated requests: no 5xx, the server stays up, rejected writes change nothing (seed ${SEED})`, async () => {
    let cases = 0;
    let rejectedWrites = 0;
    const statuses = new Map<number, number>();
    const request = fc.record({
      route: fc.integer({ min: 0, max: 10_000 }),
      pathIds: fc.array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 6 }, { arbitrary: hostileString, weight: 1 }), {
        minLength: 4,
        maxLength: 4,
      }),
      query: fc.dictionary(
        fc.constantFrom(
          'page_size',
          'page_token',
          'skip',
          'filter',
          'startIndex',
          'count',
          'attributes',
          'excludedAttributes',
          'sortBy',
          'return_to',
          'token',
          'x',
        ),
        hostileString,
        { maxKeys: 3 },
      ),
      body: fc.oneof(hostileJson, fc.tuple(fc.nat(), hostileJson)),
      rawBody: fc.option(fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('{', '{"a":', '[[[[', '\u0000', '{"__proto__":{"x":1}}')), {
        freq: 5,
      }),
      token: fc.oneof({ arbitrary: fc.constant('admin'), weight: 12 }, fc.constantFrom('none', 'garbage')),
      // For the OpenID Connect routes: parameters hostile or real (the client's own id, secret and redirect URI), as a query or a form.
      oidcParams: fc.dictionary(
        fc.constantFrom(...OIDC_PARAMS),
        fc.oneof(
          hostileString,
          fc.constantFrom(
            ...oidcApps.flatMap((a) => [a.clientId, a.clientSecret ?? '']),
            oidc.REDIRECT_URI,
            'code',
            'token',
            'openid profile email',
            'S256',
            'plain',
            oidc.pkcePair().challenge,
            'none',
            'login',
            'consent',
            'authorization_code',
            'refresh_token',
            'client_credentials',
            'password',
            '0',
            'yes',
          ),
        ),
        { maxKeys: 8 },
      ),
      oidcAsForm: fc.boolean(),
      // For every /hosted/ route: the session cookie (real, forged or hostile), the account page's header and an Origin.
      cookie: fc.option(
        fc.oneof(
          fc.constant('session'),
          hostileString.map((v) => `yonder_session=${encodeHostile(v)}`),
          hostileString.map((v) => `yonder_idp_state=${encodeHostile(v)}; yonder_idp_verified=${encodeHostile(v)}`),
          fc.constantFrom('yonder_session=', 'yonder_session', '=;=;', 'a=b; '.repeat(200)),
        ),
      ),
      accountHeader: fc.option(fc.constantFrom('1', '0', '', '1, 1', 'true', ' 1')),
      // A hosted call as the page makes it (the person's session, the page's header, the fields it needs), one field generated.
      hostedOverValid: fc.boolean(),
      // From many addresses, so the hosted limits (per realm and address) leave most cases to reach the route.
      address: fc.integer({ min: 1, max: 60_000 }),
      origin: fc.option(fc.constantFrom(PUBLIC_URL, 'https://evil.example', 'null', '', 'http://localhost:8080.evil.example')),
      // Over a valid authorization request of the realm's application, so the generated parameters reach past the first check.
      oidcOverValid: fc.boolean(),
    });
    const valid = oidcApps[0]!;
    const validAuthorization = Object.fromEntries(
      new URLSearchParams(oidc.authorizeUrl(valid, { clientId: valid.clientId, challenge: oidc.pkcePair().challenge }).split('?')[1]),
    );

    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        cases++;
        const route = routes[input.route % routes.length] as Route;
        const pageCall = route.hosted && route.method === 'POST' && input.hostedOverValid;
        let n = 0;
        const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
          const pick = pageCall && (name === 'tenant_id' || name === 'realm_id') ? 0 : input.pathIds[n++ % 4];
          const known = (route.oidc ? oidcIds[name] : undefined) ?? ids[name];
          if (typeof pick === 'number' && known?.length) return known[pick % known.length] as string;
          return encodeHostile(String(pick ?? ''));
        });
        const oidcForm = route.oidc && input.oidcAsForm && route.method === 'POST';
        const oidcParams = input.oidcOverValid ? { ...validAuthorization, ...input.oidcParams } : input.oidcParams;
        const queryParams = route.oidc ? (oidcForm ? {} : oidcParams) : input.query;
        const query = Object.entries(queryParams)
          .map(([key, value]) => `${key}=${encodeHostile(value)}`)
          .join('&');
        let body: unknown = input.body;
        if (pageCall) {
          body = {
            ...HOSTED_BODY,
            ...(Array.isArray(body) && typeof body[0] === 'number'
              ? { [HOSTED_BODY_KEYS[body[0] % HOSTED_BODY_KEYS.length] as string]: body[1] }
              : {}),
          };
        } else if (Array.isArray(body) && body.length === 2 && typeof body[0] === 'number' && route.bodyKeys.length > 0) {
          body = { ...(route.hosted ? HOSTED_BODY : {}), [route.bodyKeys[body[0] % route.bodyKeys.length] as string]: body[1] };
        }
        const isWrite = route.method !== 'GET';
        const before = isWrite ? await fingerprint.take() : '';
        const headers: Record<string, string> = {};
        if (route.path.startsWith('/hosted/')) {
          if (input.cookie !== null) headers.cookie = input.cookie === 'session' ? session : input.cookie;
          if (input.accountHeader !== null) headers['x-yonder-account'] = input.accountHeader;
          if (input.origin !== null) headers.origin = input.origin;
          if (pageCall) {
            Object.assign(headers, { cookie: session, 'x-yonder-account': '1' });
            delete headers.origin;
          }
        }
        const reply = await y.request(route.method, `${path}${query ? `?${query}` : ''}`, {
          token: input.token === 'admin' ? y.token : input.token === 'none' ? null : 'garbage.token.here',
          ...(Object.keys(headers).length > 0 && !oidcForm ? { headers } : {}),
          ...(route.path.startsWith('/hosted/') ? { remoteAddress: `10.88.${input.address >> 8}.${input.address & 255}` } : {}),
          ...(oidcForm
            ? {
                rawBody: Object.entries(oidcParams)
                  .map(([key, value]) => `${key}=${encodeHostile(value)}`)
                  .join('&'),
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
              }
            : input.rawBody !== null && !pageCall
              ? { rawBody: input.rawBody }
              : { body }),
        });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status >= 500) {
          throw new Error(`${route.method} ${path}?${query} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
        }
        // No page or redirect yonder serves may send the browser to another site (return_to and the like).
        const location = String(reply.headers.location ?? '');
        // An OpenID Connect client's own registered redirect URI is where its answers go (in the query, or
        // the fragment the provider answers an unknown response_type in).
        const toClient =
          route.oidc &&
          (location === oidc.REDIRECT_URI || (/^[?#]/.test(location.slice(oidc.REDIRECT_URI.length)) && location.startsWith(oidc.REDIRECT_URI)));
        if (location !== '' && !toClient && !/^\/(?![/\\])/.test(location) && !location.startsWith(`${PUBLIC_URL}/`)) {
          throw new Error(`${route.method} ${path}?${query} redirects off-site: ${location}`);
        }
        if (reply.status < 400 && String(reply.headers['content-type']).startsWith('text/html') && /evil\.example|javascript:/i.test(reply.text)) {
          throw new Error(`${route.method} ${path}?${query} serves a page naming another site or a script URL`);
        }
        if (isWrite && reply.status >= 400) {
          rejectedWrites++;
          const after = await fingerprint.take();
          if (after !== before) throw new Error(`${route.method} ${path} was rejected with ${reply.status} but changed the store`);
        }
        // Signed out (here, or by another route's case): sign in again, so later page calls reach past the
        // session check. Other cases may have deleted or suspended the person: then the page calls go without.
        if (pageCall && (reply.status === 401 || route.path.endsWith('/sign-out-everywhere'))) {
          session = await signInWith(y, passkey, y.realmId, null).catch(() => session);
        }
      }),
      { numRuns: CASES, seed: SEED, verbose: 1, endOnFailure: true },
    );

    expect((await y.request('GET', '/healthz', { token: null })).status).toBe(200);
    const summary = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s}:${c}`)
      .join(' ');
    process.stdout.write(
      `fuzz [${engine}]: ${cases} cases over ${routes.length} routes, ${rejectedWrites} rejected writes checked, 0 5xx; statuses ${summary}\n`,
    );
    expect(cases).toBe(CASES);
  }, 600_000);
});
