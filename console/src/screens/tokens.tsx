import { useState } from 'preact/hooks';
import { isKnownScope } from '../../../src/domain/access/scopes';
import type { ApiToken, Application, CreatedToken } from '../access-types';
import { query } from '../api';
import { realmPath, useConsole } from '../context';
import { formatTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { listAll } from '../list-all';
import { createToken, fromSeconds, managementApplication, tokensPath } from '../management-app';
import { Button } from '../ui/button';
import { Checklist } from '../ui/checklist';
import { CopyField } from '../ui/copy';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Dialog } from '../ui/dialog';
import { FormDialog, useDialogState } from '../ui/form-dialog';
import { SelectField, TextField } from '../ui/field';
import { ErrorNotice, Notice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { Pager, usePager } from '../ui/pager';
import { DataTable } from '../ui/table';
import type { Reply } from '../types';
import type { ScreenProps } from './catalog';

const DAY = 24 * 3600;
const LIFETIMES = [
  { seconds: 3600, label: '1 hour' },
  { seconds: DAY, label: '1 day' },
  { seconds: 7 * DAY, label: '7 days' },
  { seconds: 30 * DAY, label: '30 days' },
  { seconds: 90 * DAY, label: '90 days' },
  { seconds: 365 * DAY, label: '1 year' },
];

export function TokensScreen(_props: ScreenProps) {
  const { api, realmId, announce } = useConsole();
  // Tokens are issued by an application: the Management API's for the yonder API, or this realm's
  // own applications that protect a resource server.
  const issuers = useLoad(async () => {
    const management = await managementApplication(api);
    const own =
      realmId === management.realm_id || !api.can('applications:read')
        ? []
        : (await listAll<Application>(api, realmPath(realmId, '/applications'), 'applications')).filter((a) => a.resource_server_id && !a.is_managed);
    return [management, ...own];
  }, [realmId]);
  const [issuerId, setIssuerId] = useState('');
  const issuer = issuers.data?.find((a) => a.id === issuerId) ?? issuers.data?.[0];
  const pager = usePager();
  const tokens = useLoad(
    () =>
      issuer ? api.get<Reply<'ListTokens'>>(tokensPath(issuer, query({ page_size: 50, page_token: pager.pageToken }))) : Promise.resolve(undefined),
    [issuer?.id, pager.pageToken],
  );
  const creating = useDialogState<never>();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useAction(async (token: ApiToken) => {
    if (!issuer) return;
    await api.delete(tokensPath(issuer, `/${token.id}`));
    setRevoking(null);
    tokens.reload();
    announce(`Token ${token.display_name || token.id} revoked`);
  });

  return (
    <section>
      <div class="toolbar">
        <h1 tabIndex={-1} class="grow">
          API tokens
        </h1>
        {issuer && api.can('tokens:create') ? (
          <Button variant="primary" onClick={() => creating.open(null)}>
            Create token
          </Button>
        ) : null}
      </div>
      <ErrorNotice error={issuers.error} />
      {issuers.data && issuers.data.length > 1 ? (
        <SelectField
          label="Issued by"
          value={issuer?.id ?? ''}
          onValue={(v) => {
            setIssuerId(v);
            pager.reset();
          }}
          options={issuers.data.map((a) => ({ value: a.id, label: a.is_managed ? `${a.display_name} (yonder API)` : a.display_name }))}
        />
      ) : issuer ? (
        <p class="hint">
          Tokens for the yonder API, issued by {issuer.display_name}. A token acts with exactly the scopes chosen when it was created.
        </p>
      ) : null}
      <LoadedView loaded={tokens}>
        {(data) =>
          data ? (
            <>
              <DataTable
                caption="Live tokens"
                rows={data.tokens}
                rowKey={(t) => t.id}
                empty="No live tokens."
                columns={[
                  { header: 'Name', cell: (t) => t.display_name || <span class="hint">unnamed</span> },
                  { header: 'Ends in', cell: (t) => <code>…{t.token_suffix}</code>, wide: true },
                  {
                    header: 'Scopes',
                    cell: (t) =>
                      t.scopes.length <= 3 ? (
                        t.scopes.join(', ')
                      ) : (
                        <details>
                          <summary>{t.scopes.length} scopes</summary>
                          {t.scopes.join(', ')}
                        </details>
                      ),
                  },
                  { header: 'Created', cell: (t) => formatTime(fromSeconds(t.issued_at)), wide: true },
                  { header: 'Expires', cell: (t) => formatTime(fromSeconds(t.expires)) },
                  {
                    header: 'Actions',
                    cell: (t) =>
                      api.can('tokens:delete') ? (
                        <Button variant="danger" aria-label={`Revoke ${t.display_name || t.id}`} onClick={() => setRevoking(t)}>
                          Revoke
                        </Button>
                      ) : null,
                  },
                ]}
              />
              <Pager pager={pager} nextToken={data.next_page_token} />
            </>
          ) : null
        }
      </LoadedView>

      {creating.state && issuer ? (
        <CreateTokenDialog
          key={creating.state.key}
          open={creating.state.open}
          issuer={issuer}
          onClose={creating.close}
          onCreated={(token) => {
            creating.close();
            setCreated(token);
            tokens.reload();
          }}
        />
      ) : null}
      <Dialog
        title={`Token ${created?.display_name ?? ''} created`}
        open={created !== null}
        onClose={() => setCreated(null)}
        actions={
          <Button variant="primary" onClick={() => setCreated(null)}>
            Done
          </Button>
        }
      >
        <Notice>
          Copy the token now: it is shown only this once. Send it as <code>Authorization: Bearer …</code>.
        </Notice>
        <CopyField label="Token" value={created?.access_token ?? ''} secret />
        <p class="hint">
          Scopes: {created?.scopes.join(', ')}. Expires {created ? formatTime(fromSeconds(created.expires)) : ''}.
        </p>
      </Dialog>
      <ConfirmDialog
        title="Revoke token"
        open={revoking !== null}
        message={<p>Revoke {revoking?.display_name || 'this token'}? Anything using it stops working with its next request.</p>}
        confirmLabel="Revoke token"
        busy={revoke.busy}
        error={revoke.error?.message}
        onClose={() => {
          setRevoking(null);
          revoke.clearError();
        }}
        onConfirm={() => revoking && void revoke.run(revoking)}
      />
    </section>
  );
}

type CreateProps = { open: boolean; issuer: Application; onClose: () => void; onCreated: (token: CreatedToken) => void };

function CreateTokenDialog({ open, issuer, onClose, onCreated }: CreateProps) {
  const { api } = useConsole();
  const maxLifetime = issuer.protocol_config.token_configuration?.expires_after ?? DAY;
  // A token cannot hold scopes its creator lacks, so only those are offered.
  const offered = (issuer.protocol_config.allowed_scopes ?? []).filter((s) => !issuer.is_managed || (isKnownScope(s) && api.can(s)));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [lifetime, setLifetime] = useState(String(maxLifetime));
  const [missing, setMissing] = useState<string | undefined>();
  const create = useAction(async () => {
    if (scopes.length === 0) {
      setMissing('Choose at least one scope.');
      return;
    }
    onCreated(await createToken(api, issuer, { display_name: name.trim(), scopes, expires_after: Number(lifetime) }));
  });
  const lifetimes = [
    ...LIFETIMES.filter((l) => l.seconds < maxLifetime),
    {
      seconds: maxLifetime,
      label: `${Math.round(maxLifetime / DAY) >= 1 ? `${Math.round(maxLifetime / DAY)} days` : `${maxLifetime} seconds`} (the longest allowed)`,
    },
  ];
  return (
    <FormDialog title="Create token" open={open} onClose={onClose} onSubmit={() => void create.run()} submitLabel="Create token" busy={create.busy}>
      <TextField
        label="Name"
        required
        hint="What uses it, e.g. “CI deploys”."
        value={name}
        onValue={setName}
        error={create.error?.violation('display_name')}
      />
      <SelectField
        label="Expires after"
        value={lifetime}
        onValue={setLifetime}
        options={lifetimes.map((l) => ({ value: String(l.seconds), label: l.label }))}
        error={create.error?.violation('expires_after')}
      />
      <div class="actions">
        <Button variant="link" onClick={() => setScopes(offered)}>
          Select all
        </Button>
        <Button variant="link" onClick={() => setScopes([])}>
          Select none
        </Button>
      </div>
      <Checklist
        legend="Scopes"
        options={offered.map((s) => ({ value: s, label: s }))}
        selected={scopes}
        onChange={(v) => {
          setScopes(v);
          setMissing(undefined);
        }}
        error={missing ?? create.error?.violation('scopes')}
        empty="This application allows no scopes you hold."
      />
      {create.error && create.error.fieldViolations.length === 0 ? <ErrorNotice error={create.error} /> : null}
    </FormDialog>
  );
}
