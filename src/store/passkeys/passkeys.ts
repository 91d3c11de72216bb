import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import {
  type AuthenticatorConfig,
  type AuthenticatorConfigBody,
  type BatchCredentialBindingJob,
  type CredentialBindingJob,
  type DeliveryMethod,
  type JobFilter,
  type JobState,
  PENDING_JOB_STATES,
  type Theme,
  type WebAuthnCredential,
  enrollmentStatus,
} from '../../domain/passkeys/passkeys.js';
import { notFound } from '../../domain/errors.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation, isUniqueViolation } from '../engine/constraint-errors.js';
import type {
  AuthenticatorConfigsTable,
  Database,
  BatchCredentialBindingJobsTable,
  CredentialBindingJobsTable,
  CredentialsTable,
  WebAuthnChallengesTable,
  WebSessionsTable,
} from '../schema.js';

function toConfig(row: AuthenticatorConfigsTable): AuthenticatorConfig {
  return { ...row, config: JSON.parse(row.config) as AuthenticatorConfigBody, is_default: row.is_default === 1 };
}

function configRow(config: AuthenticatorConfig): AuthenticatorConfigsTable {
  return { ...config, config: JSON.stringify(config.config), is_default: config.is_default ? 1 : 0 };
}

export class AuthenticatorConfigStore {
  constructor(private readonly db: Executor) {}

  async insert(config: AuthenticatorConfig): Promise<void> {
    try {
      await this.db.insertInto('authenticator_configs').values(configRow(config)).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw notFound('Realm', config.realm_id);
      throw error;
    }
  }

