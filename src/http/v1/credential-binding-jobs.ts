import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DELIVERY_METHODS, JOB_STATES } from '../../domain/passkeys/passkeys.js';
import { principalOf } from '../auth.js';
import { IdentityParams, ListQuery, ReadOnly, RealmParams, StringEnum, Timestamp, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { noStore } from '../no-store.js';
import {
  createBatch,
  createBindingJob,
  getBatch,
  getBindingJob,
  listBatchResults,
  listBindingJobs,
  revokeBindingJob,
} from '../../services/passkeys/credential-binding-jobs.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/identities/:identity_id/credential-binding-jobs';
const BATCH = '/v1/tenants/:tenant_id/realms/:realm_id/batch-credential-binding-jobs';
const JobParams = Type.Composite([
  IdentityParams,
  Type.Object({ credential_binding_job_id: Type.String({ description: "The credential binding job's id, within the identity." }) }),
]);
const BatchParams = Type.Composite([
  RealmParams,
  Type.Object({ batch_credential_binding_job_id: Type.String({ description: "The batch credential binding job's id, within the realm." }) }),
]);
const tags = ['Credential Binding Jobs'];

export const JobSchema = Type.Object(
  {
    id: Type.String(),
    identity_id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    credential_id: Type.Optional(Type.String()),
    batch_id: Type.Optional(Type.String()),
    delivery_method: StringEnum(DELIVERY_METHODS),
    state: StringEnum(JOB_STATES),
    post_binding_redirect_uri: Type.Optional(Type.String()),
    authenticator_config_id: Type.String(),
    expire_time: Timestamp,
    create_time: Timestamp,
    update_time: Timestamp,
  },
  { $id: 'CredentialBindingJob' },
);

const Uri = Type.String({ minLength: 1, maxLength: 2048 });

const JobInput = Type.Object(
  {
    delivery_method: StringEnum(DELIVERY_METHODS),
    authenticator_config_id: Type.Optional(Type.String({ maxLength: 64 })),
    post_binding_redirect_uri: Type.Optional(Uri),
    id: ReadOnly,
    identity_id: ReadOnly,
    realm_id: ReadOnly,
    tenant_id: ReadOnly,
    credential_id: ReadOnly,
    batch_id: ReadOnly,
    state: ReadOnly,
    expire_time: ReadOnly,
    create_time: ReadOnly,
    update_time: ReadOnly,
  },
  { additionalProperties: false },
);

const BatchSchema = Type.Object(
  {
    id: Type.String(),
    tenant_id: Type.String(),
    realm_id: Type.String(),
    identity_ids: Type.Array(Type.String()),
    state: StringEnum(['RUNNING', 'FAILED', 'PARTIAL_SUCCESS', 'SUCCESS'] as const),
    state_commentary: Type.Object({
      errors: Type.Record(Type.String(), Type.Object({ last_error: Type.String(), failed_permanently: Type.Boolean() })),
    }),
    job_template: Type.Object({
      authenticator_config_id: Type.Optional(Type.String()),
      post_binding_redirect_uri: Type.Optional(Type.String()),
    }),
    create_time: Timestamp,
    update_time: Timestamp,
  },
  { $id: 'BatchCredentialBindingJob' },
);

/** Unset optional fields are left out, as the contract shows them. */
function reply<T extends object>(job: T): T {
  return Object.fromEntries(Object.entries(job).filter(([, v]) => v !== null)) as T;
}

const identityOf = (id: string) => (id === '-' ? null : id);

export const credentialBindingJobRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(JobSchema);
  app.addSchema(BatchSchema);

  app.post(
    BASE,
    {
      onRequest: noStore,
      schema: {
        operationId: 'CreateCredentialBindingJob',
        summary: 'Create a credential binding job: a one-time link that enrolls a passkey',
        description:
          'With `RETURN` the link comes back in `credential_binding_link`; with `EMAIL` it is emailed to the ' +
          "identity's primary email address (422 when it has none). Without `authenticator_config_id` the realm's " +
          'default hosted_web configuration is used. Jobs expire 7 days after creation. Whoever follows the link signs in ' +
          'as the identity, so for an identity holding roles of the Management API resource server the caller must ' +
          'hold every scope those roles give, without a realm restriction (else 403).',
        tags,
        security: requiresScope('credential-binding-jobs:create'),
        params: IdentityParams,
        body: Type.Object({ job: JobInput }),
        response: {
          200: Type.Object({ credential_binding_job: Type.Ref('CredentialBindingJob'), credential_binding_link: Type.Optional(Type.String()) }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request) => {
      const { job } = request.body;
      const input = {
        delivery_method: job.delivery_method,
        ...(job.authenticator_config_id !== undefined ? { authenticator_config_id: job.authenticator_config_id } : {}),
        ...(job.post_binding_redirect_uri !== undefined ? { post_binding_redirect_uri: job.post_binding_redirect_uri } : {}),
      };
      const created = await createBindingJob(yonder, realmRef(request.params), request.params.identity_id, input, principalOf(request));
      return { ...created, credential_binding_job: reply(created.credential_binding_job) };
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListCredentialBindingJobs',
        summary: 'List credential binding jobs of an identity, or of the realm with `-`',
        tags,
        description:
          '`filter` takes the SCIM grammar (RFC 7644 §3.4.2.2) on `state` and `delivery_method` with `eq`, `ne`, ' +
          '`and`, `or`, e.g. `state eq "COMPLETE"`; states compare as shown, so `EXPIRED` includes pending jobs past ' +
          'their expiry. Any other attribute or operator is a 400. The filter is locked into the page token.',
        security: requiresScope('credential-binding-jobs:read'),
        params: IdentityParams,
        querystring: Type.Object({
          ...ListQuery,
          filter: Type.Optional(
            Type.String({ maxLength: 2048, description: 'SCIM filter on `state` and `delivery_method` (see above), e.g. `state eq "COMPLETE"`.' }),
          ),
        }),
        response: {
          200: Type.Object({
            credential_binding_jobs: Type.Array(Type.Ref('CredentialBindingJob')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listBindingJobs(yonder, realmRef(request.params), identityOf(request.params.identity_id), request.query);
      return { credential_binding_jobs: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:credential_binding_job_id`,
    {
      schema: {
        operationId: 'GetCredentialBindingJob',
        description: 'One credential binding job of the identity: its state, delivery method and expiry.',
        summary: 'Retrieve a credential binding job',
        tags,
        security: requiresScope('credential-binding-jobs:read'),
        params: JobParams,
        response: { 200: Type.Ref('CredentialBindingJob'), ...errorResponses(404) },
      },
    },
    async (request) =>
      reply(await getBindingJob(yonder, realmRef(request.params), identityOf(request.params.identity_id), request.params.credential_binding_job_id)),
  );

  app.post(
    verbPath(BASE, 'credential_binding_job_id', 'revoke'),
    {
      schema: {
        operationId: 'SetCredentialBindingJobRevoked',
        description: 'Revokes the job: its binding link stops working. A completed job cannot be revoked (409).',
        summary: 'Revoke a credential binding job: its link stops working (409 once COMPLETE)',
        tags,
        security: requiresScope('credential-binding-jobs:revoke'),
        params: JobParams,
        response: { 200: Type.Ref('CredentialBindingJob'), ...errorResponses(404, 409) },
      },
    },
    async (request) =>
      reply(
        await revokeBindingJob(yonder, realmRef(request.params), identityOf(request.params.identity_id), request.params.credential_binding_job_id),
      ),
  );

  app.post(
    BATCH,
    {
      schema: {
        operationId: 'CreateBatchCredentialBindingJob',
        summary: 'Email binding links to 1 to 1000 identities',
        description:
          'The jobs are written in one transaction and the emails sent after it commits, before the reply (1,000 take ' +
          'seconds), so the batch comes back finished (SUCCESS, PARTIAL_SUCCESS or FAILED) with per-identity errors. ' +
          'Nothing stays queued after the reply, so the queue limit (429) never applies. An identity holding roles of ' +
          'the Management API resource server whose scopes the caller could not grant refuses the whole batch (403).',
        tags,
        security: requiresScope('credential-binding-jobs:create'),
        params: RealmParams,
        body: Type.Object({
          batch_credential_binding_job: Type.Object({
            identity_ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000 }),
            job_template: Type.Object({
              authenticator_config_id: Type.Optional(Type.String({ maxLength: 64 })),
              post_binding_redirect_uri: Type.Optional(Uri),
            }),
          }),
        }),
        response: { 200: Type.Ref('BatchCredentialBindingJob'), ...errorResponses(404) },
      },
    },
    async (request) => createBatch(yonder, realmRef(request.params), request.body.batch_credential_binding_job, principalOf(request)),
  );

  app.get(
    `${BATCH}/:batch_credential_binding_job_id`,
    {
      schema: {
        operationId: 'GetBatchCredentialBindingJob',
        description: 'One batch credential binding job of the realm, by id.',
        summary: 'Retrieve a batch credential binding job',
        tags,
        security: requiresScope('credential-binding-jobs:read'),
        params: BatchParams,
        response: { 200: Type.Ref('BatchCredentialBindingJob'), ...errorResponses(404) },
      },
    },
    async (request) => getBatch(yonder, realmRef(request.params), request.params.batch_credential_binding_job_id),
  );

  app.get(
    verbPath(BATCH, 'batch_credential_binding_job_id', 'listResults'),
    {
      schema: {
        operationId: 'ListBatchCredentialBindingJobResults',
        description: 'The credential binding jobs the batch made, one per identity, paged.',
        summary: 'List the jobs a batch made',
        tags,
        security: requiresScope('credential-binding-jobs:read'),
        params: BatchParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            job_results: Type.Array(Type.Ref('CredentialBindingJob')),
            total_success_count: Type.Integer(),
            total_failure_count: Type.Integer(),
            total_pending_count: Type.Integer(),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const results = await listBatchResults(yonder, realmRef(request.params), request.params.batch_credential_binding_job_id, request.query);
      return { ...results, job_results: results.job_results.map(reply) };
    },
  );
};
