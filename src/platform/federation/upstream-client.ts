import * as client from 'openid-client';
import { type OidcIdpSettings, insecureAllowed } from '../../domain/federation/identity-provider.js';
import { outboundFetch } from '../outbound/guarded-fetch.js';

/**
 * yonder as the relying party of an upstream OpenID Connect provider, through openid-client (the
 * only code importing it): the authorization request (PKCE as configured, PAR when enabled, the
 * `claims` parameter), then the code exchange, whose ID token openid-client verifies (signature
 * against the configured JWKS, issuer, audience, nonce, expiry) before any claim is read.
 */
export interface Upstream {
  settings: OidcIdpSettings;
  clientSecret: string;
  /** yonder's callback for this provider. */
  redirectUrl: string;
  /** The issuer the ID token must name (see `discoverIssuer`). */
  issuer: string;
  /** `IDENTITY_PROVIDERS_ALLOW_PRIVATE`: whether its endpoints may be on this host or a private network. */
  allowPrivate: boolean;
}

/** What one trip through the upstream is checked by, kept in the store between its two legs. */
export interface TripChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The upstream failed or refused (unreachable, an error reply, a token that did not verify). */
export class UpstreamError extends Error {}

const TIMEOUT_SECONDS = 10;

function configuration(upstream: Upstream): client.Configuration {
  const { settings } = upstream;
  const server: client.ServerMetadata = {
    issuer: upstream.issuer,
    authorization_endpoint: settings.authorize_url,
    token_endpoint: settings.token_url,
    jwks_uri: settings.jwks_url,
    ...(settings.oauth_2_par_enabled && settings.oauth_2_par_endpoint
      ? { pushed_authorization_request_endpoint: settings.oauth_2_par_endpoint }
      : {}),
  };
  const auth =
    settings.token_endpoint_auth_method === 'client_secret_post'
      ? client.ClientSecretPost(upstream.clientSecret)
      : client.ClientSecretBasic(upstream.clientSecret);
  const config = new client.Configuration(server, settings.client_id, { redirect_uris: [upstream.redirectUrl], response_types: ['code'] }, auth);
  config.timeout = TIMEOUT_SECONDS;
  // Token, JWKS and PAR requests go to URLs a realm administrator configured: checked like webhooks.
  config[client.customFetch] = outboundFetch(upstream.allowPrivate);
  // The ID token's signature is checked against the configured JWKS too, not only trusted for
  // arriving over TLS from the token endpoint (what openid-client does by default): the JWKS is
  // part of the provider's settings, and a token the upstream did not sign is refused.
  client.enableNonRepudiationChecks(config);
  // The settings allow plain HTTP only to this machine (domain/federation/identity-provider.ts).
  const urls = [settings.authorize_url, settings.token_url, settings.jwks_url, settings.oauth_2_par_endpoint ?? settings.token_url];
  if (urls.some((url) => url.startsWith('http:') && insecureAllowed(url))) client.allowInsecureRequests(config);
  return config;
}

/**
 * The contract stores no issuer, so it is found by discovery: the first ancestor of the
 * authorization URL whose `/.well-known/openid-configuration` names that same authorization
 * endpoint (for yonder, Okta or Auth0 that is the issuer's own path).
 */
export async function discoverIssuer(settings: OidcIdpSettings, allowPrivate: boolean): Promise<string> {
  const fetch = outboundFetch(allowPrivate);
  const url = new URL(settings.authorize_url);
  const segments = url.pathname.split('/').filter(Boolean);
  let failure: string | null = null;
  for (let keep = segments.length - 1; keep >= 0; keep--) {
    const base = `${url.origin}${keep > 0 ? `/${segments.slice(0, keep).join('/')}` : ''}`;
    try {
      const reply = await fetch(`${base}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
        redirect: 'error',
      });
      if (!reply.ok) continue;
      const document = (await reply.json()) as { issuer?: unknown; authorization_endpoint?: unknown };
      if (document.authorization_endpoint === settings.authorize_url && typeof document.issuer === 'string') return document.issuer;
    } catch (error) {
      // not this one: try the next ancestor, keeping why for the message (a refused address, say)
      failure = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
    }
  }
  throw new UpstreamError(`no discovery document names this authorization URL, so its issuer is unknown${failure ? ` (${failure})` : ''}`);
}

export function newTripChecks(): TripChecks {
  return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
}

/** Where to send the browser: the upstream's authorization endpoint (after a PAR push when enabled). */
export async function authorizationUrl(upstream: Upstream, checks: TripChecks): Promise<URL> {
  const { settings } = upstream;
  const params: Record<string, string> = {
    redirect_uri: upstream.redirectUrl,
    scope: settings.token_scopes.join(' '),
    state: checks.state,
    nonce: checks.nonce,
  };
  if (settings.pkce === 's256') {
    params.code_challenge = await client.calculatePKCECodeChallenge(checks.codeVerifier);
    params.code_challenge_method = 'S256';
  } else if (settings.pkce === 'plain') {
    params.code_challenge = checks.codeVerifier;
    params.code_challenge_method = 'plain';
  }
  if (settings.claims !== '') params.claims = settings.claims;
  const config = configuration(upstream);
  try {
    return settings.oauth_2_par_enabled ? await client.buildAuthorizationUrlWithPAR(config, params) : client.buildAuthorizationUrl(config, params);
  } catch (error) {
    throw new UpstreamError(`the pushed authorization request failed: ${(error as Error).message}`);
  }
}

/** Exchanges the code the upstream sent back to `callbackUrl`; answers the verified ID token's claims. */
export async function verifiedClaims(upstream: Upstream, callbackUrl: URL, checks: TripChecks): Promise<Record<string, unknown>> {
  try {
    const tokens = await client.authorizationCodeGrant(configuration(upstream), callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
      ...(upstream.settings.pkce !== 'disabled' ? { pkceCodeVerifier: checks.codeVerifier } : {}),
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    return claims as Record<string, unknown>;
  } catch (error) {
    throw new UpstreamError((error as Error).message);
  }
}
