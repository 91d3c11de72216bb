import { sql } from 'kysely';
import { ApplicationStore } from './access/applications.js';
import { BulkStore } from './directory/bulk.js';
import { AuditEventStore } from './audit/audit-events.js';
import { type ConnectOptions, type Connection, type Engine, type Executor, type PoolUsage, type SqliteHandle, connect } from './engine/connection.js';
import type { GroupCommitBatch } from './engine/group-commit.js';
import { Observers } from '../domain/observers.js';
import { ScanReads } from './engine/scan-reads.js';
import { GroupStore } from './directory/groups.js';
import { IdentityStore } from './directory/identities.js';
import { migrateToLatest } from './engine/migrate.js';
import { AuthenticatorConfigStore } from './passkeys/authenticator-configs.js';
import { CeremonyStore } from './passkeys/ceremonies.js';
import { CredentialBindingJobStore } from './passkeys/credential-binding-jobs.js';
import { CredentialStore } from './passkeys/credentials.js';
import { ThemeStore } from './passkeys/themes.js';
import { FlowTypeConfigStore } from './passkeys/flow-type-configs.js';
import { IdentityProviderStore } from './federation/identity-providers.js';
import { IdpFlowStore } from './federation/idp-flows.js';
import { PolicyStore } from './access/policies.js';
import { QueryPlanStore } from './engine/query-plans.js';
import { RateLimitStore } from './access/rate-limits.js';
import { RealmStore } from './directory/realms.js';
import { ScimGroupQueries } from './directory/scim-groups.js';
import { RoleStore } from './access/roles.js';
import { ResourceServerStore } from './access/resource-servers.js';
import { ScimUserQueries } from './directory/scim-users.js';
import { SecretStore } from './access/secrets.js';
import { TenantStore } from './directory/tenants.js';
import { TokenStore } from './access/tokens.js';
import { OidcInstanceStore } from './access/oidc-instances.js';
import { AccountSettingsStore } from './passkeys/account-settings.js';
import { WebhookStore } from './webhooks/webhooks.js';
import { SamlStore } from './saml/saml.js';
import { SsoConfigStore } from './sso/sso-configs.js';

/** One set of repositories, bound either to the database or to one transaction. */
export class Repositories {
  readonly tenants: TenantStore;
  readonly realms: RealmStore;
  readonly identities: IdentityStore;
  readonly tokens: TokenStore;
  readonly secrets: SecretStore;
  readonly groups: GroupStore;
  readonly applications: ApplicationStore;
  readonly policies: PolicyStore;
  readonly scimUsers: ScimUserQueries;
  /** Seeding and importing: many identities per statement. */
  readonly bulk: BulkStore;
  /** Query plans, for the tests that check the hot filters use an index. */
  readonly plans: QueryPlanStore;
  readonly authenticatorConfigs: AuthenticatorConfigStore;
  readonly themes: ThemeStore;
  readonly flowTypeConfigs: FlowTypeConfigStore;
  readonly identityProviders: IdentityProviderStore;
  /** Trips through upstream identity providers: state, nonce and PKCE verifier, then who was verified. */
  readonly idpFlows: IdpFlowStore;
  readonly bindingJobs: CredentialBindingJobStore;
  readonly credentials: CredentialStore;
  readonly ceremonies: CeremonyStore;
  readonly scimGroups: ScimGroupQueries;
  readonly auditEvents: AuditEventStore;
  readonly resourceServers: ResourceServerStore;
  /** Rate-limit counters; used outside transactions, so a refused request still counts. */
  readonly rateLimits: RateLimitStore;
  readonly roles: RoleStore;
  /** The OpenID Connect provider's codes, sessions, grants and refresh tokens. */
  readonly oidcInstances: OidcInstanceStore;
  /** What each realm lets its people do on their account page. */
  readonly accountSettings: AccountSettingsStore;
  /** Webhook endpoints and the delivery order of the audit trail. */
  readonly webhooks: WebhookStore;
  /** SAML: the realms' signing keys and the sign-ins in progress. */
  readonly saml: SamlStore;
  /** SSO configs and who is assigned to them. */
  readonly ssoConfigs: SsoConfigStore;

