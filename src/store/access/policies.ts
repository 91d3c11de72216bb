import { conflict } from '../../domain/errors.js';
import { sql } from 'kysely';
import type { Policy, PolicyRule } from '../../domain/access/policy.js';
import type { Identity } from '../../domain/directory/identity.js';
import type { Engine, Executor } from '../engine/connection.js';
import { isUniqueViolation } from '../engine/constraint-errors.js';
import { precompiled } from '../engine/precompiled.js';
import { RealmTable } from '../engine/realm-table.js';
import type { IdentitiesTable, PoliciesTable } from '../schema.js';
import { toIdentity } from '../directory/identities.js';

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

/** What a policy evaluation reads, for one identity of a realm (see `PolicyStore.evaluationReads`). */
export interface EvaluationReads {
  identity: Identity;
  groupIds: string[];
  /** The current version of the realm's policy; 0 when it has none. */
  policyVersion: number;
  /** Whether the application asked about is of the realm. */
  applicationFound: boolean;
  /** The SSO config the application was made for, if any. */
  ssoConfigId: string | null;
}

type EvaluationRow = IdentitiesTable & {
  policy_version: number | string | null;
  group_ids: string | null;
  application_found: string | null;
  sso_config_id: string | null;
};

const evaluationReadsOf = (engine: Engine) =>
  precompiled<EvaluationRow, [string, string, string | null, string | null]>((db, realmId, identityId, applicationId, configApplicationId) => {
    const groupIds =
      engine === 'postgres'
        ? sql<string>`(select coalesce(json_agg("group_id"), '[]')::text from "group_members" where "identity_id" = "identities"."id")`
        : sql<string>`(select json_group_array("group_id") from "group_members" where "identity_id" = "identities"."id")`;
    return db
      .selectFrom('identities')
      .selectAll('identities')
      .select([
        sql<number>`(select max("version") from "policies" where "realm_id" = "identities"."realm_id")`.as('policy_version'),
        groupIds.as('group_ids'),
        sql<string>`(select "id" from "applications" where "realm_id" = "identities"."realm_id" and "id" = ${applicationId})`.as('application_found'),
        sql<string>`(select "id" from "sso_configs" where "application_id" = ${configApplicationId} and "realm_id" = "identities"."realm_id" limit 1)`.as(
          'sso_config_id',
        ),
      ])
      .where('identities.realm_id', '=', realmId)
      .where('identities.id', '=', identityId);
  });
const selectEvaluationReads = { sqlite: evaluationReadsOf('sqlite'), postgres: evaluationReadsOf('postgres') };

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

  /**
   * Everything a policy evaluation reads, in one statement (one snapshot): the identity of the
   * realm, its group ids, the realm's current policy version, and for `applicationId` whether it is
   * of the realm and the SSO config it was made for. Undefined when the realm holds no such identity.
   */
  async evaluationReads(realmId: string, identityId: string, applicationId: string | null): Promise<EvaluationReads | undefined> {
    const [row] = await selectEvaluationReads[this.engine](this.db, this.engine, realmId, identityId, applicationId, applicationId);
    if (!row) return undefined;
    const { policy_version, group_ids, application_found, sso_config_id, ...identity } = row;
    return {
      identity: toIdentity(identity),
      groupIds: JSON.parse(group_ids ?? '[]') as string[],
      policyVersion: policy_version === null ? 0 : Number(policy_version),
      applicationFound: application_found !== null,
      ssoConfigId: sso_config_id,
    };
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
