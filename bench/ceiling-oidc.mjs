// Ceiling: a bare OpenID Connect token endpoint (authorization code) and userinfo, doing the
// essential work of each and nothing of yonder's own.
//
// POST /token: HTTP Basic and the SHA-256 of the secret compared in constant time (as
// ceiling-token.mjs), the form parsed, the redirect URI and the PKCE verifier (SHA-256) checked, the
// code consumed in one better-sqlite3 write (its primary key makes it single-use), the person's row
// read, and two RS256 (2048-bit) JWTs signed off the event loop: the access token and the ID token
// that a `self_contained` application's code exchange answers. What it leaves out is yonder's: the
// provider's code, grant and session records, the policy decision, the token record and its event.
//
// GET /userinfo: the bearer JWT's RS256 signature verified off the event loop and its expiry checked,
// its record read (one better-sqlite3 read, by jti, live), the person's row read, the claims
// answered. What it leaves out: the application and its authenticator config read afresh, the
// policy decision.
//
// It prints `token <jwt>` (a live access token of its own, for the userinfo requests) before `ready`.
import { createHash, generateKeyPairSync, randomUUID, sign, timingSafeEqual, verify } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { sendJson } from './ceiling-identity.mjs';

const clientId = process.env.CLIENT_ID;
const storedHash = Buffer.from(process.env.CLIENT_SECRET_SHA256, 'hex');
const redirectUri = process.env.REDIRECT_URI;
const challenge = process.env.CODE_CHALLENGE;
const issuer = 'http://127.0.0.1/ceiling';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomUUID().slice(0, 16);
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'RS256', kid, typ: 'JWT' });

const db = new Database(process.env.SQLITE_PATH);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('create table if not exists codes_used (code text primary key, used_at text not null)');
db.exec('create table if not exists tokens (jti text primary key, subject text not null, revoked integer not null, expires_at integer not null)');
db.exec('create table if not exists people (id text primary key, username text, email text, given_name text, family_name text, updated_at text)');
const person = { id: 'ceilingperson0001', username: 'bench-person', email: 'bench@example.com', given_name: 'Bench', family_name: 'Person' };
db.prepare('insert or replace into people values (?, ?, ?, ?, ?, ?)').run(
  person.id,
  person.username,
  person.email,
  person.given_name,
  person.family_name,
  new Date().toISOString(),
);
const consume = db.prepare('insert into codes_used values (?, ?)');
const readPerson = db.prepare('select * from people where id = ?');
const readToken = db.prepare('select * from tokens where jti = ? and revoked = 0 and expires_at > ?');

function claimsOf(row) {
  return {
    sub: row.id,
    name: row.username,
    given_name: row.given_name,
    family_name: row.family_name,
    preferred_username: row.username,
    updated_at: Math.floor(Date.parse(row.updated_at) / 1000),
    email: row.email,
  };
}

function signJwt(payload) {
  const input = `${header}.${b64(payload)}`;
  return new Promise((resolve, reject) =>
    sign('sha256', Buffer.from(input), privateKey, (error, signature) =>
      error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`),
    ),
  );
}

/** An access token shaped as yonder's for an `oidc` application (Beyond Identity's claims). */
function accessClaims(iat) {
  return {
    iss: issuer,
    sub: person.id,
    aud: [clientId],
    azp: 'tenants/t/realms/r/applications/a',
    bi_t: 't',
    bi_r: 'r',
    bi_p: `tenants/t/realms/r/identities/${person.id}`,
    bi_ty: 'authorization_code',
    scope: '',
    iat,
    exp: iat + 86400,
    jti: randomUUID(),
  };
}

async function token(req, res, body) {
  const decoded = Buffer.from((req.headers.authorization ?? '').slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return sendJson(res, 401, { error: 'invalid_client' });
  const presented = createHash('sha256')
    .update(decodeURIComponent(decoded.slice(colon + 1)), 'utf8')
    .digest();
  if (decodeURIComponent(decoded.slice(0, colon)) !== clientId || !timingSafeEqual(presented, storedHash)) {
    return sendJson(res, 401, { error: 'invalid_client' });
  }
  const form = new URLSearchParams(body);
  const verifier = createHash('sha256')
    .update(form.get('code_verifier') ?? '')
    .digest('base64url');
  if (form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== redirectUri || verifier !== challenge) {
    return sendJson(res, 400, { error: 'invalid_grant' });
  }
  try {
    consume.run(form.get('code'), new Date().toISOString());
  } catch {
    return sendJson(res, 400, { error: 'invalid_grant' });
  }
  const row = readPerson.get(person.id);
  const iat = Math.floor(Date.now() / 1000);
  const [accessToken, idToken] = await Promise.all([
    signJwt(accessClaims(iat)),
    signJwt({
      ...claimsOf(row),
      iss: issuer,
      aud: clientId,
      iat,
      exp: iat + 3600,
      auth_time: iat,
      nonce: form.get('nonce') ?? 'n',
      amr: ['hwk', 'user'],
      sid: randomUUID(),
    }),
  ]);
  res.setHeader('cache-control', 'no-store');
  sendJson(res, 200, { access_token: accessToken, expires_in: 86400, id_token: idToken, scope: 'openid profile email', token_type: 'Bearer' });
}

function userinfo(req, res) {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  const parts = match ? match[1].split('.') : [];
  if (parts.length !== 3) return sendJson(res, 401, { error: 'invalid_token' });
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  verify('sha256', signed, publicKey, Buffer.from(parts[2], 'base64url'), (error, ok) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = ok && !error ? JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) : null;
    const record = claims && claims.exp > now ? readToken.get(claims.jti, now) : undefined;
    if (!record) return sendJson(res, 401, { error: 'invalid_token' });
    res.setHeader('cache-control', 'no-store');
    sendJson(res, 200, claimsOf(readPerson.get(record.subject)));
  });
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.method === 'POST' && req.url.endsWith('/token')) return token(req, res, body).catch(() => sendJson(res, 500, { error: 'server_error' }));
    if (req.url.endsWith('/userinfo')) return userinfo(req, res);
    sendJson(res, 404, { error: 'not_found' });
  });
});

// The live access token the userinfo requests present, on record as yonder's are.
const iat = Math.floor(Date.now() / 1000);
const issued = accessClaims(iat);
db.prepare('insert into tokens values (?, ?, 0, ?)').run(issued.jti, person.id, issued.exp);
const accessToken = await signJwt(issued);
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(`token ${accessToken}\nready\n`));
