import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_CORRECTIONS,
  contractOperations,
  contractResponseValidator,
  contractLocation,
  contractUnavailableReason,
  expectMatchesContract,
  loadContract,
} from '../support/contract.js';

const unavailable = contractUnavailableReason();
if (unavailable) console.warn(`SKIPPED contract loader tests: ${unavailable}`);

const IDENTITY = '/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}';
const IDENTITIES = '/v1/tenants/{tenant_id}/realms/{realm_id}/identities';

const json = (status: number, body: unknown) => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
  text: JSON.stringify(body),
});

const identity = {
  id: 'e372db224c06e850',
  realm_id: '8f5bec58229e6f29',
  tenant_id: '0001f1f460b1ace6',
  display_name: 'Test Display',
  create_time: '2022-04-12T05:53:07.119Z',
  update_time: '2022-06-16T14:31:03.770Z',
  status: 'active',
  traits: { type: 'traits_v0', username: 'test' },
  enrollment_status: 'UNENROLLED',
};

describe('where the contract comes from', () => {
  const missing = { YONDER_CONTRACT_PATH: join(dirname(fileURLToPath(import.meta.url)), 'no-such-contract.yaml') };

  it('a missing contract skips the contract tests on a developer machine', () => {
    expect(contractUnavailableReason(missing)).toMatch(/YONDER_CONTRACT_PATH does not exist/);
  });

  it('a missing contract fails the run under CI, as a missing PostgreSQL does', () => {
    expect(() => contractUnavailableReason({ ...missing, CI: 'true' })).toThrow(/required under CI/);
  });

  it('is read from shared/reference beside the repository unless YONDER_CONTRACT_PATH names another copy', () => {
    const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    expect(contractLocation({})).toBe(join(dirname(repository), 'shared', 'reference', 'beyond-identity-v1.openapi.yaml'));
    expect(contractLocation(missing)).toBe(missing.YONDER_CONTRACT_PATH);
  });
});

(unavailable ? describe.skip : describe)('contract loader', () => {
  it('loads the document, applies every known correction and compiles every component schema', () => {
    const contract = loadContract();
    expect(contractOperations().length).toBeGreaterThanOrEqual(100);
    expect(CONTRACT_CORRECTIONS.length).toBeGreaterThan(0);
    const paths = contract.document.paths as Record<string, unknown>;
    expect(paths['/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Groups']).toBeDefined();
    expect(paths['/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Groups/']).toBeUndefined();
    for (const id of contract.schemas.keys()) expect(() => contract.ajv.getSchema(id), id).not.toThrow();
    for (const operation of contract.operations.values()) {
      for (const status of operation.responses.keys()) {
        if (!/^\d+$/.test(status)) continue;
        const where = `${operation.method} ${operation.path} ${status}`;
        expect(() => contractResponseValidator(operation.method, operation.path, Number(status)), where).not.toThrow();
      }
    }
  });

  it('accepts the contract example of an identity', () => {
    expect(() => expectMatchesContract('GET', IDENTITY, json(200, identity))).not.toThrow();
  });

  it('validates date-time for real', () => {
    const validate = contractResponseValidator('GET', IDENTITY, 200)!;
    expect(validate({ ...identity, create_time: '2022-04-12 05:53' })).toBe(false);
    expect(validate({ ...identity, create_time: '2022-04-12T05:53:07Z' })).toBe(true);
  });

  it('dispatches traits on the discriminator: an unmapped type is refused', () => {
    const validate = contractResponseValidator('GET', IDENTITY, 200)!;
    expect(validate({ ...identity, traits: { type: 'traits_v9', username: 'x' } })).toBe(false);
    expect(validate({ ...identity, traits: { username: 'x' } })).toBe(false);
  });

  it('checks error details against their subtype (FieldViolations needs at least one violation)', () => {
    const validate = contractResponseValidator('POST', IDENTITIES, 400)!;
    const error = (violations: unknown[]) => ({
      code: 'bad_request',
      message: 'invalid parameters',
      details: [{ type: 'FieldViolations', field_violations: violations }],
    });
    expect(validate(error([{ field: 'identity.display_name', description: 'empty string' }]))).toBe(true);
    expect(validate(error([]))).toBe(false);
    expect(validate(error([{ field: 'identity.display_name' }]))).toBe(false);
  });

  it('fails on a property the contract does not declare, at any depth, unless allowed', () => {
    expect(() => expectMatchesContract('GET', IDENTITY, json(200, { ...identity, invented: 1 }))).toThrow(/body\.invented/);
    expect(() => expectMatchesContract('GET', IDENTITY, json(200, { ...identity, traits: { ...identity.traits, shoe_size: '9' } }))).toThrow(
      /body\.traits\.shoe_size/,
    );
    expect(() => expectMatchesContract('GET', IDENTITIES, json(200, { identities: [{ ...identity, invented: 1 }], total_size: 1 }))).toThrow(
      /body\.identities\[0\]\.invented/,
    );
    expect(() =>
      expectMatchesContract('GET', IDENTITY, json(200, { ...identity, invented: 1 }), { allowProperties: ['body.invented'] }),
    ).not.toThrow();
    expect(() => expectMatchesContract('GET', IDENTITY, json(200, { ...identity, invented: 1 }), { strictProperties: false })).not.toThrow();
  });

  it('fails on a status the operation does not declare, and on a body where the contract has none', () => {
    expect(() => expectMatchesContract('GET', IDENTITY, json(409, { code: 'conflict', message: 'x' }))).toThrow(/does not declare/);
    expect(() => expectMatchesContract('DELETE', IDENTITY, json(200, {}))).toThrow(/body is empty/);
    expect(() =>
      expectMatchesContract('DELETE', IDENTITY, { status: 200, headers: { 'content-type': 'application/json' }, body: undefined, text: '' }),
    ).toThrow(/must not be labelled/);
    expect(() => expectMatchesContract('DELETE', IDENTITY, { status: 200, headers: {}, body: undefined, text: '' })).not.toThrow();
  });

  it("fails on an error code the contract's examples do not use for that status", () => {
    expect(() => expectMatchesContract('GET', IDENTITY, json(404, { code: 'not_found', message: 'identity not found' }))).not.toThrow();
    expect(() => expectMatchesContract('GET', IDENTITY, json(404, { code: 'gone', message: 'identity not found' }))).toThrow(/code gone/);
  });

  it('an allowed undeclared status is answered in the media type of the operation (SCIM: application/scim+json)', () => {
    const spc = '/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/ServiceProviderConfig';
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'unauthorized' };
    const reply = (type: string) => ({ status: 401, headers: { 'content-type': type }, body, text: JSON.stringify(body) });
    expect(() => expectMatchesContract('GET', spc, reply('application/scim+json; charset=utf-8'))).not.toThrow();
    expect(() => expectMatchesContract('GET', spc, reply('application/json'))).toThrow(/application\/scim\+json/);
    expect(() => expectMatchesContract('GET', spc, { ...reply('application/scim+json'), status: 403 })).toThrow(/does not declare/);
  });

  it('list roles is read under `roles` (correction 3)', () => {
    const validate = contractResponseValidator('GET', '/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles', 200)!;
    expect(validate({ roles: [], total_size: 0 })).toBe(true);
    expect(validate({ groups: [], total_size: 0 })).toBe(false);
  });
});
