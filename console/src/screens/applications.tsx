import { useState } from 'preact/hooks';
import type { Application, ProtocolConfig, ResourceServer } from '../access-types';
import { realmPath, useConsole } from '../context';
import { useAction, useLoad } from '../hooks';
import { listAll, nameOf } from '../list-all';
import { Button } from '../ui/button';
import { managedNameColumn } from '../ui/table';
import { Checklist } from '../ui/checklist';
import { CopyField } from '../ui/copy';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Dialog } from '../ui/dialog';
import { FormDialog, useDialogState } from '../ui/form-dialog';
import { SelectField, TextField } from '../ui/field';
import { ErrorNotice, Notice } from '../ui/notice';
import { LoadedTable } from '../ui/loaded-view';
import { RowActions } from '../ui/row-actions';
import { TextArea, lines } from '../ui/text-area';
import { useConfirm } from '../ui/use-confirm';
import type { ScreenProps } from './catalog';

const GRANTS: { value: GrantType; label: string; hint: string }[] = [
  { value: 'authorization_code', label: 'Authorization code', hint: '(people signing in)' },
  { value: 'client_credentials', label: 'Client credentials', hint: '(machine to machine)' },
];

type GrantType = NonNullable<ProtocolConfig['grant_type']>[number];

const PROTOCOLS = [
  { value: 'oauth2', label: 'OAuth 2.0' },
  { value: 'oidc', label: 'OpenID Connect' },
];

const CLIENT_TYPES = [
  { value: 'confidential', label: 'Confidential (has a secret)' },
  { value: 'public', label: 'Public (no secret)' },
];

const PKCE_METHODS = [
  { value: 'disabled', label: 'Disabled' },
  { value: 's256', label: 'S256' },
  { value: 'plain', label: 'Plain' },
];

interface Form {
  display_name: string;
  type: 'oauth2' | 'oidc';
  confidentiality: 'confidential' | 'public';
  grant_type: GrantType[];
  redirect_uris: string;
  resource_server_id: string;
  allowed_scopes: string[];
  expires_after: string;
  pkce: NonNullable<ProtocolConfig['pkce']>;
}

/** The form's fields that hold one string (a text or one choice). */
type TextKey = { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];

function formOf(app: Application | null): Form {
  const c = app?.protocol_config;
  return {
    display_name: app?.display_name ?? '',
    type: c?.type ?? 'oauth2',
    confidentiality: c?.confidentiality ?? 'confidential',
    grant_type: c?.grant_type ?? ['client_credentials'],
    redirect_uris: (c?.redirect_uris ?? []).join('\n'),
    resource_server_id: app?.resource_server_id ?? '',
    allowed_scopes: c?.allowed_scopes ?? [],
    expires_after: String(c?.token_configuration?.expires_after ?? 86400),
    pkce: c?.pkce ?? 'disabled',
  };
}

/**
 * The protocol configuration to send: PATCH replaces it whole, so fields this form does not show
 * are carried over from the application as it was; the read-only client id and secret are not sent.
 */
function protocolConfigOf(form: Form, previous: ProtocolConfig | undefined): ProtocolConfig {
  const { client_id: _id, client_secret: _secret, ...kept } = previous ?? ({ type: form.type } as ProtocolConfig);
  const method =
    form.confidentiality === 'public'
      ? 'none'
      : kept.token_endpoint_auth_method && kept.token_endpoint_auth_method !== 'none'
        ? kept.token_endpoint_auth_method
        : 'client_secret_basic';
  return {
    ...kept,
    type: form.type,
    confidentiality: form.confidentiality,
    token_endpoint_auth_method: method,
    grant_type: form.grant_type,
    redirect_uris: lines(form.redirect_uris),
    allowed_scopes: form.resource_server_id ? form.allowed_scopes : [],
    token_configuration: { ...(kept.token_configuration ?? {}), expires_after: Number(form.expires_after) },
    pkce: form.pkce,
  };
}

