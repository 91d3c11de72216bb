import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JWK, SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isSealed, parseMasterKey, unseal } from '../../src/domain/access/sealed-secret.js';
import { TestYonder, type TestDatabase, describeApi, engine } from '../support/harness.js';
import { TEST_MASTER_KEY } from '../support/master-key.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { dumpDatabase } from '../support/raw-database.js';

/** Every private JWK (one with `d`) anywhere in a dump: in a column, or as JSON text inside one. */
function privateJwksIn(dump: string): JWK[] {
  const found: JWK[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('{')) {
      try {
        visit(JSON.parse(value));
      } catch {
        // not JSON
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      if ('d' in value && 'kty' in value) found.push(value as JWK);
      else Object.values(value).forEach(visit);
    }
  };
  for (const line of dump.split('\n')) if (line.startsWith('[')) visit(JSON.parse(line));
  return found;
}

/** An empty SQLite store under a data directory yonder has to create, and how to remove it. */
function nestedSqliteDatabase(): TestDatabase & { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'yonder-modes-'));
  const file = join(root, 'data', 'yonder.db');
  return { root, file, databaseUrl: `sqlite:${file}`, drop: async () => rmSync(root, { recursive: true, force: true }) };
}

const mode = (path: string) => statSync(path).mode & 0o777;

