import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { adminRealmFixtures } from '../support/management.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { CORE_GROUP, ERROR, createScimUser, patchOp } from '../support/scim.js';

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, any>;

/** A 403 in the v1 shape whose message says what was refused and why. */
function expectRefused(reply: Reply, why: RegExp): void {
  expect(reply.status, reply.text).toBe(403);
  expect(reply.body).toEqual({ code: 'forbidden', message: expect.stringMatching(why) });
}

/**
 * Nothing can grant more than its caller holds: an application's allowed scopes and its secret,
 * a role's scopes and members, a group's members (v1 and SCIM) when the group carries scopes, a
 * binding link for a person who holds roles, and a new token are each refused with 403 when they
 * would give someone management scopes the caller lacks, or reach the whole tenant from a caller
 * restricted to one realm.
 */
describeApi('grants: nothing can grant more than its caller holds', () => {
  let y: TestYonder;
  let managementServer: string;
  let managedApp: string;
  let tenantAdministrator: string;
  let administrators: string;
  let adminIdentity: string;

  const admin = (rest: string) => y.realmPath(rest, y.adminRealmId);
  const role = (id: string, verb: string) => admin(`/resource-servers/${managementServer}/roles/${id}:${verb}`);
  const inAdminRealm = (scopes: readonly string[]) => y.mintToken(scopes, { realmId: y.adminRealmId });
  const managementClient = () => y.bootstrap.managementClient!;
  const operatorGrant = (scope = 'identities:read') =>
    postForm(
      y,
      admin(`/applications/${managedApp}/token`),
      { grant_type: 'client_credentials', scope },
      basicAuth(managementClient().clientId, managementClient().clientSecret),
    );

  async function newManagementApp(allowed: readonly string[], token = y.token): Promise<Reply> {
    return y.request('POST', admin('/applications'), {
      token,
      body: {
        application: {
          display_name: `Robot ${Math.random().toString(36).slice(2, 8)}`,
          resource_server_id: managementServer,
          protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: allowed },
        },
      },
    });
  }

  async function newRole(scopes: readonly string[]): Promise<string> {
    const created = await y.request('POST', admin(`/resource-servers/${managementServer}/roles`), {
      body: { role: { display_name: `Role ${Math.random().toString(36).slice(2, 8)}` } },
    });
    expect(created.status, created.text).toBe(200);
    if (scopes.length > 0) expect((await y.request('POST', role(created.body.id, 'addScopes'), { body: { scopes } })).status).toBe(200);
    return created.body.id as string;
  }

  async function newAdminIdentity(username: string, email?: string): Promise<string> {
    const traits = { type: 'traits_v0', username, ...(email ? { primary_email_address: email } : {}) };
    const reply = await y.request('POST', admin('/identities'), { body: { identity: { display_name: username, traits } } });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.id as string;
  }

  async function scopesOfRolesOf(identityId: string): Promise<string[]> {
    const reply = await y.request('GET', admin(`/identities/${identityId}:listRoles?resource_server_id=${managementServer}`));
    expect(reply.status, reply.text).toBe(200);
    return reply.body.roles.map((r: { display_name: string }) => r.display_name);
  }

  beforeAll(async () => {
    y = await TestYonder.start();
    managedApp = managementClient().applicationId;
    ({ managementServer, tenantAdministrator, administrators, adminIdentity } = await adminRealmFixtures(y));
  });
  afterAll(async () => y?.close());

  it(':rotateSecret of the managed Management API application needs every management scope, tenant-wide', async () => {
    const rotate = (token: string) => y.request('POST', admin(`/applications/${managedApp}:rotateSecret`), { token });
    expectRefused(await rotate(await y.mintToken(['applications:update'])), /Management API.*scopes you do not hold.*yonder app credentials/);
    expectRefused(await rotate(await inAdminRealm(MANAGEMENT_SCOPES)), /whole tenant.*restricted to one realm/);
    // Refused means untouched: the operator's secret still mints tokens.
    expect((await operatorGrant()).status).toBe(200);
  });

  it(':rotateSecret of an application on the Management API needs the scopes it allows; other resource servers are not management grants', async () => {
    const robot = await newManagementApp(['identities:read', 'groups:read']);
    expect(robot.status, robot.text).toBe(200);
    const rotate = (token: string) => y.request('POST', admin(`/applications/${robot.body.id}:rotateSecret`), { token });
    expectRefused(await rotate(await inAdminRealm(['applications:update', 'identities:read'])), /groups:read/);
    // Its tokens are restricted to the admin realm, so a caller restricted to it may hold that power.
    const rotated = await rotate(await inAdminRealm(['applications:update', 'identities:read', 'groups:read']));
    expect(rotated.status, rotated.text).toBe(200);
    // A Pet API robot's scopes are not management scopes: applications:update is enough.
    const pets = await createClientApplication(y, { realmId: y.adminRealmId });
    expect((await y.request('POST', `${pets.path}:rotateSecret`, { token: await inAdminRealm(['applications:update']) })).status).toBe(200);
  });

  it('creating an application on the Management API with scopes the caller lacks is 403; with its own scopes it works', async () => {
    const creator = await inAdminRealm(['applications:create', 'resource-servers:read']);
    const count = async () => (await y.request('GET', admin('/applications'))).body.total_size as number;
    const before = await count();
    expectRefused(await newManagementApp(MANAGEMENT_SCOPES, creator), /allowed_scopes.*scopes you do not hold/);
    expect(await count()).toBe(before);
    const reader = await inAdminRealm(['applications:create', 'resource-servers:read', 'identities:read']);
    const created = await newManagementApp(['identities:read'], reader);
    expect(created.status, created.text).toBe(200);
  });

  it('updating an application to allow scopes the caller lacks is 403, and leaves it as it was', async () => {
    const robot = await newManagementApp(['identities:read']);
    const path = admin(`/applications/${robot.body.id}`);
    const updater = await inAdminRealm(['applications:update', 'identities:read']);
    const widened = await y.request('PATCH', path, {
      token: updater,
      body: {
        application: {
          protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: ['identities:read', 'identities:create'] },
        },
      },
    });
    expectRefused(widened, /identities:create/);
    expect((await y.request('GET', path)).body.protocol_config.allowed_scopes).toEqual(['identities:read']);
    // An application stronger than the caller cannot be edited by them either (an edit can issue a secret).
    const strong = await newManagementApp(['identities:read', 'identities:delete']);
    const renamed = await y.request('PATCH', admin(`/applications/${strong.body.id}`), {
      token: updater,
      body: { application: { display_name: 'Mine now' } },
    });
    expectRefused(renamed, /identities:delete/);
  });

  it('client-credentials tokens of any application but the managed Management API one are restricted to its realm', async () => {
    const robot = await newManagementApp(['identities:read']);
    const { client_id: clientId, client_secret: secret } = robot.body.protocol_config;
    const issued = await postForm(
      y,
      admin(`/applications/${robot.body.id}/token`),
      { grant_type: 'client_credentials' },
      basicAuth(clientId, secret),
    );
    expect(issued.status, issued.text).toBe(200);
    const token = issued.body.access_token as string;
    expect(claims(token).bi_r).toBe(y.adminRealmId);
    expect((await y.request('GET', admin('/identities'), { token })).status).toBe(200);
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(403);
    const record = await y.yonder.store.tokens.get(claims(token).jti);
    expect(record?.realm_id).toBe(y.adminRealmId);
    // The operator's own application keeps minting tenant-wide tokens, as the README says.
    const operator = await operatorGrant();
    expect(claims(operator.body.access_token).bi_r).toBeUndefined();
    expect((await y.request('GET', y.realmPath('/identities'), { token: operator.body.access_token })).status).toBe(200);
  });

  it('expires_after has a ceiling of 90 days: longer is a 400 field violation, and no token outlives it', async () => {
    const withLifetime = (expires_after: number) =>
      y.request('POST', admin('/applications'), {
        body: {
          application: {
            display_name: 'Long lived',
            resource_server_id: managementServer,
            protocol_config: {
              type: 'oauth2',
              grant_type: ['client_credentials'],
              allowed_scopes: ['identities:read'],
              token_configuration: { expires_after },
            },
          },
        },
      });
    const tooLong = await withLifetime(315360000);
    expect(tooLong.status, tooLong.text).toBe(400);
    expect(tooLong.body.details[0].field_violations).toEqual([
      { field: 'application.protocol_config.token_configuration.expires_after', description: expect.stringMatching(/7776000 seconds \(90 days\)/) },
    ]);
    expect((await withLifetime(90 * 24 * 3600 + 1)).status).toBe(400);
    const longest = await withLifetime(90 * 24 * 3600);
    expect(longest.status, longest.text).toBe(200);

    // An application stored before the ceiling (ten years) still mints tokens of at most 90 days.
    const stored = await y.yonder.store.applications.get(y.adminRealmId, longest.body.id);
    const config = {
      ...stored!.protocol_config,
      token_configuration: { expires_after: 315360000, subject_field: 'id', token_signing_algorithm: 'RS256' },
    };
    await y.yonder.store.applications.update({ ...stored!, protocol_config: config });
    const { client_id: clientId, client_secret: secret } = longest.body.protocol_config;
    const issued = await postForm(
      y,
      admin(`/applications/${longest.body.id}/token`),
      { grant_type: 'client_credentials' },
      basicAuth(clientId, secret),
    );
    expect(issued.status, issued.text).toBe(200);
    expect(issued.body.expires_in).toBe(90 * 24 * 3600);
    const jwt = claims(issued.body.access_token);
    expect(jwt.exp - jwt.iat).toBe(90 * 24 * 3600);
    const named = await y.request('POST', admin(`/applications/${longest.body.id}/tokens`), {
      body: { token: { display_name: 'named', scopes: ['identities:read'], expires_after: 100 * 24 * 3600 } },
    });
    expect(named.status).toBe(400);
  });

  it('POST .../tokens refuses scopes the caller lacks with a message naming them', async () => {
    const minter = await y.mintToken(['tokens:create', 'identities:read']);
    const refused = await y.request('POST', admin(`/applications/${managedApp}/tokens`), {
      token: minter,
      body: { token: { display_name: 'wider', scopes: ['identities:read', 'identities:delete'] } },
    });
    expectRefused(refused, /identities:delete/);
    const allowed = await y.request('POST', admin(`/applications/${managedApp}/tokens`), {
      token: minter,
      body: { token: { display_name: 'same', scopes: ['identities:read'] } },
    });
    expect(allowed.status, allowed.text).toBe(200);
  });

  it('POST .../tokens of an application other than the managed one mints tokens restricted to its realm', async () => {
    const robot = await newManagementApp(['identities:read']);
    const named = await y.request('POST', admin(`/applications/${robot.body.id}/tokens`), {
      body: { token: { display_name: 'named', scopes: ['identities:read'] } },
    });
    expect(named.status, named.text).toBe(200);
    expect(claims(named.body.access_token).bi_r).toBe(y.adminRealmId);
    const elsewhere = await y.request('POST', admin(`/applications/${robot.body.id}/tokens`), {
      body: { token: { display_name: 'named', scopes: ['identities:read'], realm_id: y.realmId } },
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details[0].field_violations[0].field).toBe('token.realm_id');
  });

  it(':addMembers to a role is 403 when the role carries scopes the caller lacks; a role of no scope, or held scopes, is fine', async () => {
    const me = await newAdminIdentity('climber');
    const token = await y.mintToken(['roles:update', 'identities:read', 'groups:read', 'resource-servers:read', 'roles:read']);
    const climbed = await y.request('POST', role(tenantAdministrator, 'addMembers'), { token, body: { identity_ids: [me] } });
    expectRefused(climbed, /Adding members to this role.*scopes you do not hold/);
    const viaGroup = await y.request('POST', role(tenantAdministrator, 'addMembers'), { token, body: { group_ids: [administrators] } });
    // Administrators is already a member: adding it again grants nothing new.
    expect(viaGroup.status, viaGroup.text).toBe(200);
    expect(await scopesOfRolesOf(me)).toEqual([]);
    const empty = await newRole([]);
    expect((await y.request('POST', role(empty, 'addMembers'), { token, body: { identity_ids: [me] } })).status).toBe(200);
    const readers = await newRole(['identities:read']);
    expect((await y.request('POST', role(readers, 'addMembers'), { token, body: { identity_ids: [me] } })).status).toBe(200);
    // Restricted to the admin realm, the same grant reaches the whole tenant through the console: 403.
    const restricted = await inAdminRealm(['roles:update', 'identities:read', 'groups:read']);
    expectRefused(
      await y.request('POST', role(readers, 'addMembers'), { token: restricted, body: { identity_ids: [adminIdentity] } }),
      /whole tenant/,
    );
  });

  it(':addScopes to a role of the Management API is 403 for scopes the caller lacks', async () => {
    const mine = await newRole([]);
    const token = await y.mintToken(['roles:update', 'resource-servers:read', 'identities:read']);
    expectRefused(
      await y.request('POST', role(mine, 'addScopes'), { token, body: { scopes: [...MANAGEMENT_SCOPES] } }),
      /Adding these scopes to a role would grant scopes you do not hold \(tenants:read, .* and \d+ more\)/,
    );
    expect((await y.request('POST', role(mine, 'addScopes'), { token, body: { scopes: ['identities:read'] } })).status).toBe(200);
    const restricted = await inAdminRealm(MANAGEMENT_SCOPES);
    expectRefused(await y.request('POST', role(mine, 'addScopes'), { token: restricted, body: { scopes: ['identities:read'] } }), /whole tenant/);
    // Scopes of another resource server are that API's, not yonder's: roles:update decides.
    const pets = await createClientApplication(y, { realmId: y.adminRealmId });
    const petRole = await y.request('POST', admin(`/resource-servers/${pets.resourceServerId}/roles`), { body: { role: { display_name: 'Pets' } } });
    const petScopes = await y.request('POST', admin(`/resource-servers/${pets.resourceServerId}/roles/${petRole.body.id}:addScopes`), {
      token: restricted,
      body: { scopes: ['pets:write'] },
    });
    expect(petScopes.status, petScopes.text).toBe(200);
  });

  it('v1 :addMembers to a group that carries scopes the caller lacks is 403; ordinary groups take members as before', async () => {
    const me = await newAdminIdentity('joiner');
    const token = await y.mintToken(['groups:update', 'identities:read']);
    expectRefused(
      await y.request('POST', admin(`/groups/${administrators}:addMembers`), { token, body: { identity_ids: [me] } }),
      /Adding members to this group.*scopes you do not hold/,
    );
    const members = await y.request('GET', admin(`/groups/${administrators}:listMembers`));
    expect(members.body.identities.map((i: { id: string }) => i.id)).not.toContain(me);
    // Re-adding an existing member grants nothing: fine.
    expect((await y.request('POST', admin(`/groups/${administrators}:addMembers`), { token, body: { identity_ids: [adminIdentity] } })).status).toBe(
      200,
    );
    const plain = await y.request('POST', admin('/groups'), { body: { group: { display_name: 'Book Club' } } });
    expect((await y.request('POST', admin(`/groups/${plain.body.id}:addMembers`), { token, body: { identity_ids: [me] } })).status).toBe(200);
  });

  it('SCIM PATCH, PUT and Bulk adding members to a group that carries scopes are 403 SCIM errors; other groups work as before', async () => {
    const scim = (rest: string) => admin(`/scim/v2${rest}`);
    const token = await inAdminRealm(['scim:all']);
    const user = await y.request('POST', scim('/Users'), {
      token,
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'scim-climber' },
    });
    expect(user.status, user.text).toBe(201);
    const patched = await y.request('PATCH', scim(`/Groups/${administrators}`), {
      token,
      body: patchOp({ op: 'add', path: 'members', value: [{ value: user.body.id }] }),
    });
    expect(patched.status, patched.text).toBe(403);
    expect(patched.body).toMatchObject({ schemas: [ERROR], status: '403', detail: expect.stringMatching(/Adding members to this group/) });
    const replaced = await y.request('PUT', scim(`/Groups/${administrators}`), {
      token,
      body: { schemas: [CORE_GROUP], displayName: 'Administrators', members: [{ value: adminIdentity }, { value: user.body.id }] },
    });
    expect(replaced.status, replaced.text).toBe(403);
    const bulk = await y.request('POST', scim('/Bulk'), {
      token,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          { method: 'PATCH', path: `/Groups/${administrators}`, data: patchOp({ op: 'add', path: 'members', value: [{ value: user.body.id }] }) },
        ],
      },
    });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.Operations[0].status).toBe('403');
    const members = await y.request('GET', admin(`/groups/${administrators}:listMembers`));
    expect(members.body.identities.map((i: { id: string }) => i.id)).not.toContain(user.body.id);

    // A group without roles takes the same pushes as always.
    const group = await y.request('POST', scim('/Groups'), {
      token,
      body: { schemas: [CORE_GROUP], displayName: 'Engineering', members: [{ value: user.body.id }] },
    });
    expect(group.status, group.text).toBe(201);
    const other = await y.request('POST', scim('/Users'), {
      token,
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'scim-other' },
    });
    const added = await y.request('PATCH', scim(`/Groups/${group.body.id}`), {
      token,
      body: patchOp({ op: 'add', path: 'members', value: [{ value: other.body.id }] }),
    });
    expect(added.status, added.text).toBe(200);
  });

  it('SCIM pushes into a Default-realm group work with a narrow realm token (no group there carries management scopes)', async () => {
    const token = await y.mintToken(['scim:all'], { realmId: y.realmId });
    const user = await createScimUser(y, { userName: 'okta-pushed' });
    const group = await y.request('POST', y.realmPath('/scim/v2/Groups'), {
      token,
      body: { schemas: [CORE_GROUP], displayName: 'Sales', members: [] },
    });
    expect(group.status, group.text).toBe(201);
    const added = await y.request('PATCH', y.realmPath(`/scim/v2/Groups/${group.body.id}`), {
      token,
      body: patchOp({ op: 'add', path: 'members', value: [{ value: user.id }] }),
    });
    expect(added.status, added.text).toBe(200);
  });

  it('a binding job for an identity holding management roles needs the scopes those roles give', async () => {
    const jobs = (identityId: string) => admin(`/identities/${identityId}/credential-binding-jobs`);
    const restricted = await inAdminRealm(['credential-binding-jobs:create']);
    const returned = await y.request('POST', jobs(adminIdentity), { token: restricted, body: { job: { delivery_method: 'RETURN' } } });
    expectRefused(returned, /binding link for this identity.*scopes you do not hold/);
    const emailed = await y.request('POST', jobs(adminIdentity), { token: restricted, body: { job: { delivery_method: 'EMAIL' } } });
    expectRefused(emailed, /binding link/);
    const batch = await y.request('POST', admin('/batch-credential-binding-jobs'), {
      token: restricted,
      body: { batch_credential_binding_job: { identity_ids: [adminIdentity], job_template: {} } },
    });
    expectRefused(batch, new RegExp(adminIdentity));
    // Someone without roles can be invited by the same token; the operator can invite anyone.
    const newcomer = await newAdminIdentity('newcomer');
    expect((await y.request('POST', jobs(newcomer), { token: restricted, body: { job: { delivery_method: 'RETURN' } } })).status).toBe(200);
    expect((await y.request('POST', jobs(adminIdentity), { body: { job: { delivery_method: 'RETURN' } } })).status).toBe(200);
    // A person with a narrow role: a tenant-wide caller holding those scopes may invite them.
    const reader = await newAdminIdentity('role-reader');
    const readers = await newRole(['identities:read']);
    await y.request('POST', role(readers, 'addMembers'), { body: { identity_ids: [reader] } });
    const holder = await y.mintToken(['credential-binding-jobs:create', 'identities:read']);
    expect((await y.request('POST', jobs(reader), { token: holder, body: { job: { delivery_method: 'RETURN' } } })).status).toBe(200);
    expectRefused(
      await y.request('POST', jobs(reader), {
        token: await inAdminRealm(['credential-binding-jobs:create', 'identities:read']),
        body: { job: { delivery_method: 'RETURN' } },
      }),
      /whole tenant/,
    );
  });

  it('changing the email address of an identity holding management roles needs the scopes those roles give (v1 and SCIM)', async () => {
    // The next EMAIL binding job for that identity, sent by someone who may, would land in the new mailbox.
    const narrow = await inAdminRealm(['identities:update', 'identities:read']);
    const before = (await y.request('GET', admin(`/identities/${adminIdentity}`))).body.traits;
    const moved = await y.request('PATCH', admin(`/identities/${adminIdentity}`), {
      token: narrow,
      body: { identity: { traits: { type: 'traits_v0', primary_email_address: 'attacker@evil.example' } } },
    });
    expectRefused(moved, /email address of this identity.*scopes you do not hold/);
    const scim = await inAdminRealm(['scim:users:update', 'scim:users:read']);
    const scimMoved = await y.request('PATCH', admin(`/scim/v2/Users/${adminIdentity}`), {
      token: scim,
      body: patchOp({ op: 'replace', path: 'emails', value: [{ value: 'attacker@evil.example', type: 'work', primary: true }] }),
    });
    expect(scimMoved.status, scimMoved.text).toBe(403);
    expect(scimMoved.body.schemas).toEqual([ERROR]);
    expect((await y.request('GET', admin(`/identities/${adminIdentity}`))).body.traits).toEqual(before);
    // Other fields stay the narrow token's to change; a person without roles keeps no such guard.
    expect(
      (await y.request('PATCH', admin(`/identities/${adminIdentity}`), { token: narrow, body: { identity: { display_name: 'The Admin' } } })).status,
    ).toBe(200);
    const plain = await newAdminIdentity('plain-mailbox', 'plain@example.com');
    const plainMoved = await y.request('PATCH', admin(`/identities/${plain}`), {
      token: narrow,
      body: { identity: { traits: { type: 'traits_v0', primary_email_address: 'plain2@example.com' } } },
    });
    expect(plainMoved.status, plainMoved.text).toBe(200);
    // The operator may.
    const operatorMoved = await y.request('PATCH', admin(`/identities/${adminIdentity}`), {
      body: { identity: { traits: { type: 'traits_v0', primary_email_address: 'admin2@example.com' } } },
    });
    expect(operatorMoved.status, operatorMoved.text).toBe(200);
  });
});
