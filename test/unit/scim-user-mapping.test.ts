import { describe, expect, it } from 'vitest';
import type { Identity } from '../../src/domain/directory/identity.js';
import { parseUserFilter } from '../../src/protocols/scim/filter.js';
import { USER_SCHEMA } from '../../src/protocols/scim/schema.js';
import { applyPatch, parsePatchRequest } from '../../src/protocols/scim/user-patch.js';
import { identityToScimUser, scimUserToWrite } from '../../src/protocols/scim/user-mapping.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const full = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  externalId: 'ext-1',
  userName: 'bjensen@example.com',
  name: {
    formatted: 'Ms. Barbara J Jensen III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
    honorificPrefix: 'Ms.',
    honorificSuffix: 'III',
  },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://example.com/bjensen',
  title: 'Tour Guide',
  userType: 'Employee',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  password: 't1meMa$heen',
  emails: [
    { value: 'babs@home.example', type: 'home' },
    { value: 'bjensen@example.com', type: 'work', primary: true },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  photos: [{ value: 'https://photos.example.com/b.jpg', type: 'photo' }],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA',
      primary: true,
    },
  ],
  groups: [],
  roles: [],
  [ENT]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
  },
};

function identityOf(write: ReturnType<typeof scimUserToWrite>): Identity {
  if (!write.ok) throw new Error(write.problem.detail);
  return {
    id: '0123456789abcdef',
    realm_id: 'r',
    tenant_id: 't',
    display_name: write.value.display_name,
    status: write.value.status ?? 'active',
    traits: write.value.traits,
    enrollment_status: 'UNENROLLED',
    create_time: '2026-01-01T00:00:00.000Z',
    update_time: '2026-01-01T00:00:00.000Z',
    version: 3,
  };
}

describe('SCIM User ↔ identity mapping', () => {
  it('maps every supported attribute to its trait (RFC 7643 §8.2 full user)', () => {
    const write = scimUserToWrite(full);
    expect(write).toEqual({
      ok: true,
      value: {
        display_name: 'Babs Jensen',
        status: 'active',
        traits: {
          type: 'traits_v0',
          username: 'bjensen@example.com',
          external_id: 'ext-1',
          nick_name: 'Babs',
          profile_url: 'https://example.com/bjensen',
          title: 'Tour Guide',
          user_type: 'Employee',
          preferred_language: 'en-US',
          locale: 'en-US',
          timezone: 'America/Los_Angeles',
          formatted_name: 'Ms. Barbara J Jensen III',
          family_name: 'Jensen',
          given_name: 'Barbara',
          middle_name: 'Jane',
          honorific_prefix: 'Ms.',
          honorific_suffix: 'III',
          primary_email_address: 'bjensen@example.com',
          secondary_email_address: 'babs@home.example',
          primary_phone: '555-555-5555',
          secondary_phone: '555-555-4444',
          formatted_address: '100 Universal City Plaza\nHollywood, CA 91608 USA',
          street_address: '100 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postal_code: '91608',
          country: 'USA',
          photo: 'https://photos.example.com/b.jpg',
          employee_number: '701984',
          cost_center: '4130',
          organization: 'Universal Studios',
          division: 'Theme Park',
          department: 'Tour Operations',
          manager_id: '26118915-6090-4610-87e4-49d8ca9f808d',
          manager_name: 'John Smith',
        },
      },
    });
  });

  it('never keeps the password', () => {
    const write = scimUserToWrite(full);
    expect(JSON.stringify(write)).not.toContain('t1meMa$heen');
  });

  it('round-trips: identity → SCIM → identity keeps every trait', () => {
    const identity = identityOf(scimUserToWrite(full));
    const scim = identityToScimUser(identity, 'https://x/Users/0123456789abcdef');
    expect(scim).not.toHaveProperty('password');
    expect(scim.meta).toEqual({
      resourceType: 'User',
      created: identity.create_time,
      lastModified: identity.update_time,
      location: 'https://x/Users/0123456789abcdef',
      version: 'W/"3"',
    });
    expect(scim.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENT]);
    expect(identityOf(scimUserToWrite(scim)).traits).toEqual(identity.traits);
  });

  it('accepts attribute names in any case and extension attributes as URN-qualified keys', () => {
    const write = scimUserToWrite({
      USERNAME: 'casey',
      Name: { GivenName: 'Case', FAMILYNAME: 'Y' },
      [`${ENT}:employeeNumber`]: '42',
      Active: 'False',
    });
    expect(write.ok && write.value).toMatchObject({
      display_name: 'Case Y',
      status: 'suspended',
      traits: { username: 'casey', given_name: 'Case', family_name: 'Y', employee_number: '42' },
    });
  });

  it('derives displayName from name.formatted, else given + family name, else userName', () => {
    const names = [
      { userName: 'u1', name: { formatted: 'Formatted Name', givenName: 'G' } },
      { userName: 'u2', name: { givenName: 'Given', familyName: 'Family' } },
      { userName: 'u3' },
    ].map((b) => {
      const w = scimUserToWrite(b);
      return w.ok ? w.value.display_name : w.problem.detail;
    });
    expect(names).toEqual(['Formatted Name', 'Given Family', 'u3']);
  });

  it('refuses wrong types and a missing userName with invalidValue; ignores unknown attributes', () => {
    expect(scimUserToWrite({ userName: 5 })).toMatchObject({ ok: false, problem: { status: 400, scimType: 'invalidValue' } });
    expect(scimUserToWrite({ name: { givenName: 'x' } })).toMatchObject({ ok: false, problem: { scimType: 'invalidValue' } });
    expect(scimUserToWrite({ userName: 'x', emails: 'x@y' })).toMatchObject({ ok: false, problem: { scimType: 'invalidValue' } });
    expect(scimUserToWrite({ userName: 'x', active: 'maybe' })).toMatchObject({ ok: false, problem: { scimType: 'invalidValue' } });
    expect(scimUserToWrite([])).toMatchObject({ ok: false, problem: { scimType: 'invalidSyntax' } });
    expect(scimUserToWrite({ userName: 'x', ims: [{ value: 'aim' }], x509Certificates: [] }).ok).toBe(true);
  });

  it("accepts Entra's manager given as a bare id", () => {
    const w = scimUserToWrite({ userName: 'm', [ENT]: { manager: 'abc' } });
    expect(w.ok && w.value.traits.manager_id).toBe('abc');
  });
});

