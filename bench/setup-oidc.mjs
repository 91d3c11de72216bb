// Unmeasured set-up for the OpenID Connect rows of bench/run.mjs: an `oidc` application, a person
// with a passkey, and authorization codes made without a browser, the way the API tests make them
// (test/support/oidc.ts): the hosted enrollment and sign-in ceremonies answered by the same software
// passkey, then the provider's session, which turns every further /authorize into a code at once.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { api, basicAuth, benchRealm } from './setups.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REDIRECT_URI = 'https://rp.example/callback';

/**
 * The API tests' software passkey (test/support/soft-authenticator.ts), compiled once into dist/ so
 * the bench and the tests share one implementation of the WebAuthn answers.
 */
async function softAuthenticator() {
  const source = readFileSync(join(ROOT, 'test', 'support', 'soft-authenticator.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(ROOT, 'dist', 'bench-support', 'soft-authenticator.mjs');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)).SoftAuthenticator;
}

/** A browser's cookies, by name (every cookie goes with every request: the names do not clash). */
function cookieJar() {
  const cookies = new Map();
  return {
    take(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        const value = pair.slice(eq + 1);
        if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(pair.slice(0, eq));
        else cookies.set(pair.slice(0, eq), value);
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    copy() {
      const copy = cookieJar();
      copy.take({ headers: { getSetCookie: () => [...cookies].map(([k, v]) => `${k}=${v}`) } });
      return copy;
    },
  };
}

/** One request as a browser sends it to yonder: its cookies, no redirect followed, `address` as the client behind the proxy. */
async function browse(target, jar, method, url, { json, address } = {}) {
  const { pathname, search } = new URL(url, target.url);
  const response = await fetch(`${target.url}${pathname}${search}`, {
    method,
    redirect: 'manual',
    headers: {
      cookie: jar.header(),
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(address ? { 'x-forwarded-for': address } : {}),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  jar.take(response);
  return response;
}

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const authorizePath = (state, challenge) =>
  `${state.appPath}/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: state.clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email',
    state: 'bench',
    nonce: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })}`;

function expectRedirect(response, what) {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status > 303 || !location) throw new Error(`${what}: ${response.status}, no redirect`);
  return location;
}

/** The code in the redirect back to the client. */
function codeOf(location, what) {
  const code = new URL(location).searchParams.get('code');
  if (!location.startsWith(REDIRECT_URI) || !code) throw new Error(`${what}: not sent back with a code: ${location.slice(0, 200)}`);
  return code;
}

/**
 * In a realm of its own: a confidential `oidc` application (Beyond Identity's body, self-contained
 * access tokens), a person with an email address and a passkey, one sign-in through the hosted
 * passkey page (which leaves the provider's session in `jar`), and an access token for userinfo.
 */
export async function setupOidc(target) {
  const realm = await benchRealm(target, 'Bench OpenID Connect');
  const created = await api(target, 'POST', realm.path('/applications'), {
    application: {
      display_name: 'Bench RP',
      protocol_config: {
        type: 'oidc',
        allowed_scopes: [],
        confidentiality: 'confidential',
        grant_type: ['authorization_code'],
        redirect_uris: [REDIRECT_URI],
        token_configuration: { expires_after: 86400, subject_field: 'id', token_signing_algorithm: 'RS256' },
        pkce: 's256',
        token_format: 'self_contained',
      },
    },
  });
  const state = {
    appPath: realm.path(`/applications/${created.id}`),
    clientId: created.protocol_config.client_id,
    clientSecret: created.protocol_config.client_secret,
    target,
  };
  const person = await api(target, 'POST', realm.path('/identities'), {
    identity: {
      display_name: 'Bench Person',
      traits: { type: 'traits_v0', username: 'bench-person', primary_email_address: 'bench@example.com', given_name: 'Bench', family_name: 'Person' },
    },
  });
  const job = await api(target, 'POST', realm.path(`/identities/${person.id}/credential-binding-jobs`), {
    job: { delivery_method: 'RETURN', post_binding_redirect_uri: `${target.url}/done` },
  });

  // The passkey is made for PUBLIC_URL's origin, which the issuer names.
  const { issuer } = await api(target, 'GET', `${state.appPath}/.well-known/openid-configuration`);
  const SoftAuthenticator = await softAuthenticator();
  const passkey = new SoftAuthenticator(new URL(issuer).origin);
  const link = new URL(job.credential_binding_link);
  const enroll = link.pathname.replace(/^\/v1\//, '/hosted/').replace(/:invokeAuthenticator$/, '');
  const token = link.searchParams.get('token');
  const jar = cookieJar();
  const begun = await (await browse(target, jar, 'POST', `${enroll}/registration-options`, { json: { token } })).json();
  const registered = await browse(target, jar, 'POST', `${enroll}/registration`, {
    json: { token, challenge_id: begun.challenge_id, response: passkey.register(begun.options) },
  });
  if (registered.status !== 200) throw new Error(`enrollment: ${registered.status} ${await registered.text()}`);

  // The first authorization goes through the hosted passkey page.
  const pkce = pkcePair();
  const interaction = expectRedirect(await browse(target, jar, 'GET', authorizePath(state, pkce.challenge)), 'first authorize');
  const base = new URL(interaction, target.url).pathname;
  const options = await (await browse(target, jar, 'POST', `${base}/options`, { json: {} })).json();
  const verified = await browse(target, jar, 'POST', `${base}/verify`, {
    json: { challenge_id: options.challenge_id, response: passkey.authenticate(options.options) },
  });
  if (verified.status !== 200) throw new Error(`sign-in: ${verified.status} ${await verified.text()}`);
  let next = (await verified.json()).redirect_uri;
  for (let hops = 0; hops < 5 && !next.startsWith(REDIRECT_URI); hops++) {
    next = expectRedirect(await browse(target, jar, 'GET', next), 'resume');
  }
  state.session = jar;
  const tokens = await redeem(state, { code: codeOf(next, 'first authorize'), verifier: pkce.verifier });
  state.accessToken = tokens.access_token;
  // Checked once: the measured requests must be the real thing.
  const info = await fetch(`${target.url}${state.appPath}/userinfo`, { headers: { authorization: `Bearer ${state.accessToken}` } });
  const claims = await info.json();
  if (info.status !== 200 || claims.sub !== person.id || claims.email !== 'bench@example.com') {
    throw new Error(`userinfo: ${info.status} ${JSON.stringify(claims)}`);
  }
  state.codes = [];
  state.issued = 0;
  return state;
}

async function redeem(state, { code, verifier }) {
  const response = await fetch(`${state.target.url}${state.appPath}/token`, codeExchange(state, code, verifier));
  const body = await response.json();
  if (response.status !== 200 || !body.id_token) throw new Error(`code exchange: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const codeExchange = (state, code, verifier) => ({
  method: 'POST',
  headers: { authorization: basicAuth(state.clientId, state.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }).toString(),
});

/**
 * `count` fresh codes of the signed-in person, `concurrency` authorizations at a time: each is one
 * GET /authorize that the provider's session answers with a redirect carrying the code. Each comes
 * from an address of its own in X-Forwarded-For (the bench's yonder trusts loopback as its proxy),
 * as many people signing in would, so /authorize's per-address limit counts them apart. Codes live
 * 60 s: they are made just before the run that redeems them. Answers the codes per second.
 */
export async function mintCodes(state, count, concurrency = 8) {
  state.codes = [];
  state.issued = 0;
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const address = `198.18.${(n >> 8) & 255}.${n & 255}`;
      const pkce = pkcePair();
      const response = await browse(state.target, state.session.copy(), 'GET', authorizePath(state, pkce.challenge), { address });
      state.codes.push({ code: codeOf(expectRedirect(response, 'authorize'), 'authorize'), verifier: pkce.verifier });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((Date.now() - started) / 1000);
}

/** The next minted code's exchange; past the last, a repeat (refused, and counted as not 2xx). */
export function codeExchangeRequest(state) {
  return {
    method: 'POST',
    path: `${state.appPath}/token`,
    setupRequest: (req) => {
      const { code, verifier } = state.codes[state.issued++ % state.codes.length];
      const { headers, body } = codeExchange(state, code, verifier);
      return { ...req, headers: { ...req.headers, ...headers }, body };
    },
  };
}

export function userinfoRequest(state) {
  return { method: 'GET', path: `${state.appPath}/userinfo`, headers: { authorization: `Bearer ${state.accessToken}` } };
}