export function ApplicationsScreen(_props: ScreenProps) {
  const { api, realmId, announce } = useConsole();
  const apps = useLoad(() => listAll<Application>(api, realmPath(realmId, '/applications'), 'applications'), [realmId]);
  const servers = useLoad(
    () =>
      api.can('resource-servers:read')
        ? listAll<ResourceServer>(api, realmPath(realmId, '/resource-servers'), 'resource_servers')
        : Promise.resolve([]),
    [realmId],
  );
  const editor = useDialogState<Application>();
  const [viewing, setViewing] = useState<Application | null>(null);
  const [issued, setIssued] = useState<Application | null>(null);
  const remove = useConfirm(
    (app: Application) => api.delete(realmPath(realmId, `/applications/${app.id}`)),
    (app) => {
      apps.reload();
      announce(`Application ${app.display_name} deleted`);
    },
  );

  return (
    <section>
      <div class="toolbar">
        <h1 tabIndex={-1} class="grow">
          Applications
        </h1>
        {api.can('applications:create') ? (
          <Button variant="primary" onClick={() => editor.open(null)}>
            Add application
          </Button>
        ) : null}
      </div>
      <LoadedTable
        loaded={apps}
        caption="Applications"
        empty="No applications in this realm yet."
        columns={[
          managedNameColumn((a: Application) => (
            <Button variant="link" onClick={() => setViewing(a)}>
              {a.display_name}
            </Button>
          )),
          { header: 'Client id', cell: (a) => (a.protocol_config.client_id ? <code>{a.protocol_config.client_id}</code> : '—'), wide: true },
          {
            header: 'Type',
            cell: (a) => `${a.protocol_config.type.toUpperCase()} · ${a.protocol_config.confidentiality ?? 'confidential'}`,
            wide: true,
          },
          { header: 'Resource server', cell: (a) => (a.resource_server_id ? nameOf(servers.data, a.resource_server_id) : '—'), wide: true },
          {
            header: 'Actions',
            cell: (a) =>
              a.is_managed ? (
                <span class="hint">Read-only</span>
              ) : (
                <RowActions
                  name={a.display_name}
                  onEdit={api.can('applications:update') ? () => editor.open(a) : undefined}
                  onDelete={api.can('applications:delete') ? () => remove.ask(a) : undefined}
                />
              ),
          },
        ]}
      />

      {editor.state ? (
        <ApplicationDialog
          key={editor.state.key}
          open={editor.state.open}
          app={editor.state.item}
          servers={servers.data ?? []}
          onClose={editor.close}
          onSaved={(saved) => {
            editor.close();
            apps.reload();
            announce(`Application ${saved.display_name} ${editor.state?.item ? 'saved' : 'added'}`);
            if (saved.protocol_config.client_secret) setIssued(saved);
          }}
        />
      ) : null}

      <Dialog
        title={`Credentials of ${issued?.display_name ?? ''}`}
        open={issued !== null}
        onClose={() => setIssued(null)}
        actions={
          <Button variant="primary" onClick={() => setIssued(null)}>
            Done
          </Button>
        }
      >
        <Notice>Copy the client secret now: the console cannot show it again.</Notice>
        <CopyField label="Client id" value={issued?.protocol_config.client_id ?? ''} />
        <CopyField label="Client secret" value={issued?.protocol_config.client_secret ?? ''} secret />
      </Dialog>

      <Dialog
        title={viewing?.display_name ?? ''}
        open={viewing !== null}
        onClose={() => setViewing(null)}
        actions={<Button onClick={() => setViewing(null)}>Close</Button>}
      >
        {viewing ? <ApplicationFacts app={viewing} servers={servers.data ?? []} /> : null}
      </Dialog>

      <ConfirmDialog
        {...remove.dialog}
        title="Delete application"
        message={<p>Delete {remove.target?.display_name}? Its client credentials stop working at once.</p>}
        confirmLabel="Delete application"
      />
    </section>
  );
}

