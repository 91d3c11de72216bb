import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ndjsonItems } from '../../src/cli/import-readers.js';
import { importIdentities } from '../../src/services/directory/bulk.js';
import { createRealm } from '../../src/services/directory/tenancy.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * A name that looks like another is a way to pass for someone: `admin\u200b` beside `admin` in a
 * list of administrators, an RTL override turning a name around, a CR/LF in a display name that
 * goes into an email body. Names refuse invisible and control characters (Unicode Cc, Cf, line
 * and paragraph separators, variation selectors and other invisible fillers) and surrounding
 * whitespace, everywhere names go; usernames also refuse mixing Latin with Cyrillic or Greek
 * letters (`аdmin` with a Cyrillic а). The same rules hold for v1, SCIM and the import.
 */
const INVISIBLE_OR_AROUND = [
  'admin\u200b',
  '\u200badmin',
  'ad\u200dmin',
  'ad\u00admin',
  'admin\ufe0f',
  'admin\u{e0100}',
  '\u202enimda',
  'ad\u2066min',
  'ad\ufeffmin',
  'ad\u180emin',
  'ad\u034fmin',
  'ad\u3164min',
  ' admin',
  'admin ',
  '\u00a0admin',
  'admin\u3000',
  'ad\tmin',
  'ad\rmin',
  'ad\nmin',
  'ad\u2028min',
  'ad\u0085min',
];
const MIXED_SCRIPTS = ['\u0430dmin', 'adm\u0456n', 'p\u0430ypal', '\u03bfkta', 'Admin\u0391'];
const FINE_USERNAMES = [
  'admin-2',
  'jos\u00e9',
  'Zo\u00eb',
  '\u0438\u0432\u0430\u043d',
  '\u03b1\u03bb\u03ad\u03be\u03b7\u03c2',
  '\u5c71\u7530',
  'ann.smith',
];

