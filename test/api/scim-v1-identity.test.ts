import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { ENTERPRISE_USER, createScimUser, patchOp, scimPath } from '../support/scim.js';

/** A SCIM User is an identity: SCIM and the v1 API read and write one truth. */
describeApi('SCIM and v1 identities are one truth', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('a SCIM-created user shows up in GET /identities with its attributes mapped to traits', async () => {
    const u = await createScimUser(y, {
      userName: 'one.truth@example.com',
      externalId: 'okta-00u1',
      name: {
        givenName: 'One',
        familyName: 'Truth',
        middleName: 'M',
        honorificPrefix: 'Dr.',
        honorificSuffix: 'Jr.',
        formatted: 'Dr. One M Truth Jr.',
      },
      nickName: 'OT',
      title: 'Architect',
      userType: 'Employee',
      preferredLanguage: 'en',
      locale: 'en-GB',
      timezone: 'Europe/London',
      profileUrl: 'https://example.com/ot',
      emails: [
        { value: 'one.truth@example.com', type: 'work', primary: true },
        { value: 'ot@home.example', type: 'home' },
      ],
      phoneNumbers: [
        { value: '+44 20 7946 0000', type: 'work', primary: true },
        { value: '+44 7700 900000', type: 'mobile' },
      ],
      addresses: [{ streetAddress: '1 Main St', locality: 'London', region: 'LDN', postalCode: 'N1', country: 'GB', formatted: '1 Main St, London' }],
      password: 'never-stored',
      [ENTERPRISE_USER]: {
        employeeNumber: 'E1',
        costCenter: 'CC',
        organization: 'Org',
        division: 'Div',
        department: 'Dept',
        manager: { value: 'm-1', displayName: 'The Boss' },
      },
    });
    const list = await y.request('GET', y.realmPath(`/identities?filter=${encodeURIComponent('traits.username eq "ONE.TRUTH@example.com"')}`));
    expect(list.status).toBe(200);
    expect(list.body.identities).toHaveLength(1);
    const identity = list.body.identities[0];
    expect(identity).toMatchObject({ id: u.id, display_name: 'Dr. One M Truth Jr.', status: 'active' });
    expect(identity.traits).toEqual({
      type: 'traits_v0',
      username: 'one.truth@example.com',
      external_id: 'okta-00u1',
      given_name: 'One',
      family_name: 'Truth',
      middle_name: 'M',
      honorific_prefix: 'Dr.',
      honorific_suffix: 'Jr.',
      formatted_name: 'Dr. One M Truth Jr.',
      nick_name: 'OT',
      title: 'Architect',
      user_type: 'Employee',
      preferred_language: 'en',
      locale: 'en-GB',
      timezone: 'Europe/London',
      profile_url: 'https://example.com/ot',
      primary_email_address: 'one.truth@example.com',
      secondary_email_address: 'ot@home.example',
      primary_phone: '+44 20 7946 0000',
      secondary_phone: '+44 7700 900000',
      street_address: '1 Main St',
      locality: 'London',
      region: 'LDN',
      postal_code: 'N1',
      country: 'GB',
      formatted_address: '1 Main St, London',
      employee_number: 'E1',
      cost_center: 'CC',
      organization: 'Org',
      division: 'Div',
      department: 'Dept',
      manager_id: 'm-1',
      manager_name: 'The Boss',
    });
    // The v1 shape is unchanged: no version field, no password anywhere.
    expect(identity).not.toHaveProperty('version');
    expect(JSON.stringify(list.body)).not.toContain('never-stored');
  });

  it('suspending by SCIM shows status "suspended" in v1; reactivating shows "active"', async () => {
    const u = await createScimUser(y, { userName: 'suspend.me' });
    await y.request('PATCH', scimPath(y, `/Users/${u.id}`), { body: patchOp({ op: 'Replace', path: 'active', value: 'False' }) });
    expect((await y.request('GET', y.realmPath(`/identities/${u.id}`))).body.status).toBe('suspended');
    await y.request('PATCH', scimPath(y, `/Users/${u.id}`), { body: patchOp({ op: 'replace', value: { active: true } }) });
    expect((await y.request('GET', y.realmPath(`/identities/${u.id}`))).body.status).toBe('active');
  });

  it('an identity created by v1 is a SCIM User, found by userName, and v1 suspension shows active: false', async () => {
    const created = await y.createIdentity('from.v1', {
      traits: { type: 'traits_v0', username: 'from.v1', primary_email_address: 'v1@example.com', given_name: 'Vee' },
    });
    const r = await y.request('GET', scimPath(y, `/Users?filter=${encodeURIComponent('userName eq "FROM.V1"')}`));
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources[0]).toMatchObject({
      id: created.id,
      userName: 'from.v1',
      displayName: 'from.v1',
      active: true,
      name: { givenName: 'Vee' },
      emails: [{ value: 'v1@example.com', type: 'work', primary: true }],
    });
    await y.request('PATCH', y.realmPath(`/identities/${created.id}`), { body: { identity: { status: 'suspended' } } });
    expect((await y.request('GET', scimPath(y, `/Users/${created.id}`))).body.active).toBe(false);
  });

  it('the username is unique across both APIs, ignoring case', async () => {
    await y.createIdentity('shared.name');
    const r = await y.request('POST', scimPath(y, '/Users'), { body: { userName: 'Shared.Name' } });
    expect(r.status).toBe(409);
    expect(r.body.scimType).toBe('uniqueness');
  });

  it('a SCIM delete removes the identity from v1', async () => {
    const u = await createScimUser(y, { userName: 'delete.both' });
    await y.request('DELETE', scimPath(y, `/Users/${u.id}`));
    expect((await y.request('GET', y.realmPath(`/identities/${u.id}`))).status).toBe(404);
  });
});
