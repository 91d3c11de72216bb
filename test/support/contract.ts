import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * The Beyond Identity v1 OpenAPI document as a test oracle: yonder's replies are validated against
 * the schemas of the contract's own operations.
 *
 * The document is not part of the repository. It is read from
 * `../shared/reference/beyond-identity-v1.openapi.yaml` next to the repository root, or from
 * `YONDER_CONTRACT_PATH`; a suite that needs it skips (visibly) when it is absent, except under CI,
 * where its absence fails the run.
 *
 * OpenAPI 3.0 schemas are not quite JSON Schema, so each component schema is converted once:
 * - `$ref: '#/components/schemas/X...'` points at the component registered under its own id;
 * - `nullable: true` becomes a `null` alternative;
 * - `example`, `xml`, `externalDocs`, `x-*` are dropped; `readOnly`, `writeOnly`, `deprecated`
 *   stay as Ajv metadata (a response may carry read-only fields, so they are not enforced);
 * - `discriminator` with `oneOf` + `mapping` (Identity.traits) becomes an exact dispatch: the
 *   property must name a mapped schema and the data must validate against that schema;
 * - `discriminator` on a base schema without `oneOf` (ErrorDetail, extended by FieldViolations
 *   and ResourceInfo through `allOf`) dispatches by schema name wherever the base is used, except
 *   inside a subtype's own `allOf` (that is the inheritance, not a use);
 * - `format: date-time`/`uuid`/`url` are validated by ajv-formats; the integer formats are
 *   range-checked; any other format the document uses is accepted as unknown.
 */

// ajv-formats ships CommonJS with a default export; under NodeNext the callable is `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCHEMA_BASE = 'https://contract.yonder.invalid/components/schemas/';
const POLYMORPHIC_SUFFIX = '.polymorphic';

/** Where the contract is read from: `YONDER_CONTRACT_PATH`, else beside the repository. */
export function contractLocation(env: NodeJS.ProcessEnv = process.env): string {
  return env.YONDER_CONTRACT_PATH || resolve(REPO_ROOT, '..', 'shared', 'reference', 'beyond-identity-v1.openapi.yaml');
}

/**
 * Why contract tests cannot run here, or `null` when they can. Under CI a missing contract throws,
 * as a missing PostgreSQL does (postgres-setup.ts): there, a skip would pass a run that checked
 * nothing against the contract. The file reading it fails, so the run fails.
 */
export function contractUnavailableReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const location = contractLocation(env);
  if (existsSync(location)) return null;
  const reason = env.YONDER_CONTRACT_PATH
    ? 'the file named by YONDER_CONTRACT_PATH does not exist'
    : 'the Beyond Identity OpenAPI file is not at ../shared/reference/beyond-identity-v1.openapi.yaml ' +
      'next to the repository (set YONDER_CONTRACT_PATH to use another copy)';
  if (env.CI) throw new Error(`The contract is required under CI: ${reason}`);
  return reason;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Schema = JsonObject;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// Known corrections: where the real service differs from the published file (reference README).
// Each one patches the loaded document and throws if its target is gone, so this table cannot
// silently go stale when the file is updated.
// ---------------------------------------------------------------------------------------------

export interface ContractCorrection {
  /** The number in the reference README, or `supplement` for what the file only shows by example. */
  readonly ref: string;
  readonly summary: string;
  apply(document: JsonObject): void;
}

const V1_TENANT = '/v1/tenants/{tenant_id}';
const V1_REALM = `${V1_TENANT}/realms/{realm_id}`;
const SCIM = `${V1_REALM}/scim/v2`;
const POLICY = `${V1_REALM}/policy`;
const BINDING_JOB = `${V1_REALM}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}`;
/** yonder's hosted pages, their ceremony endpoints and their scripts: public, outside `/v1`. */
const HOSTED = '/hosted';
const HOSTED_REALM = `${HOSTED}/tenants/{tenant_id}/realms/{realm_id}`;
/** The Admin Console's own calls (its single-page app is served beside them, undocumented). */
const CONSOLE_API = '/console/api';

function at(document: JsonObject, ...path: string[]): JsonObject {
  let node: Json = document;
  for (const key of path) {
    if (!isObject(node) || !(key in node)) throw new Error(`contract correction: ${path.join(' > ')} not found`);
    node = node[key] as Json;
  }
  if (!isObject(node)) throw new Error(`contract correction: ${path.join(' > ')} is not an object`);
  return node;
}

function jsonRequestSchema(document: JsonObject, path: string, method: string): JsonObject {
  return at(document, 'paths', path, method, 'requestBody', 'content', 'application/json', 'schema');
}

/** A request body wrapped as `{ "<key>": <resource> }` in the file but flat on the wire. */
function unwrapRequest(document: JsonObject, path: string, method: string, key: string): void {
  const content = at(document, 'paths', path, method, 'requestBody', 'content', 'application/json');
  const inner = at(content, 'schema', 'properties', key);
  content.schema = inner;
}

