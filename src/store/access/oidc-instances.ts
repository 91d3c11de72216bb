import { sql } from 'kysely';
import type { Executor } from '../engine/connection.js';
import { like } from '../engine/like.js';
import { CompiledOnce } from '../engine/precompiled.js';
import type { OidcInstancesTable } from '../schema.js';

export type OidcInstanceRecord = OidcInstancesTable;

/**
 * The OpenID Connect provider's model instances, one application's at a time: every read names the
 * application, so a code, session or grant made for one application is unknown to another's.
 * Expired rows are refused when read and deleted by the periodic purge.
 */
export class OidcInstanceStore {
  /** The reads of every code exchange and authorization (a code, a grant, a session), compiled once. */
  private readonly byId: CompiledOnce<OidcInstanceRecord, [string, string, string, string]>;
  private readonly byUid: CompiledOnce<OidcInstanceRecord, [string, string, string, string]>;
  /** Every code exchange uses its code up: compiled once. */
  private readonly markConsumed: CompiledOnce<unknown, [string, string, string, string]>;

  constructor(private readonly db: Executor) {
    this.byId = new CompiledOnce(db, (applicationId, model, now, id) => this.live(applicationId, model, now).where('id', '=', id));
    this.byUid = new CompiledOnce(db, (applicationId, model, now, uid) => this.live(applicationId, model, now).where('uid', '=', uid));
    this.markConsumed = new CompiledOnce(db, (at, applicationId, model, id) =>
      db
        .updateTable('oidc_instances')
        .set({ consumed_at: at })
        .where('application_id', '=', applicationId)
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null),
    );
  }

  async upsert(record: OidcInstanceRecord): Promise<void> {
    const { model, id, ...rest } = record;
    await this.db
      .insertInto('oidc_instances')
      .values(record)
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(rest))
      .execute();
  }

  private live(applicationId: string, model: string, now: string) {
    return this.db
      .selectFrom('oidc_instances')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('model', '=', model)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  }

  async find(applicationId: string, model: string, id: string, now: string): Promise<OidcInstanceRecord | undefined> {
    const [record] = await this.byId.run(applicationId, model, now, id);
    return record;
  }

  async findByUid(applicationId: string, model: string, uid: string, now: string): Promise<OidcInstanceRecord | undefined> {
    const [record] = await this.byUid.run(applicationId, model, now, uid);
    return record;
  }

  findByUserCode(applicationId: string, model: string, userCode: string, now: string): Promise<OidcInstanceRecord | undefined> {
    return this.live(applicationId, model, now).where('user_code', '=', userCode).executeTakeFirst();
  }

  /**
   * Marks an instance used (a code, a rotated refresh token); the provider refuses it from then on.
   * False when it was used already: of two requests racing with one code, one wins.
   */
  async consume(applicationId: string, model: string, id: string, at: string): Promise<boolean> {
    const result = await this.markConsumed.execute(at, applicationId, model, id);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async destroy(applicationId: string, model: string, id: string): Promise<void> {
    await this.db.deleteFrom('oidc_instances').where('application_id', '=', applicationId).where('model', '=', model).where('id', '=', id).execute();
  }

  /**
   * Ends a grant: deletes its instances (codes, refresh tokens) and revokes the access tokens on
   * record under it; answers the revoked tokens' ids.
   */
  async revokeGrant(applicationId: string, grantId: string, at: string): Promise<string[]> {
    await this.db.deleteFrom('oidc_instances').where('application_id', '=', applicationId).where('grant_id', '=', grantId).execute();
    const rows = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('application_id', '=', applicationId)
      .where('grant_id', '=', grantId)
      .where('revoked_at', 'is', null)
      .returning('jti')
      .execute();
    return rows.map((row) => row.jti);
  }

  /**
   * Signs one identity out of every application of its realm: deletes the provider's instances
   * that name the identity's account (sessions, grants, codes, refresh tokens, interactions), then
   * whatever else hangs on those grants, and revokes the access tokens on record under them.
   * Account ids begin with the identity id and a dot (services/oidc/accounts.ts accountIdOf); the
   * payload is the provider's JSON, so the match is on its text. Answers the revoked tokens' ids.
   */
  async endAccount(realmId: string, identityId: string, at: string): Promise<string[]> {
    const apps = this.db.selectFrom('applications').select('id').where('realm_id', '=', realmId);
    const deleted = await this.db
      .deleteFrom('oidc_instances')
      .where('application_id', 'in', apps)
      .where(like(sql.ref('payload'), 'co', `"accountId":"${identityId}.`))
      .returning(['model', 'id', 'grant_id'])
      .execute();
    const grants = [...new Set(deleted.flatMap((row) => [row.grant_id, row.model === 'Grant' ? row.id : null]).filter((g): g is string => !!g))];
    if (grants.length === 0) return [];
    await this.db.deleteFrom('oidc_instances').where('application_id', 'in', apps).where('grant_id', 'in', grants).execute();
    const rows = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('grant_id', 'in', grants)
      .where('revoked_at', 'is', null)
      .returning('jti')
      .execute();
    return rows.map((row) => row.jti);
  }

  async purgeExpired(now: string): Promise<number> {
    const result = await this.db.deleteFrom('oidc_instances').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
