import { calculateJwkThumbprint, type JWK } from 'jose';
import { decodeCredentialPublicKey, isoBase64URL } from '@simplewebauthn/server/helpers';

const b64u = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));

/** COSE labels (RFC 9053): common ones, then the per-type ones (which reuse negative numbers). */
const KTY = 1;
const ALG = 3;
const CRV = -1;
const X = -2;
const Y = -3;
const N = -1;
const E = -2;
const EC2 = 2;
const RSA = 3;
const OKP = 1;

/**
 * The credential's COSE public key (RFC 9053) as a JWK (RFC 7517): EC2 P-256/384/521, RSA and
 * Ed25519, the key types WebAuthn authenticators make. Anything else is refused at registration.
 */
export function coseToJwk(publicKey: Uint8Array): JWK {
  const key = decodeCredentialPublicKey(new Uint8Array(publicKey)) as unknown as Map<number, unknown>;
  const kty = key.get(KTY);
  const alg = key.get(ALG);
  if (kty === EC2) {
    const crv = key.get(CRV);
    const x = key.get(X) as Uint8Array | undefined;
    const y = key.get(Y) as Uint8Array | undefined;
    const names: Record<number, string> = { 1: 'P-256', 2: 'P-384', 3: 'P-521' };
    const algs: Record<number, string> = { [-7]: 'ES256', [-35]: 'ES384', [-36]: 'ES512' };
    if (typeof crv !== 'number' || !names[crv] || !x || !y) throw new Error('unsupported EC2 key');
    return { kty: 'EC', crv: names[crv], x: b64u(x), y: b64u(y), ...(typeof alg === 'number' && algs[alg] ? { alg: algs[alg] } : {}) };
  }
  if (kty === RSA) {
    const n = key.get(N) as Uint8Array | undefined;
    const e = key.get(E) as Uint8Array | undefined;
    const algs: Record<number, string> = { [-257]: 'RS256', [-258]: 'RS384', [-259]: 'RS512', [-37]: 'PS256', [-38]: 'PS384', [-39]: 'PS512' };
    if (!n || !e) throw new Error('unsupported RSA key');
    return { kty: 'RSA', n: b64u(n), e: b64u(e), ...(typeof alg === 'number' && algs[alg] ? { alg: algs[alg] } : {}) };
  }
  if (kty === OKP) {
    const crv = key.get(CRV);
    const x = key.get(X) as Uint8Array | undefined;
    if (crv !== 6 || !x) throw new Error('unsupported OKP key');
    return { kty: 'OKP', crv: 'Ed25519', x: b64u(x), alg: 'EdDSA' };
  }
  throw new Error('unsupported COSE key type');
}

/** `jwk_json` and `jwk_thumbprint` (RFC 7638, SHA-256, base64url) of a COSE public key. */
export async function jwkFields(publicKey: Uint8Array): Promise<{ jwk_json: string; jwk_thumbprint: string }> {
  const jwk = coseToJwk(publicKey);
  return { jwk_json: JSON.stringify(jwk), jwk_thumbprint: await calculateJwkThumbprint(jwk, 'sha256') };
}
