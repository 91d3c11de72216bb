import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { enrollThrough, mintConsoleToken, signInWith } from '../support/console.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';

/** Every reply that carries a secret says `Cache-Control: no-store`: no browser or proxy keeps it. */
describeApi('replies carrying a secret are not stored', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const expectNoStore = (reply: Reply, secret: unknown) => {
    expect(reply.status, reply.text).toBe(200);
    expect(typeof secret === 'string' && secret.length > 0).toBe(true);
    expect(reply.headers['cache-control']).toBe('no-store');
  };

  it('POST .../applications (client_secret) and :rotateSecret', async () => {
    const robot = await createClientApplication(y);
    const created = await y.request('POST', y.realmPath('/applications'), {
      body: {
        application: {
          display_name: 'Another',
          resource_server_id: robot.resourceServerId,
          protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: ['pets:read'] },
        },
      },
    });
    expectNoStore(created, created.body?.protocol_config?.client_secret);
    const rotated = await y.request('POST', `${robot.path}:rotateSecret`);
    expectNoStore(rotated, rotated.body?.protocol_config?.client_secret);
  });

  it('the token endpoint and POST .../tokens (access_token)', async () => {
    const robot = await createClientApplication(y);
    const issued = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    expectNoStore(issued, issued.body?.access_token);
    const management = y.bootstrap.managementClient!;
    const named = await y.request('POST', y.realmPath(`/applications/${management.applicationId}/tokens`, y.adminRealmId), {
      body: { token: { display_name: 'script', scopes: ['realms:read'] } },
    });
    expectNoStore(named, named.body?.access_token);
  });

  it('POST .../credential-binding-jobs with RETURN (the binding link)', async () => {
    const identity = await y.createIdentity('linked');
    const job = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    expectNoStore(job, job.body?.credential_binding_link);
  });

  it('POST /console/api/token (the console token)', async () => {
    const config = await y.request('GET', '/console/api/config', { token: null });
    const { passkey } = await enrollThrough(y, y.bootstrap.consoleLink ?? '');
    const cookie = await signInWith(y, passkey, y.adminRealmId, config.body.console_application_id);
    const minted = await mintConsoleToken(y, cookie);
    expectNoStore(minted, minted.body?.access_token);
  });
});
