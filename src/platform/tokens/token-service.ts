import { createHash } from 'node:crypto';
import {
  type JWK,
  type JWTPayload,
  SignJWT,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { liveTokenScopes } from '../../domain/access/application.js';
import { InvalidToken, unauthorized } from '../../domain/errors.js';
import { newUuid } from '../../domain/ids.js';
import { Observers } from '../../domain/observers.js';
import type { TenantRecord } from '../../domain/directory/tenancy.js';
import { type MasterKey, seal, unseal } from '../../domain/access/sealed-secret.js';
import { SIGNING_KEY_REFRESH_SECONDS, retiredKeyCutoff, retiredKeyLeavesAt, signingKeyOf } from '../../domain/access/signing-keys.js';
import { addSeconds, nowTimestamp } from '../../domain/time.js';
import type { Repositories, Store } from '../../store/index.js';
import type { SigningKeyRecord } from '../../store/access/secrets.js';
import type { TokenRecord, TokenRecordWithIssuer } from '../../store/access/tokens.js';
import { privateJwkContext } from '../secrets/sealed-secrets.js';

/** The audience of management tokens, as Beyond Identity names its management resource server. */
export const MANAGEMENT_AUDIENCE = 'beyondidentity';
const ALGORITHM = 'RS256';
/** Keys are read again for the JWKS, or for a token naming an unknown kid, at most this often. */
const JWKS_REFRESH_SECONDS = 5;

/** What a rotation did: the new key, the keys it retired and when they leave, the keys deleted. */
export interface KeyRotation {
  kid: string;
  retired: { kid: string; leavesAt: string }[];
  deleted: string[];
}

/** Who is calling, as proven by a verified token that is still on record. */
export interface Principal {
  tenantId: string;
  /** Set when the token may only act inside one realm. */
  realmId: string | null;
  scopes: ReadonlySet<string>;
  subject: string;
  jti: string;
  /** The application that issued the token (null only for records older than that column). */
  applicationId: string | null;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Set for a console token: the person signed in to the Admin Console it acts for. */
  console?: ConsolePrincipal;
}

/** Who a console token acts for, as its session and the admin realm's policy still say. */
export interface ConsolePrincipal {
  identityId: string;
  realmId: string;
  /** The session's public id (never the cookie or its hash). */
  sessionId: string;
}

/**
 * Decides, on each verification, whether a console token's session still lets it act: answers who
 * it acts for, or throws (`unauthorized`, `forbidden`). Installed by `openYonder`.
 */
export type ConsoleTokenGuard = (record: TokenRecord & { session_hash: string }) => Promise<ConsolePrincipal>;

export interface MintRequest {
  tenant: TenantRecord;
  scopes: readonly string[];
  ttlSeconds: number;
  displayName: string;
  realmId?: string;
  /**
   * The issuing application, when it is not the tenant's management application: its id and realm
   * name the issuer, its resource server's identifier is the audience, `subject` the `sub`.
   */
  issuer?: { applicationId: string; realmId: string; audience: string; subject: string };
  /**
   * A console token: tied to the hosted sign-in session stored under `hash` (kept in the token's
   * record, never in the token) and marked with the `yonder_console` claim carrying its public `id`.
   */
  session?: { hash: string; id: string };
}

/** What signed a token: the Admin Console's session, or an API client (an application, or the CLI). */
export type IssuedTokenKind = 'console' | 'api';

export interface MintedToken {
  token: string;
  record: TokenRecord;
}

interface LoadedKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof importJWK>>;
  publicKey: Awaited<ReturnType<typeof importJWK>>;
  publicJwk: JWK;
}

/**
 * How long a verified token is taken on trust without checking its signature and record again.
 * A revocation made by another process reaches this one within this time; one made through
 * `revoke` here takes effect at once.
 */
export const VERIFIED_TOKEN_TTL_MS = 1000;
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Signs and verifies yonder's RS256 access tokens. The keys live in the store so every process
 * signs and verifies alike, their private halves sealed with the master key; the first process to
 * start generates one, and `rotate` adds the next. Verification is the signature, the issuer, and
 * a lookup of the token's record, so a revoked or deleted token stops working on every process
 * within a second (the verified-token cache keeps an answer at most that long).
 */
