import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import {
  type BatchCredentialBindingJob,
  type CredentialBindingJob,
  type DeliveryMethod,
  type JobFilter,
  type JobState,
  PENDING_JOB_STATES,
  enrollmentStatus,
} from '../../domain/passkeys/passkeys.js';
import type { Executor } from '../engine/connection.js';
import type { BatchCredentialBindingJobsTable, CredentialBindingJobsTable, Database } from '../schema.js';

function toJob(row: CredentialBindingJobsTable): CredentialBindingJob {
  const { token_hash, ...rest } = row;
  return { ...rest, delivery_method: row.delivery_method as DeliveryMethod, state: row.state as JobState };
}

function toBatch(row: BatchCredentialBindingJobsTable): BatchCredentialBindingJob {
  return {
    ...row,
    identity_ids: JSON.parse(row.identity_ids) as string[],
    job_template: JSON.parse(row.job_template) as BatchCredentialBindingJob['job_template'],
    state_commentary: JSON.parse(row.state_commentary) as BatchCredentialBindingJob['state_commentary'],
    state: row.state as BatchCredentialBindingJob['state'],
  };
}

export interface JobScope {
  realmId: string;
  /** One identity's jobs, or every job of the realm when null. */
  identityId: string | null;
  batchId?: string;
  /** The list's `filter`, with the time that decides which pending jobs count as EXPIRED. */
  filter?: { filter: JobFilter; now: string };
}

type JobExpressions = ExpressionBuilder<Database, 'credential_binding_jobs'>;

function scopeExpression(eb: JobExpressions, scope: JobScope): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = [eb('realm_id', '=', scope.realmId)];
  if (scope.identityId !== null) terms.push(eb('identity_id', '=', scope.identityId));
  if (scope.batchId !== undefined) terms.push(eb('batch_id', '=', scope.batchId));
  if (scope.filter) terms.push(jobFilterExpression(eb, scope.filter.filter, scope.filter.now));
  return eb.and(terms);
}

/** The state a job shows (`effectiveJobState`) as SQL: a pending job past its expiry is EXPIRED. */
function stateIs(eb: JobExpressions, state: JobState, now: string): Expression<SqlBool> {
  if (state === 'EXPIRED') {
    return eb.or([eb('state', '=', 'EXPIRED'), eb.and([eb('state', 'in', [...PENDING_JOB_STATES]), eb('expire_time', '<=', now)])]);
  }
  if (PENDING_JOB_STATES.includes(state)) return eb.and([eb('state', '=', state), eb('expire_time', '>', now)]);
  return eb('state', '=', state);
}

function jobFilterExpression(eb: JobExpressions, filter: JobFilter, now: string): Expression<SqlBool> {
  switch (filter.op) {
    case 'and':
      return eb.and(filter.filters.map((f) => jobFilterExpression(eb, f, now)));
    case 'or':
      return eb.or(filter.filters.map((f) => jobFilterExpression(eb, f, now)));
    case 'eq':
    case 'ne': {
      const matches = filter.field === 'state' ? stateIs(eb, filter.value as JobState, now) : eb('delivery_method', '=', filter.value);
      return filter.op === 'eq' ? matches : eb.not(matches);
    }
  }
}

export class CredentialBindingJobStore {
  constructor(private readonly db: Executor) {}

  async insert(job: CredentialBindingJob, tokenHash: string): Promise<void> {
    await this.db
      .insertInto('credential_binding_jobs')
      .values({ ...job, token_hash: tokenHash })
      .execute();
  }

  async get(realmId: string, identityId: string | null, id: string): Promise<CredentialBindingJob | undefined> {
    let query = this.db.selectFrom('credential_binding_jobs').selectAll().where('realm_id', '=', realmId).where('id', '=', id);
    if (identityId !== null) query = query.where('identity_id', '=', identityId);
    const row = await query.executeTakeFirst();
    return row && toJob(row);
  }