export const CONTRACT_CORRECTIONS: readonly ContractCorrection[] = [
  {
    ref: '1',
    summary: 'Create role: the request body key is `role`, not `group`.',
    apply(document) {
      const schema = jsonRequestSchema(document, `${V1_REALM}/resource-servers/{resource_server_id}/roles`, 'post');
      const properties = at(schema, 'properties');
      properties.role = properties.group as Json;
      delete properties.group;
    },
  },
  {
    ref: '2',
    summary:
      'SCIM create/replace User and create Group take a flat SCIM resource; SCIM PATCH takes a PatchOp; ' +
      '`/scim/v2/Groups/` has no trailing slash.',
    apply(document) {
      unwrapRequest(document, `${SCIM}/Users`, 'post', 'user');
      unwrapRequest(document, `${SCIM}/Users/{user_id}`, 'put', 'user');
      unwrapRequest(document, `${SCIM}/Groups/`, 'post', 'group');
      const patchOp: JsonObject = {
        type: 'object',
        required: ['schemas', 'Operations'],
        properties: {
          schemas: { type: 'array', items: { type: 'string' } },
          Operations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['op'],
              properties: { op: { type: 'string' }, path: { type: 'string' }, value: {} },
            },
          },
        },
      };
      for (const path of [`${SCIM}/Users/{user_id}`, `${SCIM}/Groups/{group_id}`]) {
        at(document, 'paths', path, 'patch', 'requestBody', 'content', 'application/json').schema = patchOp;
      }
      const paths = at(document, 'paths');
      paths[`${SCIM}/Groups`] = at(paths, `${SCIM}/Groups/`);
      delete paths[`${SCIM}/Groups/`];
    },
  },
  {
    ref: '3',
    summary: 'List roles returns its array under `roles` (the file says `groups`).',
    apply(document) {
      const properties = at(document, 'components', 'schemas', 'ListRolesResponse', 'properties');
      properties.roles = at(properties, 'groups');
      delete properties.groups;
    },
  },
  {
    ref: '4',
    summary: 'Revoke credential returns `state: "REVOKED"` (only the example is wrong; the schema stands).',
    apply(document) {
      at(document, 'paths', `${V1_REALM}/identities/{identity_id}/credentials/{credential_id}:revoke`);
    },
  },
  {
    ref: '5',
    summary: 'The `filter` parameter shown on "get credential binding job" belongs to the list endpoint.',
    apply(document) {
      const jobs = `${V1_REALM}/identities/{identity_id}/credential-binding-jobs`;
      const get = at(document, 'paths', `${jobs}/{credential_binding_job_id}`, 'get');
      const list = at(document, 'paths', jobs, 'get');
      const parameters = get.parameters as Json[];
      const index = parameters.findIndex((p) => isObject(p) && p.name === 'filter');
      if (index < 0) throw new Error('contract correction: filter parameter not found');
      (list.parameters as Json[]).push(parameters[index] as Json);
      parameters.splice(index, 1);
    },
  },
  {
    ref: '6',
    summary: 'SCIM responses use `application/scim+json`.',
    apply(document) {
      const paths = at(document, 'paths');
      for (const [path, item] of Object.entries(paths)) {
        if (!path.startsWith(`${SCIM}/`) || !isObject(item)) continue;
        for (const operation of Object.values(item)) {
          if (!isObject(operation) || !isObject(operation.responses)) continue;
          for (const response of Object.values(operation.responses)) {
            if (!isObject(response) || !isObject(response.content) || !('application/json' in response.content)) continue;
            response.content['application/scim+json'] = response.content['application/json'] as Json;
            delete response.content['application/json'];
          }
        }
      }
    },
  },
  {
    ref: 'supplement',
    summary:
      'Revoke credential binding job names the security scheme `CredentialAuth`, which the file does not define ' +
      '(its only scheme is `BearerAuth`, which every other operation uses); same scope.',
    apply(document) {
      const operation = at(document, 'paths', `${BINDING_JOB}:revoke`, 'post');
      const security = operation.security as Json[];
      const index = security.findIndex((r) => isObject(r) && 'CredentialAuth' in r);
      if (index < 0 || 'CredentialAuth' in at(document, 'components', 'securitySchemes')) {
        throw new Error('contract correction: the CredentialAuth requirement is gone or now defined');
      }
      security[index] = { BearerAuth: (security[index] as JsonObject).CredentialAuth as Json };
    },
  },
  {
    ref: 'supplement',
    summary:
      'The flow type configuration operations name the security scheme `DirectoryAuth`, which the file does not define; ' +
      'read as the bearer token every other operation takes, with the same scopes (all of them required).',
    apply(document) {
      for (const method of ['get', 'patch']) {
        const operation = at(document, 'paths', `${V1_REALM}/flow-type-config`, method);
        const security = operation.security as Json[];
        const index = security.findIndex((r) => isObject(r) && 'DirectoryAuth' in r);
        if (index < 0 || 'DirectoryAuth' in at(document, 'components', 'securitySchemes')) {
          throw new Error('contract correction: the DirectoryAuth requirement is gone or now defined');
        }
        security[index] = { BearerAuth: (security[index] as JsonObject).DirectoryAuth as Json };
      }
    },
  },
  {
    ref: 'divergence',
    summary:
      'The identity provider operations declare no security of their own (the document default: a token, no scope), yet a ' +
      'provider carries an upstream client secret (given back on read) and decides who may enroll: yonder requires ' +
      '`identity-providers:create|read|update|delete` like every other resource. A yonder divergence, kept on purpose.',
    apply(document) {
      const providers = `${V1_REALM}/identity-providers`;
      const provider = `${providers}/{identity_provider_id}`;
      const verbs: [string, string, string][] = [
        [providers, 'get', 'read'],
        [providers, 'post', 'create'],
        [provider, 'get', 'read'],
        [provider, 'patch', 'update'],
        [provider, 'delete', 'delete'],
      ];
      for (const [path, method, verb] of verbs) {
        const operation = at(document, 'paths', path, method);
        if ('security' in operation) throw new Error(`contract correction: ${method} ${path} now declares its security`);
        operation.security = [{ BearerAuth: [`identity-providers:${verb}`] }];
      }
    },
  },
  {
    ref: 'divergence',
    summary:
      'Create identity provider gives its 200 the schema of the protocol configuration alone, which would leave the caller ' +
      'without the new id; yonder answers the whole provider (`IdentityProviderResponse`), as get and update do.',
    apply(document) {
      const media = at(document, 'paths', `${V1_REALM}/identity-providers`, 'post', 'responses', '200', 'content', 'application/json');
      if (at(media, 'schema').$ref !== '#/components/schemas/IdentityProviderProtocolConfigResponse') {
        throw new Error('contract correction: the create identity provider reply is no longer the protocol config alone');
      }
      media.schema = { $ref: '#/components/schemas/IdentityProviderResponse' };
    },
  },
  {
    ref: 'supplement',
    summary:
      'Create credential binding job gives its 404 the schema `ResourceInfo` (an error detail), while its own example, ' +
      'like every other 404 of the file, is the `Error` envelope carrying that detail; the example is right.',
    apply(document) {
      const media = at(
        document,
        'paths',
        `${V1_REALM}/identities/{identity_id}/credential-binding-jobs`,
        'post',
        'responses',
        '404',
        'content',
        'application/json',
      );
      const schema = at(media, 'schema');
      if (schema.$ref !== '#/components/schemas/ResourceInfo') throw new Error('contract correction: the 404 schema is no longer ResourceInfo');
      media.schema = { $ref: '#/components/schemas/Error' };
    },
  },
  {
    ref: 'supplement',
    summary:
      'The `BatchOperationErrors` error detail (batch delete 404) exists only as an example in the file; ' +
      'this is its schema, read off that example.',
    apply(document) {
      const schemas = at(document, 'components', 'schemas');
      if ('BatchOperationErrors' in schemas) throw new Error('contract correction: BatchOperationErrors now has a schema');
      schemas.BatchOperationErrors = {
        title: 'Batch Operation Errors',
        allOf: [
          { $ref: '#/components/schemas/ErrorDetail' },
          {
            type: 'object',
            required: ['description', 'errors'],
            properties: {
              description: { type: 'string' },
              errors: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  required: ['Description', 'IDs', 'ResourceType'],
                  properties: {
                    Description: { type: 'string' },
                    IDs: { type: 'array', items: { type: 'string' }, minItems: 1 },
                    ResourceType: { type: 'string' },
                  },
                },
              },
            },
          },
        ],
      };
    },
  },
  {
    ref: 'supplement',
    summary:
      "SSO config payloads: the replies' `oneOf` branches overlap (the SAML branch requires nothing, several " +
      'others only `type`), so no reply can match exactly one; each reply is checked against the branch of its ' +
      '`type`, in the order of `SsoConfigType`. Within them: `oidc_configuration` requires `grant_types_supported` ' +
      'and `introspect_endpoint` without declaring them; the SAML reply types its attribute list as a list of ' +
      'lists; the ws_fed branch names an object as its `type`, so ws_fed is checked against `SsoConfigWsFed`. ' +
      "yonder's own: a client secret is shown once (the reply that issued it), so it is not required after. " +
      'And the list of the SSO configs of an identity is given the schema of the identities of an SSO config by ' +
      'mistake (its twin for a group lists `sso_configs`), so it is checked against its twin; the identities of a ' +
      'config require `total_size` without declaring it.',
    apply(document) {
      const configs = `${V1_REALM}/sso-configs`;
      const reply = at(document, 'paths', configs, 'post', 'responses', '200', 'content', 'application/json', 'schema');
      const full = at(reply, 'properties', 'payload').oneOf as JsonObject[];
      const listItem = at(
        document,
        'paths',
        configs,
        'get',
        'responses',
        '200',
        'content',
        'application/json',
        'schema',
        'properties',
        'sso_configs',
        'items',
      );
      const short = at(listItem, 'properties', 'payload').oneOf as JsonObject[];
      if (full.length !== 11 || short.length !== 11) throw new Error('contract correction: the SSO config payload branches changed');
      const oidc = at(full[1] as JsonObject, 'properties', 'oidc_configuration', 'properties');
      oidc.grant_types_supported = { type: 'array', items: { type: 'string' } };
      oidc.introspect_endpoint = { type: 'string' };
      at(full[4] as JsonObject, 'properties', 'additional_user_attributes').items = {
        $ref: '#/components/schemas/SsoConfigPayload/oneOf/4/properties/additional_user_attributes/items',
      };
      for (const branch of [full[6], full[7], full[9], ((full[9] as JsonObject).allOf as JsonObject[])[0]] as JsonObject[]) {
        branch.required = (branch.required as string[]).filter((field) => field !== 'client_secret');
      }
      // The list's scim branch points into the reply's `oneOf`, which is replaced below.
      short[9] = full[9] as JsonObject;
      const wsFed = { $ref: '#/components/schemas/SsoConfigWsFed' };
      const types = ['bookmark', 'entra_id_external_auth_methods', 'generic_oidc', 'generic_oidc_idp', 'generic_saml', 'okta_idp', 'okta_sso_bi_idp'];
      const byType = (branches: JsonObject[], tail: JsonObject): JsonObject => ({
        type: 'object',
        required: ['type'],
        properties: { type: { $ref: '#/components/schemas/SsoConfigType' } },
        allOf: [
          ...[...types, 'nametag_oauth2', 'scim', 'ws_fed'].map((type, i) => ({
            if: { properties: { type: { const: type } }, required: ['type'] },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
            then: i < 7 ? (branches[i] as JsonObject) : i === 7 ? (branches[7] as JsonObject) : i === 8 ? (branches[9] as JsonObject) : tail,
          })),
        ],
      });
      // Other schemas point into the replaced `oneOf`s: the branches move to components, and so do the pointers.
      const schemas = at(document, 'components', 'schemas');
      schemas.SsoConfigReplyPayloads = { oneOf: full };
      schemas.SsoConfigListPayloads = { oneOf: short };
      // The identities of a config keep the schema the identity's list had, which they point at.
      const forIdentity = at(
        document,
        'paths',
        `${V1_REALM}/identities/{identity_id}/sso-configs`,
        'get',
        'responses',
        '200',
        'content',
        'application/json',
      );
      schemas.SsoConfigIdentityAssociations = at(forIdentity, 'schema');
      // It requires `total_size` without declaring it, as lists everywhere else carry it.
      at(schemas, 'SsoConfigIdentityAssociations', 'properties').total_size = { type: 'integer', format: 'uint32' };
      const moved: [RegExp, string][] = [
        [/~1identities~1%7Bidentity_id%7D~1sso-configs\/get\/responses\/200\/content\/application~1json\/schema$/, 'SsoConfigIdentityAssociations'],
        [/~1sso-configs\/post\/responses\/200\/content\/application~1json\/schema\/properties\/payload\/oneOf\//, 'SsoConfigReplyPayloads'],
        [
          /~1sso-configs\/get\/responses\/200\/content\/application~1json\/schema\/properties\/sso_configs\/items\/properties\/payload\/oneOf\//,
          'SsoConfigListPayloads',
        ],
      ];
      (function repoint(node: Json): void {
        if (Array.isArray(node)) for (const item of node) repoint(item);
        if (!isObject(node)) return;
        for (const [key, value] of Object.entries(node)) {
          if (key !== '$ref' || typeof value !== 'string') repoint(value);
          else {
            for (const [pattern, target] of moved) {
              const match = pattern.exec(value);
              if (!match) continue;
              const rest = value.slice(match.index + match[0].length);
              node.$ref = pattern.source.endsWith('$') ? `#/components/schemas/${target}` : `#/components/schemas/${target}/oneOf/${rest}`;
            }
          }
        }
      })(document);
      at(reply, 'properties').payload = byType(full, wsFed);
      at(listItem, 'properties').payload = byType(short, short[10] as JsonObject);
      forIdentity.schema = at(
        document,
        'paths',
        `${V1_REALM}/groups/{group_id}/sso-configs`,
        'get',
        'responses',
        '200',
        'content',
        'application/json',
        'schema',
      );
    },
  },
];

