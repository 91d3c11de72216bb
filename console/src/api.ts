/**
 * The console's only way to the server: yonder's public `/v1` API, with a short-lived bearer
 * token obtained from the signed-in session. The token lives in memory only (never in storage or
 * a cookie), so API calls are CSRF-safe: a cross-site page cannot attach it.
 */

import type { Scope } from '../../src/domain/access/scopes';
import type { Reply } from './types';

export interface FieldViolation {
  field: string;
  description: string;
}

/** The v1 error body, turned into a value the screens can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldViolations: FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The violation for one field (`traits.username`, `display_name`...), if the server named it. */
  violation(field: string): string | undefined {
    return this.fieldViolations.find((v) => v.field === field || v.field.endsWith(`.${field}`))?.description;
  }
}

export type ConsoleConfig = Reply<'GetConsoleConfig'>;
type TokenResponse = Reply<'CreateConsoleToken'>;
export type ConsoleIdentity = TokenResponse['identity'];

/** Why there is no usable session: never signed in (or signed out), or not allowed by policy. */
export class SessionEnded extends Error {
  constructor(
    readonly reason: 'not_signed_in' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'SessionEnded';
  }
}

const CONSOLE_HEADER = { 'X-Yonder-Console': '1' };
/** Renew the token this long before it expires, so a request never goes out with a dying one. */
const RENEW_MARGIN_MS = 30_000;

async function readError(response: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: { type?: string; field_violations?: FieldViolation[] }[] } = {};
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page: fall back to the status line.
  }
  const violations = (body.details ?? []).flatMap((d) => (d.type === 'FieldViolations' ? (d.field_violations ?? []) : []));
  return new ApiError(response.status, body.code ?? 'error', body.message ?? `${response.status} ${response.statusText}`, violations);
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/api/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await readError(response);
  return response.json();
}

export class Api {
  private token: string | null = null;
  private expiresAt = 0;
  private pending: Promise<void> | null = null;
  scopes = new Set<string>();
  identity: ConsoleIdentity | null = null;

  constructor(
    readonly config: ConsoleConfig,
    /** Called once the session is gone (signed out elsewhere, expired, access removed). */
    private readonly onSessionEnded: (ended: SessionEnded) => void,
  ) {}

  get tenantId(): string {
    return this.config.tenant_id;
  }

  /** Gets a fresh token from the session cookie; throws SessionEnded when there is none. */
  async start(): Promise<void> {
    await this.renew();
  }

  /** Typed with the server's own scope list, so a misspelt or retired scope fails typecheck. */
  can(scope: Scope): boolean {
    return this.scopes.has(scope);
  }

  private renew(): Promise<void> {
    this.pending ??= (async () => {
      try {
        const response = await fetch('/console/api/token', { method: 'POST', headers: CONSOLE_HEADER, credentials: 'same-origin' });
        if (response.status === 401 || response.status === 403) {
          const error = await readError(response);
          this.token = null;
          throw new SessionEnded(response.status === 401 ? 'not_signed_in' : 'forbidden', error.message);
        }
        if (!response.ok) throw await readError(response);
        const body = (await response.json()) as TokenResponse;
        this.token = body.access_token;
        this.expiresAt = Date.now() + body.expires_in * 1000;
        this.scopes = new Set(body.scope.split(' ').filter(Boolean));
        this.identity = body.identity;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  private async bearer(): Promise<string> {
    if (this.token === null || Date.now() > this.expiresAt - RENEW_MARGIN_MS) await this.renew();
    return this.token as string;
  }

  /**
   * Calls `/v1/tenants/{tenant}{path}`. A 401 means the token died (revoked, session ended): renew
   * once; if the session itself is gone, the app shows the signed-out screen. A 403 may mean the
   * policy no longer lets this person use the console (removed from Administrators): a fresh token
   * tells, as the token endpoint then refuses and the app shows the no-access screen; otherwise the
   * retry answers with the new token's scopes (roles may have changed) and its refusal is shown.
   */
  async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`/v1/tenants/${this.config.tenant_id}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${await this.bearer()}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (error) {
      if (error instanceof SessionEnded) {
        this.onSessionEnded(error);
        throw error;
      }
      throw new ApiError(0, 'network', 'yonder could not be reached. Check your connection and try again.');
    }
    if ((response.status === 401 || response.status === 403) && !retried) {
      this.token = null;
      try {
        await this.renew();
      } catch (error) {
        if (error instanceof SessionEnded) this.onSessionEnded(error);
        throw error;
      }
      return this.request<T>(method, path, body, true);
    }
    if (!response.ok) throw await readError(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Ends the session on the server (and so every token minted from it). */
  async signOut(): Promise<void> {
    await fetch('/console/api/sign-out', { method: 'POST', headers: CONSOLE_HEADER, credentials: 'same-origin' });
    this.token = null;
  }
}

/** Builds a query string from the defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
