import { conflict } from '../../domain/errors.js';
import type { Policy, PolicyRule } from '../../domain/access/policy.js';
import type { Engine, Executor } from '../engine/connection.js';
import { isUniqueViolation } from '../engine/constraint-errors.js';
import { precompiled } from '../engine/precompiled.js';
import { RealmTable } from '../engine/realm-table.js';
import type { PoliciesTable } from '../schema.js';

function toPolicy(row: PoliciesTable): Policy {
  return { ...row, version: Number(row.version), rules: JSON.parse(row.rules) as PolicyRule[] };
}

/**
 * Every published version of every realm's policy. Versions are never changed or removed (only
 * with their realm); the current policy is the highest version.
 */
const selectCurrentVersion = precompiled<Pick<PoliciesTable, 'version'>, [string]>((db, realmId) =>
  db.selectFrom('policies').select('version').where('realm_id', '=', realmId).orderBy('version', 'desc').limit(1),
);

export class PolicyStore {
  /** Keyed by version: a realm's versions are numbered 1, 2, 3, ... */
  private readonly versions: RealmTable<'policies'>;

  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
  ) {
    this.versions = new RealmTable(db, 'policies', 'realm_id', 'version');
  }

  /**
   * Publishes a version. The primary key (realm_id, version) is the conditional write: of two
   * publishes of the same next version, on any number of processes, exactly one commits and the
   * other gets `conflict`.
   */
  async insert(policy: Policy): Promise<void> {
    try {
      await this.db
        .insertInto('policies')
        .values({ ...policy, rules: JSON.stringify(policy.rules) })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`policy version ${policy.version} already exists`);
      throw error;
    }
  }

  async current(realmId: string): Promise<Policy | undefined> {
    const row = await this.db
      .selectFrom('policies')
      .selectAll()
      .where('realm_id', '=', realmId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toPolicy(row);
  }

  /** Only the current version number: cheap, for callers that cache the parsed rules. */
  /** Asked by every policy decision (the rules themselves are cached by version), so compiled once. */
  async currentVersion(realmId: string): Promise<number | undefined> {
    const [row] = await selectCurrentVersion(this.db, this.engine, realmId);
    return row && Number(row.version);
  }

  async version(realmId: string, version: number): Promise<Policy | undefined> {
    const row = await this.versions.get(realmId, version);
    return row && toPolicy(row);
  }

  /** Versions after `afterVersion`, oldest first. */
  async page(realmId: string, afterVersion: number, offset: number, limit: number): Promise<Policy[]> {
    return (await this.versions.page(realmId, afterVersion, offset, limit)).map(toPolicy);
  }

  count(realmId: string): Promise<number> {
    return this.versions.count(realmId);
  }
}