/**
 * Statuses yonder answers that the contract does not list for an operation, accepted on purpose.
 * Each names the schema the reply must still match. Keep it short: every entry is a gap in the
 * published file that a real client has to live with.
 */
export interface StatusAllowance {
  method: string;
  path: string;
  status: number;
  /** The component schema the body must match, or `null` for a reply with no body (a 204). */
  schema: string | null;
  reason: string;
}

/** SCIM discovery (RFC 7644 §4): a valid token of the realm is needed, but no scope. */
const SCIM_DISCOVERY = ['ServiceProviderConfig', 'ResourceTypes', 'Schemas'] as const;

export const UNDECLARED_STATUS_ALLOWANCES: readonly StatusAllowance[] = [
  {
    method: 'POST',
    path: `${V1_REALM}/identities:batchDelete`,
    status: 400,
    schema: 'Error',
    reason:
      'the operation text requires 1 to 1000 ids and refuses repeats, but its responses list no 400; ' +
      'yonder answers the usual FieldViolations 400',
  },
  // yonder keeps group names unique per realm, compared case-insensitively (src/domain/directory/group.ts),
  // and answers a taken name with 409 `conflict` in the v1 error shape. The contract lists no 409
  // for create or update group, so the real service either allows duplicate names or says so
  // otherwise: a yonder divergence, kept on purpose and reported, not a gap in the file.
  ...(['POST', 'PATCH'] as const).map(
    (method): StatusAllowance => ({
      method,
      path: method === 'POST' ? `${V1_REALM}/groups` : `${V1_REALM}/groups/{group_id}`,
      status: 409,
      schema: 'Error',
      reason: 'yonder refuses a group name already taken in the realm (409 conflict); the contract lists no 409',
    }),
  ),
  // The discovery operations inherit the document's global `security: [{BearerAuth: []}]` (a token,
  // no scope) yet list only 200, 429 and 500. Without a valid token the answer is 401 (RFC 7644 §2,
  // RFC 6750 §3.1), in the SCIM error shape every other SCIM operation declares for its 401.
  ...SCIM_DISCOVERY.map(
    (endpoint): StatusAllowance => ({
      method: 'GET',
      path: `${SCIM}/${endpoint}`,
      status: 401,
      schema: 'SCIMError',
      reason: 'the operation needs a bearer token (global security) but its responses list no 401',
    }),
  ),
  // RFC 7644 §3.3 and §3.5.1: a create or replace that would duplicate a unique attribute (userName)
  // answers 409 with `scimType: uniqueness`. The contract's create and replace User list no 409 at all,
  // so a client can get nothing else from a conflicting userName; the body is still a SCIMError.
  {
    method: 'POST',
    path: `${SCIM}/Users`,
    status: 409,
    schema: 'SCIMError',
    reason: 'RFC 7644 §3.3: a userName already taken is 409 uniqueness; the contract lists no 409',
  },
  {
    method: 'PUT',
    path: `${SCIM}/Users/{user_id}`,
    status: 409,
    schema: 'SCIMError',
    reason: 'RFC 7644 §3.5.1: replacing userName with a taken one is 409 uniqueness; the contract lists no 409',
  },
  {
    method: 'PATCH',
    path: `${SCIM}/Users/{user_id}`,
    status: 409,
    schema: 'SCIMError',
    reason: 'RFC 7644 §3.5.2: patching userName to a taken one is 409 uniqueness; the contract lists no 409',
  },
  // The operation text caps a batch at 1000 identities and the request schema says 1 to 1000 ids, but
  // the responses list neither 400 nor 404: yonder refuses an empty or oversized batch with the usual
  // FieldViolations 400, and an unknown realm with the usual 404, as every other operation does.
  ...([400, 404] as const).map(
    (status): StatusAllowance => ({
      method: 'POST',
      path: `${V1_REALM}/batch-credential-binding-jobs`,
      status,
      schema: 'Error',
      reason:
        status === 400
          ? 'the request schema takes 1 to 1000 identity ids, but the responses list no 400; yonder answers the usual FieldViolations 400'
          : 'the responses list no 404; yonder answers an unknown realm with the usual 404 ResourceInfo',
    }),
  ),
  // The identity provider operations list no 404 at all: an unknown realm or provider gets the usual
  // 404 ResourceInfo, as everywhere else; an identity provider an authenticator configuration
  // verifies with is not deleted (409 conflict).
  ...(
    [
      ['GET', `${V1_REALM}/identity-providers`],
      ['POST', `${V1_REALM}/identity-providers`],
      ['GET', `${V1_REALM}/identity-providers/{identity_provider_id}`],
      ['PATCH', `${V1_REALM}/identity-providers/{identity_provider_id}`],
      ['DELETE', `${V1_REALM}/identity-providers/{identity_provider_id}`],
    ] as const
  ).map(
    ([method, path]): StatusAllowance => ({
      method,
      path,
      status: 404,
      schema: 'Error',
      reason: 'the responses list no 404; yonder answers an unknown realm or identity provider with the usual 404 ResourceInfo',
    }),
  ),
  {
    method: 'DELETE',
    path: `${V1_REALM}/identity-providers/{identity_provider_id}`,
    status: 409,
    schema: 'Error',
    reason: 'the responses list no 409; yonder keeps a provider an authenticator configuration verifies with (409 conflict)',
  },
  // The contract's SCIM group PATCH lists only 200 (with the group), which is what yonder answers.
  // A client that sends `Prefer: return=minimal` (RFC 7240) gets 204 with no body and the new ETag,
  // which RFC 7644 §3.5.2 allows. Only this status on only this operation, and the body must be empty.
  // These SSO config operations list no 404, yet each names a config, identity, group or application
  // that may not exist in the realm: yonder answers the usual 404 with its ResourceInfo, as the
  // config's own operations (which do list it) do.
  ...[
    ['GET', `${V1_REALM}/sso-configs/{sso_config_id}:listIdentityAssociations`],
    ['GET', `${V1_REALM}/sso-configs/{sso_config_id}:listGroupAssociations`],
    ['POST', `${V1_REALM}/sso-configs/{sso_config_id}/is-group-assigned`],
    ['POST', `${V1_REALM}/sso-configs/{sso_config_id}/test`],
    ['GET', `${V1_REALM}/identities/{identity_id}/sso-configs`],
    ['GET', `${V1_REALM}/identities/{identity_id}/sso-configs/{sso_config_id}/is-identity-assigned`],
    ['GET', `${V1_REALM}/groups/{group_id}/sso-configs`],
    ['GET', `${V1_REALM}/applications/{application_id}/sso-configs-id`],
  ].map(
    ([method = '', path = '']): StatusAllowance => ({
      method,
      path,
      status: 404,
      schema: 'Error',
      reason: 'the responses list no 404; yonder answers an unknown SSO config, identity, group or application with the usual 404',
    }),
  ),
  {
    method: 'PATCH',
    path: `${SCIM}/Groups/{group_id}`,
    status: 204,
    schema: null,
    reason: 'RFC 7644 §3.5.2 allows 204 No Content for a PATCH, given on `Prefer: return=minimal`; the contract lists only 200',
  },
];

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.0 schema -> JSON Schema (Ajv draft-07)
// ---------------------------------------------------------------------------------------------

