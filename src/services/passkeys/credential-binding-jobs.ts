import { createHash, randomBytes } from 'node:crypto';
import { DomainError, conflict, invalidField, notFound } from '../../domain/errors.js';
import type { Identity } from '../../domain/directory/identity.js';
import { newId } from '../../domain/ids.js';
import {
  type AuthenticatorConfig,
  type BatchCredentialBindingJob,
  type CredentialBindingJob,
  type DeliveryMethod,
  JOB_TTL_SECONDS,
  PENDING_JOB_STATES,
  type JobFilter,
  type Theme,
  effectiveJobState,
  parseJobFilter,
} from '../../domain/passkeys/passkeys.js';
import { canonicalFilter } from '../../domain/directory/list-filter.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { addSeconds, nowTimestamp } from '../../domain/time.js';
import { BATCH_SEND_CONCURRENCY } from '../../platform/mail/mailer.js';
import type { Repositories } from '../../store/index.js';
import type { JobScope } from '../../store/passkeys/credential-binding-jobs.js';
import { type EventInput, changeEvent, recordEvent, recordEvents } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import { inviteGuard } from '../access/grants.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import { activeTheme } from './themes.js';
import { flowTurnedOff, webFlowEnabled } from './flow-types.js';
import type { EnforcedWebFlow } from '../../domain/passkeys/flow-types.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The job as the API shows it: expiry applied to the state. */
export function presentJob(job: CredentialBindingJob, now = nowTimestamp()): CredentialBindingJob {
  return { ...job, state: effectiveJobState(job, now) };
}

/** yonder's own link: the hosted enrollment page, carrying the 256-bit token. */
export function hostedLink(publicUrl: string, job: CredentialBindingJob, token: string): string {
  return (
    `${publicUrl}/v1/tenants/${job.tenant_id}/realms/${job.realm_id}/identities/${job.identity_id}` +
    `/credential-binding-jobs/${job.id}:invokeAuthenticator?token=${token}`
  );
}

/**
 * The link handed to the person. For an `embedded` configuration it is the application's
 * `invoke_url`, carrying yonder's link in `credential_binding_link` for the app to follow.
 */
export function bindingLink(publicUrl: string, config: AuthenticatorConfig, job: CredentialBindingJob, token: string): string {
  const hosted = hostedLink(publicUrl, job, token);
  if (config.config.type !== 'embedded') return hosted;
  const url = new URL(config.config.invoke_url);
  url.searchParams.set('credential_binding_link', hosted);
  return url.toString();
}

export interface JobInput {
  delivery_method: DeliveryMethod;
  authenticator_config_id?: string;
  post_binding_redirect_uri?: string;
}

function missingEmail(identityId: string): DomainError {
  return new DomainError('unprocessable_entity', 'Identity missing email address', [
    { type: 'ResourceInfo', resource_type: 'Identity', id: identityId, description: 'Identity missing email address' },
  ]);
}

function emailOf(identity: Identity): string | null {
  const email = identity.traits.primary_email_address;
  return typeof email === 'string' && email !== '' ? email : null;
}

async function resolveConfig(repos: Repositories, realmId: string, id: string | undefined, field: string): Promise<AuthenticatorConfig> {
  if (id === undefined || id === '') {
    const config = await repos.authenticatorConfigs.getDefault(realmId);
    if (!config) throw notFound('AuthenticatorConfig', '');
    return config;
  }
  const config = await repos.authenticatorConfigs.get(realmId, id);
  if (!config) throw invalidField(field, 'unknown authenticator configuration');
  return config;
}

function assertRedirect(field: string, value: string | undefined): void {
  if (value === undefined) return;
  try {
    if (/^https?:$/.test(new URL(value).protocol)) return;
  } catch {
    // reported below
  }
  throw invalidField(field, 'must be an absolute http or https URL');
}

/**
 * The realm's launch mechanisms, where they map to a binding link: an `embedded` configuration's
 * link goes through the application's page (the web `embedded` flow), and a RETURN link is handed
 * to the caller to copy and pass on (the web `copy` flow). Answers the first flow turned off, if any.
 */
export async function linkFlowTurnedOff(
  repos: Repositories,
  realmId: string,
  config: AuthenticatorConfig,
  delivery: DeliveryMethod,
): Promise<EnforcedWebFlow | null> {
  if (config.config.type === 'embedded' && !(await webFlowEnabled(repos, realmId, 'embedded'))) return 'embedded';
  if (delivery === 'RETURN' && !(await webFlowEnabled(repos, realmId, 'copy'))) return 'copy';
  return null;
}

async function requireLinkFlows(repos: Repositories, realmId: string, config: AuthenticatorConfig, delivery: DeliveryMethod): Promise<void> {
  const off = await linkFlowTurnedOff(repos, realmId, config, delivery);
  if (off) throw flowTurnedOff(off);
}

