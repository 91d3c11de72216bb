import { sql } from 'kysely';
import { ApplicationStore } from './applications.js';
import { AuthFailureStore } from './auth-failures.js';
import { type ConnectOptions, type Connection, type Engine, type Executor, connect } from './connection.js';
import { GroupStore } from './groups.js';
import { IdentityStore } from './identities.js';
import { migrateToLatest } from './migrate.js';
import { PolicyStore } from './policies.js';
import { RealmStore } from './realms.js';
import { RoleStore } from './roles.js';
import { ResourceServerStore } from './resource-servers.js';
import { ScimUserQueries } from './scim-users.js';
import { SecretStore } from './secrets.js';
import { TenantStore } from './tenants.js';
import { TokenStore } from './tokens.js';

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
  readonly resourceServers: ResourceServerStore;
  readonly authFailures: AuthFailureStore;
  readonly roles: RoleStore;

  constructor(executor: Executor, engine: Engine) {
    this.tenants = new TenantStore(executor);
    this.realms = new RealmStore(executor, engine);
    this.identities = new IdentityStore(executor, engine);
    this.tokens = new TokenStore(executor);
    this.secrets = new SecretStore(executor);
    this.groups = new GroupStore(executor, engine);
    this.applications = new ApplicationStore(executor);
    this.policies = new PolicyStore(executor);
    this.scimUsers = new ScimUserQueries(executor, engine);
    this.resourceServers = new ResourceServerStore(executor);
    this.authFailures = new AuthFailureStore(executor);
    this.roles = new RoleStore(executor);
  }
}

/**
 * The store: the only door to the database. Services see repositories and transactions, never
 * SQL; the same code runs on SQLite and PostgreSQL.
 */
export class Store extends Repositories {
  readonly engine: Engine;

  private constructor(private readonly connection: Connection) {
    super(connection.db, connection.engine);
    this.engine = connection.engine;
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
    return this.connection.db.transaction().execute((trx) => work(new Repositories(trx, this.engine)));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.connection.db);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export type { Engine } from './connection.js';
