import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * Launch mechanisms: the realm's flow type document is made once (also under concurrent first
 * reads), merged field by field, and enforced where it maps to a binding link: the web `embedded`
 * flow (a link for an embedded authenticator configuration) and the web `copy` flow (a link
 * returned to the caller to pass on), both when a job is made and when its link is opened.
 */
describeApi('flow type configuration: defaults, deep merge, the web flows of binding links', () => {
  let y: TestYonder;
  let outboxDir: string;
  let embeddedConfig: string;
  const flowTypes = () => y.realmPath('/flow-type-config');
  const patch = (body: unknown) => y.request('PATCH', flowTypes(), { body });

  beforeAll(async () => {
    outboxDir = mkdtempSync(join(tmpdir(), 'yonder-flow-types-outbox-'));
    y = await TestYonder.start(undefined, { config: { smtpUrl: null, outboxDir } });
    const created = await y.request('POST', y.realmPath('/authenticator-configs'), {
      body: {
        authenticator_config: {
          display_name: 'App',
          config: { type: 'embedded', invoke_url: 'https://app.example/bind', invocation_type: 'automatic', trusted_origins: [] },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    embeddedConfig = created.body.id;
  });
  afterAll(async () => {
    await y?.close();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  const job = (identityId: string, body: Record<string, unknown>) =>
    y.request('POST', y.realmPath(`/identities/${identityId}/credential-binding-jobs`), { body: { job: body } });

  it('concurrent first reads store one document; a PATCH changes only what it names and is on the audit trail', async () => {
    const [a, b] = await Promise.all([y.request('GET', flowTypes()), y.request('GET', flowTypes())]);
    expect(a.status, a.text).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body.platform_config.web.embedded).toEqual({ enabled: true, valid: true });
    expect(a.body.platform_config.web.unknown).toEqual({ enabled: false, valid: false });
    const changed = await patch({ android: { scheme: { enabled: false } }, macos: { pipe: { valid: false } } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.platform_config.android.scheme).toEqual({ enabled: false, valid: true });
    expect(changed.body.platform_config.macos.pipe).toEqual({ enabled: true, valid: false });
    const { android, macos, ...others } = changed.body.platform_config;
    const { android: _a, macos: _m, ...before } = a.body.platform_config;
    expect(others).toEqual(before);
    expect(changed.body.create_time).toBe(a.body.create_time);
    const events = await y.request('GET', y.realmPath('/events?type=flow_type_config.updated'));
    expect(events.status, events.text).toBe(200);
    expect(events.body.events.length).toBe(1);
  });

  it('a PATCH with a wrong type or an unknown field changes nothing', async () => {
    const before = (await y.request('GET', flowTypes())).body;
    expect((await patch({ web: { copy: { enabled: 'no' } } })).status).toBe(400);
    expect((await patch({ web: { copy: { enabled: false }, teleport: {} } })).status).toBe(400);
    expect((await y.request('GET', flowTypes())).body).toEqual(before);
  });

  it('web.embedded off: no new job for an embedded configuration (422), and an existing link no longer opens', async () => {
    const person = await y.createIdentity('embedded-person');
    const early = await job(person.id, { delivery_method: 'RETURN', authenticator_config_id: embeddedConfig });
    expect(early.status, early.text).toBe(200);
    const hosted = new URL(String(new URL(early.body.credential_binding_link).searchParams.get('credential_binding_link')));
    expect((await patch({ web: { embedded: { enabled: false } } })).status).toBe(200);
    const refused = await job(person.id, { delivery_method: 'RETURN', authenticator_config_id: embeddedConfig });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.code).toBe('unprocessable_entity');
    const opened = await y.request('GET', `${hosted.pathname}${hosted.search}`, { token: null });
    expect(opened.status).toBe(403);
    expect(opened.text).toContain('data-reason="flow_disabled"');
    // The hosted configuration is not the embedded flow: its jobs are still made.
    expect((await job(person.id, { delivery_method: 'RETURN' })).status).toBe(200);
    expect((await patch({ web: { embedded: { enabled: true } } })).status).toBe(200);
    expect((await y.request('GET', `${hosted.pathname}${hosted.search}`, { token: null })).status).toBe(200);
  });

  it('web.copy off: no RETURN job (422) and a returned link no longer opens; EMAIL jobs still go out', async () => {
    const person = await y.createIdentity('copy-person', {
      traits: { type: 'traits_v0', username: 'copy-person', primary_email_address: 'copy-person@example.com' },
    });
    const early = await job(person.id, { delivery_method: 'RETURN' });
    const link = new URL(early.body.credential_binding_link);
    expect((await patch({ web: { copy: { enabled: false } } })).status).toBe(200);
    expect((await job(person.id, { delivery_method: 'RETURN' })).status).toBe(422);
    expect((await y.request('GET', `${link.pathname}${link.search}`, { token: null })).status).toBe(403);
    const options = await y.request(
      'POST',
      `${link.pathname.replace(/^\/v1/, '/hosted').replace(/:invokeAuthenticator$/, '')}/registration-options`,
      {
        token: null,
        body: { token: link.searchParams.get('token') },
      },
    );
    expect(options.status).toBe(403);
    expect(options.body.reason).toBe('flow_disabled');
    expect((await job(person.id, { delivery_method: 'EMAIL' })).status).toBe(200);
    expect((await patch({ web: { copy: { enabled: true } } })).status).toBe(200);
    expect((await job(person.id, { delivery_method: 'RETURN' })).status).toBe(200);
  });
});
