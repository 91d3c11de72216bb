import type { Application, ProtocolConfig } from '../access-types';

type GrantType = NonNullable<ProtocolConfig['grant_type']>[number];
type TokenConfiguration = NonNullable<ProtocolConfig['token_configuration']>;

/**
 * What an application is for, which decides its grant: people signing in through OpenID Connect
 * (authorization code) or a service calling an API on its own (client credentials). `both` is only
 * offered for an application the API already gave both grants, so editing it loses neither.
 */
export type ApplicationKind = 'sign_in' | 'machine' | 'both';

const GRANTS_OF: Record<ApplicationKind, GrantType[]> = {
  sign_in: ['authorization_code'],
  machine: ['client_credentials'],
  both: ['authorization_code', 'client_credentials'],
};

export function kindOf(config: ProtocolConfig): ApplicationKind {
  const grants = config.grant_type ?? [];
  if (!grants.includes('authorization_code')) return 'machine';
  return grants.includes('client_credentials') ? 'both' : 'sign_in';
}

/** A SAML 2.0 service provider: no client credentials, and set up through its SSO config (or the API), not this form. */
export const isSaml = (app: Application) => app.protocol_config.type === 'saml';

/** Whether yonder answers OpenID Connect for the application: it does for every one with the authorization code grant. */
export const signsPeopleIn = (app: Application) => kindOf(app.protocol_config) !== 'machine';

export interface ApplicationForm {
  display_name: string;
  kind: ApplicationKind;
  confidentiality: NonNullable<ProtocolConfig['confidentiality']>;
  /** One entry per row of the form, blanks included until saved. */
  redirect_uris: string[];
  resource_server_id: string;
  allowed_scopes: string[];
  expires_after: string;
  subject_field: NonNullable<TokenConfiguration['subject_field']>;
  token_format: NonNullable<ProtocolConfig['token_format']>;
  pkce: NonNullable<ProtocolConfig['pkce']>;
  enable_refresh_tokens: boolean;
}

/** The form for `app`, or for a new application: one that signs people in, with PKCE. */
export function formOf(app: Application | null): ApplicationForm {
  const c = app?.protocol_config;
  const uris = c?.redirect_uris ?? [];
  return {
    display_name: app?.display_name ?? '',
    kind: c ? kindOf(c) : 'sign_in',
    confidentiality: c?.confidentiality ?? 'confidential',
    redirect_uris: uris.length ? [...uris] : [''],
    resource_server_id: app?.resource_server_id ?? '',
    allowed_scopes: c?.allowed_scopes ?? [],
    expires_after: String(c?.token_configuration?.expires_after ?? 86400),
    subject_field: c?.token_configuration?.subject_field ?? 'id',
    token_format: c?.token_format ?? 'self_contained',
    pkce: c?.pkce ?? (c ? 'disabled' : 's256'),
    enable_refresh_tokens: c?.enable_refresh_tokens === true,
  };
}

/**
 * The redirect URIs to send (trimmed, without blank rows or repeats) and, for each row of the
 * form, where its value is in that list: the API names a refused entry by its index there.
 */
export function redirectUrisToSend(rows: string[]): { uris: string[]; indexOfRow: (number | undefined)[] } {
  const uris: string[] = [];
  const indexOfRow = rows.map((row) => {
    const uri = row.trim();
    if (!uri) return undefined;
    const at = uris.indexOf(uri);
    if (at >= 0) return at;
    uris.push(uri);
    return uris.length - 1;
  });
  return { uris, indexOfRow };
}

/**
 * The protocol configuration to send: PATCH replaces it whole, so fields this form does not show
 * are carried over from the application as it was; the read-only client id and secret are not sent.
 * The protocol type follows the kind (`oidc` to sign people in, `oauth2` for a machine) unless the
 * kind is unchanged, so an application the API created keeps the type it was given.
 */
export function protocolConfigOf(form: ApplicationForm, previous: ProtocolConfig | undefined): ProtocolConfig {
  const { client_id: _id, client_secret: _secret, ...kept } = previous ?? ({ type: 'oidc' } as ProtocolConfig);
  const type = previous && kindOf(previous) === form.kind ? previous.type : form.kind === 'machine' ? 'oauth2' : 'oidc';
  // Client credentials need a secret; the form does not offer a public machine client.
  const confidentiality = form.kind === 'machine' ? 'confidential' : form.confidentiality;
  const method =
    confidentiality === 'public'
      ? 'none'
      : kept.token_endpoint_auth_method && kept.token_endpoint_auth_method !== 'none'
        ? kept.token_endpoint_auth_method
        : 'client_secret_basic';
  const signsIn = form.kind !== 'machine';
  return {
    ...kept,
    type,
    confidentiality,
    token_endpoint_auth_method: method,
    grant_type: GRANTS_OF[form.kind],
    redirect_uris: redirectUrisToSend(form.redirect_uris).uris,
    allowed_scopes: form.resource_server_id ? form.allowed_scopes : [],
    token_configuration: {
      ...(kept.token_configuration ?? {}),
      expires_after: Number(form.expires_after),
      subject_field: form.subject_field,
    },
    // Only sign-in applications may issue referential (opaque) tokens; a machine's are JWTs.
    token_format: signsIn ? form.token_format : 'self_contained',
    pkce: form.pkce,
    // yonder's extension: written for applications that sign people in, or that already carry it.
    ...(signsIn || kept.enable_refresh_tokens !== undefined ? { enable_refresh_tokens: signsIn && form.enable_refresh_tokens } : {}),
  };
}

/**
 * The issuer of an application that signs people in, as yonder's OpenID Connect discovery names it:
 * `<PUBLIC_URL>/v1/tenants/{t}/realms/{r}/applications/{app}`. The console runs at PUBLIC_URL's
 * origin (its token endpoint refuses any other) and calls `/v1` there, so its own origin is it.
 */
export function issuerOf(app: Application, origin = window.location.origin): string {
  return `${origin}/v1/tenants/${app.tenant_id}/realms/${app.realm_id}/applications/${app.id}`;
}

export const discoveryUrlOf = (issuer: string) => `${issuer}/.well-known/openid-configuration`;
