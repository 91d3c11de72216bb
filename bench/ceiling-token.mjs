// Ceiling: a bare client-credentials token endpoint. Parses HTTP Basic and the form body, compares
// the SHA-256 of the presented secret with the stored hash in constant time, and signs an RS256
// JWT with a 2048-bit key, as yonder does (src/platform/tokens/token-service.ts). The signature runs on libuv's
// thread pool (node:crypto's callback form), like the WebCrypto signing yonder's JWT library uses.
// What it leaves out is yonder's own work: the application and tenant reads, the rate-limit
// check, and the token record and its audit event.
import { createHash, generateKeyPairSync, randomUUID, sign, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const clientId = process.env.CLIENT_ID;
const storedHash = Buffer.from(process.env.CLIENT_SECRET_SHA256, 'hex');
const scope = process.env.TOKEN_SCOPE ?? 'identities:read';
const issuer = process.env.TOKEN_ISSUER ?? 'http://127.0.0.1/ceiling';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomUUID().slice(0, 16);
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'RS256', kid, typ: 'JWT' });

function fail(res, status, error) {
  const text = JSON.stringify({ error });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const auth = req.headers.authorization ?? '';
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return fail(res, 401, 'invalid_client');
    const id = decodeURIComponent(decoded.slice(0, colon));
    const presented = createHash('sha256')
      .update(decodeURIComponent(decoded.slice(colon + 1)), 'utf8')
      .digest();
    if (id !== clientId || !timingSafeEqual(presented, storedHash)) return fail(res, 401, 'invalid_client');
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') return fail(res, 400, 'unsupported_grant_type');
    const iat = Math.floor(Date.now() / 1000);
    const payload = b64({ bi_t: 'ceiling', scope, iss: issuer, sub: clientId, aud: ['beyondidentity'], iat, exp: iat + 3600, jti: randomUUID() });
    const input = `${header}.${payload}`;
    sign('sha256', Buffer.from(input), privateKey, (error, signature) => {
      if (error) return fail(res, 500, 'server_error');
      const text = JSON.stringify({ access_token: `${input}.${signature.toString('base64url')}`, token_type: 'Bearer', expires_in: 3600, scope });
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
        pragma: 'no-cache',
      });
      res.end(text);
    });
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