  constructor(
    executor: Executor,
    engine: Engine,
    options: { groupCommit?: boolean; sqlite?: SqliteHandle; scanReads?: ScanReads; batches?: Observers<GroupCommitBatch> } = {},
  ) {
    // Without a connection's (a transaction's repositories), scans run where they are, unbounded.
    const scanReads = options.scanReads ?? new ScanReads(engine, 0, null);
    this.tenants = new TenantStore(executor);
    this.realms = new RealmStore(executor, engine);
    this.identities = new IdentityStore(executor, engine, { ...options, scanReads });
    this.tokens = new TokenStore(executor, engine, options);
    this.secrets = new SecretStore(executor);
    this.groups = new GroupStore(executor, engine);
    this.applications = new ApplicationStore(executor);
    this.policies = new PolicyStore(executor, engine);
    this.scimUsers = new ScimUserQueries(executor, engine, scanReads);
    this.bulk = new BulkStore(executor, engine, options.sqlite);
    this.plans = new QueryPlanStore(executor, engine);
    this.authenticatorConfigs = new AuthenticatorConfigStore(executor);
    this.themes = new ThemeStore(executor);
    this.flowTypeConfigs = new FlowTypeConfigStore(executor);
    this.identityProviders = new IdentityProviderStore(executor);
    this.idpFlows = new IdpFlowStore(executor);
    this.bindingJobs = new CredentialBindingJobStore(executor);
    this.credentials = new CredentialStore(executor);
    this.ceremonies = new CeremonyStore(executor);
    this.scimGroups = new ScimGroupQueries(executor, engine, scanReads);
    this.auditEvents = new AuditEventStore(executor, engine, options);
    this.resourceServers = new ResourceServerStore(executor);
    this.rateLimits = new RateLimitStore(executor);
    this.roles = new RoleStore(executor, engine);
    this.oidcInstances = new OidcInstanceStore(executor);
    this.accountSettings = new AccountSettingsStore(executor);
    this.webhooks = new WebhookStore(executor, engine);
    this.saml = new SamlStore(executor);
    this.ssoConfigs = new SsoConfigStore(executor);
  }
}

/**
 * The store: the only door to the database. Services see repositories and transactions, never
 * SQL; the same code runs on SQLite and PostgreSQL.
 */
export class Store extends Repositories {
  readonly engine: Engine;
  /** The size of each group commit's batch, as it is handed to the database. */
  readonly groupCommitBatches: Observers<GroupCommitBatch>;

  private constructor(
    private readonly connection: Connection,
    batches = new Observers<GroupCommitBatch>(),
  ) {
    super(connection.db, connection.engine, {
      groupCommit: connection.groupCommit,
      scanReads: connection.scanReads,
      batches,
      ...(connection.sqlite ? { sqlite: connection.sqlite } : {}),
    });
    this.engine = connection.engine;
    this.groupCommitBatches = batches;
  }

  /** The PostgreSQL pool's connections (SQLite has one, and no pool): null when there is none. */
  poolUsage(): PoolUsage | null {
    return this.connection.poolUsage?.() ?? null;
  }

  static async open(databaseUrl: string, options: ConnectOptions = {}): Promise<Store> {
    const connection = connect(databaseUrl, options);
    try {
      await migrateToLatest(connection);
    } catch (error) {
      await connection.close();
      throw error;
    }
    return new Store(connection);
  }

  /** Runs `work` in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    const sqlite = this.connection.sqlite;
    return this.connection.db.transaction().execute((trx) => work(new Repositories(trx, this.engine, sqlite ? { sqlite } : {})));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.connection.db);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export type { Engine, PoolUsage } from './engine/connection.js';