export class TokenService {
  private keys = new Map<string, LoadedKey>();
  private signingKid = '';
  private lastReload = 0;
  private refreshing: Promise<void> | null = null;
  /**
   * Token text → its principal, for at most VERIFIED_TOKEN_TTL_MS. Keyed by the whole token, so a
   * hit is the very string whose signature was checked; the RSA check and the store round trip
   * are what a busy client would otherwise pay on every request.
   */
  private verified = new Map<string, { principal: Principal; until: number }>();
  /** Told of every token signed (the metrics count them). */
  readonly issued = new Observers<IssuedTokenKind>();
  private consoleGuard: ConsoleTokenGuard = async () => {
    throw unauthorized();
  };

  constructor(
    private readonly store: Store,
    private readonly publicUrl: string,
    /** Seals private keys in the store: the database alone holds no key that signs. */
    private readonly masterKey: MasterKey,
  ) {}

  /** Console tokens are refused until a guard is installed; `openYonder` installs the real one. */
  guardConsoleTokens(guard: ConsoleTokenGuard): void {
    this.consoleGuard = guard;
  }

  async init(): Promise<void> {
    if ((await this.store.secrets.signingKeys()).length === 0) await this.store.secrets.insertSigningKey(await this.newKey(nowTimestamp()));
    await this.reloadKeys();
  }