const DROPPED_KEYWORDS = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'nullable']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);

function componentRef(ref: string, polymorphicBases: ReadonlySet<string>, inheritance: boolean): string {
  const match = /^#\/components\/schemas\/([^/]+)(\/.*)?$/.exec(ref);
  if (!match) throw new Error(`contract: unsupported $ref ${ref}`);
  const [, name = '', rest] = match;
  const polymorphic = !rest && !inheritance && polymorphicBases.has(name);
  return `${SCHEMA_BASE}${name}${polymorphic ? POLYMORPHIC_SUFFIX : ''}${rest ? `#${rest}` : ''}`;
}

interface Converter {
  polymorphicBases: ReadonlySet<string>;
  document: JsonObject;
}

/**
 * A `$ref` elsewhere in the document (a response schema reusing another path's), to be inlined.
 * The pointer may pass through other `$ref`s on its way, which are followed.
 */
function pointerTarget(document: JsonObject, ref: string, depth = 0): Json {
  if (depth > 20) throw new Error(`contract: $ref cycle at ${ref}`);
  let node: Json | undefined = document;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    const part = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    while (isObject(node) && !(part in node) && typeof node.$ref === 'string') node = pointerTarget(document, node.$ref, depth + 1);
    node = isObject(node) ? node[part] : Array.isArray(node) ? node[Number(part)] : undefined;
  }
  if (node === undefined) throw new Error(`contract: unresolvable $ref ${ref}`);
  return node;
}

