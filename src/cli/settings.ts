import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Config, type ConfigOverrides, DEFAULT_DATABASE_URL, dataDirectory, loadConfig } from '../config.js';

/**
 * One configuration for the server and every command: the environment, over the settings file in
 * the data directory (`yonder.conf`, which the first `yonder serve` writes), over the defaults.
 * Without it, a command run in another shell than the server's minted tokens naming another issuer
 * and printed console links to another port.
 */
export const SETTINGS_FILE_NAME = 'yonder.conf';

/** Every setting yonder reads, in the order `yonder config` shows them. */
export const SETTING_NAMES = [
  'PUBLIC_URL',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'YONDER_CONFIG',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'SMTP_URL',
  'MAIL_FROM',
  'OUTBOX_DIR',
  'AUDIT_RETENTION_DAYS',
  'FILTER_TIMEOUT_MS',
  'PG_POOL_SIZE',
  'CLIENT_SECRETS',
  'YONDER_GROUP_COMMIT',
  'YONDER_MASTER_KEY',
  'YONDER_MASTER_KEY_FILE',
  'YONDER_FIRST_START_FILE',
  'METRICS',
  'METRICS_TOKEN',
  'WEBHOOKS_ALLOW_PRIVATE',
  'WEBHOOKS_TIMEOUT_MS',
  'IDENTITY_PROVIDERS_ALLOW_PRIVATE',
] as const;

export type SettingName = (typeof SETTING_NAMES)[number];

/** Settings the file may not hold, and why. */
const NOT_IN_FILE: Partial<Record<SettingName, string>> = {
  DATABASE_URL: 'the settings file is found through it',
  YONDER_CONFIG: 'the settings file is found through it',
  YONDER_MASTER_KEY: 'the master key is kept apart from the data directory (in the environment, or in YONDER_MASTER_KEY_FILE)',
};

export type SettingSource = 'command line' | 'environment' | 'settings file' | 'default';

export interface EffectiveConfig {
  config: Config;
  /** The settings file this configuration was read with; null when there is none to read (PostgreSQL without YONDER_CONFIG). */
  file: string | null;
  /** What the file holds (empty when it does not exist yet). */
  fileSettings: Record<string, string>;
  sources: Record<SettingName, SettingSource>;
}

/**
 * `YONDER_CONFIG` when set; otherwise `yonder.conf` beside the SQLite file. PostgreSQL has no data
 * directory of its own, and a file in the working directory would be shared by every store run
 * from there, so it has no default file: name one with `YONDER_CONFIG`.
 */
export function settingsFilePath(env: NodeJS.ProcessEnv, databaseUrl: string): string | null {
  if (env.YONDER_CONFIG) return resolve(env.YONDER_CONFIG);
  const path = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : '';
  return path === '' || path === ':memory:' ? null : join(dataDirectory(databaseUrl), SETTINGS_FILE_NAME);
}

/** `NAME=value` lines (an optional `export ` before, quotes around the value), `#` comments. */
export function readSettingsFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const settings: Record<string, string> = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=\s*(.*)$/.exec(line);
    const where = `${file} line ${index + 1}`;
    if (!match) throw new Error(`${where}: expected NAME=value`);
    const [, name = '', value = ''] = match;
    if (!(SETTING_NAMES as readonly string[]).includes(name))
      throw new Error(`${where}: unknown setting ${name} (known: ${SETTING_NAMES.join(', ')})`);
    const refusal = NOT_IN_FILE[name as SettingName];
    if (refusal) throw new Error(`${where}: ${name} cannot be set in the settings file: ${refusal}`);
    settings[name] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return settings;
}

