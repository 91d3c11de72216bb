import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { adminRealmFixtures } from '../support/management.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { dumpDatabase } from '../support/raw-database.js';

/**
 * Beyond Identity's CLI reads the Management API application's secret from the application list
 * with a token holding `applications:read-secrets`. yonder keeps new client secrets sealed (as well
 * as hashed) and shows them to such a token only, auditing every read; `CLIENT_SECRETS=hashed`
 * keeps hashes alone, and then no read can show one.
 */
describeApi('applications: client secrets read with applications:read-secrets', () => {
  let y: TestYonder;
  let robot: Awaited<ReturnType<typeof createClientApplication>>;
  beforeAll(async () => {
    y = await TestYonder.start();
    robot = await createClientApplication(y);
  });
  afterAll(async () => y?.close());

  const secretReads = async (resourceId: string, realmId = y.realmId) => {
    const reply = await y.request('GET', y.realmPath(`/events?resource_id=${resourceId}`, realmId));
    return (reply.body.events as { type: string; actor: { type: string } }[]).filter((event) => event.type === 'application.secret_read');
  };

  it('a token holding applications:read-secrets reads the secret in GET and in the list, each read audited', async () => {
    const reader = await y.mintToken(['applications:read', 'applications:read-secrets']);
    const one = await y.request('GET', robot.path, { token: reader });
    expect(one.status).toBe(200);
    expect(one.body.protocol_config.client_secret).toBe(robot.clientSecret);
    expect(one.headers['cache-control']).toBe('no-store');
    const list = await y.request('GET', y.realmPath('/applications'), { token: reader });
    const listed = list.body.applications.find((app: { id: string }) => app.id === robot.id);
    expect(listed.protocol_config.client_secret).toBe(robot.clientSecret);
    const reads = await secretReads(robot.id);
    expect(reads).toHaveLength(2);
    expect(reads[0]?.actor.type).toBe('token');
    expect(JSON.stringify(reads)).not.toContain(robot.clientSecret);
  });

  it('no other token sees a secret, and its reads record nothing', async () => {
    const before = (await secretReads(robot.id)).length;
    const plain = await y.mintToken(['applications:read']);
    expect((await y.request('GET', robot.path, { token: plain })).body.protocol_config).not.toHaveProperty('client_secret');
    const list = await y.request('GET', y.realmPath('/applications'), { token: plain });
    for (const app of list.body.applications) expect(app.protocol_config).not.toHaveProperty('client_secret');
    expect(await secretReads(robot.id)).toHaveLength(before);
  });

  it("Beyond Identity's CLI flow: the Management API application's own token reads its secret from the list", async () => {
    const management = y.bootstrap.managementClient!;
    const managementToken = async (scope?: string) => {
      const issued = await postForm(
        y,
        y.realmPath(`/applications/${management.applicationId}/token`, y.adminRealmId),
        { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
        basicAuth(management.clientId, management.clientSecret),
      );
      expect(issued.status, issued.text).toBe(200);
      return issued.body.access_token as string;
    };
    const managementApp = async (token: string) => {
      const list = await y.request('GET', y.realmPath('/applications', y.adminRealmId), { token });
      return list.body.applications.find((a: { classification?: string }) => a.classification === 'management_api');
    };
    expect((await managementApp(await managementToken())).protocol_config).toMatchObject({
      client_id: management.clientId,
      client_secret: management.clientSecret,
    });
    // A token narrowed to these two scopes holds less than the secret gives (every management scope): not shown.
    const narrowed = await managementApp(await managementToken('applications:read applications:read-secrets'));
    expect(narrowed.protocol_config).not.toHaveProperty('client_secret');
  });

  it('a rotated secret is the one shown; the old one is gone', async () => {
    const rotated = await y.request('POST', `${robot.path}:rotateSecret`);
    const reader = await y.mintToken(['applications:read', 'applications:read-secrets']);
    const read = await y.request('GET', robot.path, { token: reader });
    expect(read.body.protocol_config.client_secret).toBe(rotated.body.protocol_config.client_secret);
    robot = { ...robot, clientSecret: rotated.body.protocol_config.client_secret };
  });

  it('applications:read-secrets is granted like any other scope: a caller without it cannot put it in allowed_scopes', async () => {
    const { managementServer } = await adminRealmFixtures(y);
    const creator = await y.mintToken(['applications:create', 'applications:read']);
    const refused = await y.request('POST', y.realmPath('/applications', y.adminRealmId), {
      token: creator,
      body: {
        application: {
          display_name: 'Secret reader',
          resource_server_id: managementServer,
          protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: ['applications:read', 'applications:read-secrets'] },
        },
      },
    });
    expect(refused.status, refused.text).toBe(403);
  });
});

describeApi('applications: CLIENT_SECRETS=hashed keeps hashes alone', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start(undefined, { config: { clientSecrets: 'hashed' } });
  });
  afterAll(async () => y?.close());

  it('no read shows a secret, even to applications:read-secrets, and the database holds none sealed', async () => {
    const robot = await createClientApplication(y);
    const reader = await y.mintToken(['applications:read', 'applications:read-secrets']);
    expect((await y.request('GET', robot.path, { token: reader })).body.protocol_config).not.toHaveProperty('client_secret');
    const dump = await dumpDatabase(y.databaseLocation);
    expect(dump).toMatch(/"client_secret_hash":"[0-9a-f]{64}"/);
    expect(dump).not.toMatch(/"client_secret_sealed":"ysealed/);
    const issued = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    expect(issued.status).toBe(200);
  });
});
