/** An upstream's `oidc_idp` settings as Beyond Identity's console sends them. */
export function upstreamSettings(overrides: Record<string, unknown> = {}) {
  return {
    type: 'oidc_idp',
    client_id: 'upstream-client',
    client_secret: 'upstream-secret-do-not-leak',
    token_scopes: ['openid', 'email'],
    identity_attribute: 'email',
    pkce: 's256',
    jwks_url: 'https://upstream.example/jwks',
    token_url: 'https://upstream.example/token',
    authorize_url: 'https://upstream.example/authorize',
    identifying_claim_name: 'email',
    oauth_2_par_enabled: false,
    ...overrides,
  };
}
