import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('resource servers: create, read, update, delete', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const create = (resource_server: Record<string, unknown>, realmId?: string) =>
    y.request('POST', y.realmPath('/resource-servers', realmId), { body: { resource_server } });

  it("the admin realm has the managed 'yonder Management API' server with every management scope", async () => {
    const list = await y.request('GET', y.realmPath('/resource-servers', y.adminRealmId));
    expect(list.status).toBe(200);
    expect(list.body.total_size).toBe(1);
    const [server] = list.body.resource_servers;
    expect(server).toMatchObject({ display_name: 'yonder Management API', identifier: 'beyondidentity', is_managed: true });
    expect(server.scopes).toEqual([...MANAGEMENT_SCOPES]);
    const apps = await y.request('GET', y.realmPath('/applications', y.adminRealmId));
    const management = apps.body.applications.find((a: { classification?: string }) => a.classification === 'management_api');
    expect(management).toMatchObject({
      id: y.bootstrap.tenant.management_application_id,
      resource_server_id: server.id,
      is_managed: true,
      protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], confidentiality: 'confidential' },
    });
    expect(management.protocol_config.client_id).toBe(y.bootstrap.managementClient!.clientId);
    // The admin token holds applications:read-secrets, so it reads the (sealed) secret back.
    expect(management.protocol_config.client_secret).toBe(y.bootstrap.managementClient!.clientSecret);
  });

  it('managed resource servers answer 409 to PATCH and DELETE', async () => {
    const [server] = (await y.request('GET', y.realmPath('/resource-servers', y.adminRealmId))).body.resource_servers;
    const path = y.realmPath(`/resource-servers/${server.id}`, y.adminRealmId);
    expect((await y.request('PATCH', path, { body: { resource_server: { scopes: [] } } })).status).toBe(409);
    expect((await y.request('DELETE', path)).status).toBe(409);
    expect((await y.request('GET', path)).body.scopes).toEqual([...MANAGEMENT_SCOPES]);
  });

  it('POST returns the server; GET, PATCH and DELETE follow the contract', async () => {
    const created = await create({
      display_name: 'Pet API',
      identifier: 'https://api.mypetapp.com',
      scopes: ['pets:read', 'pets:write', 'pets:read'],
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body).toEqual({
      id: created.body.id,
      realm_id: y.realmId,
      tenant_id: y.tenantId,
      display_name: 'Pet API',
      is_managed: false,
      identifier: 'https://api.mypetapp.com',
      scopes: ['pets:read', 'pets:write'],
    });
    const path = y.realmPath(`/resource-servers/${created.body.id}`);
    expect((await y.request('GET', path)).body).toEqual(created.body);
    const patched = await y.request('PATCH', path, { body: { resource_server: { display_name: 'Pets', is_managed: true } } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ display_name: 'Pets', is_managed: false, scopes: ['pets:read', 'pets:write'] });
    const deleted = await y.request('DELETE', path);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    const gone = await y.request('GET', path);
    expect(gone.status).toBe(404);
    expect(gone.body.details[0]).toMatchObject({ resource_type: 'ResourceServer', id: created.body.id });
  });

  it('identifiers are unique per realm, and beyondidentity is reserved: 409', async () => {
    expect((await create({ display_name: 'A', identifier: 'https://dup.example' })).status).toBe(200);
    const again = await create({ display_name: 'B', identifier: 'https://dup.example' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect((await create({ display_name: 'A', identifier: 'https://dup.example' }, y.adminRealmId)).status).toBe(200);
    expect((await create({ display_name: 'Mine', identifier: 'beyondidentity' })).status).toBe(409);
  });

  it('bad input answers 400 with the field, and writes nothing', async () => {
    const before = (await y.request('GET', y.realmPath('/resource-servers'))).body.total_size;
    for (const body of [
      { display_name: '', identifier: 'x' },
      { display_name: 'x' },
      { display_name: 'x', identifier: 'y', scopes: ['has space'] },
      { display_name: 'x', identifier: 'y', scopes: 'pets:read' },
      { display_name: 'x', identifier: 'y', extra: 1 },
    ]) {
      const reply = await create(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.code).toBe('bad_request');
    }
    expect((await y.request('POST', y.realmPath('/resource-servers'), { rawBody: '{"resource_server"' })).status).toBe(400);
    expect((await y.request('GET', y.realmPath('/resource-servers'))).body.total_size).toBe(before);
    expect((await create({ display_name: 'x', identifier: 'z' }, '0123456789abcdef')).status).toBe(404);
  });

  it('applications: allowed_scopes outside the resource server, or an unknown server, answer 400', async () => {
    const server = await create({ display_name: 'Pets', identifier: 'https://pets.example/rs', scopes: ['pets:read'] });
    const app = (protocol_config: Record<string, unknown>, resource_server_id: string = server.body.id) =>
      y.request('POST', y.realmPath('/applications'), {
        body: { application: { display_name: 'Robot', resource_server_id, protocol_config: { type: 'oauth2', ...protocol_config } } },
      });
    const outside = await app({ allowed_scopes: ['pets:read', 'pets:write'] });
    expect(outside.status).toBe(400);
    expect(outside.body.details[0].field_violations[0].field).toBe('application.protocol_config.allowed_scopes');
    const unknown = await app({}, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field_violations[0].field).toBe('application.resource_server_id');
    expect((await app({ confidentiality: 'public', grant_type: ['client_credentials'] })).status).toBe(400);
    expect((await app({ token_configuration: { expires_after: 0 } })).status).toBe(400);
    expect((await app({ token_configuration: { expires_after: 60, token_signing_algorithm: 'HS256' } })).status).toBe(400);
    expect((await app({ token_format: 'referential' })).status).toBe(400);
    const ok = await app({ allowed_scopes: ['pets:read'], grant_type: ['client_credentials'] });
    expect(ok.status, ok.text).toBe(200);
    // A scope an application still grants cannot be taken from its server; the server cannot go.
    const path = y.realmPath(`/resource-servers/${server.body.id}`);
    expect((await y.request('PATCH', path, { body: { resource_server: { scopes: [] } } })).status).toBe(409);
    expect((await y.request('DELETE', path)).status).toBe(409);
    const publicApp = await app({ confidentiality: 'public', grant_type: ['authorization_code'] });
    expect(publicApp.status).toBe(200);
    expect(publicApp.body.protocol_config.client_secret).toBeUndefined();
    expect(publicApp.body.protocol_config.token_endpoint_auth_method).toBe('none');
  });
});
