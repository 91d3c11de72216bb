import type { Application, ResourceServer } from '../access-types';
import { nameOf } from '../list-all';
import { CopyField } from '../ui/copy';
import { Notice } from '../ui/notice';
import { discoveryUrlOf, isSaml, issuerOf, signsPeopleIn } from './application-form';

const PKCE_LABELS = { s256: 'Required (S256)', plain: 'Required (plain)', disabled: 'Optional' } as const;

/**
 * What a developer copies into their app: the client id, and for an application that signs people
 * in, the issuer and its discovery document (an OpenID Connect library needs only that URL).
 */
export function ConnectionDetails({ app }: { app: Application }) {
  const issuer = issuerOf(app);
  return (
    <div class="connection">
      <CopyField label="Client id" value={app.protocol_config.client_id ?? ''} />
      {signsPeopleIn(app) ? (
        <>
          <CopyField label="Issuer" value={issuer} />
          <CopyField label="Discovery URL" value={discoveryUrlOf(issuer)} />
        </>
      ) : null}
    </div>
  );
}

/** A SAML service provider's facts: where assertions go, and what to give the service provider. */
function SamlFacts({ app }: { app: Application }) {
  const c = app.protocol_config as Record<string, unknown>;
  const text = (field: string) => (typeof c[field] === 'string' && c[field] !== '' ? (c[field] as string) : '—');
  return (
    <>
      <div class="connection">
        <CopyField label="IdP metadata URL" value={text('metadata_url')} />
        <CopyField label="SSO URL" value={text('sp_initiated_url')} />
      </div>
      <dl class="facts">
        <dt>Application id</dt>
        <dd>
          <code>{app.id}</code>
        </dd>
        <dt>Protocol</dt>
        <dd>SAML 2.0</dd>
        <dt>ACS URL</dt>
        <dd>
          <code>{text('acs_url')}</code>
        </dd>
        <dt>Audience (SP entity id)</dt>
        <dd>
          <code>{text('audience_url')}</code>
        </dd>
        <dt>NameID format</dt>
        <dd>{text('name_format')}</dd>
      </dl>
    </>
  );
}

export function ApplicationFacts({ app, servers }: { app: Application; servers: ResourceServer[] }) {
  if (isSaml(app)) return <SamlFacts app={app} />;
  const c = app.protocol_config;
  const signsIn = signsPeopleIn(app);
  return (
    <>
      {app.is_managed ? <Notice>Managed by yonder: it cannot be changed or deleted here.</Notice> : null}
      {c.client_id ? <ConnectionDetails app={app} /> : null}
      <dl class="facts">
        <dt>Application id</dt>
        <dd>
          <code>{app.id}</code>
        </dd>
        <dt>Protocol</dt>
        <dd>{c.type === 'oidc' ? 'OpenID Connect' : 'OAuth 2.0'}</dd>
        <dt>Client type</dt>
        <dd>{c.confidentiality ?? 'confidential'}</dd>
        <dt>Client authentication</dt>
        <dd>{c.token_endpoint_auth_method ?? '—'}</dd>
        <dt>Grant types</dt>
        <dd>{(c.grant_type ?? []).join(', ') || '—'}</dd>
        <dt>Redirect URIs</dt>
        <dd>
          {(c.redirect_uris ?? []).length
            ? (c.redirect_uris ?? []).map((u) => (
                <div key={u}>
                  <code>{u}</code>
                </div>
              ))
            : '—'}
        </dd>
        {signsIn ? (
          <>
            <dt>PKCE</dt>
            <dd>{PKCE_LABELS[c.pkce ?? 'disabled']}</dd>
            <dt>Refresh tokens</dt>
            <dd>{c.enable_refresh_tokens ? 'Enabled' : 'Off'}</dd>
            <dt>Token subject</dt>
            <dd>{c.token_configuration?.subject_field ?? 'id'}</dd>
          </>
        ) : null}
        <dt>Resource server</dt>
        <dd>{app.resource_server_id ? nameOf(servers, app.resource_server_id) : '—'}</dd>
        <dt>Allowed scopes</dt>
        <dd>{(c.allowed_scopes ?? []).length ? `${(c.allowed_scopes ?? []).length} scopes` : '—'}</dd>
        <dt>Token lifetime</dt>
        <dd>{c.token_configuration ? `${c.token_configuration.expires_after} seconds` : '—'}</dd>
        <dt>Token format</dt>
        <dd>{c.token_format === 'referential' ? 'Referential (opaque)' : 'Self-contained (JWT)'}</dd>
      </dl>
      {(c.allowed_scopes ?? []).length ? (
        <details>
          <summary>Allowed scopes</summary>
          <p class="scope-list">
            {(c.allowed_scopes ?? []).map((s) => (
              <code key={s}>{s}</code>
            ))}
          </p>
        </details>
      ) : null}
    </>
  );
}