  async get(realmId: string, id: string): Promise<AuthenticatorConfig | undefined> {
    const row = await this.db
      .selectFrom('authenticator_configs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toConfig(row);
  }

  async getDefault(realmId: string): Promise<AuthenticatorConfig | undefined> {
    const row = await this.db
      .selectFrom('authenticator_configs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('is_default', '=', 1)
      .orderBy('create_time')
      .executeTakeFirst();
    return row && toConfig(row);
  }

  async update(config: AuthenticatorConfig): Promise<void> {
    const { id, realm_id, tenant_id, create_time, ...changes } = configRow(config);
    await this.db.updateTable('authenticator_configs').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
  }

  async delete(realmId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('authenticator_configs').where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async page(realmId: string, afterId: string, offset: number, limit: number): Promise<AuthenticatorConfig[]> {
    const rows = await this.db
      .selectFrom('authenticator_configs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toConfig);
  }

  async count(realmId: string): Promise<number> {
    const row = await this.db
      .selectFrom('authenticator_configs')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('realm_id', '=', realmId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

type ThemeFields = Omit<Theme, 'id' | 'realm_id' | 'tenant_id' | 'create_time' | 'update_time'>;

export class ThemeStore {
  constructor(private readonly db: Executor) {}

  /** Returns false when the realm already has a theme. */
  async insert(theme: Theme): Promise<boolean> {
    const { id, realm_id, tenant_id, create_time, update_time, ...fields } = theme;
    try {
      await this.db
        .insertInto('themes')
        .values({ id, realm_id, tenant_id, create_time, update_time, document: JSON.stringify(fields) })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      if (isForeignKeyViolation(error)) throw notFound('Realm', realm_id);
      throw error;
    }
  }

  async ofRealm(realmId: string): Promise<Theme | undefined> {
    const row = await this.db.selectFrom('themes').selectAll().where('realm_id', '=', realmId).executeTakeFirst();
    if (!row) return undefined;
    const { document, ...rest } = row;
    return { ...rest, ...(JSON.parse(document) as ThemeFields) };
  }

  async update(theme: Theme): Promise<void> {
    const { id, realm_id, tenant_id, create_time, update_time, ...fields } = theme;
    await this.db
      .updateTable('themes')
      .set({ document: JSON.stringify(fields), update_time })
      .where('realm_id', '=', realm_id)
      .where('id', '=', id)
      .execute();
  }
}

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
    await this.db.insertInto('credential_binding_jobs').values({ ...job, token_hash: tokenHash }).execute();
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
  async transition(
    id: string,
    from: readonly JobState[],
    to: JobState,
    now: string,
    changes: { credential_id?: string } = {},
  ): Promise<boolean> {
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
    const query = this.db.selectFrom('credential_binding_jobs').selectAll().where((eb) => scopeExpression(eb, scope)).where('id', '>', afterId);
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

function toCredential(row: CredentialsTable): WebAuthnCredential {
  return {
    ...row,
    state: row.state as WebAuthnCredential['state'],
    csr_type: 'WEBAUTHN',
    counter: Number(row.counter),
    transports: JSON.parse(row.transports) as string[],
    device_type: row.device_type as WebAuthnCredential['device_type'],
    backed_up: row.backed_up === 1,
  };
}

export class CredentialStore {
  constructor(private readonly db: Executor) {}

  /**
   * Returns false when the realm already has a credential with this WebAuthn id: the unique index
   * decides, so two registrations of one passkey racing through two links bind it once.
   */
  async insert(credential: WebAuthnCredential): Promise<boolean> {
    try {
      await this.db
        .insertInto('credentials')
        .values({ ...credential, transports: JSON.stringify(credential.transports), backed_up: credential.backed_up ? 1 : 0 })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async get(realmId: string, identityId: string | null, id: string): Promise<WebAuthnCredential | undefined> {
    let query = this.db.selectFrom('credentials').selectAll().where('realm_id', '=', realmId).where('id', '=', id);
    if (identityId !== null) query = query.where('identity_id', '=', identityId);
    const row = await query.executeTakeFirst();
    return row && toCredential(row);
  }

  async byWebAuthnId(realmId: string, webauthnId: string): Promise<WebAuthnCredential | undefined> {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('webauthn_id', '=', webauthnId)
      .executeTakeFirst();
    return row && toCredential(row);
  }

  async activeOf(identityId: string): Promise<WebAuthnCredential[]> {
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('identity_id', '=', identityId)
      .where('state', '=', 'ACTIVE')
      .execute();
    return rows.map(toCredential);
  }

  async revoke(id: string, now: string): Promise<void> {
    await this.db.updateTable('credentials').set({ state: 'REVOKED', update_time: now }).where('id', '=', id).execute();
  }

  /**
   * Stores the authenticator's new counter, only if the stored one is still what the verification
   * compared against: a replayed or cloned assertion racing the real one loses.
   */
  async advanceCounter(id: string, expected: number, next: number): Promise<boolean> {
    const result = await this.db
      .updateTable('credentials')
      .set({ counter: next })
      .where('id', '=', id)
      .where('counter', '=', expected)
      .where('state', '=', 'ACTIVE')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async page(realmId: string, identityId: string | null, afterId: string, offset: number, limit: number) {
    let query = this.db.selectFrom('credentials').selectAll().where('realm_id', '=', realmId).where('id', '>', afterId);
    if (identityId !== null) query = query.where('identity_id', '=', identityId);
    const rows = await query.orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toCredential);
  }

  async count(realmId: string, identityId: string | null): Promise<number> {
    let query = this.db
      .selectFrom('credentials')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('realm_id', '=', realmId);
    if (identityId !== null) query = query.where('identity_id', '=', identityId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
}

export type ChallengeRecord = WebAuthnChallengesTable;
export type SessionRecord = WebSessionsTable;

/** WebAuthn challenges and hosted-page sessions: short-lived rows any process can read. */
export class CeremonyStore {
  constructor(private readonly db: Executor) {}

  async insertChallenge(challenge: ChallengeRecord): Promise<void> {
    await this.db.insertInto('webauthn_challenges').values(challenge).execute();
  }

  /** Takes the challenge out of the store: it answers one request, and only if unexpired. */
  async consumeChallenge(id: string, now: string): Promise<ChallengeRecord | undefined> {
    const row = await this.db.deleteFrom('webauthn_challenges').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row || row.expire_time <= now) return undefined;
    return row;
  }

  /** Deletes the challenges and sessions that expired at or before `now`; returns how many of each. */
  async purgeExpired(now: string): Promise<{ challenges: number; sessions: number }> {
    const challenges = await this.db.deleteFrom('webauthn_challenges').where('expire_time', '<=', now).executeTakeFirst();
    const sessions = await this.db.deleteFrom('web_sessions').where('expire_time', '<=', now).executeTakeFirst();
    return { challenges: Number(challenges.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
  }

  async insertSession(session: SessionRecord): Promise<void> {
    await this.db.insertInto('web_sessions').values(session).execute();
  }

  async session(tokenHash: string, now: string): Promise<SessionRecord | undefined> {
    return this.db
      .selectFrom('web_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('expire_time', '>', now)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** A revoked credential's sessions end with it. */
  async deleteSessionsOfCredential(credentialId: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('credential_id', '=', credentialId).execute();
  }
}
