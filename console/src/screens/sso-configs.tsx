import { useState } from 'preact/hooks';
import type { components } from '../api-types.gen';
import { realmPath, useConsole } from '../context';
import { useAction, useLoad } from '../hooks';
import { listAll } from '../list-all';
import type { Reply } from '../types';
import { AddFromList } from '../ui/add-from-list';
import { Button, Toggle } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CopyField } from '../ui/copy';
import { Dialog } from '../ui/dialog';
import { CheckboxField, SelectField, TextField } from '../ui/field';
import { FormDialog } from '../ui/form-dialog';
import { LoadedTable } from '../ui/loaded-view';
import { ErrorNotice, Notice } from '../ui/notice';
import { RowActions } from '../ui/row-actions';
import { useConfirm } from '../ui/use-confirm';
import type { ScreenProps } from './catalog';

type SsoConfig = components['schemas']['SsoConfig'];
type Group = components['schemas']['Group'];

/** The types the console makes; the others (stored only) are listed and deleted here, made through the API. */
const MADE_HERE = [
  { value: 'bookmark', label: 'Bookmark (a tile with a link)' },
  { value: 'generic_oidc', label: 'OpenID Connect application' },
  { value: 'scim', label: "SCIM client (credentials for yonder's SCIM server)" },
] as const;
type MadeHere = (typeof MADE_HERE)[number]['value'];

/**
 * The realm's SSO configs ("SSO apps"): what people see in the app launcher and sign in to. Each
 * row opens who is assigned to it (groups, and identities directly or through them).
 */
export function SsoConfigsScreen({ params }: ScreenProps) {
  const realmId = params.realm_id ?? '';
  const { api, announce } = useConsole();
  const configs = useLoad(() => listAll<SsoConfig>(api, realmPath(realmId, '/sso-configs'), 'sso_configs'), [api, realmId]);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<SsoConfig | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const remove = useConfirm(
    (config: SsoConfig) => api.delete(realmPath(realmId, `/sso-configs/${config.id}`)),
    (config) => {
      if (selectedId === config.id) setSelectedId(null);
      configs.reload();
      announce(`SSO app ${config.display_name} deleted`);
    },
  );
  const secrets = created ? (created.payload as Record<string, unknown>) : {};

  return (
    <section>
      <div class="toolbar">
        <h1 tabIndex={-1} class="grow">
          SSO apps
        </h1>
        {api.can('sso-configs:create') ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add SSO app
          </Button>
        ) : null}
      </div>
      <p class="hint">
        People see the apps assigned to them (directly or through a group) in the app launcher, and only they may sign in to an OpenID Connect app
        made here. Launcher: <code>/hosted/tenants/…/realms/{realmId}/apps</code>.
      </p>
      <LoadedTable
        loaded={configs}
        caption="SSO apps"
        empty="No SSO apps yet."
        columns={[
          { header: 'Name', cell: (c) => c.display_name },
          { header: 'Type', cell: (c) => <code>{c.payload.type}</code> },
          {
            header: 'Actions',
            cell: (c) => (
              <RowActions name={c.display_name} onDelete={api.can('sso-configs:delete') ? () => remove.ask(c) : undefined}>
                <Toggle pressed={selectedId === c.id} label={`Assignments of ${c.display_name}`} onToggle={(on) => setSelectedId(on ? c.id : null)}>
                  Assignments
                </Toggle>
              </RowActions>
            ),
          },
        ]}
      />
      {selectedId ? <Assignments key={selectedId} realmId={realmId} configId={selectedId} /> : null}
      {adding ? (
        <AddDialog
          realmId={realmId}
          onClose={() => setAdding(false)}
          onCreated={(config) => {
            setAdding(false);
            setCreated(config);
            configs.reload();
          }}
        />
      ) : null}
      <Dialog
        title="SSO app added"
        open={created !== null && typeof secrets.client_id === 'string'}
        onClose={() => setCreated(null)}
        actions={
          <Button variant="primary" onClick={() => setCreated(null)}>
            Done
          </Button>
        }
      >
        <Notice>Copy the client secret now: it is shown only this once.</Notice>
        <CopyField label="Client id" value={String(secrets.client_id ?? '')} />
        {typeof secrets.client_secret === 'string' ? <CopyField label="Client secret" value={secrets.client_secret} secret /> : null}
        {typeof secrets.scim_url === 'string' ? <CopyField label="SCIM URL" value={secrets.scim_url} /> : null}
        {typeof secrets.token_endpoint === 'string' ? <CopyField label="Token endpoint" value={secrets.token_endpoint} /> : null}
      </Dialog>
      <ConfirmDialog
        {...remove.dialog}
        title="Delete SSO app"
        message={<p>Delete {remove.target?.display_name}, its assignments and the application made for it?</p>}
        confirmLabel="Delete SSO app"
      />
    </section>
  );
}