function convertSchema(node: Json, converter: Converter, inheritance = false): Json {
  if (Array.isArray(node)) return node.map((item) => convertSchema(item, converter, inheritance));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#/components/schemas/')) {
      Object.assign(out, convertSchema(pointerTarget(converter.document, value), converter, inheritance));
    } else if (key === '$ref' && typeof value === 'string') {
      out.$ref = componentRef(value, converter.polymorphicBases, inheritance);
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertSchema(v, converter)]));
    } else if (key === 'allOf' && Array.isArray(value)) {
      // A `$ref` directly in `allOf` is inheritance: it takes the base itself, not its subtypes.
      out.allOf = value.map((item) => convertSchema(item, converter, true));
    } else if (key === 'enum' || key === 'required' || key === 'default' || key === 'const') {
      out[key] = value;
    } else {
      out[key] = convertSchema(value, converter);
    }
  }

  const discriminator = node.discriminator;
  if (isObject(discriminator) && Array.isArray(node.oneOf) && isObject(discriminator.mapping)) {
    const property = String(discriminator.propertyName);
    const mapping = discriminator.mapping;
    const dispatch: Json[] = [{ type: 'object', required: [property], properties: { [property]: { enum: Object.keys(mapping) } } }];
    for (const [value, target] of Object.entries(mapping)) {
      dispatch.push({
        if: { properties: { [property]: { const: value } }, required: [property] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
        then: { $ref: componentRef(String(target), converter.polymorphicBases, true) },
      });
    }
    out.allOf = [...((out.allOf as Json[] | undefined) ?? []), ...dispatch];
  }

  if (node.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (!Array.isArray(out.type)) {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

/** Base schemas with a discriminator and no `oneOf`, and the subtypes that extend them. */
function findPolymorphicBases(schemas: JsonObject): Map<string, { property: string; subtypes: Map<string, string> }> {
  const bases = new Map<string, { property: string; subtypes: Map<string, string> }>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (isObject(schema) && isObject(schema.discriminator) && !schema.oneOf) {
      const mapping = isObject(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
      const subtypes = new Map(Object.entries(mapping).map(([v, ref]) => [v, String(ref).split('/').pop() ?? '']));
      bases.set(name, { property: String(schema.discriminator.propertyName), subtypes });
    }
  }
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || !Array.isArray(schema.allOf)) continue;
    for (const part of schema.allOf) {
      const base = isObject(part) && typeof part.$ref === 'string' ? part.$ref.split('/').pop() : undefined;
      const entry = base ? bases.get(base) : undefined;
      // Without an explicit mapping, OpenAPI maps a discriminator value to the schema's name.
      if (entry && ![...entry.subtypes.values()].includes(name)) entry.subtypes.set(name, name);
    }
  }
  return bases;
}

// ---------------------------------------------------------------------------------------------
// The loaded contract
// ---------------------------------------------------------------------------------------------

interface ResponseSpec {
  /** Declared media types; empty when the contract says the response has no body. */
  mediaTypes: string[];
  schema?: Json;
  /** The `code` of every error example the contract gives for this response. */
  exampleCodes: string[];
}

interface Operation {
  method: string;
  path: string;
  operationId: string;
  responses: Map<string, ResponseSpec>;
}

export interface Contract {
  document: JsonObject;
  ajv: Ajv;
  operations: Map<string, Operation>;
  /** Converted component schemas by id, for the undeclared-property walk. */
  schemas: Map<string, Schema>;
  polymorphic: Map<string, { property: string; subtypes: Map<string, string> }>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const INTEGER_RANGES: Record<string, [number, number]> = {
  int16: [-(2 ** 15), 2 ** 15 - 1],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint: [0, Number.MAX_SAFE_INTEGER],
  uint32: [0, 2 ** 32 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

let cached: Contract | undefined;

/** Parses, corrects and compiles the contract once per test file. Throws if it is absent. */
export function loadContract(): Contract {
  if (cached) return cached;
  const document = parse(readFileSync(contractLocation(), 'utf8')) as JsonObject;
  for (const correction of CONTRACT_CORRECTIONS) correction.apply(document);
  cached = compileContract(document);
  return cached;
}

export function compileContract(document: JsonObject): Contract {
  const components = at(document, 'components', 'schemas');
  const polymorphic = findPolymorphicBases(components);
  const converter: Converter = { polymorphicBases: new Set(polymorphic.keys()), document };

  const ajv = new Ajv({
    // Unknown keywords fail, so a gap in the conversion shows; the contract's own loose typing
    // (`properties` without `type: object`, `required` naming an undeclared property) is its
    // style, not an error.
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: true,
  });
  addFormats(ajv);
  for (const [format, [min, max]] of Object.entries(INTEGER_RANGES)) {
    ajv.addFormat(format, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
  }
  const known = new Set(Object.keys(ajv.formats));
  (function unknownFormats(node: Json): void {
    if (Array.isArray(node)) {
      for (const item of node) unknownFormats(item);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.format === 'string' && !known.has(node.format)) {
      ajv.addFormat(node.format, true);
      known.add(node.format);
    }
    Object.values(node).forEach(unknownFormats);
  })(document);

  const schemas = new Map<string, Schema>();
  for (const [name, schema] of Object.entries(components)) {
    const converted = { ...(convertSchema(schema, converter) as Schema), $id: `${SCHEMA_BASE}${name}` };
    schemas.set(converted.$id as string, converted);
    ajv.addSchema(converted);
  }
  for (const [name, { property, subtypes }] of polymorphic) {
    const id = `${SCHEMA_BASE}${name}${POLYMORPHIC_SUFFIX}`;
    const schema: Schema = {
      $id: id,
      allOf: [
        { $ref: `${SCHEMA_BASE}${name}` },
        ...[...subtypes].map(([value, target]) => ({
          if: { properties: { [property]: { const: value } }, required: [property] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
          then: { $ref: `${SCHEMA_BASE}${target}` },
        })),
      ],
    };
    schemas.set(id, schema);
    ajv.addSchema(schema);
  }

  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(at(document, 'paths'))) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const responses = new Map<string, ResponseSpec>();
      for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        if (!isObject(response)) continue;
        const content = isObject(response.content) ? response.content : {};
        const mediaTypes = Object.keys(content);
        const media = Object.values(content).find((m) => isObject(m) && m.schema !== undefined);
        const schema = isObject(media) && media.schema !== undefined ? convertSchema(media.schema, converter) : undefined;
        const exampleCodes = new Set<string>();
        for (const type of Object.values(content)) {
          for (let example of Object.values(isObject(type) && isObject(type.examples) ? type.examples : {})) {
            // Examples are advisory: one whose `$ref` does not resolve (the file has a few, and the
            // SCIM path correction moves others) is skipped rather than breaking every check.
            if (isObject(example) && typeof example.$ref === 'string') {
              try {
                example = pointerTarget(document, example.$ref);
              } catch {
                continue;
              }
            }
            const value = isObject(example) ? example.value : undefined;
            if (isObject(value) && typeof value.code === 'string') exampleCodes.add(value.code);
          }
        }
        responses.set(status, { mediaTypes, exampleCodes: [...exampleCodes], ...(schema !== undefined ? { schema } : {}) });
      }
      operations.set(operationKey(method, path), {
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId ?? ''),
        responses,
      });
    }
  }
  return { document, ajv, operations, schemas, polymorphic };
}

/** Every `METHOD path` the contract defines. */
export function contractOperations(): string[] {
  return [...loadContract().operations.keys()];
}

function operationOf(method: string, path: string): Operation {
  const operation = loadContract().operations.get(operationKey(method, path));
  if (!operation) throw new Error(`the contract has no operation ${operationKey(method, path)}`);
  return operation;
}

function responseOf(operation: Operation, status: number): ResponseSpec | StatusAllowance | undefined {
  const declared = operation.responses.get(String(status)) ?? operation.responses.get(`${String(status)[0]}XX`) ?? operation.responses.get('default');
  if (declared) return declared;
  return UNDECLARED_STATUS_ALLOWANCES.find((a) => a.method === operation.method && a.path === operation.path && a.status === status);
}

/** One `{ $ref }` object per component, so its compiled validator is cached like any other. */
const componentRefs = new Map<string, Schema>();
function componentSchemaRef(name: string): Schema {
  let schema = componentRefs.get(name);
  if (!schema) {
    schema = { $ref: `${SCHEMA_BASE}${name}` };
    componentRefs.set(name, schema);
  }
  return schema;
}

const validators = new WeakMap<object, ValidateFunction>();
function compiled(schema: Json): ValidateFunction {
  const key = isObject(schema) ? schema : { schema };
  let validate = validators.get(key);
  if (!validate) {
    validate = loadContract().ajv.compile(isObject(schema) ? schema : {});
    validators.set(key, validate);
  }
  return validate;
}

/**
 * The validator for one response of one contract operation, or `null` when the contract declares
 * no body schema for that status (an empty response, or a status it does not list).
 */
export function contractResponseValidator(method: string, path: string, status: number): ValidateFunction | null {
  const response = responseOf(operationOf(method, path), status);
  if (!response) return null;
  if ('reason' in response) return response.schema === null ? null : compiled(componentSchemaRef(response.schema));
  return response.schema === undefined ? null : compiled(response.schema);
}

// ---------------------------------------------------------------------------------------------
// Undeclared properties: the contract's schemas never close `additionalProperties`, so Ajv alone
// would let yonder invent fields. This walk reports any object key the matching schema does not
// declare, at every depth where the schema declares properties.
// ---------------------------------------------------------------------------------------------

function resolveRef(ref: string): Schema | undefined {
  const contract = loadContract();
  const [base = '', pointer] = ref.split('#');
  let node: Json | undefined = contract.schemas.get(base);
  for (const part of (pointer ?? '').split('/').filter(Boolean)) {
    node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/** The schema parts that apply to `data`: the schema, its `$ref`s, `allOf`s and matching branches. */
function applicableParts(schema: Json | undefined, data: Json, seen = new Set<object>()): Schema[] {
  if (!isObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const parts: Schema[] = [schema];
  if (typeof schema.$ref === 'string') {
    parts.push(...applicableParts(resolveRef(schema.$ref), data, seen));
    const polymorphic = /\/([^/#]+)\.polymorphic$/.exec(schema.$ref);
    const base = polymorphic ? loadContract().polymorphic.get(polymorphic[1] ?? '') : undefined;
    if (base && isObject(data)) {
      const target = base.subtypes.get(String(data[base.property]));
      if (target) parts.push(...applicableParts({ $ref: `${SCHEMA_BASE}${target}` }, data, seen));
    }
  }
  for (const sub of (schema.allOf as Json[] | undefined) ?? []) {
    if (isObject(sub) && sub.if !== undefined) {
      if (compiled(sub.if)(data)) parts.push(...applicableParts(sub.then, data, seen));
    } else {
      parts.push(...applicableParts(sub, data, seen));
    }
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    for (const sub of (schema[keyword] as Json[] | undefined) ?? []) {
      if (compiled(sub)(data)) parts.push(...applicableParts(sub, data, seen));
    }
  }
  return parts;
}

function undeclaredProperties(schema: Json, data: Json, at = 'body'): string[] {
  const parts = applicableParts(schema, data);
  const found: string[] = [];
  if (isObject(data)) {
    const declared = new Map<string, Json>();
    let open = false;
    for (const part of parts) {
      if (isObject(part.properties)) for (const [k, v] of Object.entries(part.properties)) declared.set(k, v);
      if (part.additionalProperties !== undefined && part.additionalProperties !== false) open = true;
    }
    for (const [key, value] of Object.entries(data)) {
      const sub = declared.get(key);
      if (sub !== undefined) found.push(...undeclaredProperties(sub, value, `${at}.${key}`));
      else if (declared.size > 0 && !open) found.push(`${at}.${key}`);
    }
  } else if (Array.isArray(data)) {
    const items = parts.map((p) => p.items).find((i) => i !== undefined);
    if (items !== undefined) {
      data.forEach((item, i) => {
        found.push(...undeclaredProperties(items, item, `${at}[${i}]`));
      });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The assertion
// ---------------------------------------------------------------------------------------------

export interface ContractReply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: unknown;
  text: string;
}

export interface ContractCheckOptions {
  /** Also fail on object keys the contract's schema does not declare (default true). */
  strictProperties?: boolean;
  /** Property paths (`body.foo`, `body.items[0].bar` as `body.items[].bar`) yonder may add. */
  allowProperties?: readonly string[];
}

/**
 * The media types an allowed (undeclared) status is answered in: those the operation declares for
 * its other JSON responses, so a SCIM operation's allowance is `application/scim+json` (correction 6)
 * like the rest of its replies; `application/json` when the operation declares none.
 */
function jsonMediaTypesOf(operation: Operation): string[] {
  const types = new Set<string>();
  for (const response of operation.responses.values()) {
    for (const type of response.mediaTypes) if (/^application\/(?:[\w.-]+\+)?json$/.test(type)) types.add(type);
  }
  return types.size > 0 ? [...types] : ['application/json'];
}

function mediaTypeOf(reply: ContractReply): string {
  return String(reply.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `  body${e.instancePath} ${e.message ?? e.keyword} (${e.schemaPath})`).join('\n');
}

export class ContractMismatch extends Error {
  override name = 'ContractMismatch';
}

/**
 * Asserts that `reply` is what the contract promises for `method path` (the contract's template,
 * e.g. `/v1/tenants/{tenant_id}/realms/{realm_id}/identities:batchDelete`) at `reply.status`:
 * the status is declared (or allowed above), an empty response is empty and not labelled JSON,
 * a JSON response has a declared media type and validates against the schema, an error's `code`
 * is one the contract's examples use for that status, and, unless turned off, the body carries no
 * property the schema does not declare.
 */
export function expectMatchesContract(method: string, path: string, reply: ContractReply, options: ContractCheckOptions = {}): void {
  const operation = operationOf(method, path);
  const where = `${operation.method} ${operation.path} (${operation.operationId}) answered ${reply.status}`;
  const response = responseOf(operation, reply.status);
  if (!response) {
    const declared = [...operation.responses.keys()].join(', ');
    throw new ContractMismatch(`${where}, a status the contract does not declare (it declares ${declared})\n${reply.text}`);
  }

  const spec: ResponseSpec =
    'reason' in response
      ? response.schema === null
        ? { mediaTypes: [], exampleCodes: [] }
        : { mediaTypes: jsonMediaTypesOf(operation), exampleCodes: [], schema: componentSchemaRef(response.schema) }
      : response;
  if (spec.mediaTypes.length === 0) {
    if (reply.text !== '') throw new ContractMismatch(`${where}: the contract says the body is empty, got ${reply.text}`);
    // Beyond Identity's clients parse any JSON-labelled reply and fail on an empty one.
    if (/json/i.test(mediaTypeOf(reply))) {
      throw new ContractMismatch(`${where}: an empty body must not be labelled ${mediaTypeOf(reply)}`);
    }
    return;
  }

  if (!spec.mediaTypes.includes(mediaTypeOf(reply))) {
    throw new ContractMismatch(`${where} as ${mediaTypeOf(reply) || 'no content type'}; the contract says ${spec.mediaTypes.join(', ')}`);
  }
  let body: Json;
  try {
    body = JSON.parse(reply.text) as Json;
  } catch {
    throw new ContractMismatch(`${where} with a body that is not JSON: ${reply.text.slice(0, 200)}`);
  }
  if (spec.schema === undefined) return;
  const validate = compiled(spec.schema);
  if (!validate(body)) {
    throw new ContractMismatch(`${where} with a body the contract's schema refuses:\n${describeErrors(validate.errors)}\n${reply.text}`);
  }
  // The schema says only `code: string`; the examples say which code goes with which status.
  const code = isObject(body) ? body.code : undefined;
  if (typeof code === 'string' && spec.exampleCodes.length > 0 && !spec.exampleCodes.includes(code)) {
    throw new ContractMismatch(`${where} with code ${code}; the contract's examples use ${spec.exampleCodes.join(', ')}\n${reply.text}`);
  }
  if (options.strictProperties !== false) {
    const allowed = new Set(options.allowProperties ?? []);
    const extra = undeclaredProperties(spec.schema, body).filter((p) => !allowed.has(p.replace(/\[\d+\]/g, '[]')));
    if (extra.length > 0) {
      throw new ContractMismatch(`${where} with properties the contract does not declare: ${extra.join(', ')}\n${reply.text}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Coverage: which contract operations a suite checked
// ---------------------------------------------------------------------------------------------

/** Records the operations a suite checked, so a route without a contract check can be found. */
export class ContractCoverage {
  readonly checked = new Map<string, Set<number>>();

  check(method: string, path: string, reply: ContractReply, options?: ContractCheckOptions): void {
    this.record(method, path, reply.status);
    expectMatchesContract(method, path, reply, options);
  }

  /** For yonder-only routes: exercised, but with no contract to check against. */
  record(method: string, path: string, status: number): void {
    const key = operationKey(method, path);
    const statuses = this.checked.get(key) ?? new Set<number>();
    statuses.add(status);
    this.checked.set(key, statuses);
  }

  has(method: string, path: string): boolean {
    return this.checked.has(operationKey(method, path));
  }
}

// ---------------------------------------------------------------------------------------------
// Routes: yonder's own OpenAPI document, split between the suites that check them
// ---------------------------------------------------------------------------------------------

/** Every SCIM route (`/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/...`) starts with this. */
export const SCIM_ROUTE_PREFIX = `${SCIM}/`;

export const isScimRoute = (path: string): boolean => path.startsWith(SCIM_ROUTE_PREFIX);

/**
 * The contract test files, each of which checks its own part of the documented `/v1` routes
 * (replies, 401, 403, coverage with a 2xx). Every documented route belongs to exactly one of them.
 */
export const CONTRACT_TEST_FILES = [
  'contract.v1.test.ts',
  'contract.groups.test.ts',
  'contract.scim.test.ts',
  'contract.passkeys.test.ts',
  'contract.management.test.ts',
  'contract.console.test.ts',
  'contract.federation.test.ts',
  'contract.sso.test.ts',
] as const;
export type ContractTestFile = (typeof CONTRACT_TEST_FILES)[number];

/**
 * Which file checks which routes. A pattern is a path template of yonder's OpenAPI document, either
 * exact or ending in `*`: that path and everything below it (`/...`) or on it (`:verb`). The most
 * specific (longest) matching pattern decides, so an exact entry can carve a route out of a family.
 *
 * A route no pattern matches is claimed by no file, and `routeOwnershipProblems` reports it: a new
 * route family (resource servers, roles, tokens, credentials, binding jobs, authenticator configs,
 * themes, ...) needs a line here, naming the file that calls it, before its contract tests can pass.
 * Families are deliberately listed one by one rather than caught by a broad `${realm}/*`, so a new one
 * cannot slip into a file that does not know about it.
 */
export const ROUTE_OWNERS: readonly { readonly pattern: string; readonly file: ContractTestFile }[] = [
  // contract.v1.test.ts: the tenant, its realms, and identities.
  { pattern: V1_TENANT, file: 'contract.v1.test.ts' },
  { pattern: `${V1_TENANT}/realms`, file: 'contract.v1.test.ts' },
  { pattern: V1_REALM, file: 'contract.v1.test.ts' },
  { pattern: `${V1_REALM}/identities`, file: 'contract.v1.test.ts' },
  { pattern: `${V1_REALM}/identities:batchDelete`, file: 'contract.v1.test.ts' },
  { pattern: `${V1_REALM}/identities/{identity_id}`, file: 'contract.v1.test.ts' },
  { pattern: `${V1_REALM}/events`, file: 'contract.v1.test.ts' },
  // contract.groups.test.ts: groups and membership (from both sides), applications, policy.
  { pattern: `${V1_REALM}/groups*`, file: 'contract.groups.test.ts' },
  { pattern: `${V1_REALM}/identities/{identity_id}:listGroups`, file: 'contract.groups.test.ts' },
  { pattern: `${V1_REALM}/applications*`, file: 'contract.groups.test.ts' },
  { pattern: `${POLICY}*`, file: 'contract.groups.test.ts' },
  // contract.scim.test.ts: SCIM 2.0.
  { pattern: `${SCIM}/*`, file: 'contract.scim.test.ts' },
  // contract.passkeys.test.ts: credentials, binding jobs (one and batch), authenticator configs,
  // themes, and yonder's hosted enrollment and sign-in pages with their ceremony endpoints.
  { pattern: `${V1_REALM}/identities/{identity_id}/credentials*`, file: 'contract.passkeys.test.ts' },
  { pattern: `${V1_REALM}/identities/{identity_id}/credential-binding-jobs*`, file: 'contract.passkeys.test.ts' },
  { pattern: `${V1_REALM}/batch-credential-binding-jobs*`, file: 'contract.passkeys.test.ts' },
  { pattern: `${V1_REALM}/authenticator-configs*`, file: 'contract.passkeys.test.ts' },
  { pattern: `${V1_REALM}/themes*`, file: 'contract.passkeys.test.ts' },
  { pattern: `${HOSTED}/*`, file: 'contract.passkeys.test.ts' },
  // yonder's account page administration (issue 21): an identity's passkeys, sessions, recovery link; realm settings.
  { pattern: `${V1_REALM}/identities/{identity_id}/passkeys*`, file: 'contract.passkeys.test.ts' },
  { pattern: `${V1_REALM}/identities/{identity_id}:signOutEverywhere`, file: 'contract.passkeys.test.ts' },
  { pattern: `${V1_REALM}/identities/{identity_id}:sendRecoveryLink`, file: 'contract.passkeys.test.ts' },
  { pattern: `${V1_REALM}/account-settings`, file: 'contract.passkeys.test.ts' },
  // contract.management.test.ts: management access (issue 4): resource servers and their roles, the
  // roles of an identity or a group (exact entries, carved out of `groups*`), application tokens,
  // and the OAuth endpoints (token, revoke, introspect, discovery; carved out of `applications*`).
  { pattern: `${V1_REALM}/resource-servers*`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/identities/{identity_id}:listRoles`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/groups/{group_id}:listRoles`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/applications/{application_id}/tokens*`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/applications/{application_id}/token`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/applications/{application_id}/revoke`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/applications/{application_id}/.well-known/*`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/applications/{application_id}:rotateSecret`, file: 'contract.management.test.ts' },
  { pattern: `${V1_REALM}/introspect`, file: 'contract.management.test.ts' },
  // ...and the tenant's webhook endpoints (audit event delivery, issue 20).
  { pattern: `${V1_TENANT}/webhooks*`, file: 'contract.management.test.ts' },
  // contract.sso.test.ts: SSO configs, their assignments from both sides, and the config of an application.
  { pattern: `${V1_REALM}/sso-configs*`, file: 'contract.sso.test.ts' },
  { pattern: `${V1_REALM}/identities/{identity_id}/sso-configs*`, file: 'contract.sso.test.ts' },
  { pattern: `${V1_REALM}/groups/{group_id}/sso-configs`, file: 'contract.sso.test.ts' },
  { pattern: `${V1_REALM}/applications/{application_id}/sso-configs-id`, file: 'contract.sso.test.ts' },
  // contract.console.test.ts: the Admin Console's configuration, token and sign-out calls.
  { pattern: `${CONSOLE_API}/*`, file: 'contract.console.test.ts' },
  // contract.federation.test.ts: launch mechanisms and upstream identity providers.
  { pattern: `${V1_REALM}/flow-type-config`, file: 'contract.federation.test.ts' },
  { pattern: `${V1_REALM}/identity-providers*`, file: 'contract.federation.test.ts' },
];

function patternMatches(pattern: string, path: string): boolean {
  if (!pattern.endsWith('*')) return pattern === path;
  const base = pattern.slice(0, -1);
  if (base.endsWith('/')) return path.startsWith(base) && path.length > base.length;
  return path === base || (path.startsWith(base) && (path[base.length] === '/' || path[base.length] === ':'));
}

/** The file that checks `path`, or `null` when no entry of `ROUTE_OWNERS` claims it. */
export function routeOwner(path: string): ContractTestFile | null {
  const matching = ROUTE_OWNERS.filter((entry) => patternMatches(entry.pattern, path));
  if (matching.length === 0) return null;
  const longest = Math.max(...matching.map((entry) => entry.pattern.length));
  const owners = new Set(matching.filter((entry) => entry.pattern.length === longest).map((entry) => entry.file));
  if (owners.size > 1) throw new Error(`ROUTE_OWNERS: ${path} is claimed by ${[...owners].join(' and ')} alike`);
  return [...owners][0] ?? null;
}

/** The `include` of `documentedRoutes` for one file's part. */
export const ownedBy =
  (file: ContractTestFile) =>
  (path: string): boolean =>
    routeOwner(path) === file;

/**
 * What is wrong with the split of the documented routes between the contract test files: a route
 * no file claims, a route two equally specific patterns claim, a pattern listed twice, a file
 * named in `ROUTE_OWNERS` that does not exist. `documented` is every `/v1` route (`() => true`).
 */
export function routeOwnershipProblems(documented: readonly DocumentedRoute[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { pattern } of ROUTE_OWNERS) {
    if (seen.has(pattern)) problems.push(`ROUTE_OWNERS lists ${pattern} twice`);
    seen.add(pattern);
  }
  for (const file of new Set(ROUTE_OWNERS.map((entry) => entry.file))) {
    if (!existsSync(resolve(REPO_ROOT, 'test', 'api', file))) problems.push(`ROUTE_OWNERS names test/api/${file}, which does not exist`);
  }
  for (const { method, path } of documented) {
    try {
      if (routeOwner(path) === null) {
        problems.push(`${operationKey(method, path)}: claimed by no contract test file (add it to ROUTE_OWNERS in test/support/contract.ts)`);
      }
    } catch (error) {
      problems.push(`${operationKey(method, path)}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * Where a documented route's security differs from the contract's for the same operation (each
 * alternative compared as a set of scopes; the document's global security applies where an
 * operation declares none). Yonder-only routes have nothing to compare with.
 */
export function scopeMismatches(documented: readonly DocumentedRoute[]): string[] {
  const { document } = loadContract();
  const global = Array.isArray(document.security) ? document.security : [];
  const normalise = (requirements: Json[]): string[] =>
    requirements.map((r) => (isObject(r) && Array.isArray(r.BearerAuth) ? r.BearerAuth.map(String).sort().join(' ') : '?')).sort();
  const problems: string[] = [];
  for (const { method, path, requirements } of documented) {
    const item = at(document, 'paths');
    const operation = isObject(item[path]) ? (item[path] as JsonObject)[method.toLowerCase()] : undefined;
    if (!isObject(operation)) continue;
    const declared = normalise(Array.isArray(operation.security) ? operation.security : global);
    const served = requirements.map((r) => [...r].sort().join(' ')).sort();
    if (JSON.stringify(declared) !== JSON.stringify(served)) {
      problems.push(`${operationKey(method, path)}: the contract requires [${declared.join(' | ')}], yonder [${served.join(' | ')}]`);
    }
  }
  return problems;
}

/** The `code` of a v1 error, by status (reference README). */
const V1_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'unprocessable_entity',
};

/**
 * For a yonder-only route, which has no operation in the contract: `reply` is a v1 error of
 * `status`, as JSON, matching the contract's `Error` component with the code that goes with it.
 */
export function expectV1Error(reply: ContractReply, status: number): void {
  const where = `answered ${reply.status}`;
  if (reply.status !== status) throw new ContractMismatch(`${where}, expected ${status}\n${reply.text}`);
  if (mediaTypeOf(reply) !== 'application/json') throw new ContractMismatch(`${where} as ${mediaTypeOf(reply) || 'no content type'}`);
  let body: Json;
  try {
    body = JSON.parse(reply.text) as Json;
  } catch {
    throw new ContractMismatch(`${where} with a body that is not JSON: ${reply.text.slice(0, 200)}`);
  }
  const validate = compiled(componentSchemaRef('Error'));
  if (!validate(body))
    throw new ContractMismatch(`${where} with a body the Error schema refuses:\n${describeErrors(validate.errors)}\n${reply.text}`);
  const code = isObject(body) ? body.code : undefined;
  const expected = V1_ERROR_CODES[status];
  if (expected !== undefined && code !== expected) throw new ContractMismatch(`${where} with code ${String(code)}, expected ${expected}`);
}

/**
 * Routes yonder serves under `/v1` that the Beyond Identity contract does not have, each with its
 * reason. They are exercised but not schema-checked; each contract test file exercises the ones
 * `ROUTE_OWNERS` gives it.
 */
export const YONDER_ONLY_ROUTES: Readonly<Record<string, string>> = {
  [`GET ${SCIM}/ResourceTypes/{id}`]: 'RFC 7644 §4: a resource type is retrievable by its id at /ResourceTypes/{id}; the contract has only the list',
  [`GET ${SCIM}/Schemas/{id}`]: 'RFC 7644 §4: a schema is retrievable by its URN at /Schemas/{id}; the contract has only the list',
  [`POST ${SCIM}/Bulk`]: 'RFC 7644 §3.7 Bulk; the contract has no /Bulk path although its SCIMServiceProviderConfig requires `bulk`',
  [`PUT ${SCIM}/Groups/{group_id}`]:
    'RFC 7644 §3.5.1: a resource is replaced with PUT; Okta pushes group changes that way (O2); the contract has only PATCH',
  // The binding link: the contract shows it only as the `credential_binding_link` value a RETURN job
  // answers. Beyond Identity serves the hosted enrollment page there; so does yonder (HTML, public,
  // authorized by the link's 256-bit token alone).
  [`GET ${BINDING_JOB}:invokeAuthenticator`]:
    'the credential binding link the contract hands out (`credential_binding_link`) but does not describe: the hosted enrollment page',
  // yonder's own hosted passkey pages: Beyond Identity runs them on its own (non-API) hosts, so the
  // contract has none of them. Public: the link token or the session cookie authorizes them.
  [`GET ${HOSTED}/assets/{name}`]: "the hosted pages' own scripts and styles (static, public)",
  [`GET ${HOSTED}/assets/simplewebauthn/{*}`]: "the hosted pages' WebAuthn browser library (static, public)",
  [`POST ${HOSTED_REALM}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}/registration-options`]:
    'hosted enrollment: begins the WebAuthn registration ceremony for a binding link (link token)',
  [`POST ${HOSTED_REALM}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}/registration`]:
    'hosted enrollment: verifies the new passkey and completes the binding job (link token)',
  [`GET ${HOSTED_REALM}/sign-in`]: 'the hosted sign-in page (HTML)',
  [`POST ${HOSTED_REALM}/sign-in/options`]: 'hosted sign-in: begins the WebAuthn authentication ceremony',
  [`POST ${HOSTED_REALM}/sign-in/verify`]: 'hosted sign-in: verifies the assertion and sets the session cookie',
  [`GET ${HOSTED_REALM}/session`]: 'hosted sign-in: who the session cookie belongs to',
  [`GET ${HOSTED_REALM}/apps`]: "the app launcher (HTML): the tiles of the signed-in person's SSO configs",
  [`POST ${HOSTED_REALM}/sign-out`]: 'hosted sign-in: ends the session',
  // Management access (issue 4). Beyond Identity serves the OAuth endpoints on its auth host; the
  // contract only mentions them. Public (`security: []`) except the named-token route.
  [`POST ${V1_REALM}/applications/{application_id}/token`]:
    'OAuth 2.0 token endpoint (client credentials); documented in the file only by its curl example',
  [`POST ${V1_REALM}/applications/{application_id}/revoke`]: 'RFC 7009 revocation, linked from the RevokeToken description',
  [`POST ${V1_REALM}/introspect`]: 'RFC 7662 introspection, named in the Token schema (`referential`)',
  [`GET ${V1_REALM}/applications/{application_id}/.well-known/openid-configuration`]: 'OpenID discovery of the application as issuer',
  [`GET ${V1_REALM}/applications/{application_id}/.well-known/jwks.json`]: 'the keys named by jwks_uri',
  [`POST ${V1_REALM}/applications/{application_id}:rotateSecret`]:
    "yonder keeps client secrets hashed, so it cannot show them again as the contract's reads would; a new one is issued instead",
  [`POST ${V1_REALM}/applications/{application_id}/tokens`]: 'the console\'s "Create token", which the contract leaves to the console',
  [`GET ${V1_REALM}/events`]: 'audit events (issue 9); the contract has no audit trail',
  // The account page's administration (issue 21): the contract's credential has no name, device
  // kind or last use, and the contract has no sessions, recovery links or account settings.
  [`GET ${V1_REALM}/identities/{identity_id}/passkeys`]: "an identity's passkeys as the account page shows them (name, device kind, last use)",
  [`POST ${V1_REALM}/identities/{identity_id}/passkeys/{credential_id}:rename`]:
    "renames an identity's passkey (the contract's credential has no name)",
  [`POST ${V1_REALM}/identities/{identity_id}:signOutEverywhere`]: 'ends every session of an identity and the tokens issued through them',
  [`POST ${V1_REALM}/identities/{identity_id}:sendRecoveryLink`]: 'emails the short-lived link "send me a new link" sends',
  [`GET ${V1_REALM}/account-settings`]: "the realm's account page settings",
  [`PUT ${V1_REALM}/account-settings`]: "changes the realm's account page settings",
  // Audit event delivery (issue 20): the contract has no audit trail, so no webhooks for it either.
  [`POST ${V1_TENANT}/webhooks`]: 'registers a webhook endpoint for the audit trail (the contract has none)',
  [`GET ${V1_TENANT}/webhooks`]: "lists the tenant's webhook endpoints",
  [`GET ${V1_TENANT}/webhooks/{webhook_id}`]: 'a webhook endpoint and where its delivery stands',
  [`PATCH ${V1_TENANT}/webhooks/{webhook_id}`]: 'changes a webhook endpoint',
  [`DELETE ${V1_TENANT}/webhooks/{webhook_id}`]: 'deletes a webhook endpoint',
  [`GET ${V1_TENANT}/webhooks/{webhook_id}/deliveries`]: "a webhook endpoint's recent delivery attempts",
  // The Admin Console (issue 7): Beyond Identity's console is its own product on its own host; these
  // are the calls yonder's console makes before it can use /v1. Public (no bearer): the hosted
  // sign-in session cookie and the X-Yonder-Console header authorize the token and sign-out.
  [`GET ${CONSOLE_API}/config`]: "the Admin Console's configuration: tenant, admin realm, application, sign-in page",
  [`POST ${CONSOLE_API}/token`]: 'a 5-minute management token for the person signed in to the Admin Console (session cookie)',
  [`POST ${CONSOLE_API}/sign-out`]: 'ends the Admin Console session and revokes its tokens',
  // Policy: the reference README says the contract has no public policy API and yonder designs its
  // own (one policy per realm, published as numbered versions; src/http/v1/policy.ts).
  ...Object.fromEntries(
    [`GET ${POLICY}`, `PUT ${POLICY}`, `GET ${POLICY}:listVersions`, `POST ${POLICY}:restore`, `POST ${POLICY}:evaluate`].map((key) => [
      key,
      'policy has no public API in the contract; yonder designs its own (reference README)',
    ]),
  ),
};

/** One operation from yonder's `/openapi.json`. */
export interface DocumentedRoute {
  method: string;
  path: string;
  /**
   * Every scope named by any of its security alternatives; empty when any valid token will do
   * (`[{BearerAuth: []}]`, the SCIM discovery routes).
   */
  scopes: string[];
  /**
   * The security alternatives as declared: a token passes when it holds every scope of any one of
   * them (`[{BearerAuth: ['groups:update', 'identities:read']}]` needs both scopes;
   * `[{BearerAuth: ['scim:users:read']}, {BearerAuth: ['scim:all']}]` needs either).
   */
  requirements: string[][];
}

/**
 * The scopes whose absence alone makes a token fail every alternative of `route`: each of them is
 * required, whatever else the token holds. For a one-alternative route, all of its scopes.
 */
export function indispensableScopes(route: Pick<DocumentedRoute, 'requirements'>): string[] {
  const [first = [], ...rest] = route.requirements;
  return first.filter((scope) => rest.every((requirement) => requirement.includes(scope)));
}

/** Whether `route` is public: no security requirement, or one alternative that needs no token (`security: []`). */
export const isPublicRoute = (route: Pick<DocumentedRoute, 'requirements'>): boolean => route.requirements.length === 0;

/**
 * The operations of yonder's OpenAPI document (`GET /openapi.json`) whose path `include` accepts:
 * the management API under `/v1/`, the hosted passkey pages under `/hosted/` and the Admin Console's
 * calls under `/console/api/` (both public, yonder-only), so none can ship without a contract test
 * file exercising it.
 */
export function documentedRoutes(openapi: unknown, include: (path: string) => boolean): DocumentedRoute[] {
  const paths = isObject(openapi) && isObject(openapi.paths) ? openapi.paths : {};
  const routes: DocumentedRoute[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const ours = path.startsWith('/v1/') || path.startsWith(`${HOSTED}/`) || path.startsWith(`${CONSOLE_API}/`);
    if (!ours || !include(path) || !isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method) || !isObject(operation)) continue;
      const security = Array.isArray(operation.security) ? operation.security : [];
      const requirements = security.map((requirement) =>
        isObject(requirement) && Array.isArray(requirement.BearerAuth) ? requirement.BearerAuth.map(String) : [],
      );
      const scopes = [...new Set(requirements.flat())];
      routes.push({ method: method.toUpperCase(), path, scopes, requirements });
    }
  }
  return routes;
}

/**
 * What is wrong with a suite's coverage of its part of the documented routes: a route neither in
 * the contract nor yonder-only, a yonder-only route the contract has (or yonder does not document),
 * a route never checked (or, yonder-only, never exercised) with a 2xx reply.
 */
export function routeCoverageProblems(
  documented: readonly DocumentedRoute[],
  coverage: ContractCoverage,
  inPart: (path: string) => boolean,
): string[] {
  const inContract = new Set(contractOperations());
  const problems: string[] = [];
  for (const { method, path } of documented) {
    const key = operationKey(method, path);
    const yonderOnly = key in YONDER_ONLY_ROUTES;
    if (!yonderOnly && !inContract.has(key)) problems.push(`${key}: not in the contract and not in YONDER_ONLY_ROUTES`);
    if (yonderOnly && inContract.has(key)) problems.push(`${key}: listed as yonder-only but the contract has it`);
    const statuses = [...(coverage.checked.get(key) ?? [])];
    if (!statuses.some((s) => s >= 200 && s < 300)) {
      problems.push(`${key}: never ${yonderOnly ? 'exercised' : 'checked against the contract'} with a 2xx reply`);
    }
  }
  const served = new Set(documented.map(({ method, path }) => operationKey(method, path)));
  for (const key of Object.keys(YONDER_ONLY_ROUTES)) {
    const path = key.slice(key.indexOf(' ') + 1);
    if (inPart(path) && !served.has(key)) problems.push(`${key}: listed in YONDER_ONLY_ROUTES but yonder does not document it`);
  }
  return problems;
}
