import type { TokenIssuer, TokenPrincipal } from '../../domain/access/application.js';
import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../domain/audit/audit-event.js';
import type { Observers } from '../../domain/observers.js';
import { toEventRow } from '../audit/audit-events.js';
import type { Engine, Executor } from '../engine/connection.js';
import { type GroupCommitBatch, TokenIssueBatcher, groupCommitOptions, writtenColumns } from '../engine/group-commit.js';
import { insertRows } from '../engine/multi-row-insert.js';
import { CompiledOnce } from '../engine/precompiled.js';
import type { ApiTokensTable, Database } from '../schema.js';

export type TokenRecord = ApiTokensTable;

/**
 * A token's record with its issuing application as it is now: null when the record names an
 * application that no longer exists (deleted before deletion revoked its tokens).
 */
/** The issuer's realm, with its id, names the token's `iss`. */
export type TokenRecordWithIssuer = TokenRecord & { issuer: (TokenIssuer & { realmId: string }) | null };

/**
 * Every token yonder issues has a record here, keyed by its `jti`. A token is honoured only while
 * its record exists and is not revoked, which is what makes revocation reach every process at once.
 */
export class TokenStore {
  /** The read of every userinfo request, compiled once. */
  private readonly byJti: CompiledOnce<TokenRecord, [string]>;

  /** Set outside transactions when group commit is on: tokens issued concurrently share a commit. */
  private readonly batcher: TokenIssueBatcher | null;

  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
    options: { groupCommit?: boolean; batches?: Observers<GroupCommitBatch> } = {},
  ) {
    this.byJti = new CompiledOnce(db, (jti) => db.selectFrom('api_tokens').selectAll().where('jti', '=', jti));
    this.batcher =
      options.groupCommit && !db.isTransaction
        ? new TokenIssueBatcher(db as Kysely<Database>, groupCommitOptions(engine, 'api_tokens', options.batches), engine)
        : null;
  }

  /** Every token request writes one: the INSERT's text is built once per column list (multi-row-insert.ts). */
  async insert(record: TokenRecord): Promise<void> {
    await insertRecord(this.db, this.engine, record);
  }

  /**
   * A token's record and the event of its issue, committed together: through the group commit when
   * it is on (concurrent issues share one transaction), else in a transaction of their own (or the
   * caller's, inside one).
   */
  async insertIssued(record: TokenRecord, event: AuditEvent): Promise<void> {
    if (this.batcher) return this.batcher.insert({ token: record, event: toEventRow(event) });
    const write = async (db: Executor) => {
      await insertRecord(db, this.engine, record);
      await insertRows(db, this.engine, 'audit_events', [toEventRow(event)]);
    };
    if (this.db.isTransaction) return write(this.db);
    await (this.db as Kysely<Database>).transaction().execute(write);
  }

  async get(jti: string): Promise<TokenRecord | undefined> {
    const [record] = await this.byJti.run(jti);
    return record;
  }

  /**
   * The record and, in the same indexed read (primary keys), what its issuing application allows
   * now: what verification needs on every request.
   */
  async getWithIssuer(jti: string): Promise<TokenRecordWithIssuer | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .leftJoin('applications', 'applications.id', 'api_tokens.application_id')
      .leftJoin('resource_servers', 'resource_servers.id', 'applications.resource_server_id')
      .selectAll('api_tokens')
      .select([
        'applications.id as issuer_id',
        'applications.realm_id as issuer_realm_id',
        'applications.is_managed as issuer_is_managed',
        'applications.protocol_config as issuer_protocol_config',
        'resource_servers.scopes as issuer_server_scopes',
      ])
      .where('api_tokens.jti', '=', jti)
      .executeTakeFirst();
    if (!row) return undefined;
    const { issuer_id, issuer_realm_id, issuer_is_managed, issuer_protocol_config, issuer_server_scopes, ...record } = row;
    if (issuer_id === null || issuer_realm_id === null || issuer_protocol_config === null) return { ...record, issuer: null };
    const config = JSON.parse(issuer_protocol_config) as { allowed_scopes?: string[] };
    return {
      ...record,
      issuer: {
        realmId: issuer_realm_id,
        isManaged: issuer_is_managed === 1,
        allowedScopes: config.allowed_scopes ?? [],
        serverScopes: (issuer_server_scopes ?? '').split(' ').filter(Boolean),
      },
    };
  }

  async revoke(jti: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('jti', '=', jti)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes every live token minted from one console session; answers their ids. */
  async revokeForSession(sessionHash: string, at: string): Promise<string[]> {
    const rows = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('session_hash', '=', sessionHash)
      .where('revoked_at', 'is', null)
      .returning('jti')
      .execute();
    return rows.map((r) => r.jti);
  }

  /** Revokes every live token an application issued (it is being deleted); answers how many. */
  async revokeForApplication(applicationId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('application_id', '=', applicationId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The live (not revoked, not expired) tokens an application issued, of one principal when given. */
  private live(applicationId: string, now: string, principal: TokenPrincipal | undefined) {
    let query = this.db
      .selectFrom('api_tokens')
      .where('application_id', '=', applicationId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now);
    if (principal) {
      // See TokenPrincipal: an application's own tokens are those whose subject is the issuer.
      query = query
        .where('subject', '=', principal.id)
        .where((eb) => eb(eb.ref('subject'), principal.type === 'application' ? '=' : '<>', eb.ref('application_id')));
    }
    return query;
  }

  /** A page of `live` tokens, in id order. */
  async pageForApplication(
    applicationId: string,
    now: string,
    principal: TokenPrincipal | undefined,
    afterJti: string,
    offset: number,
    limit: number,
  ): Promise<TokenRecord[]> {
    return this.live(applicationId, now, principal).selectAll().where('jti', '>', afterJti).orderBy('jti').limit(limit).offset(offset).execute();
  }

  async countForApplication(applicationId: string, now: string, principal: TokenPrincipal | undefined): Promise<number> {
    const row = await this.live(applicationId, now, principal)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listForTenant(tenantId: string, limit: number): Promise<TokenRecord[]> {
    return this.db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', tenantId).orderBy('issued_at', 'desc').limit(limit).execute();
  }
}

/** One record, its INSERT text built once per column list; a column left undefined takes its default (as Kysely's values()). */
async function insertRecord(db: Executor, engine: Engine, record: TokenRecord): Promise<void> {
  await insertRows(db, engine, 'api_tokens', [record], writtenColumns(record));
}