describeApi('names: no invisible characters, no surrounding spaces, no mixed-script usernames', () => {
  let y: TestYonder;
  let count: () => Promise<number>;
  beforeAll(async () => {
    y = await TestYonder.start();
    await y.createIdentity('admin');
    count = async () => (await y.request('GET', y.realmPath('/identities'))).body.total_size as number;
  });
  afterAll(async () => y?.close());

  const createIdentity = (username: string, displayName = 'Someone') =>
    y.request('POST', y.realmPath('/identities'), { body: { identity: { display_name: displayName, traits: { type: 'traits_v0', username } } } });
  const violation = (field: string) => ({ field, description: 'contains characters that are not allowed' });

  it('POST /identities refuses a username or display name with invisible characters or surrounding spaces', async () => {
    for (const name of INVISIBLE_OR_AROUND) {
      const asUsername = await createIdentity(name);
      expect(asUsername.status, JSON.stringify(name)).toBe(400);
      expect(asUsername.body.details[0].field_violations).toContainEqual(violation('identity.traits.username'));
      const asDisplayName = await createIdentity(`user-${INVISIBLE_OR_AROUND.indexOf(name)}`, name);
      expect(asDisplayName.status, JSON.stringify(name)).toBe(400);
      expect(asDisplayName.body.details[0].field_violations).toContainEqual(violation('identity.display_name'));
    }
    expect(await count()).toBe(1);
  });

  it('POST /identities refuses a username mixing Latin with Cyrillic or Greek letters, and takes single-script ones', async () => {
    for (const name of MIXED_SCRIPTS) {
      const reply = await createIdentity(name);
      expect(reply.status, JSON.stringify(name)).toBe(400);
      expect(reply.body.details[0].field_violations).toContainEqual({
        field: 'identity.traits.username',
        description: 'mixes Latin with Cyrillic or Greek letters',
      });
    }
    expect(await count()).toBe(1);
    for (const name of FINE_USERNAMES) {
      const reply = await createIdentity(name, `Name of ${name} \u{1f642}`);
      expect(reply.status, `${name}: ${reply.text}`).toBe(200);
    }
  });

  it('PATCH /identities/{id} refuses the same, and changes nothing', async () => {
    const target = await y.createIdentity('patch-target');
    for (const body of [
      { identity: { traits: { type: 'traits_v0', username: 'patch-target\u200b' } } },
      { identity: { traits: { type: 'traits_v0', username: 'p\u0430tch-target' } } },
      { identity: { display_name: 'Ann\r\nBcc: x' } },
    ]) {
      const reply = await y.request('PATCH', y.realmPath(`/identities/${target.id}`), { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
    const after = await y.request('GET', y.realmPath(`/identities/${target.id}`));
    expect(after.body).toMatchObject({ display_name: 'patch-target', traits: { username: 'patch-target' } });
  });

  it('an identity stored before these rules can still be suspended (v1 and SCIM); changing its name must follow them', async () => {
    const created = await y.createIdentity('legacy');
    const stored = await y.yonder.store.identities.get(y.realmId, created.id);
    // As an older yonder let it in: written straight to the store.
    await y.yonder.store.identities.update({
      ...stored!,
      display_name: 'Legacy\u202e',
      traits: { ...stored!.traits, username: 'legacy\u200b', primary_email_address: 'ceo<attacker@evil.example>' },
    });
    const suspend = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), { body: { identity: { status: 'suspended' } } });
    expect(suspend.status, suspend.text).toBe(200);
    const rename = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), { body: { identity: { display_name: 'Still\u200b' } } });
    expect(rename.status).toBe(400);
    const email = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), {
      body: { identity: { traits: { type: 'traits_v0', primary_email_address: 'other<attacker@evil.example>' } } },
    });
    expect(email.status).toBe(400);
    const scimPatch = (operations: unknown[]) =>
      y.request('PATCH', y.realmPath(`/scim/v2/Users/${created.id}`), {
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations },
      });
    const deactivate = await scimPatch([{ op: 'replace', path: 'active', value: false }]);
    expect(deactivate.status, deactivate.text).toBe(200);
    const scimRename = await scimPatch([{ op: 'replace', path: 'userName', value: 'legacy\u200d' }]);
    expect(scimRename.status, scimRename.text).toBe(400);
    const fixed = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), {
      body: {
        identity: { display_name: 'Legacy', traits: { type: 'traits_v0', username: 'legacy-fixed', primary_email_address: 'legacy@example.com' } },
      },
    });
    expect(fixed.status, fixed.text).toBe(200);
  });

  it("groups, roles, realms, resource servers, applications and themes' email realm names refuse such names", async () => {
    const tenant = `/v1/tenants/${y.tenantId}`;
    const creates: [string, (name: string) => unknown][] = [
      [y.realmPath('/groups'), (name) => ({ group: { display_name: name, description: 'd' } })],
      [y.realmPath('/resource-servers/0000000000000000/roles'), (name) => ({ role: { display_name: name, description: 'd' } })],
      [`${tenant}/realms`, (name) => ({ realm: { display_name: name } })],
      [y.realmPath('/resource-servers'), (name) => ({ resource_server: { display_name: name, identifier: 'https://api.example', scopes: [] } })],
      [y.realmPath('/applications'), (name) => ({ application: { display_name: name, protocol_config: { type: 'oauth2', allowed_scopes: [] } } })],
      [y.realmPath('/themes'), (name) => ({ theme: { email_realm_name: name } })],
    ];
    for (const [path, body] of creates) {
      for (const name of ['Admins\u200b', ' Admins', 'Admins\n', '\u202eAdmins', 'Admins\ufe0f']) {
        const reply = await y.request('POST', path, { body: body(name) });
        expect(reply.status, `${path} ${JSON.stringify(name)}: ${reply.text}`).toBe(400);
        expect(JSON.stringify(reply.body.details?.[0]?.field_violations ?? []), path).toMatch(/display_name|email_realm_name/);
      }
    }
    const groups = await y.request('GET', y.realmPath('/groups'));
    expect(groups.body.total_size).toBe(0);
  });

  it("the CLI's realm create (the same service, without the HTTP schema) refuses them too", async () => {
    const realmsBefore = (await y.request('GET', `/v1/tenants/${y.tenantId}/realms`)).body.total_size;
    for (const name of ['Default\u200b', 'Default ', '\u202eDefault']) {
      await expect(
        y.yonder.store.transaction((tx) => createRealm(tx, y.tenantId, { display_name: name })),
        JSON.stringify(name),
      ).rejects.toMatchObject({
        code: 'bad_request',
      });
    }
    expect((await y.request('GET', `/v1/tenants/${y.tenantId}/realms`)).body.total_size).toBe(realmsBefore);
  });

  it('SCIM refuses such a userName, displayName or group displayName with 400 invalidValue', async () => {
    const before = await count();
    const users = [
      { userName: 'admin\u200b' },
      { userName: '\u0430dmin' },
      { userName: 'scim-ok', displayName: '\u202eAnn' },
      { userName: 'scim-ok', displayName: 'Ann ' },
    ];
    for (const user of users) {
      const reply = await y.request('POST', y.realmPath('/scim/v2/Users'), {
        body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], ...user },
      });
      expect(reply.status, `${JSON.stringify(user)}: ${reply.text}`).toBe(400);
      expect(reply.body.scimType).toBe('invalidValue');
    }
    expect(await count()).toBe(before);
    const group = await y.request('POST', y.realmPath('/scim/v2/Groups'), {
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Admins\u200b' },
    });
    expect(group.status, group.text).toBe(400);
    expect(group.body.scimType).toBe('invalidValue');
  });

  it('the import rejects such records by line and imports the rest', async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Look-alike import' } } });
    const record = (username: string, displayName = username) =>
      JSON.stringify({ display_name: displayName, traits: { type: 'traits_v0', username } });
    const file = [record('admin'), record('admin\u200b'), record('\u0430dmin'), record('ok', 'Ok\u202e'), record('fine')].join('\n');
    const summary = await importIdentities(y.yonder, { tenantId: y.tenantId, realmId: realm.body.id }, ndjsonItems(Readable.from([`${file}\n`])));
    expect(summary.imported).toBe(2);
    expect(summary.rejections.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('a username that looks the same as one in the realm (whole words in Cyrillic or Greek letters) is 409 at every door', async () => {
    await y.createIdentity('ace');
    await y.createIdentity('opa');
    const lookAlikes = ['\u0430\u0441\u0435', '\u0410\u0421\u0415', '\u03bf\u03c1\u03b1'];
    for (const name of lookAlikes) {
      const reply = await createIdentity(name);
      expect(reply.status, `${JSON.stringify(name)}: ${reply.text}`).toBe(409);
      expect(reply.body.code).toBe('conflict');
    }
    const renamed = await y.createIdentity('\u0438\u0432\u0430\u043d-2');
    const patch = await y.request('PATCH', y.realmPath(`/identities/${renamed.id}`), {
      body: { identity: { traits: { type: 'traits_v0', username: '\u0430\u0441\u0435' } } },
    });
    expect(patch.status, patch.text).toBe(409);
    const scim = await y.request('POST', y.realmPath('/scim/v2/Users'), {
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: '\u0430\u0441\u0435' },
    });
    expect(scim.status, scim.text).toBe(409);
    expect(scim.body.scimType).toBe('uniqueness');
    // In another realm the name is free.
    const other = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Cyrillic realm' } } });
    expect((await y.createIdentity('\u0430\u0441\u0435', {}, other.body.id)).traits.username).toBe('\u0430\u0441\u0435');
    // Concurrent creates of look-alikes: exactly one is written.
    const racers = await Promise.all(['cox', '\u0441\u043e\u0445', 'COX', '\u0421\u041e\u0425'].map((name) => createIdentity(name)));
    expect(racers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  });

  it('the import skips a username that looks like one already in the realm', async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Look-alike skip' } } });
    const record = (username: string) => JSON.stringify({ display_name: 'x', traits: { type: 'traits_v0', username } });
    const file = [record('ace'), record('\u0430\u0441\u0435'), record('\u03bf\u03c1\u03b1'), record('opa')].join('\n');
    const summary = await importIdentities(y.yonder, { tenantId: y.tenantId, realmId: realm.body.id }, ndjsonItems(Readable.from([`${file}\n`])));
    expect(summary).toMatchObject({ imported: 2, skipped: 2, rejected: 0 });
  });
});
