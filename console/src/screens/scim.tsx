import { useState } from 'preact/hooks';
import { useConsole } from '../context';
import { formatTime } from '../format';
import { useAction, useLoad } from '../hooks';
import type { CreatedToken } from '../access-types';
import { createToken, fromSeconds, managementApplication } from '../management-app';
import { Button } from '../ui/button';
import { CopyField } from '../ui/copy';
import { TextField } from '../ui/field';
import { ErrorNotice, Notice } from '../ui/notice';
import type { ScreenProps } from './catalog';

/** The realm's SCIM 2.0 endpoint; the console is served from yonder's public URL, so its origin is that URL's. */
export function scimBaseUrl(tenantId: string, realmId: string): string {
  return `${location.origin}/v1/tenants/${encodeURIComponent(tenantId)}/realms/${encodeURIComponent(realmId)}/scim/v2`;
}

export function ScimScreen(_props: ScreenProps) {
  const { api, realmId, realms } = useConsole();
  const realm = realms.find((r) => r.id === realmId);
  const baseUrl = scimBaseUrl(api.tenantId, realmId);
  const canCreate = api.can('tokens:create') && api.can('scim:all');
  const issuer = useLoad(() => (canCreate ? managementApplication(api) : Promise.resolve(undefined)), [api]);
  const [name, setName] = useState(`SCIM · ${realm?.display_name ?? realmId}`);
  const [token, setToken] = useState<CreatedToken | null>(null);
  const create = useAction(async () => {
    if (!issuer.data) throw issuer.error ?? new Error('The Management API application is not loaded yet.');
    setToken(await createToken(api, issuer.data, { display_name: name.trim(), scopes: ['scim:all'], realm_id: realmId }));
  });

  return (
    <section>
      <h1 tabIndex={-1}>SCIM provisioning</h1>
      <p>
        Identity providers such as Okta and Microsoft Entra ID can create, update and deactivate this realm's identities and groups through SCIM 2.0.
        Give them the base URL and a SCIM token.
      </p>
      <CopyField label="SCIM base URL" value={baseUrl} />

      <section class="panel" aria-labelledby="scim-token-title">
        <h2 id="scim-token-title">SCIM token</h2>
        {canCreate ? (
          <>
            <p class="hint">
              The token holds only the <code>scim:all</code> scope, works in this realm only, and lasts as long as the Management API allows. Revoke
              it under API tokens.
            </p>
            {token ? null : (
              <form
                class="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void create.run();
                }}
              >
                <TextField label="Token name" value={name} onValue={setName} error={create.error?.violation('display_name')} />
                <Button type="submit" variant="primary" busy={create.busy}>
                  Create SCIM token
                </Button>
              </form>
            )}
            <ErrorNotice error={create.error} />
          </>
        ) : (
          <Notice kind="error">Creating a SCIM token needs the tokens:create and scim:all scopes, which your roles do not include.</Notice>
        )}
        {token ? (
          <>
            <Notice kind="success">
              Token “{token.display_name}” created. Copy it now: it is shown only this once. It expires {formatTime(fromSeconds(token.expires))}.
            </Notice>
            <div class="two-columns scim-values">
              <section aria-labelledby="okta-title">
                <h3 id="okta-title">Okta</h3>
                <CopyField label="SCIM connector base URL" value={baseUrl} />
                <CopyField label="Unique identifier field for users" value="userName" />
                <CopyField label="Authentication mode" value="HTTP Header" />
                <CopyField label="Authorization (Bearer)" value={token.access_token} secret />
              </section>
              <section aria-labelledby="entra-title">
                <h3 id="entra-title">Microsoft Entra ID</h3>
                <CopyField label="Tenant URL" value={baseUrl} />
                <CopyField label="Secret Token" value={token.access_token} secret />
              </section>
            </div>
            <Button
              variant="secondary"
              onClick={() => {
                setToken(null);
                create.clearError();
              }}
            >
              Create another token
            </Button>
          </>
        ) : null}
      </section>
    </section>
  );
}
