import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { type TestSmtp, linkIn, startSmtp } from '../support/smtp.js';

describeApi('credential binding jobs: email delivery, states and the API', () => {
  let y: TestYonder;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    y = await TestYonder.start(undefined, { config: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await y?.close();
    await smtp?.close();
  });

  const withEmail = (username: string) =>
    y.createIdentity(username, { traits: { type: 'traits_v0', username, primary_email_address: `${username}@example.com` } });

  it('POST an EMAIL job delivers the themed link to the SMTP server and marks the identity PENDING', async () => {
    await y.request('POST', y.realmPath('/themes'), { body: { theme: { email_realm_name: 'Acme Staff', button_color: '#112233' } } });
    const identity = await withEmail('emailme');
    const before = smtp.messages.length;
    const reply = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'EMAIL', post_binding_redirect_uri: 'http://example.com/callback' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.credential_binding_link).toBeUndefined();
    expect(reply.body.credential_binding_job).toMatchObject({ delivery_method: 'EMAIL', state: 'LINK_SENT', identity_id: identity.id });
    const job = reply.body.credential_binding_job;
    expect(Date.parse(job.expire_time) - Date.parse(job.create_time)).toBe(7 * 24 * 3600 * 1000);
    await smtp.waitFor(before + 1);
    const message = smtp.messages[before]!;
    expect(message.to).toEqual(['emailme@example.com']);
    expect(message.raw).toContain('Acme Staff');
    expect(message.raw).toContain('#112233');
    expect(linkIn(message.raw)).toContain(`/credential-binding-jobs/${job.id}:invokeAuthenticator?token=`);
    expect((await y.request('GET', y.realmPath(`/identities/${identity.id}`))).body.enrollment_status).toBe('PENDING');
  });

  it('POST an EMAIL job for an identity without email returns 422', async () => {
    const identity = await y.createIdentity('noemail');
    const reply = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'EMAIL' } },
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'unprocessable_entity', message: 'Identity missing email address' });
  });

  it('a send failure leaves the job FAILED_TO_SEND and the identity INVITE_FAILED', async () => {
    const broken = await TestYonder.start(y.databaseLocation, { config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      const identity = await withEmail('unlucky');
      const reply = await broken.request('POST', broken.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
        body: { job: { delivery_method: 'EMAIL' } },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.credential_binding_job.state).toBe('FAILED_TO_SEND');
      expect((await y.request('GET', y.realmPath(`/identities/${identity.id}`))).body.enrollment_status).toBe('INVITE_FAILED');
    } finally {
      await broken.stop();
    }
  });

  it('with no SMTP_URL the message is written to the outbox folder', async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), 'yonder-outbox-'));
    const local = await TestYonder.start(y.databaseLocation, { config: { smtpUrl: null, outboxDir } });
    try {
      const identity = await withEmail('outboxed');
      const reply = await local.request('POST', local.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
        body: { job: { delivery_method: 'EMAIL' } },
      });
      expect(reply.body.credential_binding_job.state).toBe('LINK_SENT');
      const files = readdirSync(outboxDir).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      expect(linkIn(readFileSync(join(outboxDir, files[0]!), 'utf8'))).toContain(reply.body.credential_binding_job.id);
    } finally {
      await local.stop();
      rmSync(outboxDir, { recursive: true, force: true });
    }
  });

  it('a batch for 100 identities delivers 100 emails and lists its results', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await withEmail(`batch${i}`)).id);
    const before = smtp.messages.length;
    const reply = await y.request('POST', y.realmPath('/batch-credential-binding-jobs'), {
      body: { batch_credential_binding_job: { identity_ids: ids, job_template: {} } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ state: 'SUCCESS', state_commentary: { errors: {} } });
    await smtp.waitFor(before + 100);
    const delivered = smtp.messages.slice(before);
    expect(delivered).toHaveLength(100);
    expect(new Set(delivered.map((m) => m.to[0])).size).toBe(100);
    const results = await y.request('GET', y.realmPath(`/batch-credential-binding-jobs/${reply.body.id}:listResults?page_size=200`));
    expect(results.body).toMatchObject({ total_size: 100, total_pending_count: 100, total_success_count: 0, total_failure_count: 0 });
    expect(results.body.job_results[0]).toMatchObject({ delivery_method: 'EMAIL', batch_id: reply.body.id });
  });

  it('a batch reports identities it could not invite', async () => {
    const ok = await withEmail('batchok');
    const noMail = await y.createIdentity('batchnomail');
    const reply = await y.request('POST', y.realmPath('/batch-credential-binding-jobs'), {
      body: { batch_credential_binding_job: { identity_ids: [ok.id, noMail.id, '0000000000000000'], job_template: {} } },
    });
    expect(reply.body.state).toBe('PARTIAL_SUCCESS');
    expect(reply.body.state_commentary.errors[noMail.id].last_error).toBe('Identity missing email address');
    expect(reply.body.state_commentary.errors['0000000000000000'].last_error).toBe('identity not found');
  });

  it('GET, list with - and :revoke; revoking twice is harmless; the link is returned only for RETURN', async () => {
    const identity = await y.createIdentity('lister');
    const created = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    expect(created.body.credential_binding_link).toMatch(/^http:\/\/localhost:8080\/v1\/.+:invokeAuthenticator\?token=[A-Za-z0-9_-]{43}$/);
    const id = created.body.credential_binding_job.id;
    expect((await y.request('GET', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${id}`))).body.state).toBe('LINK_SENT');
    const all = await y.request('GET', y.realmPath('/identities/-/credential-binding-jobs?page_size=500'));
    expect(all.body.credential_binding_jobs.some((j: { id: string }) => j.id === id)).toBe(true);
    const mine = await y.request('GET', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`));
    expect(mine.body).toMatchObject({ total_size: 1 });
    const revoked = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${id}:revoke`));
    expect(revoked.body.state).toBe('REVOKED');
    expect((await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${id}:revoke`))).status).toBe(200);
    expect((await y.request('GET', y.realmPath(`/identities/${identity.id}`))).body.enrollment_status).toBe('UNENROLLED');
    const token = await y.mintToken(['credential-binding-jobs:read']);
    expect((await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${id}:revoke`), { token })).status).toBe(403);
  });

  it('authenticator configs: the realm has a default hosted_web one; embedded configs shape the link', async () => {
    const list = await y.request('GET', y.realmPath('/authenticator-configs'));
    expect(list.body.total_size).toBe(1);
    expect(list.body.authenticator_configs[0].config).toEqual({
      type: 'hosted_web',
      authentication_methods: [{ type: 'webauthn_passkey' }],
      trusted_origins: [],
    });
    const defaultId = list.body.authenticator_configs[0].id;
    expect((await y.request('DELETE', y.realmPath(`/authenticator-configs/${defaultId}`))).status).toBe(409);
    const embedded = await y.request('POST', y.realmPath('/authenticator-configs'), {
      body: {
        authenticator_config: {
          display_name: 'Pet app',
          config: { type: 'embedded', invoke_url: 'http://localhost:8092/bind', trusted_origins: ['http://localhost:8092'] },
        },
      },
    });
    expect(embedded.status).toBe(200);
    expect(embedded.body.config).toMatchObject({ type: 'embedded', invocation_type: 'automatic' });
    const identity = await y.createIdentity('embedded');
    const job = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', authenticator_config_id: embedded.body.id } },
    });
    const link = new URL(job.body.credential_binding_link);
    expect(link.origin + link.pathname).toBe('http://localhost:8092/bind');
    expect(link.searchParams.get('credential_binding_link')).toMatch(/:invokeAuthenticator\?token=/);
    const bad = await y.request('POST', y.realmPath('/authenticator-configs'), {
      body: {
        authenticator_config: {
          config: { type: 'hosted_web', authentication_methods: [{ type: 'webauthn_passkey' }], trusted_origins: ['http://x.example/path'] },
        },
      },
    });
    expect(bad.status).toBe(400);
    const patched = await y.request('PATCH', y.realmPath(`/authenticator-configs/${embedded.body.id}`), {
      body: { authenticator_config: { config: { invoke_url: 'http://localhost:8093' } } },
    });
    expect(patched.body.config).toMatchObject({ invoke_url: 'http://localhost:8093', trusted_origins: ['http://localhost:8092'] });
    expect((await y.request('DELETE', y.realmPath(`/authenticator-configs/${embedded.body.id}`))).status).toBe(200);
  });

  it('themes: one per realm, active falls back to a default', async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Themed' } } });
    const active = await y.request('GET', y.realmPath('/themes/active', realm.body.id));
    expect(active.body).toMatchObject({ email_realm_name: 'Themed', button_color: '#4673D3' });
    const created = await y.request('POST', y.realmPath('/themes', realm.body.id), { body: { theme: { button_color: '#000000' } } });
    expect(created.status).toBe(200);
    expect((await y.request('POST', y.realmPath('/themes', realm.body.id), { body: { theme: {} } })).status).toBe(409);
    const patched = await y.request('PATCH', y.realmPath(`/themes/${created.body.id}`, realm.body.id), {
      body: { theme: { support_url: 'https://example.com/help' } },
    });
    expect(patched.body).toMatchObject({ button_color: '#000000', support_url: 'https://example.com/help' });
  });
});
