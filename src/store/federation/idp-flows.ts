import type { Executor } from '../engine/connection.js';
import type { IdpFlowsTable } from '../schema.js';

export type IdpFlow = IdpFlowsTable;

/**
 * Trips through an upstream identity provider, keyed by the hash of their `state`: any process
 * finishes a trip another began. A trip is claimed once (the browser that came back with its
 * state), then marked verified for the identity the upstream vouched for.
 */
export class IdpFlowStore {
  constructor(private readonly db: Executor) {}

  async insert(flow: IdpFlow): Promise<void> {
    await this.db.insertInto('idp_flows').values(flow).execute();
  }

  /** Takes the live, unclaimed trip for the browser `browserHash`; answers it, or nothing when another took it first. */
  async claim(stateHash: string, browserHash: string, now: string): Promise<IdpFlow | undefined> {
    const result = await this.db
      .updateTable('idp_flows')
      .set({ browser_hash: browserHash })
      .where('state_hash', '=', stateHash)
      .where('browser_hash', 'is', null)
      .where('expire_time', '>', now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return this.db.selectFrom('idp_flows').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
  }

  async markVerified(stateHash: string, identityId: string, expireTime: string): Promise<void> {
    await this.db
      .updateTable('idp_flows')
      .set({ verified_identity_id: identityId, expire_time: expireTime })
      .where('state_hash', '=', stateHash)
      .execute();
  }

  /** Whether the browser `browserHash` has a live verification of `identityId` for the binding job `jobId`. */
  async isVerified(jobId: string, browserHash: string, identityId: string, now: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('idp_flows')
      .select('state_hash')
      .where('job_id', '=', jobId)
      .where('browser_hash', '=', browserHash)
      .where('verified_identity_id', '=', identityId)
      .where('expire_time', '>', now)
      .executeTakeFirst();
    return row !== undefined;
  }

  async purgeExpired(now: string): Promise<void> {
    await this.db.deleteFrom('idp_flows').where('expire_time', '<=', now).execute();
  }
}