function ApplicationFacts({ app, servers }: { app: Application; servers: ResourceServer[] }) {
  const c = app.protocol_config;
  return (
    <>
      {app.is_managed ? <Notice>Managed by yonder: it cannot be changed or deleted here.</Notice> : null}
      <dl class="facts">
        <dt>Application id</dt>
        <dd>
          <code>{app.id}</code>
        </dd>
        <dt>Client id</dt>
        <dd>{c.client_id ? <code>{c.client_id}</code> : '—'}</dd>
        <dt>Protocol</dt>
        <dd>{c.type.toUpperCase()}</dd>
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
        <dt>Resource server</dt>
        <dd>{app.resource_server_id ? nameOf(servers, app.resource_server_id) : '—'}</dd>
        <dt>Allowed scopes</dt>
        <dd>{(c.allowed_scopes ?? []).length ? `${(c.allowed_scopes ?? []).length} scopes` : '—'}</dd>
        <dt>Token lifetime</dt>
        <dd>{c.token_configuration ? `${c.token_configuration.expires_after} seconds` : '—'}</dd>
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

type DialogProps = {
  open: boolean;
  app: Application | null;
  servers: ResourceServer[];
  onClose: () => void;
  onSaved: (app: Application) => void;
};

function ApplicationDialog({ open, app, servers, onClose, onSaved }: DialogProps) {
  const { api, realmId } = useConsole();
  const [form, setForm] = useState<Form>(() => formOf(app));
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  /** A text or choice field's value and setter; a choice's value is one of its own options. */
  const bind = <K extends TextKey>(key: K) => ({ value: form[key], onValue: (v: string) => set(key, v as Form[K]) });
  const server = servers.find((s) => s.id === form.resource_server_id);
  const save = useAction(async () => {
    const body = {
      application: {
        display_name: form.display_name.trim(),
        protocol_config: protocolConfigOf(form, app?.protocol_config),
        ...(form.resource_server_id ? { resource_server_id: form.resource_server_id } : {}),
      },
    };
    const saved = app
      ? await api.patch<Application>(realmPath(realmId, `/applications/${app.id}`), body)
      : await api.post<Application>(realmPath(realmId, '/applications'), body);
    onSaved(saved);
  });
  const error = save.error;
  return (
    <FormDialog
      title={app ? `Edit ${app.display_name}` : 'Add application'}
      open={open}
      onClose={onClose}
      onSubmit={() => void save.run()}
      submitLabel={app ? 'Save application' : 'Add application'}
      busy={save.busy}
    >
      <TextField label="Name" required {...bind('display_name')} error={error?.violation('display_name')} />
      <div class="form-row">
        <SelectField label="Protocol" {...bind('type')} options={PROTOCOLS} />
        <SelectField label="Client type" {...bind('confidentiality')} options={CLIENT_TYPES} error={error?.violation('token_endpoint_auth_method')} />
      </div>
      <Checklist
        legend="Grant types"
        options={GRANTS}
        selected={form.grant_type}
        onChange={(v) => set('grant_type', v)}
        error={error?.violation('grant_type')}
      />
      <TextArea label="Redirect URIs" hint="One per line." {...bind('redirect_uris')} error={error?.violation('redirect_uris')} />
      <SelectField
        label="Resource server"
        value={form.resource_server_id}
        onValue={(v) => setForm((f) => ({ ...f, resource_server_id: v, allowed_scopes: [] }))}
        options={[{ value: '', label: 'None' }, ...servers.map((s) => ({ value: s.id, label: s.display_name }))]}
        error={error?.violation('resource_server_id')}
      />
      {server ? (
        <Checklist
          legend="Allowed scopes"
          options={server.scopes.map((s) => ({ value: s, label: s }))}
          selected={form.allowed_scopes}
          onChange={(v) => set('allowed_scopes', v)}
          empty="This resource server has no scopes."
          error={error?.violation('allowed_scopes')}
        />
      ) : null}
      <div class="form-row">
        <TextField
          label="Token lifetime (seconds)"
          type="number"
          hint="At most 7776000 (90 days)."
          {...bind('expires_after')}
          error={error?.violation('expires_after')}
        />
        <SelectField label="PKCE" {...bind('pkce')} options={PKCE_METHODS} />
      </div>
      <ErrorNotice error={error} />
    </FormDialog>
  );
}
