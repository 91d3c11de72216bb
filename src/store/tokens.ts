import type { Executor } from './connection.js';
import type { ApiTokensTable } from './schema.js';

export type TokenRecord = ApiTokensTable;

/**
 * Every token yonder issues has a record here, keyed by its `jti`. A token is honoured only while
 * its record exists and is not revoked, which is what makes revocation reach every process at once.
 */
export class TokenStore {
  constructor(private readonly db: Executor) {}

  async insert(record: TokenRecord): Promise<void> {
    await this.db.insertInto('api_tokens').values(record).execute();
  }

  async get(jti: string): Promise<TokenRecord | undefined> {
    return this.db.selectFrom('api_tokens').selectAll().where('jti', '=', jti).executeTakeFirst();
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

  /** The live (not revoked, not expired) tokens an application issued, in id order. */
  async pageForApplication(applicationId: string, now: string, afterJti: string, offset: number, limit: number): Promise<TokenRecord[]> {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('jti', '>', afterJti)
      .orderBy('jti')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async countForApplication(applicationId: string, now: string): Promise<number> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('application_id', '=', applicationId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listForTenant(tenantId: string, limit: number): Promise<TokenRecord[]> {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('issued_at', 'desc')
      .limit(limit)
      .execute();
  }
}