function AddDialog({ realmId, onClose, onCreated }: { realmId: string; onClose: () => void; onCreated: (config: SsoConfig) => void }) {
  const { api } = useConsole();
  const [type, setType] = useState<MadeHere>('bookmark');
  const [name, setName] = useState('');
  const [link, setLink] = useState('');
  const [redirectUri, setRedirectUri] = useState('');
  const [visible, setVisible] = useState(true);
  const create = useAction(async () => {
    const payload =
      type === 'bookmark'
        ? { type, login_link: link.trim(), is_tile_visible: visible }
        : type === 'generic_oidc'
          ? {
              type,
              redirect_uris: [redirectUri.trim()],
              scopes: ['openid', 'profile', 'email'],
              confidentiality: 'confidential',
              pkce: 's256',
              is_tile_visible: visible,
              ...(link.trim() ? { login_link: link.trim() } : {}),
            }
          : { type };
    onCreated(await api.post<SsoConfig>(realmPath(realmId, '/sso-configs'), { sso_config: { display_name: name.trim(), payload } }));
  });
  const error = create.error;
  return (
    <FormDialog title="Add SSO app" open onClose={onClose} onSubmit={() => void create.run()} submitLabel="Add SSO app" busy={create.busy}>
      <SelectField label="Type" value={type} onValue={(value) => setType(value as MadeHere)} options={[...MADE_HERE]} />
      <TextField label="Name" required value={name} onValue={setName} error={error?.violation('sso_config.display_name')} />
      {type === 'generic_oidc' ? (
        <TextField
          label="Redirect URI"
          required
          type="url"
          value={redirectUri}
          onValue={setRedirectUri}
          error={error?.violation('sso_config.payload.redirect_uris.0')}
        />
      ) : null}
      {type !== 'scim' ? (
        <TextField
          label="Login link"
          required={type === 'bookmark'}
          type="url"
          hint="Where the launcher's tile leads."
          value={link}
          onValue={setLink}
          error={error?.violation('sso_config.payload.login_link')}
        />
      ) : null}
      {type !== 'scim' ? <CheckboxField label="Show in the app launcher" checked={visible} onChecked={setVisible} /> : null}
      {error && error.fieldViolations.length === 0 ? <ErrorNotice error={error} /> : null}
    </FormDialog>
  );
}

/** Who is assigned to a config: its groups (added and removed here) and everyone it reaches. */
function Assignments({ realmId, configId }: { realmId: string; configId: string }) {
  const { api, announce } = useConsole();
  const base = realmPath(realmId, `/sso-configs/${configId}`);
  const groups = useLoad(async () => (await api.get<Reply<'ListGroupsForSSOConfig'>>(`${base}:listGroupAssociations`)).groups ?? [], [base]);
  const people = useLoad(
    async () => (await api.get<Reply<'ListIdentitiesForSsoConfig'>>(`${base}:listIdentityAssociations?page_size=200`)).identities,
    [base],
  );
  const allGroups = useLoad(() => listAll<Group>(api, realmPath(realmId, '/groups'), 'groups'), [realmId]);
  const change = useAction(async (verb: 'addGroups' | 'deleteGroups', groupId: string) => {
    await api.post(`${base}:${verb}`, { group_ids: [groupId] });
    groups.reload();
    people.reload();
    announce(verb === 'addGroups' ? 'Group assigned' : 'Group unassigned');
  });
  const assigned = new Set((groups.data ?? []).map((g) => g.id));
  const canChange = api.can('sso-configs:update');
  return (
    <div class="panel">
      <h2>Assigned groups</h2>
      <ErrorNotice error={change.error} />
      <LoadedTable
        loaded={groups}
        caption="Groups assigned"
        empty="No group is assigned."
        columns={[
          { header: 'Group', cell: (g) => g.display_name ?? g.id },
          { header: 'Members', cell: (g) => String(g.member_count ?? 0) },
          {
            header: 'Actions',
            cell: (g) =>
              canChange ? (
                <Button aria-label={`Unassign ${g.display_name}`} onClick={() => void change.run('deleteGroups', g.id ?? '')}>
                  Unassign
                </Button>
              ) : null,
          },
        ]}
      />
      {canChange ? (
        <AddFromList
          label="Assign a group"
          addLabel="Assign"
          busy={change.busy}
          options={(allGroups.data ?? []).filter((g) => !assigned.has(g.id)).map((g) => ({ value: g.id, label: g.display_name }))}
          onAdd={(groupId) => change.run('addGroups', groupId)}
        />
      ) : null}
      <h2>Everyone assigned</h2>
      <LoadedTable
        loaded={people}
        caption="Identities assigned, directly or through a group"
        empty="Nobody is assigned."
        columns={[
          { header: 'Identity', cell: (i) => i.display_name ?? i.id },
          { header: 'Through', cell: (i) => i.group_display_name ?? 'directly' },
        ]}
      />
    </div>
  );
}
