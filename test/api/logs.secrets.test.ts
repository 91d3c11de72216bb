import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { enrollThrough, mintConsoleToken, signInWith } from '../support/console.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';

/**
 * The log at its most talkative (trace, which says all that LOG_LEVEL=debug says and more) as the
 * flows that carry secrets run: a binding link opened and used, the client-credentials grant (Basic
 * and in the body), the console's sign-in, token and sign-out, applications created with a secret,
 * rotated and read back with applications:read-secrets, named tokens, revocation and introspection.
 * No secret appears in any line: not in URLs, headers, cookies or bodies.
 */
describeApi('logs: no secret in any line', () => {
  let y: TestYonder;
  const lines: string[] = [];
  const log = () => lines.join('');

  beforeAll(async () => {
    y = await TestYonder.start(undefined, { app: { logger: { level: 'trace', stream: { write: (line) => void lines.push(line) } } } });
  });
  afterAll(async () => y?.close());

  it('a binding link opened and enrolled through leaves its token out of the log', async () => {
    const identity = await y.createIdentity('logged');
    const job = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    const link = new URL(job.body.credential_binding_link as string);
    const token = link.searchParams.get('token')!;
    expect(token.length).toBeGreaterThan(20);
    const opened = await y.request('GET', `${link.pathname}${link.search}`, { token: null });
    expect(opened.status).toBeLessThan(500);
    await enrollThrough(y, link.toString());
    expect(log()).toContain(':invokeAuthenticator?token=[redacted]');
    expect(log()).not.toContain(token);
    expect(log()).not.toContain(y.token);
  });

  it('the client-credentials grant leaves the secret and the issued token out of the log', async () => {
    const robot = await createClientApplication(y);
    const basic = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    const inBody = await postForm(y, `${robot.path}/token`, {
      grant_type: 'client_credentials',
      client_id: robot.clientId,
      client_secret: robot.clientSecret,
    });
    expect([basic.status, inBody.status]).toEqual([200, 200]);
    // A client that puts secrets in the query string (wrongly) gets them masked too.
    const query = `client_secret=${robot.clientSecret}&access_token=${basic.body.access_token}&code=${robot.clientSecret.slice(0, 30)}&state=kept`;
    await y.request('POST', `${robot.path}/token?${query}`, { token: null });
    expect(log()).toContain('state=kept');
    for (const secret of [robot.clientSecret, robot.clientSecret.slice(0, 30), basic.body.access_token, inBody.body.access_token]) {
      expect(log()).not.toContain(secret);
    }
    expect(log()).not.toContain(basicAuth(robot.clientId, robot.clientSecret).slice('Basic '.length));
  });

  it('the console sign-in, its token and sign-out leave the session cookie and token out of the log', async () => {
    const config = await y.request('GET', '/console/api/config', { token: null });
    const { passkey } = await enrollThrough(y, y.bootstrap.consoleLink ?? '');
    const cookie = await signInWith(y, passkey, y.adminRealmId, config.body.console_application_id);
    const minted = await mintConsoleToken(y, cookie);
    expect(minted.status).toBe(200);
    await y.request('GET', y.realmPath(), { token: minted.body.access_token });
    const signedOut = await y.request('POST', '/console/api/sign-out', { token: null, headers: { cookie, 'x-yonder-console': '1' } });
    expect(signedOut.status).toBeLessThan(300);
    const cookieValue = cookie.split('=').slice(1).join('=');
    expect(cookieValue.length).toBeGreaterThan(20);
    expect(log()).not.toContain(cookieValue);
    expect(log()).not.toContain(minted.body.access_token);
    expect(log()).not.toContain(new URL(y.bootstrap.consoleLink ?? '').searchParams.get('token')!);
  });

  it('an application created with a secret, rotated, read back, its named token, revoke and introspect leave every secret out of the log', async () => {
    const robot = await createClientApplication(y);
    const rotated = await y.request('POST', `${robot.path}:rotateSecret`);
    expect(rotated.status, rotated.text).toBe(200);
    const newSecret = rotated.body.protocol_config.client_secret as string;
    const reader = await y.mintToken(['applications:read', 'applications:read-secrets']);
    const read = await y.request('GET', robot.path, { token: reader });
    expect(read.body.protocol_config.client_secret).toBe(newSecret);
    expect((await y.request('GET', y.realmPath('/applications'), { token: reader })).text).toContain(newSecret);
    const management = y.bootstrap.managementClient!;
    const named = await y.request('POST', y.realmPath(`/applications/${management.applicationId}/tokens`, y.adminRealmId), {
      body: { token: { display_name: 'logged token', scopes: ['realms:read'] } },
    });
    expect(named.status, named.text).toBe(200);
    const issued = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, newSecret));
    const introspected = await postForm(y, y.realmPath('/introspect'), { token: issued.body.access_token }, basicAuth(robot.clientId, newSecret));
    expect(introspected.body.active).toBe(true);
    const revoked = await postForm(y, `${robot.path}/revoke`, { token: issued.body.access_token }, basicAuth(robot.clientId, newSecret));
    expect(revoked.status).toBe(200);
    // A wrong secret (the old one) is refused, and is not written down either.
    expect(
      (await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret))).status,
    ).toBe(401);
    for (const secret of [robot.clientSecret, newSecret, reader, named.body.access_token, issued.body.access_token]) {
      expect(secret.length).toBeGreaterThan(20);
      expect(log()).not.toContain(secret);
    }
    expect(log()).toContain(':rotateSecret');
  });
});