  /** The job the link names, only when the token is the link's. */
  async getByToken(realmId: string, id: string, tokenHash: string): Promise<CredentialBindingJob | undefined> {
    const row = await this.db
      .selectFrom('credential_binding_jobs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('id', '=', id)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && toJob(row);
  }

  /**
   * Moves a job from one of `from` to `to` (with `changes`), only if it is still in one of them and
   * unexpired; returns whether it did. Two requests racing to complete one link: only one wins.
   */
  async transition(id: string, from: readonly JobState[], to: JobState, now: string, changes: { credential_id?: string } = {}): Promise<boolean> {
    const result = await this.db
      .updateTable('credential_binding_jobs')
      .set({ state: to, update_time: now, ...changes })
      .where('id', '=', id)
      .where('state', 'in', [...from])
      .where('expire_time', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revoke works on unexpired and expired pending jobs alike. */
  async setState(id: string, state: JobState, now: string): Promise<void> {
    await this.db.updateTable('credential_binding_jobs').set({ state, update_time: now }).where('id', '=', id).execute();
  }

  async page(scope: JobScope, afterId: string, offset: number, limit: number): Promise<CredentialBindingJob[]> {
    const query = this.db
      .selectFrom('credential_binding_jobs')
      .selectAll()
      .where((eb) => scopeExpression(eb, scope))
      .where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toJob);
  }

  async count(scope: JobScope): Promise<number> {
    const query = this.db
      .selectFrom('credential_binding_jobs')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where((eb) => scopeExpression(eb, scope));
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async ofBatch(batchId: string): Promise<CredentialBindingJob[]> {
    const rows = await this.db.selectFrom('credential_binding_jobs').selectAll().where('batch_id', '=', batchId).execute();
    return rows.map(toJob);
  }

  async insertBatch(batch: BatchCredentialBindingJob): Promise<void> {
    await this.db
      .insertInto('batch_credential_binding_jobs')
      .values({
        ...batch,
        identity_ids: JSON.stringify(batch.identity_ids),
        job_template: JSON.stringify(batch.job_template),
        state_commentary: JSON.stringify(batch.state_commentary),
      })
      .execute();
  }

  async updateBatch(batch: BatchCredentialBindingJob): Promise<void> {
    await this.db
      .updateTable('batch_credential_binding_jobs')
      .set({ state: batch.state, state_commentary: JSON.stringify(batch.state_commentary), update_time: batch.update_time })
      .where('id', '=', batch.id)
      .execute();
  }

  async getBatch(realmId: string, id: string): Promise<BatchCredentialBindingJob | undefined> {
    const row = await this.db
      .selectFrom('batch_credential_binding_jobs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toBatch(row);
  }

  /**
   * Recomputes an identity's stored enrollment status from its credentials and jobs. Call it in
   * the transaction that changed either.
   */
  async refreshEnrollment(identityId: string, now: string): Promise<void> {
    const active = await this.db
      .selectFrom('credentials')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('identity_id', '=', identityId)
      .where('state', '=', 'ACTIVE')
      .executeTakeFirstOrThrow();
    const failed = await this.db
      .selectFrom('credential_binding_jobs')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('identity_id', '=', identityId)
      .where('state', '=', 'FAILED_TO_SEND')
      .executeTakeFirstOrThrow();
    const pending = await this.db
      .selectFrom('credential_binding_jobs')
      .select((eb) => eb.fn.max('expire_time').as('until'))
      .where('identity_id', '=', identityId)
      .where('state', 'in', [...PENDING_JOB_STATES])
      .where('expire_time', '>', now)
      .executeTakeFirst();
    const status = enrollmentStatus({ activeCredentials: Number(active.n), pendingJobs: 0, failedJobs: Number(failed.n) });
    await this.db
      .updateTable('identities')
      .set({ enrollment_status: status, enrollment_pending_until: (pending?.until as string | null | undefined) ?? null })
      .where('id', '=', identityId)
      .execute();
  }
}