interface Created {
  job: CredentialBindingJob;
  link: string;
  identity: Identity;
}

/** Inserts one job in LINK_SENT with a fresh token, in the caller's transaction. */
async function insertJob(
  tx: Repositories,
  ref: RealmRef,
  identity: Identity,
  config: AuthenticatorConfig,
  input: JobInput,
  publicUrl: string,
  batchId: string | null,
  ttlSeconds = JOB_TTL_SECONDS,
): Promise<Created> {
  const now = nowTimestamp();
  const token = randomBytes(32).toString('base64url');
  const job: CredentialBindingJob = {
    id: newId(),
    tenant_id: ref.tenantId,
    realm_id: ref.realmId,
    identity_id: identity.id,
    credential_id: null,
    batch_id: batchId,
    delivery_method: input.delivery_method,
    state: 'LINK_SENT',
    post_binding_redirect_uri: input.post_binding_redirect_uri ?? null,
    authenticator_config_id: config.id,
    expire_time: addSeconds(now, ttlSeconds),
    create_time: now,
    update_time: now,
  };
  await tx.bindingJobs.insert(job, hashToken(token));
  await tx.bindingJobs.refreshEnrollment(identity.id, now);
  return { job, link: bindingLink(publicUrl, config, job, token), identity };
}

/** A job's change as an event: the job as the API shows it, never its link or token. */
export function jobEvent(type: EventInput['type'], before: CredentialBindingJob | null, after: CredentialBindingJob | null): EventInput {
  return changeEvent(type, 'credential_binding_job', before && presentJob(before), after && presentJob(after));
}

/** Emails the link; a failure leaves the job FAILED_TO_SEND (and the identity INVITE_FAILED). */
async function deliver(y: Yonder, ref: RealmRef, created: Created, theme?: Theme): Promise<CredentialBindingJob> {
  const to = emailOf(created.identity);
  try {
    if (!to) throw new Error('identity has no email address');
    await y.mailer.sendBindingLink({
      to,
      displayName: created.identity.display_name,
      link: created.link,
      expireTime: created.job.expire_time,
      theme: theme ?? (await activeTheme(y.store, ref)),
    });
    return created.job;
  } catch {
    const now = nowTimestamp();
    const failed: CredentialBindingJob = { ...created.job, state: 'FAILED_TO_SEND', update_time: now };
    await y.store.transaction(async (tx) => {
      await tx.bindingJobs.setState(created.job.id, 'FAILED_TO_SEND', now);
      await tx.bindingJobs.refreshEnrollment(created.identity.id, now);
      await recordEvent(tx, jobEvent('credential_binding_job.failed_to_send', created.job, failed));
    });
    return failed;
  }
}

export async function createBindingJob(
  y: Yonder,
  ref: RealmRef,
  identityId: string,
  input: JobInput,
  caller: Grantor,
): Promise<{ credential_binding_job: CredentialBindingJob; credential_binding_link?: string }> {
  assertRedirect('job.post_binding_redirect_uri', input.post_binding_redirect_uri);
  const created = await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const identity = await tx.identities.get(ref.realmId, identityId);
    if (!identity) throw notFound('Identity', identityId);
    const mayInvite = await inviteGuard(tx, ref.realmId, caller);
    await mayInvite(identity.id, 'A binding link for this identity');
    if (input.delivery_method === 'EMAIL' && !emailOf(identity)) throw missingEmail(identityId);
    const config = await resolveConfig(tx, ref.realmId, input.authenticator_config_id, 'job.authenticator_config_id');
    await requireLinkFlows(tx, ref.realmId, config, input.delivery_method);
    const made = await insertJob(tx, ref, identity, config, input, y.config.publicUrl, null);
    await recordEvent(tx, jobEvent('credential_binding_job.created', null, made.job));
    return made;
  });
  if (input.delivery_method === 'RETURN') {
    return { credential_binding_job: presentJob(created.job), credential_binding_link: created.link };
  }
  return { credential_binding_job: presentJob(await deliver(y, ref, created)) };
}

/** A recovery link lives half an hour: long enough to open the email, short enough to go stale fast. */
export const RECOVERY_JOB_TTL_SECONDS = 30 * 60;

/**
 * A person who lost every passkey asked for a new link: an EMAIL job with the realm's default
 * configuration, short-lived, leading back to `accountUrl` once used. The person asks for
 * themselves, so there is no grantor to check (a link grants nothing its person does not hold);
 * the caller has already checked the realm's policy. The events say a recovery was asked for;
 * the old passkeys stay until the person removes them.
 */
