/**
 * `METRICS`: whether `GET /metrics` answers, and to whom.
 * - `off` (the default): no such route (404), and no request is timed. Metrics tell anyone who
 *   can read them how busy yonder is and how sign-ins go, so they are opt-in.
 * - `on`: anyone who reaches the port may scrape; for a port only the scraper reaches.
 * - `token`: the scraper sends `Authorization: Bearer <METRICS_TOKEN>` (Prometheus:
 *   `authorization: { credentials_file: ... }`). A dedicated secret rather than a management
 *   token with a new scope: the figures are the whole process's, across tenants, so no tenant's
 *   token should read them, and a scraper needs no token that expires or is on record.
 */
export type MetricsMode = 'off' | 'on' | 'token';

export interface MetricsSettings {
  metrics: MetricsMode;
  /** The scraper's bearer secret when `metrics` is `token`; null otherwise. */
  metricsToken: string | null;
}

/** Long enough that it cannot be guessed; `openssl rand -hex 32` gives 64 characters. */
export const METRICS_TOKEN_MIN_LENGTH = 32;

export function parseMetricsSettings(env: NodeJS.ProcessEnv, overrides: Partial<MetricsSettings> = {}): MetricsSettings {
  const text = (env.METRICS ?? '').trim().toLowerCase();
  const metrics = overrides.metrics ?? (text === '' ? 'off' : text);
  if (metrics !== 'off' && metrics !== 'on' && metrics !== 'token') throw new Error(`METRICS must be off, on or token (got "${env.METRICS}")`);
  if (metrics !== 'token') return { metrics, metricsToken: null };
  const metricsToken = overrides.metricsToken ?? env.METRICS_TOKEN ?? '';
  if (metricsToken.length < METRICS_TOKEN_MIN_LENGTH || !/^[\x21-\x7e]+$/.test(metricsToken)) {
    throw new Error(
      `METRICS=token needs METRICS_TOKEN: at least ${METRICS_TOKEN_MIN_LENGTH} printable characters, no spaces (e.g. openssl rand -hex 32)`,
    );
  }
  return { metrics, metricsToken };
}