/** The configuration every command and `serve` run with: flags, then the environment, then the file, then defaults. */
export function effectiveConfig(env: NodeJS.ProcessEnv, flags: ConfigOverrides = {}): EffectiveConfig {
  const databaseUrl = flags.databaseUrl ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const file = settingsFilePath(env, databaseUrl);
  const fileSettings = file ? readSettingsFile(file) : {};
  const config = loadConfig({ ...fileSettings, ...env }, flags);
  const fromFlags: Partial<Record<SettingName, unknown>> = {
    PORT: flags.port,
    HOST: flags.host,
    PUBLIC_URL: flags.publicUrl,
    DATABASE_URL: flags.databaseUrl,
  };
  const sources = Object.fromEntries(
    SETTING_NAMES.map((name): [SettingName, SettingSource] => {
      if (fromFlags[name] !== undefined) return [name, 'command line'];
      if (env[name] !== undefined) return [name, 'environment'];
      return [name, fileSettings[name] !== undefined ? 'settings file' : 'default'];
    }),
  ) as Record<SettingName, SettingSource>;
  return { config, file, fileSettings, sources };
}

/**
 * What the first `yonder serve` (or `yonder init`) writes: the settings that make the tokens' issuer
 * and the links, so commands run later, from any shell, agree with the server. An existing file is
 * never rewritten (it is the operator's); false then.
 */
export function writeSettingsFile(file: string, config: Config): boolean {
  const text = [
    "# yonder's settings, written by its first start. Every yonder command run on this data directory",
    '# reads them; the environment and command-line flags win over this file. Any setting of',
    '# `yonder config` may go here, but DATABASE_URL, YONDER_CONFIG and YONDER_MASTER_KEY.',
    "# PUBLIC_URL's host is the passkey relying-party ID and the tokens' issuer: change it after",
    '# people enroll and every passkey stops working (docs/OPERATING.md).',
    `PUBLIC_URL=${config.publicUrl}`,
    `PORT=${config.port}`,
    `HOST=${config.host}`,
    '',
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** A URL with its password (and a `password` query parameter) hidden. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '' && !parsed.searchParams.has('password')) return url;
    if (parsed.password !== '') parsed.password = '*****';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '*****');
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Each setting's effective value as text, secrets hidden: what `yonder config` prints. */
export function settingValues(effective: EffectiveConfig): Record<SettingName, string> {
  const { config } = effective;
  return {
    PUBLIC_URL: config.publicUrl,
    PORT: String(config.port),
    HOST: config.host,
    DATABASE_URL: maskedUrl(config.databaseUrl),
    YONDER_CONFIG: effective.file ?? '(none: name one with YONDER_CONFIG)',
    LOG_LEVEL: config.logLevel,
    TRUST_PROXY: config.trustProxy === false ? 'off' : String(config.trustProxy),
    SMTP_URL: config.smtpUrl === null ? '(unset: emails are written to OUTBOX_DIR)' : maskedUrl(config.smtpUrl),
    MAIL_FROM: config.mailFrom,
    OUTBOX_DIR: config.outboxDir,
    AUDIT_RETENTION_DAYS: String(config.auditRetentionDays),
    FILTER_TIMEOUT_MS: String(config.filterTimeoutMs),
    PG_POOL_SIZE: String(config.pgPoolSize),
    CLIENT_SECRETS: config.clientSecrets,
    YONDER_GROUP_COMMIT: config.groupCommit ? 'on' : 'off',
    YONDER_MASTER_KEY: config.masterKey === null ? '(unset: read from YONDER_MASTER_KEY_FILE)' : '(set, hidden)',
    YONDER_MASTER_KEY_FILE: config.masterKeyFile,
    YONDER_FIRST_START_FILE: config.firstStartFile,
    METRICS: config.metrics,
    METRICS_TOKEN: config.metricsToken === null ? '(unset)' : '(set, hidden)',
    WEBHOOKS_ALLOW_PRIVATE: String(config.webhooksAllowPrivate),
    WEBHOOKS_TIMEOUT_MS: String(config.webhooksTimeoutMs),
    IDENTITY_PROVIDERS_ALLOW_PRIVATE: String(config.identityProvidersAllowPrivate),
  };
}
