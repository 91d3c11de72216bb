import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';

/**
 * A client secret is shown in the reply that issued it and, to a token holding
 * `applications:read-secrets` only, in reads (applications.read-secrets.test.ts). Anyone else gets a
 * new one by `POST .../applications/{id}:rotateSecret` (the same service as `yonder app credentials`).
 */
describeApi('applications: client secrets are shown once and replaced by :rotateSecret', () => {
  let y: TestYonder;
  let robot: Awaited<ReturnType<typeof createClientApplication>>;

  beforeAll(async () => {
    y = await TestYonder.start();
    robot = await createClientApplication(y);
  });
  afterAll(async () => y?.close());

  const grant = (clientId: string, secret: string, path = robot.path) =>
    postForm(y, `${path}/token`, { grant_type: 'client_credentials' }, basicAuth(clientId, secret));

  it('reads never include client_secret for a token without applications:read-secrets, even one holding every other scope', async () => {
    const reader = await y.mintToken(MANAGEMENT_SCOPES.filter((scope) => scope !== 'applications:read-secrets'));
    const one = await y.request('GET', robot.path, { token: reader });
    expect(one.status).toBe(200);
    expect(one.body.protocol_config.client_id).toBe(robot.clientId);
    expect(one.body.protocol_config).not.toHaveProperty('client_secret');
    const list = await y.request('GET', y.realmPath('/applications'), { token: reader });
    for (const app of list.body.applications) expect(app.protocol_config).not.toHaveProperty('client_secret');
  });

  it('POST :rotateSecret answers the application with a new secret once; the old one stops working at once', async () => {
    expect((await grant(robot.clientId, robot.clientSecret)).status).toBe(200);
    const rotated = await y.request('POST', `${robot.path}:rotateSecret`);
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body).toMatchObject({ id: robot.id, protocol_config: { client_id: robot.clientId } });
    const secret = rotated.body.protocol_config.client_secret as string;
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(secret).not.toBe(robot.clientSecret);
    expect((await grant(robot.clientId, robot.clientSecret)).status).toBe(401);
    expect((await grant(robot.clientId, secret)).status).toBe(200);
    const reader = await y.mintToken(['applications:read']);
    expect((await y.request('GET', robot.path, { token: reader })).body.protocol_config).not.toHaveProperty('client_secret');
  });

  it('the managed Management API application can be rotated too (PATCH cannot change it)', async () => {
    const management = y.bootstrap.managementClient!;
    const path = y.realmPath(`/applications/${management.applicationId}`, y.adminRealmId);
    const rotated = await y.request('POST', `${path}:rotateSecret`);
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.is_managed).toBe(true);
    expect((await grant(management.clientId, management.clientSecret, path)).status).toBe(401);
    expect((await grant(management.clientId, rotated.body.protocol_config.client_secret, path)).status).toBe(200);
  });

  it('needs applications:update, and finds applications of the realm only', async () => {
    const reader = await y.mintToken(['applications:read']);
    expect((await y.request('POST', `${robot.path}:rotateSecret`, { token: reader })).status).toBe(403);
    const updater = await y.mintToken(['applications:update']);
    expect((await y.request('POST', `${robot.path}:rotateSecret`, { token: updater })).status).toBe(200);
    const elsewhere = y.realmPath(`/applications/${robot.id}:rotateSecret`, y.adminRealmId);
    const missing = await y.request('POST', elsewhere);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    expect((await y.request('POST', y.realmPath('/applications/nope:rotateSecret'))).status).toBe(404);
  });

  it('a public client has no secret to rotate: 409', async () => {
    const spa = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { display_name: 'SPA', protocol_config: { type: 'oidc', confidentiality: 'public' } } },
    });
    expect(spa.status, spa.text).toBe(200);
    expect(spa.body.protocol_config).not.toHaveProperty('client_secret');
    const refused = await y.request('POST', y.realmPath(`/applications/${spa.body.id}:rotateSecret`));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
  });
});
