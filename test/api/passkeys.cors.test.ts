import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

const APP = 'https://app.example.com';

/**
 * An `embedded` configuration's link points at the application's page, which runs the WebAuthn
 * registration against yonder from one of the configuration's trusted origins. Those origins, and
 * only those, get CORS answers from the enrollment ceremony endpoints; no credentials are allowed.
 */
describeApi('passkeys: CORS for embedded authenticator configurations', () => {
  let y: TestYonder;
  let embeddedId: string;
  let hostedWebId: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    const create = async (config: object) =>
      (await y.request('POST', y.realmPath('/authenticator-configs'), { body: { authenticator_config: { config } } })).body.id as string;
    embeddedId = await create({ type: 'embedded', invoke_url: `${APP}/bind`, trusted_origins: [APP, 'http://localhost:3000'] });
    hostedWebId = await create({ type: 'hosted_web', authentication_methods: [{ type: 'webauthn_passkey' }], trusted_origins: [APP] });
  });
  afterAll(async () => y?.close());

  let people = 0;
  /** A RETURN job with the given configuration, and the ceremony base path and token from its link. */
  async function job(configId: string) {
    const identity = await y.createIdentity(`cors${++people}`);
    const created = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', authenticator_config_id: configId } },
    });
    expect(created.status, created.text).toBe(200);
    const outer = new URL(created.body.credential_binding_link);
    const link = new URL(outer.searchParams.get('credential_binding_link') ?? outer.toString());
    const id = created.body.credential_binding_job.id;
    return {
      link: outer,
      token: link.searchParams.get('token')!,
      base: `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/identities/${identity.id}/credential-binding-jobs/${id}`,
    };
  }

  const preflight = (path: string, origin: string, method = 'POST') =>
    y.request('OPTIONS', path, {
      token: null,
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
    });
  const vary = (headers: Record<string, unknown>) => String(headers.vary ?? '').split(/,\s*/);

  it('a trusted origin runs the whole registration cross-origin: preflights and POSTs allow exactly that origin, without credentials', async () => {
    const { link, token, base } = await job(embeddedId);
    expect(link.origin + link.pathname).toBe(`${APP}/bind`);
    for (const step of ['registration-options', 'registration']) {
      const reply = await preflight(`${base}/${step}`, APP);
      expect(reply.status).toBe(204);
      expect(reply.headers['access-control-allow-origin']).toBe(APP);
      expect(reply.headers['access-control-allow-methods']).toBe('POST');
      expect(String(reply.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
      expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
      expect(vary(reply.headers)).toContain('Origin');
    }
    const begun = await y.request('POST', `${base}/registration-options`, { token: null, headers: { origin: APP }, body: { token } });
    expect(begun.status).toBe(200);
    expect(begun.headers['access-control-allow-origin']).toBe(APP);
    expect(begun.headers['access-control-allow-credentials']).toBeUndefined();
    expect(vary(begun.headers)).toContain('Origin');
    const response = new SoftAuthenticator(APP, 'localhost').register(begun.body.options);
    const done = await y.request('POST', `${base}/registration`, {
      token: null,
      headers: { origin: APP },
      body: { token, challenge_id: begun.body.challenge_id, response },
    });
    expect(done.status, done.text).toBe(200);
    expect(done.headers['access-control-allow-origin']).toBe(APP);
    // A refusal is readable by the app too, so it can show the reason.
    const again = await y.request('POST', `${base}/registration-options`, { token: null, headers: { origin: APP }, body: { token } });
    expect(again.body.reason).toBe('already_used');
    expect(again.headers['access-control-allow-origin']).toBe(APP);
  });

  it.each([
    ['another origin', 'https://evil.example.com'],
    ['a look-alike host', 'https://app.example.com.evil.example'],
    ['another scheme', 'http://app.example.com'],
    ['another port', 'https://app.example.com:8443'],
    ['the opaque origin', 'null'],
  ])('%s gets no Access-Control-Allow-Origin, on the preflight or the POST', async (_what, origin) => {
    const { token, base } = await job(embeddedId);
    const pre = await preflight(`${base}/registration-options`, origin);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-methods']).toBeUndefined();
    expect(vary(pre.headers)).toContain('Origin');
    const post = await y.request('POST', `${base}/registration-options`, { token: null, headers: { origin }, body: { token } });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(vary(post.headers)).toContain('Origin');
  });

  it('origins are per job: a hosted_web configuration, the default one, an unknown job or another method get none', async () => {
    for (const configId of [hostedWebId, undefined]) {
      const { base } = await job(configId ?? '');
      expect((await preflight(`${base}/registration-options`, APP)).headers['access-control-allow-origin']).toBeUndefined();
    }
    const { base } = await job(embeddedId);
    const unknownJob = base.replace(/[0-9a-f]{16}$/, '0000000000000000');
    expect((await preflight(`${unknownJob}/registration-options`, APP)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(`${base}/registration-options`, APP, 'DELETE')).headers['access-control-allow-origin']).toBeUndefined();
    const otherTenant = base.replace(`/tenants/${y.tenantId}/`, '/tenants/0000000000000000/');
    expect((await preflight(`${otherTenant}/registration-options`, APP)).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sign-in is not opened to other origins, even trusted ones', async () => {
    const signIn = `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/sign-in/options`;
    expect((await preflight(signIn, APP)).headers['access-control-allow-origin']).toBeUndefined();
    const post = await y.request('POST', signIn, { token: null, headers: { origin: APP }, body: {} });
    expect(post.status).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });
});
