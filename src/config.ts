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
  /** Where emails go when there is no SMTP server. */
  outboxDir: string;
  /** The From address of yonder's emails. */
  mailFrom: string;
  /** Audit events older than this many days are deleted (`AUDIT_RETENTION_DAYS`, 90); 0 keeps them all. */
  auditRetentionDays: number;
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

function parseRetentionDays(value: string | undefined): number {
  if (value === undefined || value === '') return 90;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 36500) {
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, 0 to keep events for ever (got "${value}")`);
  }
  return days;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const port = overrides.port ?? parsePort(env.PORT, 8080);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const publicUrl = (overrides.publicUrl ?? env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }
  return {
    port,
    host,
    publicUrl,
    databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    groupCommit: overrides.groupCommit ?? !/^(off|0|false|no)$/i.test(env.YONDER_GROUP_COMMIT ?? ''),
    smtpUrl: overrides.smtpUrl !== undefined ? overrides.smtpUrl : env.SMTP_URL || null,
    outboxDir: overrides.outboxDir ?? env.OUTBOX_DIR ?? './data/outbox',
    mailFrom: overrides.mailFrom ?? env.MAIL_FROM ?? `yonder <no-reply@${new URL(publicUrl).hostname}>`,
    auditRetentionDays: overrides.auditRetentionDays ?? parseRetentionDays(env.AUDIT_RETENTION_DAYS),
  };
}
