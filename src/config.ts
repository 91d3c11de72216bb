import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { type MetricsMode, parseMetricsSettings } from './config-metrics.js';
import { parseOutboundSettings } from './config-outbound.js';

/**
 * Which peers may name the client in `X-Forwarded-For` (`TRUST_PROXY`): none (`false`), the
 * nearest `n` hops (a number), or the listed proxy addresses and CIDR ranges.
 */
export type TrustProxy = false | number | string[];

/** One typed configuration, read from the environment and overridden by command-line flags. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: string;
  /** The origin people and browsers reach yonder at; tokens and links are built from it. */
  publicUrl: string;
  /** Concurrent identity creates committed together; `YONDER_GROUP_COMMIT=off` turns it off. */
  groupCommit: boolean;
  /** SMTP server for binding-link emails (`smtp://`, `smtps://`); unset writes `.eml` files instead. */
  smtpUrl: string | null;
  /** Where emails go when there is no SMTP server (`OUTBOX_DIR`; `outbox` in the data directory). */
  outboxDir: string;
  /**
   * The From of yonder's emails (`MAIL_FROM`; `no-reply@` the host of `PUBLIC_URL`). A bare address
   * gets the realm's name (its theme's `email_realm_name`) as the sender's name.
   */
  mailFrom: string;
  /** Audit events older than this many days are deleted (`AUDIT_RETENTION_DAYS`, 90); 0 keeps them all. */
  auditRetentionDays: number;
  /** Reverse proxies whose `X-Forwarded-For` names the client (`TRUST_PROXY`); off by default. */
  trustProxy: TrustProxy;
  /** How long a list filter no index answers may read (`FILTER_TIMEOUT_MS`, 5000); past it, 400. */
  filterTimeoutMs: number;
  /**
   * PostgreSQL only: the most connections this process opens (`PG_POOL_SIZE`, 10). N processes on
   * one server need N times this, within its `max_connections` (docs/PERFORMANCE.md).
   */
  pgPoolSize: number;
  /**
   * The key that seals private keys and server secrets in the store (`YONDER_MASTER_KEY`, base64 of
   * 32 bytes). Null: read from `masterKeyFile`, which the first start creates.
   */
  masterKey: string | null;
  /** Where the master key is kept when `masterKey` is not set (`YONDER_MASTER_KEY_FILE`). */
  masterKeyFile: string;
  /**
   * Where the first start writes the admin token, client secret and console link when stderr is not
   * a terminal (`YONDER_FIRST_START_FILE`): never into the log stream.
   */
  firstStartFile: string;
  /**
   * How client secrets are kept (`CLIENT_SECRETS`): `sealed` (the default) keeps each new secret
   * sealed beside its hash, so a token holding `applications:read-secrets` can read it back, as
   * Beyond Identity's CLI does; `hashed` keeps the hash alone, and no read can show a secret.
   */
  clientSecrets: ClientSecretKeeping;
  /** `GET /metrics`: `METRICS` (off, on, token) and `METRICS_TOKEN` (config-metrics.ts). */
  metrics: MetricsMode;
  metricsToken: string | null;
  /** Webhook delivery: `WEBHOOKS_ALLOW_PRIVATE` and `WEBHOOKS_TIMEOUT_MS` (config-outbound.ts). */
  webhooksAllowPrivate: boolean;
  webhooksTimeoutMs: number;
  /** `IDENTITY_PROVIDERS_ALLOW_PRIVATE`: upstream identity providers may be on this host or network (config-outbound.ts). */
  identityProvidersAllowPrivate: boolean;
}

export type ClientSecretKeeping = 'sealed' | 'hashed';

function parseClientSecrets(value: string | undefined): ClientSecretKeeping {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'sealed') return 'sealed';
  if (text === 'hashed') return 'hashed';
  throw new Error(`CLIENT_SECRETS must be sealed or hashed (got "${value}")`);
}

export type ConfigOverrides = Partial<Config>;

export const DEFAULT_DATABASE_URL = 'sqlite:./data/yonder.db';

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535 (got "${value}")`);
  }
  return port;
}

function parsePoolSize(value: string | undefined): number {
  if (value === undefined || value === '') return 10;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new Error(`PG_POOL_SIZE must be a whole number of connections from 1 to 1000 (got "${value}")`);
  }
  return size;
}

function parseFilterTimeout(value: string | undefined): number {
  if (value === undefined || value === '') return 5000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 600_000) {
    throw new Error(`FILTER_TIMEOUT_MS must be a whole number of milliseconds from 1 to 600000 (got "${value}")`);
  }
  return ms;
}

function parseRetentionDays(value: string | undefined): number {
  if (value === undefined || value === '') return 90;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 36500) {
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, 0 to keep events for ever (got "${value}")`);
  }
  return days;
}