describe('SCIM PATCH in memory', () => {
  const base = () => identityToScimUser(identityOf(scimUserToWrite(full)), 'loc');
  const patch = (ops: unknown[]) => {
    const parsed = parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ops });
    if (!parsed.ok) return parsed;
    return applyPatch(base(), parsed.value, USER_SCHEMA);
  };
  const traitsAfter = (ops: unknown[]) => {
    const r = patch(ops);
    if (!r.ok) throw new Error(r.problem.detail);
    const w = scimUserToWrite(r.value);
    if (!w.ok) throw new Error(w.problem.detail);
    return w.value;
  };

  it('M3: Add on emails[type eq "work"].value replaces the work email instead of adding one', () => {
    const w = traitsAfter([{ op: 'Add', path: 'emails[type eq "work"].value', value: 'new@example.com' }]);
    expect(w.traits.primary_email_address).toBe('new@example.com');
    expect(w.traits.secondary_email_address).toBe('babs@home.example');
  });

  it('M2 compliant mode: a no-path replace with dotted and URN keys', () => {
    const w = traitsAfter([{ op: 'replace', value: { displayName: 'New Name', 'name.givenName': 'Barb', [`${ENT}:employeeNumber`]: '9' } }]);
    expect(w).toMatchObject({ display_name: 'New Name', traits: { given_name: 'Barb', employee_number: '9', family_name: 'Jensen' } });
  });

  it('adds an element for a value filter that matches nothing, and replace there is noTarget', () => {
    const w = traitsAfter([
      { op: 'remove', path: 'phoneNumbers[type eq "mobile"]' },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '1' },
    ]);
    expect(w.traits.secondary_phone).toBe('1');
    expect(patch([{ op: 'replace', path: 'emails[type eq "home"].value', value: 'x@y' }])).toMatchObject({
      ok: false,
      problem: { status: 400, scimType: 'noTarget' },
    });
  });

  it('refuses malformed paths (invalidPath), read-only targets (mutability) and bad bodies (invalidSyntax)', () => {
    expect(patch([{ op: 'replace', path: 'emails[type eq', value: 'x' }])).toMatchObject({ ok: false, problem: { scimType: 'invalidPath' } });
    expect(patch([{ op: 'replace', path: 'id', value: 'x' }])).toMatchObject({ ok: false, problem: { scimType: 'mutability' } });
    expect(patch([{ op: 'move', path: 'title', value: 'x' }])).toMatchObject({ ok: false, problem: { scimType: 'invalidSyntax' } });
    expect(parsePatchRequest({ Operations: [] })).toMatchObject({ ok: false, problem: { scimType: 'invalidSyntax' } });
  });

  it('O2: a no-path replace whose value carries the read-only id (and meta) is tolerated', () => {
    const w = traitsAfter([{ op: 'replace', value: { id: 'ffffffffffffffff', meta: {}, displayName: 'Renamed' } }]);
    expect(w.display_name).toBe('Renamed');
  });

  it('ignores paths to attributes with no home', () => {
    expect(traitsAfter([{ op: 'add', path: 'ims', value: [{ value: 'x' }] }]).traits).toEqual(
      traitsAfter([{ op: 'add', path: 'title', value: 'Tour Guide' }]).traits,
    );
  });
});

describe('SCIM filter resolution', () => {
  it('folds userName and keeps externalId exact', () => {
    expect(parseUserFilter('UserName EQ "BJensen"')).toEqual({
      ok: true,
      value: { op: 'eq', field: { kind: 'key', key: 'username' }, value: 'bjensen' },
    });
    expect(parseUserFilter('externalId eq "AbC"')).toEqual({ ok: true, value: { op: 'eq', field: { kind: 'external_id' }, value: 'AbC' } });
  });

  it('refuses unknown attributes and type mismatches with invalidFilter', () => {
    for (const f of ['nope eq "x"', 'name eq "x"', 'active gt true', 'userName eq 5', 'meta.created co "2020"', 'userName eq']) {
      expect(parseUserFilter(f), f).toMatchObject({ ok: false, problem: { status: 400, scimType: 'invalidFilter' } });
    }
  });
});