export async function createRecoveryJob(y: Yonder, ref: RealmRef, identity: Identity, accountUrl: string): Promise<CredentialBindingJob> {
  if (!emailOf(identity)) throw missingEmail(identity.id);
  const input: JobInput = { delivery_method: 'EMAIL', post_binding_redirect_uri: accountUrl };
  const created = await y.store.transaction(async (tx) => {
    const config = await resolveConfig(tx, ref.realmId, undefined, 'job.authenticator_config_id');
    const made = await insertJob(tx, ref, identity, config, input, y.config.publicUrl, null, RECOVERY_JOB_TTL_SECONDS);
    await recordEvents(tx, [
      jobEvent('credential_binding_job.created', null, made.job),
      {
        tenantId: ref.tenantId,
        realmId: ref.realmId,
        type: 'identity.recovery_requested',
        resourceType: 'identity',
        resourceId: identity.id,
        after: { credential_binding_job_id: made.job.id, delivery_method: 'EMAIL', expire_time: made.job.expire_time },
      },
    ]);
    return made;
  });
  return deliver(y, ref, created);
}

/**
 * A RETURN job with the realm's default configuration, in the caller's transaction: the Admin
 * Console's first-administrator link, made by the bootstrap and `yonder console-link`.
 */
export async function insertReturnJob(
  tx: Repositories,
  ref: RealmRef,
  identity: Identity,
  postBindingRedirectUri: string,
  publicUrl: string,
): Promise<{ job: CredentialBindingJob; link: string }> {
  const config = await resolveConfig(tx, ref.realmId, undefined, 'job.authenticator_config_id');
  const input: JobInput = { delivery_method: 'RETURN', post_binding_redirect_uri: postBindingRedirectUri };
  return insertJob(tx, ref, identity, config, input, publicUrl, null);
}

/** `identityId` null lists the whole realm (the contract's `-`). */
export async function listBindingJobs(
  y: Yonder,
  ref: RealmRef,
  identityId: string | null,
  params: ListParams & { filter?: string },
): Promise<Page<CredentialBindingJob>> {
  let filter: JobFilter | undefined;
  if (params.filter !== undefined && params.filter.trim() !== '') {
    const parsed = parseJobFilter(params.filter);
    if (!parsed.ok) throw invalidField('filter', parsed.description);
    filter = parsed.filter;
  }
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  if (identityId !== null && !(await y.store.identities.get(ref.realmId, identityId))) throw notFound('Identity', identityId);
  const now = nowTimestamp();
  const scope: JobScope = { realmId: ref.realmId, identityId, ...(filter ? { filter: { filter, now } } : {}) };
  const page = await listPage(
    params,
    {
      list: `credential-binding-jobs:${ref.realmId}:${identityId ?? '-'}`,
      filter: canonicalFilter(filter),
      defaultPageSize: 20,
      maxPageSize: 200,
    },
    y.pageTokenKey,
    (after, offset, limit) => y.store.bindingJobs.page(scope, after, offset, limit),
    () => y.store.bindingJobs.count(scope),
  );
  return { ...page, items: page.items.map((job) => presentJob(job, now)) };
}

export async function getBindingJob(y: Yonder, ref: RealmRef, identityId: string | null, id: string): Promise<CredentialBindingJob> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const job = await y.store.bindingJobs.get(ref.realmId, identityId, id);
  if (!job) throw notFound('CredentialBindingJob', id);
  return presentJob(job);
}

/** Kills the link. A completed job cannot be revoked (409); revoking twice is harmless. */
export async function revokeBindingJob(y: Yonder, ref: RealmRef, identityId: string | null, id: string): Promise<CredentialBindingJob> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const job = await tx.bindingJobs.get(ref.realmId, identityId, id);
    if (!job) throw notFound('CredentialBindingJob', id);
    if (job.state === 'COMPLETE') throw conflict('credential binding job is complete');
    const now = nowTimestamp();
    if (job.state === 'REVOKED') return presentJob(job, now);
    const revoked: CredentialBindingJob = { ...job, state: 'REVOKED', update_time: now };
    await tx.bindingJobs.setState(job.id, 'REVOKED', now);
    await tx.bindingJobs.refreshEnrollment(job.identity_id, now);
    await recordEvent(tx, jobEvent('credential_binding_job.revoked', job, revoked));
    return presentJob(revoked, now);
  });
}

export interface BatchInput {
  identity_ids: string[];
  job_template: { authenticator_config_id?: string; post_binding_redirect_uri?: string };
}