/** `ip` or `ip/bits`, IPv4 or IPv6; a range of every address (`/0`) is not a proxy. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^[0-9]{1,3}$/.test(bits) && Number(bits) >= 1 && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Unset, empty, `off` or `0`: trust no proxy, so `X-Forwarded-For` is ignored and the address is
 * the connection's peer. A whole number: that many proxies in front of yonder, each trusted
 * whatever its address (only safe when nothing else can reach yonder). Otherwise a comma-separated
 * list of the proxies' addresses and CIDR ranges.
 */
function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || /^off$/i.test(text)) return false;
  if (/^[0-9]+$/.test(text)) {
    const hops = Number(text);
    if (!Number.isSafeInteger(hops)) throw new Error(`TRUST_PROXY must be a number of proxies, off, or addresses (got "${value}")`);
    return hops === 0 ? false : hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new Error(`TRUST_PROXY must be off, a number of proxies, or a comma-separated list of IP addresses and CIDR ranges (got "${bad}")`);
  }
  return entries;
}

/**
 * Files that hold secrets (the master key, the first start's credentials) default to beside the data
 * directory, never in it, so a copy of the data directory (or of the database file alone) does not
 * carry them. On PostgreSQL there is no data directory; they are then in the working directory,
 * which suits one node only (every node must share one master key: set `YONDER_MASTER_KEY` on each).
 */
export function besideDataDirectory(databaseUrl: string, name: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path !== '' && path !== ':memory:') return join(dirname(dirname(resolve(path))), name);
  }
  return resolve(name);
}

/**
 * The folder a store keeps its files in: the SQLite file's folder, or `./data` in the working
 * directory for PostgreSQL (where there is no file). The outbox and the settings file live in it.
 */
export function dataDirectory(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path !== '' && path !== ':memory:') return dirname(resolve(path));
  }
  return resolve('data');
}

/** `no-reply@` the host people reach yonder at (an IP address as an address literal). */
function defaultMailFrom(publicUrl: string): string {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  const version = isIP(host);
  return `no-reply@${version === 0 ? host : version === 4 ? `[${host}]` : `[IPv6:${host}]`}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const port = overrides.port ?? parsePort(env.PORT, 8080);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const publicUrl = (overrides.publicUrl ?? env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const databaseUrl = overrides.databaseUrl ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  try {
    new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }
  return {
    port,
    host,
    publicUrl,
    databaseUrl,
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    groupCommit: overrides.groupCommit ?? !/^(off|0|false|no)$/i.test(env.YONDER_GROUP_COMMIT ?? ''),
    smtpUrl: overrides.smtpUrl !== undefined ? overrides.smtpUrl : env.SMTP_URL || null,
    outboxDir: overrides.outboxDir ?? (env.OUTBOX_DIR ? resolve(env.OUTBOX_DIR) : join(dataDirectory(databaseUrl), 'outbox')),
    mailFrom: overrides.mailFrom ?? (env.MAIL_FROM || defaultMailFrom(publicUrl)),
    auditRetentionDays: overrides.auditRetentionDays ?? parseRetentionDays(env.AUDIT_RETENTION_DAYS),
    trustProxy: overrides.trustProxy ?? parseTrustProxy(env.TRUST_PROXY),
    filterTimeoutMs: overrides.filterTimeoutMs ?? parseFilterTimeout(env.FILTER_TIMEOUT_MS),
    pgPoolSize: overrides.pgPoolSize ?? parsePoolSize(env.PG_POOL_SIZE),
    masterKey: overrides.masterKey !== undefined ? overrides.masterKey : env.YONDER_MASTER_KEY || null,
    masterKeyFile: overrides.masterKeyFile ?? (env.YONDER_MASTER_KEY_FILE || besideDataDirectory(databaseUrl, 'yonder-master.key')),
    clientSecrets: overrides.clientSecrets ?? parseClientSecrets(env.CLIENT_SECRETS),
    firstStartFile: overrides.firstStartFile ?? (env.YONDER_FIRST_START_FILE || besideDataDirectory(databaseUrl, 'yonder-first-start.txt')),
    ...parseMetricsSettings(env, overrides),
    ...parseOutboundSettings(env, overrides),
  };
}