describeApi('secrets at rest', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('the database holds no access token in clear, not even its signature', async () => {
    const minted = [y.token, await y.mintToken(['identities:read']), await y.mintToken(['realms:read'], { realmId: y.realmId })];
    await y.createIdentity('someone');
    const dump = await dumpDatabase(y.databaseLocation);
    expect(dump.length).toBeGreaterThan(1000);
    for (const token of minted) {
      const [, payload, signature] = token.split('.');
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(signature);
      expect(dump).not.toContain(payload);
    }
  });

  it('the database holds no client secret, and its hash does not authenticate', async () => {
    const management = y.bootstrap.managementClient!;
    const robot = await createClientApplication(y);
    const issued = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    expect(issued.status).toBe(200);
    const dump = await dumpDatabase(y.databaseLocation);
    for (const secret of [management.clientSecret, robot.clientSecret]) {
      expect(secret.length).toBeGreaterThanOrEqual(43);
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret, 'base64url').toString('hex'));
      expect(dump).not.toContain(Buffer.from(secret, 'base64url').toString('base64'));
    }
    expect(dump).not.toContain(issued.body.access_token.split('.')[2]);
    // What a copy does hold (the hash) is refused as a secret.
    const hash = /"client_secret_hash":"([0-9a-f]{64})"/.exec(dump)?.[1];
    expect(hash).toBeDefined();
    const withHash = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, hash!));
    expect(withHash.status).toBe(401);
  });

  it('a copy of the database holds no usable private key: a token signed with each key found in it is refused', async () => {
    const dump = await dumpDatabase(y.databaseLocation);
    const keys = privateJwksIn(dump);
    // The admin token's own claims and key id, re-signed: were any key in the copy, this would pass.
    const { kid } = decodeProtectedHeader(y.token);
    for (const jwk of keys) {
      const forged = await new SignJWT(decodeJwt(y.token))
        .setProtectedHeader({ alg: 'RS256', kid: kid!, typ: 'JWT' })
        .sign(await importJWK(jwk, 'RS256'));
      expect((await y.request('GET', y.realmPath(), { token: forged })).status).toBe(401);
    }
    expect(keys).toEqual([]);
    expect(dump).toMatch(/ysealed:v1:/);
  });

  it("a copy's other key material forges nothing: HS256 with each stored value or the public key, alg none, a key of one's own in the header", async () => {
    const dump = await dumpDatabase(y.databaseLocation);
    const claims = decodeJwt(y.token);
    const { kid } = decodeProtectedHeader(y.token);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // Every string the copy holds (sealed values, hashes, public keys, ids) as an HMAC key, and the public JWK's text.
    const values = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && value.length >= 16) values.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
    };
    for (const line of dump.split('\n')) if (line.startsWith('[')) collect(JSON.parse(line));
    expect(values.size).toBeGreaterThan(10);
    const forgeries: string[] = [];
    for (const value of values) {
      const key = new TextEncoder().encode(value);
      forgeries.push(await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: kid!, typ: 'JWT' }).sign(key));
    }
    forgeries.push(`${b64({ alg: 'none', kid, typ: 'JWT' })}.${b64(claims)}.`);
    const own = await generateKeyPair('RS256', { extractable: true });
    const ownJwk = await exportJWK(own.publicKey);
    forgeries.push(await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: kid!, jwk: ownJwk, typ: 'JWT' }).sign(own.privateKey));
    forgeries.push(await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'attacker', jwk: ownJwk, typ: 'JWT' }).sign(own.privateKey));
    const statuses = new Set<number>();
    for (const forged of forgeries) statuses.add((await y.request('GET', y.realmPath(), { token: forged })).status);
    expect([...statuses]).toEqual([401]);
    // The real token, with those same claims, is accepted: the refusals are the signatures'.
    expect((await y.request('GET', y.realmPath(), { token: y.token })).status).toBe(200);
  });

  it('a yonder started on the database without its master key refuses to start, naming the key', async () => {
    const otherKey = randomBytes(32).toString('base64');
    const keep: TestDatabase = { ...y.databaseLocation, drop: async () => {} };
    await expect(TestYonder.start(keep, { config: { masterKey: otherKey } })).rejects.toThrow(/sealed with master key [0-9a-f]{16}/);
  });

  it('private keys and server secrets an older yonder stored in clear are sealed on start and keep working', async () => {
    const master = parseMasterKey(TEST_MASTER_KEY, 'test key');
    // Put the store back as an older yonder left it: the same keys, in clear.
    for (const key of await y.yonder.store.secrets.signingKeys()) {
      await y.yonder.store.secrets.replacePrivateJwk(key.kid, key.private_jwk, unseal(master, key.private_jwk, `signing_keys:${key.kid}`));
    }
    for (const secret of await y.yonder.store.secrets.serverSecrets()) {
      await y.yonder.store.secrets.replaceServerSecret(secret.name, secret.value, unseal(master, secret.value, `server_secrets:${secret.name}`));
    }
    expect(privateJwksIn(await dumpDatabase(y.databaseLocation))).not.toEqual([]);
    const restarted = await TestYonder.start({ ...y.databaseLocation, drop: async () => {} });
    try {
      expect(privateJwksIn(await dumpDatabase(y.databaseLocation))).toEqual([]);
      for (const key of await restarted.yonder.store.secrets.signingKeys()) expect(isSealed(key.private_jwk)).toBe(true);
      for (const secret of await restarted.yonder.store.secrets.serverSecrets()) expect(isSealed(secret.value)).toBe(true);
      expect((await restarted.request('GET', restarted.realmPath(), { token: y.token })).status).toBe(200);
      expect(restarted.yonder.pageTokenKey.equals(y.yonder.pageTokenKey)).toBe(true);
    } finally {
      await restarted.stop();
    }
  });
});

describeApi('the data directory and the master key file', () => {
  it.skipIf(engine === 'postgres')(
    'the data directory is created 0700, the database and its -wal and -shm files 0600, the key file 0600 beside the directory',
    async () => {
      const database = nestedSqliteDatabase();
      const first = await TestYonder.start(database, { config: { masterKey: null } });
      try {
        await first.createIdentity('someone');
        expect(mode(join(database.root, 'data'))).toBe(0o700);
        for (const file of [database.file, `${database.file}-wal`, `${database.file}-shm`]) expect(mode(file)).toBe(0o600);
        const keyFile = join(database.root, 'yonder-master.key');
        expect(existsSync(keyFile)).toBe(true);
        expect(mode(keyFile)).toBe(0o600);
        await first.stop();
        // The next start reads the same key from the file, so the store's secrets open again.
        const second = await TestYonder.start({ ...database, drop: async () => {} }, { config: { masterKey: null } });
        expect((await second.request('GET', second.realmPath(), { token: first.token })).status).toBe(200);
        await second.stop();
      } finally {
        await database.drop();
      }
    },
  );
});