  /** A fresh RS256 key, its private half sealed; its kid is a digest of its public half. */
  private async newKey(now: string): Promise<SigningKeyRecord> {
    const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true, modulusLength: 2048 });
    const publicJwk = await exportJWK(publicKey);
    const kid = createHash('sha256').update(JSON.stringify(publicJwk)).digest('base64url').slice(0, 16);
    return {
      kid,
      alg: ALGORITHM,
      private_jwk: seal(this.masterKey, JSON.stringify(await exportJWK(privateKey)), privateJwkContext(kid)),
      public_jwk: JSON.stringify({ ...publicJwk, kid, alg: ALGORITHM, use: 'sig' }),
      create_time: now,
      retire_time: null,
    };
  }

  /**
   * Adds a key that signs from now on (here at once, on other processes within
   * SIGNING_KEY_REFRESH_SECONDS) and retires the others: they stay in the JWKS and keep verifying
   * until their tokens have expired. Deletes keys whose tokens have all expired.
   */
  async rotate(now: string = nowTimestamp()): Promise<KeyRotation> {
    const key = await this.newKey(now);
    const retired = await this.store.transaction(async (tx) => {
      await tx.secrets.insertSigningKey(key);
      return tx.secrets.retireSigningKeysBut(key.kid, now);
    });
    const deleted = await this.pruneRetiredKeys(now);
    return { kid: key.kid, retired: retired.map((kid) => ({ kid, leavesAt: retiredKeyLeavesAt(now) })), deleted };
  }

  /** Deletes retired keys none of whose tokens can still be unexpired at `now`; answers their kids. */
  async pruneRetiredKeys(now: string = nowTimestamp()): Promise<string[]> {
    const deleted = await this.store.secrets.deleteSigningKeysRetiredBefore(retiredKeyCutoff(now));
    await this.reloadKeys();
    return deleted;
  }

  /** The store's keys, as they are now: retired ones verify, deleted ones are forgotten. */
  private async reloadKeys(): Promise<void> {
    const records = await this.store.secrets.signingKeys();
    const keys = new Map<string, LoadedKey>();
    for (const record of records) {
      const publicJwk = JSON.parse(record.public_jwk) as JWK;
      keys.set(
        record.kid,
        this.keys.get(record.kid) ?? {
          kid: record.kid,
          privateKey: await importJWK(JSON.parse(unseal(this.masterKey, record.private_jwk, privateJwkContext(record.kid))) as JWK, record.alg),
          publicKey: await importJWK(publicJwk, record.alg),
          publicJwk,
        },
      );
    }
    const signer = signingKeyOf(records);
    if (!signer) throw new Error('no signing key in the store');
    // A key gone from the store takes the trust in what it signed with it (a rare event: forget all).
    if ([...this.keys.keys()].some((kid) => !keys.has(kid))) this.verified.clear();
    this.keys = keys;
    this.signingKid = signer.kid;
    this.lastReload = Date.now();
  }

  /** Reads the keys again when they were last read longer ago than `seconds`. */
  private async refreshKeys(seconds: number): Promise<void> {
    if (Date.now() - this.lastReload > seconds * 1000) await this.reloadKeys();
  }

  /**
   * Learns of a rotation made by another process, to sign with its key within a minute. Never
   * awaited where it is called: signing happens inside transactions, and on SQLite a read outside
   * one waits for it to end. Until the read is back, the current key signs.
   */
  private refreshInBackground(): void {
    if (this.refreshing || Date.now() - this.lastReload <= SIGNING_KEY_REFRESH_SECONDS * 1000) return;
    this.refreshing = this.reloadKeys()
      .catch(() => {
        // The store is away (shutting down, a restart): the next signature tries again.
      })
      .finally(() => {
        this.refreshing = null;
      });
  }

  /**
   * The public keys as a JWKS document, retired ones included. Read from the store at most a few
   * seconds before: a key another process just added is published as soon as it may sign.
   */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.refreshKeys(JWKS_REFRESH_SECONDS);
    return { keys: [...this.keys.values()].map((k) => k.publicJwk) };
  }

  /**
   * The key that signs now, private half included, for the OpenID Connect provider: ID tokens and
   * authorization-code access tokens are signed by the same keys as every other token.
   */
  async signingPrivateJwk(): Promise<JWK & { kid: string }> {
    const kid = this.currentKid();
    const record = (await this.store.secrets.signingKeys()).find((k) => k.kid === kid);
    if (!record) throw new Error('the signing key left the store');
    return { ...(JSON.parse(unseal(this.masterKey, record.private_jwk, privateJwkContext(kid))) as JWK), kid, alg: ALGORITHM, use: 'sig' };
  }

  /** The id of the key that signs now (learning of another process's rotation in the background). */
  currentKid(): string {
    this.refreshInBackground();
    return this.signingKid;
  }

  issuerFor(tenant: TenantRecord, realmId = tenant.admin_realm_id, applicationId = tenant.management_application_id): string {
    return this.issuerUrl(tenant.id, realmId, applicationId);
  }

  private issuerUrl(tenantId: string, realmId: string, applicationId: string): string {
    return `${this.issuerPrefix}${tenantId}/realms/${realmId}/applications/${applicationId}`;
  }

  /** Every `iss` this yonder writes starts so: a token of another deployment (another PUBLIC_URL) does not. */
  private get issuerPrefix(): string {
    return `${this.publicUrl}/v1/tenants/`;
  }

  /**
   * The token's `iss` must name the application its record says issued it, at this yonder's
   * PUBLIC_URL. (A token on record before applications were recorded names no application; it must
   * still be this yonder's, of its tenant.)
   */
  private issuedAsRecorded(iss: unknown, tenantId: string, record: TokenRecordWithIssuer): boolean {
    if (typeof iss !== 'string') return false;
    if (record.issuer && record.application_id !== null) return iss === this.issuerUrl(tenantId, record.issuer.realmId, record.application_id);
    return iss.startsWith(`${this.issuerPrefix}${tenantId}/realms/`);
  }

  /** Signs a token and records it through `repos` (pass a transaction's to mint atomically). */
  async mint(repos: Repositories, request: MintRequest): Promise<MintedToken> {
    const minted = await this.sign(request);
    await repos.tokens.insert(minted.record);
    return minted;
  }

  /**
   * Signs a token and returns the record to store, without storing it. Callers that record it in a
   * transaction sign first: the RSA signature takes a millisecond or more, and on SQLite an open
   * transaction holds the one connection every other request is waiting for.
   */
  async sign(request: MintRequest): Promise<MintedToken> {
    this.refreshInBackground();
    const key = this.keys.get(this.signingKid);
    if (!key) throw new Error('token service not initialised');
    const issuedAt = nowTimestamp();
    const jti = newUuid();
    const subject = request.issuer?.subject ?? request.tenant.management_application_id;
    const applicationId = request.issuer?.applicationId ?? request.tenant.management_application_id;
    const claims: JWTPayload = {
      bi_t: request.tenant.id,
      scope: request.scopes.join(' '),
      ...(request.realmId ? { bi_r: request.realmId } : {}),
      ...(request.session ? { yonder_console: { sid: request.session.id } } : {}),
    };
    const iat = Math.floor(Date.parse(issuedAt) / 1000);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setIssuer(this.issuerFor(request.tenant, request.issuer?.realmId, request.issuer?.applicationId))
      .setSubject(subject)
      .setAudience([request.issuer?.audience ?? MANAGEMENT_AUDIENCE])
      .setIssuedAt(iat)
      .setExpirationTime(iat + request.ttlSeconds)
      .setJti(jti)
      .sign(key.privateKey);
    this.issued.notify(request.session ? 'console' : 'api');
    const record: TokenRecord = {
      jti,
      tenant_id: request.tenant.id,
      realm_id: request.realmId ?? null,
      subject,
      display_name: request.displayName,
      scopes: request.scopes.join(' '),
      token_suffix: token.slice(-4),
      issued_at: issuedAt,
      expires_at: addSeconds(issuedAt, request.ttlSeconds),
      revoked_at: null,
      application_id: applicationId,
      session_hash: request.session?.hash ?? null,
    };
    return { token, record };
  }

  /** Throws `unauthorized` for anything but a well-formed, well-signed, unexpired token on record. */
  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.until > now) return hit.principal;
      this.verified.delete(token);
    }
    const principal = await this.verifyOnRecord(token);
    // A console token is checked afresh on every request: someone removed from Administrators
    // loses the console on their very next call, not a second later.
    if (principal.console) return principal;
    if (this.verified.size >= VERIFIED_TOKEN_CACHE_SIZE) {
      // Drop the oldest entry (Maps iterate in insertion order); a flood of distinct valid tokens
      // only costs the cache its use, never memory.
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { principal, until: Math.min(now + VERIFIED_TOKEN_TTL_MS, principal.expiresAt) });
    return principal;
  }

  /** Revokes a token; this process refuses it at once, every other one within a second. */
  async revoke(jti: string, at: string): Promise<boolean> {
    const revoked = await this.store.tokens.revoke(jti, at);
    this.forget(jti);
    return revoked;
  }

  /**
   * Drops what this process trusts of the token `jti`. Call it once a revocation made in a
   * transaction has committed; before that, a request could verify the token anew and trust it.
   */
  forget(jti: string): void {
    for (const [token, entry] of this.verified) if (entry.principal.jti === jti) this.verified.delete(token);
  }

  /**
   * Drops what this process trusts of the tokens an application issued: call it once a change of
   * the application (deleted, scopes taken away) has committed, so it holds here at once.
   */
  forgetApplication(applicationId: string): void {
    for (const [token, entry] of this.verified) if (entry.principal.applicationId === applicationId) this.verified.delete(token);
  }

  private async verifyOnRecord(token: string): Promise<Principal> {
    const payload = await this.verifySignature(token, MANAGEMENT_AUDIENCE);
    const { bi_t: tenantId, jti, scope } = payload;
    if (typeof tenantId !== 'string' || typeof jti !== 'string' || typeof scope !== 'string') {
      throw new InvalidToken('the token lacks the claims of a yonder access token (bi_t, jti, scope)');
    }
    const record = await this.store.tokens.getWithIssuer(jti);
    if (!record || record.tenant_id !== tenantId)
      throw new InvalidToken('the token is not on record here: it was deleted or never issued by this server');
    if (record.revoked_at !== null) throw new InvalidToken('the token has been revoked; get a new one');
    if (Date.parse(record.expires_at) <= Date.now()) throw new InvalidToken('the token has expired; get a new one');
    // A token does not outlive its application, nor carry what the application no longer allows.
    if (record.application_id !== null && record.issuer === null) {
      throw new InvalidToken('the application the token was issued to has been deleted');
    }
    if (!this.issuedAsRecorded(payload.iss, tenantId, record)) {
      throw new InvalidToken(`the token's issuer (iss) is not one of this server's; tokens here are issued under ${this.issuerPrefix}`);
    }
    const issued = record.scopes.split(' ').filter(Boolean);
    const { session_hash: sessionHash } = record;
    // A console token is honoured only while its session lasts and the policy still lets its
    // identity use the console (never cached: see `verify`).
    const acting = sessionHash === null ? undefined : await this.consoleGuard({ ...record, session_hash: sessionHash });
    return {
      tenantId,
      realmId: record.realm_id,
      scopes: new Set(record.issuer ? liveTokenScopes(issued, record.issuer) : issued),
      subject: record.subject,
      jti,
      applicationId: record.application_id,
      expiresAt: Date.parse(record.expires_at),
      ...(acting ? { console: acting } : {}),
    };
  }

  /**
   * The claims of an unexpired token yonder signed, whatever its audience and whether or not it is
   * still on record (revocation and introspection look the record up themselves); null otherwise.
   */
  async signedClaims(token: string): Promise<JWTPayload | null> {
    try {
      return await this.claimsOfSigned(token);
    } catch (error) {
      if (error instanceof InvalidToken) return null;
      throw error;
    }
  }

  /**
   * As `signedClaims`, but throws `InvalidToken` saying why a token is not one yonder signed
   * (malformed, unknown key, altered, expired, another issuer), for endpoints that answer why.
   * A key another node made since this one loaded them is found, as `verify` finds it.
   */
  async claimsOfSigned(token: string): Promise<JWTPayload> {
    const payload = await this.verifySignature(token, undefined);
    if (typeof payload.iss !== 'string' || !payload.iss.startsWith(this.issuerPrefix)) {
      throw new InvalidToken(`the token's issuer (iss) is not one of this server's; tokens here are issued under ${this.issuerPrefix}`);
    }
    return payload;
  }

  /** The payload of a token signed with one of the keys (checked against `audience` when given). */
  private async verifySignature(token: string, audience: string | undefined): Promise<JWTPayload> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new InvalidToken('the token is malformed: it is not a signed JWT (three base64url parts separated by dots)');
    }
    if (typeof kid !== 'string') throw new InvalidToken('the token names no signing key (kid); it was not issued by this server');
    // Another process may have added a key since this one loaded them (a rotation). A made-up key
    // id costs one primary-key lookup, as a made-up jti would; only a key that exists reloads them.
    if (!this.keys.has(kid) && kid.length <= 64 && (await this.store.secrets.hasSigningKey(kid))) await this.reloadKeys();
    const key = this.keys.get(kid);
    if (!key) {
      throw new InvalidToken(
        'the token was signed with a key this server does not have: it was issued by another server, or before the keys were replaced',
      );
    }
    try {
      const { payload } = await jwtVerify(token, key.publicKey, { algorithms: [ALGORITHM], ...(audience ? { audience } : {}) });
      return payload;
    } catch (error) {
      throw new InvalidToken(whyRefused(error));
    }
  }
}

/** jose's verdict on a token, as the reason the caller reads (never jose's own message, which may quote claims). */
function whyRefused(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired; get a new one';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return `the token is not meant for this API: its audience (aud) must be ${MANAGEMENT_AUDIENCE}`;
    if (error.claim === 'nbf') return 'the token is not valid yet (nbf); check the clock of the server that issued it';
    return `the token's ${error.claim} claim is not valid`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'the token signature does not verify: the token was altered or signed elsewhere';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return `the token is signed with an algorithm this server does not accept (only ${ALGORITHM})`;
  return 'the token is malformed: it is not a signed JWT this server can read';
}
