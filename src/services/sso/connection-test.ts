import { notFound } from '../../domain/errors.js';
import { outboundFetch } from '../../platform/outbound/guarded-fetch.js';
import { linkedApplicationKind } from '../../domain/sso/sso-config.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { requireSsoConfig, viewOf } from './sso-configs.js';

export interface ConnectionResult {
  is_success: boolean;
  status_code: string;
  error_context?: string;
}

export interface ConnectionTest {
  identity_providers: ({ identity_provider_id: string; display_name: string } & ConnectionResult)[];
  oidc_applications: ({ application_id: string; display_name: string } & ConnectionResult)[];
}

/** Bounded: a test answers within seconds whatever the far end does. */
const FETCH_TIMEOUT_MS = 5000;

/**
 * GETs `url` (no redirect followed) with `fetch` and says how it answered: the HTTP status, or why
 * there was none. `answersGet: false` for an endpoint that takes only POST, where any answer but
 * 404 and 5xx shows it is there.
 */
async function probe(fetch: typeof globalThis.fetch, url: string, answersGet = true): Promise<ConnectionResult> {
  if (!/^https?:\/\//i.test(url)) return { is_success: false, status_code: 'invalid_url', error_context: `${url}: not an http or https URL` };
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
    await response.body?.cancel();
    // A token endpoint refuses a GET (405, 400): it answered, which is what is tested.
    const ok =
      (response.status >= 200 && response.status < 300) ||
      (!answersGet && response.status >= 400 && response.status < 500 && response.status !== 404);
    return { is_success: ok, status_code: String(response.status), ...(ok ? {} : { error_context: `${url} answered ${response.status}` }) };
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { is_success: false, status_code: 'unreachable', error_context: `${url}: ${reason}` };
  }
}

/**
 * Really fetches what the config depends on: its OpenID Connect application's discovery document
 * (at yonder's PUBLIC_URL, as a relying party would), and each endpoint an identity-provider
 * type names (authorization, token, JWKS). Nothing else is called; the config is not changed.
 */
export async function testSsoConfig(y: Yonder, ref: RealmRef, id: string): Promise<ConnectionTest> {
  const view = await viewOf(y, y.store, await requireSsoConfig(y.store, ref, id));
  const { config, application, urls } = view;
  const result: ConnectionTest = { identity_providers: [], oidc_applications: [] };
  if (linkedApplicationKind(config.type) === 'oidc') {
    if (!application || !urls.issuer) throw notFound('Application', config.application_id ?? '');
    result.oidc_applications.push({
      application_id: application.id,
      display_name: application.display_name,
      // yonder's own discovery, at its PUBLIC_URL (which may well be private): not a configured URL.
      ...(await probe(globalThis.fetch, `${urls.issuer}/.well-known/openid-configuration`)),
    });
  }
  if (config.type === 'generic_oidc_idp' || config.type === 'okta_idp') {
    const domain = typeof config.payload.okta_domain === 'string' ? `https://${config.payload.okta_domain}` : null;
    const endpoints: [unknown, boolean][] = [
      [config.payload.authorization_endpoint ?? (domain && `${domain}/oauth2/v1/authorize`), false],
      [config.payload.token_endpoint ?? (domain && `${domain}/oauth2/v1/token`), false],
      [config.payload.jwks_endpoint ?? (domain && `${domain}/oauth2/v1/keys`), true],
    ];
    // URLs a realm administrator typed: an internal address is refused, not reported on.
    const guarded = outboundFetch(y.config.identityProvidersAllowPrivate);
    for (const [url, answersGet] of endpoints) {
      if (typeof url !== 'string' || url === '') continue;
      const answer = await probe(guarded, url, answersGet);
      result.identity_providers.push({ identity_provider_id: config.id, display_name: config.display_name, ...answer });
    }
  }
  return result;
}