/**
 * Creates one EMAIL job per identity and sends the emails before answering, so the batch comes
 * back finished: SUCCESS, PARTIAL_SUCCESS or FAILED, with each identity's error in
 * `state_commentary.errors`.
 *
 * The contract's example answers RUNNING (Beyond Identity queues batches); a finished batch is a
 * state of the same resource, and clients that poll it see the same thing. Sending inside the
 * request is deliberate: yonder has no durable queue, and sends left to a background task would
 * be lost with the process (jobs LINK_SENT with no email, the batch RUNNING for good). 1,000
 * identities take seconds (pooled SMTP connections), well inside the request timeout.
 */
export async function createBatch(y: Yonder, ref: RealmRef, input: BatchInput, caller: Grantor): Promise<BatchCredentialBindingJob> {
  if (new Set(input.identity_ids).size !== input.identity_ids.length) {
    throw invalidField('batch_credential_binding_job.identity_ids', 'duplicate ids');
  }
  assertRedirect('batch_credential_binding_job.job_template.post_binding_redirect_uri', input.job_template.post_binding_redirect_uri);
  const batch: BatchCredentialBindingJob = {
    ...newRealmResource(ref, newId()),
    identity_ids: input.identity_ids,
    state: 'RUNNING',
    state_commentary: { errors: {} },
    job_template: input.job_template,
  };
  const jobInput: JobInput = { delivery_method: 'EMAIL', ...input.job_template };
  const created = await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const config = await resolveConfig(
      tx,
      ref.realmId,
      input.job_template.authenticator_config_id,
      'batch_credential_binding_job.job_template.authenticator_config_id',
    );
    await requireLinkFlows(tx, ref.realmId, config, 'EMAIL');
    await tx.bindingJobs.insertBatch(batch);
    const mayInvite = await inviteGuard(tx, ref.realmId, caller);
    const made: Created[] = [];
    for (const identityId of input.identity_ids) {
      const identity = await tx.identities.get(ref.realmId, identityId);
      // A link for a person holding roles the caller could not grant refuses the whole batch.
      if (identity) await mayInvite(identity.id, `A binding link for identity ${identity.id}`);
      if (!identity) {
        batch.state_commentary.errors[identityId] = { last_error: 'identity not found', failed_permanently: true };
      } else if (!emailOf(identity)) {
        batch.state_commentary.errors[identityId] = { last_error: 'Identity missing email address', failed_permanently: true };
      } else {
        made.push(await insertJob(tx, ref, identity, config, jobInput, y.config.publicUrl, batch.id));
      }
    }
    await recordEvents(tx, [
      changeEvent('batch_credential_binding_job.created', 'batch_credential_binding_job', null, batch),
      ...made.map((m) => jobEvent('credential_binding_job.created', null, m.job)),
    ]);
    return made;
  });
  // Sent after the jobs commit, so a slow mail server holds no database locks; a few at a time,
  // over the mailer's pooled connections, in one realm theme.
  const theme = await activeTheme(y.store, ref);
  const queue = [...created];
  await Promise.all(
    Array.from({ length: BATCH_SEND_CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const job = await deliver(y, ref, next, theme);
        if (job.state === 'FAILED_TO_SEND') {
          batch.state_commentary.errors[next.identity.id] = { last_error: 'failed to send email', failed_permanently: true };
        }
      }
    }),
  );
  const failures = Object.keys(batch.state_commentary.errors).length;
  batch.state = failures === 0 ? 'SUCCESS' : failures === input.identity_ids.length ? 'FAILED' : 'PARTIAL_SUCCESS';
  batch.update_time = nowTimestamp();
  await y.store.bindingJobs.updateBatch(batch);
  return batch;
}

export async function getBatch(y: Yonder, ref: RealmRef, id: string): Promise<BatchCredentialBindingJob> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const batch = await y.store.bindingJobs.getBatch(ref.realmId, id);
  if (!batch) throw notFound('BatchCredentialBindingJob', id);
  return batch;
}

export async function listBatchResults(y: Yonder, ref: RealmRef, id: string, params: ListParams) {
  const batch = await getBatch(y, ref, id);
  const scope = { realmId: ref.realmId, identityId: null, batchId: batch.id };
  const page = await listPage(
    params,
    { list: `batch-results:${batch.id}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.bindingJobs.page(scope, after, offset, limit),
    () => y.store.bindingJobs.count(scope),
  );
  const now = nowTimestamp();
  const states = (await y.store.bindingJobs.ofBatch(batch.id)).map((job) => effectiveJobState(job, now));
  return {
    job_results: page.items.map((job) => presentJob(job, now)),
    total_success_count: states.filter((s) => s === 'COMPLETE').length,
    total_failure_count: states.filter((s) => !PENDING_JOB_STATES.includes(s) && s !== 'COMPLETE').length,
    total_pending_count: states.filter((s) => PENDING_JOB_STATES.includes(s)).length,
    total_size: page.total_size,
    ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
  };
}
