import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { type TestSmtp, startSmtp } from '../support/smtp.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

const ORIGIN = 'http://localhost:8080';

/**
 * Passkey writes leave their events in the same transaction as the change: authenticator configs,
 * themes, binding jobs (created, revoked, completed, failed to send, batches), credentials (enrolled,
 * revoked), and every sign-in attempt with its outcome and reason. No link token, challenge or
 * session token ever reaches the trail.
 */
describeApi('events: passkey writes and sign-in attempts are recorded', () => {
  let y: TestYonder;
  let smtp: TestSmtp;
  const secrets: string[] = [];
  beforeAll(async () => {
    smtp = await startSmtp();
    y = await TestYonder.start(undefined, { config: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await y?.close();
    await smtp?.close();
  });

  async function list(query: string) {
    const reply = await y.request('GET', y.realmPath(`/events?${query}`));
    expect(reply.status, reply.text).toBe(200);
    return reply.body as { events: any[]; total_size: number };
  }
  /** Oldest first. */
  const eventsOf = async (resourceId: string) => (await list(`resource_id=${resourceId}&page_size=200`)).events.reverse();
  const typesOf = async (resourceId: string) => (await eventsOf(resourceId)).map((e) => e.type);
  const hosted = (rest: string) => `/hosted/tenants/${y.tenantId}/realms/${y.realmId}${rest}`;

  async function returnJob(username: string) {
    const identity = await y.createIdentity(username);
    const created = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    expect(created.status).toBe(200);
    const job = created.body.credential_binding_job;
    const token = new URL(created.body.credential_binding_link).searchParams.get('token')!;
    secrets.push(token);
    return { identity, job, token, base: hosted(`/identities/${identity.id}/credential-binding-jobs/${job.id}`) };
  }

  async function enrolled(username: string) {
    const link = await returnJob(username);
    const authenticator = new SoftAuthenticator(ORIGIN);
    const begun = await y.request('POST', `${link.base}/registration-options`, { body: { token: link.token } });
    secrets.push(begun.body.challenge_id, begun.body.options.challenge);
    const done = await y.request('POST', `${link.base}/registration`, {
      body: { token: link.token, challenge_id: begun.body.challenge_id, response: authenticator.register(begun.body.options) },
    });
    expect(done.status).toBe(200);
    return { ...link, authenticator, credentialId: done.body.credential_id as string };
  }

  async function signIn(authenticator: SoftAuthenticator, tweak: (body: any) => any = (body) => body) {
    const options = await y.request('POST', hosted('/sign-in/options'), { body: {} });
    secrets.push(options.body.challenge_id, options.body.options.challenge);
    const reply = await y.request('POST', hosted('/sign-in/verify'), {
      body: tweak({ challenge_id: options.body.challenge_id, response: authenticator.authenticate(options.body.options) }),
    });
    const session = /yonder_session=([A-Za-z0-9_-]+)/.exec(String(reply.headers['set-cookie'] ?? ''));
    if (session) secrets.push(session[1]!);
    return reply;
  }

  it('authenticator configs: create, update, delete with before and after; a rejected write records nothing', async () => {
    const created = await y.request('POST', y.realmPath('/authenticator-configs'), {
      body: {
        authenticator_config: {
          config: { type: 'embedded', invoke_url: 'https://app.example.com/bind', trusted_origins: ['https://app.example.com'] },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    const id = created.body.id;
    const bad = await y.request('PATCH', y.realmPath(`/authenticator-configs/${id}`), {
      body: { authenticator_config: { config: { trusted_origins: ['not an origin'] } } },
    });
    expect(bad.status).toBe(400);
    await y.request('PATCH', y.realmPath(`/authenticator-configs/${id}`), {
      body: { authenticator_config: { config: { trusted_origins: ['https://app.example.com', 'https://other.example.com'] } } },
    });
    expect((await y.request('DELETE', y.realmPath(`/authenticator-configs/${id}`))).status).toBe(200);
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['authenticator_config.created', 'authenticator_config.updated', 'authenticator_config.deleted']);
    expect(events[1].before.config.trusted_origins).toEqual(['https://app.example.com']);
    expect(events[1].after.config.trusted_origins).toEqual(['https://app.example.com', 'https://other.example.com']);
    expect(events[2]).toMatchObject({ resource_type: 'authenticator_config', after: null, actor: { type: 'token' } });
  });

  it('themes: create and update; a second create (409) records nothing', async () => {
    const created = await y.request('POST', y.realmPath('/themes'), { body: { theme: { email_realm_name: 'Audited Realm' } } });
    expect(created.status).toBe(200);
    expect((await y.request('POST', y.realmPath('/themes'), { body: { theme: {} } })).status).toBe(409);
    await y.request('PATCH', y.realmPath(`/themes/${created.body.id}`), { body: { theme: { button_color: '#000000' } } });
    const events = await eventsOf(created.body.id);
    expect(events.map((e) => e.type)).toEqual(['theme.created', 'theme.updated']);
    expect(events[1].before.button_color).not.toBe('#000000');
    expect(events[1].after.button_color).toBe('#000000');
  });

  it('binding jobs: created, then revoked once (a second revoke records nothing)', async () => {
    const { identity, job } = await returnJob('revoked-link');
    const revoke = () => y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${job.id}:revoke`));
    expect((await revoke()).status).toBe(200);
    expect((await revoke()).status).toBe(200);
    const events = await eventsOf(job.id);
    expect(events.map((e) => e.type)).toEqual(['credential_binding_job.created', 'credential_binding_job.revoked']);
    expect(events[0].after).toMatchObject({ id: job.id, identity_id: identity.id, state: 'LINK_SENT', delivery_method: 'RETURN' });
    expect(events[1].before.state).toBe('LINK_SENT');
    expect(events[1].after.state).toBe('REVOKED');
  });

  it('enrollment records the credential and the completed job together; revoking the credential is recorded', async () => {
    const { job, credentialId, identity } = await enrolled('enrolls');
    const jobEvents = await eventsOf(job.id);
    expect(jobEvents.map((e) => e.type)).toEqual(['credential_binding_job.created', 'credential_binding_job.completed']);
    expect(jobEvents[1].after).toMatchObject({ state: 'COMPLETE', credential_id: credentialId });
    // The enrollment happens on a public page: no token, an anonymous actor with an address.
    expect(jobEvents[1].actor).toEqual({ type: 'anonymous' });
    expect(jobEvents[1].address).toBeTruthy();
    const created = (await eventsOf(credentialId))[0];
    expect(created).toMatchObject({
      type: 'credential.created',
      resource_type: 'credential',
      after: { id: credentialId, state: 'ACTIVE', identity_id: identity.id },
    });
    expect(Object.keys(created.after).sort()).toEqual([
      'create_time',
      'csr_type',
      'id',
      'identity_id',
      'jwk_json',
      'jwk_thumbprint',
      'realm_id',
      'state',
      'tenant_id',
      'update_time',
    ]);
    const revoke = () => y.request('POST', y.realmPath(`/identities/${identity.id}/credentials/${credentialId}:revoke`));
    expect((await revoke()).status).toBe(200);
    expect((await revoke()).status).toBe(200);
    expect(await typesOf(credentialId)).toEqual(['credential.created', 'credential.revoked']);
  });

  it('an EMAIL job that cannot be sent records its FAILED_TO_SEND; a batch records itself and each job it made', async () => {
    const person = await y.createIdentity('mailless', {
      traits: { type: 'traits_v0', username: 'mailless', primary_email_address: 'mailless@example.com' },
    });
    const broken = await TestYonder.start(y.databaseLocation, { config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      const reply = await broken.request('POST', broken.realmPath(`/identities/${person.id}/credential-binding-jobs`), {
        body: { job: { delivery_method: 'EMAIL' } },
      });
      expect(reply.body.credential_binding_job.state).toBe('FAILED_TO_SEND');
      const events = await eventsOf(reply.body.credential_binding_job.id);
      expect(events.map((e) => e.type)).toEqual(['credential_binding_job.created', 'credential_binding_job.failed_to_send']);
      expect(events[1]).toMatchObject({ before: { state: 'LINK_SENT' }, after: { state: 'FAILED_TO_SEND' } });
    } finally {
      await broken.stop();
    }

    const noEmail = await y.createIdentity('batch-noemail');
    const batch = await y.request('POST', y.realmPath('/batch-credential-binding-jobs'), {
      body: { batch_credential_binding_job: { identity_ids: [person.id, noEmail.id], job_template: {} } },
    });
    expect(batch.status).toBe(200);
    expect(await typesOf(batch.body.id)).toEqual(['batch_credential_binding_job.created']);
    const made = (await list(`type=credential_binding_job.created&page_size=200`)).events.filter((e) => e.after.batch_id === batch.body.id);
    expect(made.map((e) => e.after.identity_id)).toEqual([person.id]);
  });

  it('every sign-in attempt: success, and failures with their reason, on the identity when it is known', async () => {
    const { identity, authenticator, credentialId } = await enrolled('signs-in');
    expect((await signIn(authenticator)).status).toBe(200);
    const replayed = await signIn(authenticator, (body) => ({ ...body, challenge_id: 'f'.repeat(32) }));
    expect(replayed.body.reason).toBe('challenge_expired');
    const stranger = await signIn(new SoftAuthenticator(ORIGIN));
    expect(stranger.body.reason).toBe('unknown_credential');
    await y.request('POST', y.realmPath(`/identities/${identity.id}/credentials/${credentialId}:revoke`));
    expect((await signIn(authenticator)).body.reason).toBe('credential_revoked');

    const mine = (await list(`resource_id=${identity.id}&page_size=200`)).events.filter((e) => e.type.startsWith('sign_in.')).reverse();
    expect(mine.map((e) => [e.type, e.after.reason ?? null])).toEqual([
      ['sign_in.succeeded', null],
      ['sign_in.failed', 'credential_revoked'],
    ]);
    expect(mine[0]).toMatchObject({ actor: { type: 'anonymous' }, after: { outcome: 'succeeded', method: 'passkey' } });
    expect(mine[0].address).toBeTruthy();
    const anonymous = (await list('type=sign_in.failed&page_size=200')).events.filter((e) => e.resource_id === '');
    expect(anonymous.map((e) => e.after.reason).sort()).toEqual(['challenge_expired', 'unknown_credential']);
  });

  it('no link token, challenge or session token is anywhere in the trail', async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const trail = (await y.request('GET', y.realmPath('/events?page_size=200'))).text;
    for (const secret of secrets) expect(trail).not.toContain(secret);
  });
});
