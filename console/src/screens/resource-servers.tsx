import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ResourceServer, Role, RoleMembers } from '../access-types';
import { realmPath, useConsole } from '../context';
import { useAction, useLoad } from '../hooks';
import { listAll } from '../list-all';
import type { Group } from '../types';
import { Button, Toggle } from '../ui/button';
import { managedNameColumn } from '../ui/table';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormDialog, useDialogState } from '../ui/form-dialog';
import { AddFromList } from '../ui/add-from-list';
import { TextField } from '../ui/field';
import { IdentitySearch } from '../ui/identity-search';
import { ErrorNotice, Loading, Notice } from '../ui/notice';
import { LoadedTable } from '../ui/loaded-view';
import { RowActions } from '../ui/row-actions';
import { TextArea, lines } from '../ui/text-area';
import { useConfirm } from '../ui/use-confirm';
import type { ScreenProps } from './catalog';

export function ResourceServersScreen(_props: ScreenProps) {
  const { api, realmId, announce } = useConsole();
  const servers = useLoad(() => listAll<ResourceServer>(api, realmPath(realmId, '/resource-servers'), 'resource_servers'), [realmId]);
  const editor = useDialogState<ResourceServer>();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = servers.data?.find((s) => s.id === selectedId) ?? null;

  const remove = useConfirm(
    (server: ResourceServer) => api.delete(realmPath(realmId, `/resource-servers/${server.id}`)),
    (server) => {
      if (selectedId === server.id) setSelectedId(null);
      servers.reload();
      announce(`Resource server ${server.display_name} deleted`);
    },
  );

  return (
    <section>
      <div class="toolbar">
        <h1 tabIndex={-1} class="grow">
          Resource servers and roles
        </h1>
        {api.can('resource-servers:create') ? (
          <Button variant="primary" onClick={() => editor.open(null)}>
            Add resource server
          </Button>
        ) : null}
      </div>
      <p class="hint">A resource server is an API with its scopes; its roles give those scopes to identities and groups.</p>
      <LoadedTable
        loaded={servers}
        caption="Resource servers"
        empty="No resource servers in this realm yet."
        columns={[
          managedNameColumn(),
          { header: 'Identifier', cell: (s) => <code>{s.identifier}</code>, wide: true },
          { header: 'Scopes', cell: (s) => String(s.scopes.length), wide: true },
          {
            header: 'Actions',
            cell: (s) => (
              <RowActions
                name={s.display_name}
                onEdit={!s.is_managed && api.can('resource-servers:update') ? () => editor.open(s) : undefined}
                onDelete={!s.is_managed && api.can('resource-servers:delete') ? () => remove.ask(s) : undefined}
              >
                <Toggle pressed={selectedId === s.id} label={`Roles of ${s.display_name}`} onToggle={(on) => setSelectedId(on ? s.id : null)}>
                  Roles
                </Toggle>
              </RowActions>
            ),
          },
        ]}
      />

      {selected ? <Roles key={selected.id} server={selected} /> : null}

      {editor.state ? (
        <ServerDialog
          key={editor.state.key}
          open={editor.state.open}
          server={editor.state.item}
          onClose={editor.close}
          onSaved={(saved) => {
            editor.close();
            servers.reload();
            announce(`Resource server ${saved.display_name} saved`);
          }}
        />
      ) : null}
      <ConfirmDialog
        {...remove.dialog}
        title="Delete resource server"
        message={<p>Delete {remove.target?.display_name} and all its roles?</p>}
        confirmLabel="Delete resource server"
      />
    </section>
  );
}

function ServerDialog({
  open,
  server,
  onClose,
  onSaved,
}: {
  open: boolean;
  server: ResourceServer | null;
  onClose: () => void;
  onSaved: (s: ResourceServer) => void;
}) {
  const { api, realmId } = useConsole();
  const [name, setName] = useState(server?.display_name ?? '');
  const [identifier, setIdentifier] = useState(server?.identifier ?? '');
  const [scopes, setScopes] = useState((server?.scopes ?? []).join('\n'));
  const save = useAction(async () => {
    const body = { resource_server: { display_name: name.trim(), identifier: identifier.trim(), scopes: lines(scopes) } };
    const saved = server
      ? await api.patch<ResourceServer>(realmPath(realmId, `/resource-servers/${server.id}`), body)
      : await api.post<ResourceServer>(realmPath(realmId, '/resource-servers'), body);
    onSaved(saved);
  });
  const error = save.error;
  return (
    <FormDialog
      title={server ? `Edit ${server.display_name}` : 'Add resource server'}
      open={open}
      onClose={onClose}
      onSubmit={() => void save.run()}
      submitLabel={server ? 'Save' : 'Add resource server'}
      busy={save.busy}
    >
      <TextField label="Name" required value={name} onValue={setName} error={error?.violation('display_name')} />
      <TextField
        label="Identifier"
        required
        hint="Unique in the realm; the audience (aud) of its tokens, e.g. https://api.example.com."
        value={identifier}
        onValue={setIdentifier}
        error={error?.violation('identifier')}
      />
      <TextArea
        label="Scopes"
        hint="One per line, no spaces (e.g. orders:read)."
        rows={5}
        value={scopes}
        onValue={setScopes}
        error={error?.violation('scopes')}
      />
      {error && !error.violation('display_name') && !error.violation('identifier') && !error.violation('scopes') ? (
        <ErrorNotice error={error} />
      ) : null}
    </FormDialog>
  );
}

function Roles({ server }: { server: ResourceServer }) {
  const { api, realmId, announce } = useConsole();
  const base = realmPath(realmId, `/resource-servers/${server.id}/roles`);
  const roles = useLoad(() => listAll<Role>(api, base, 'roles'), [base]);
  const editor = useDialogState<Role>();
  const [roleId, setRoleId] = useState<string | null>(null);
  const role = roles.data?.find((r) => r.id === roleId) ?? null;
  const remove = useConfirm(
    (r: Role) => api.delete(`${base}/${r.id}`),
    (r) => {
      if (roleId === r.id) setRoleId(null);
      roles.reload();
      announce(`Role ${r.display_name} deleted`);
    },
  );
  return (
    <section class="panel" aria-labelledby="roles-title">
      <div class="toolbar">
        <h2 id="roles-title" class="grow">
          Roles of {server.display_name}
        </h2>
        {api.can('roles:create') ? (
          <Button variant="primary" onClick={() => editor.open(null)}>
            Add role
          </Button>
        ) : null}
      </div>
      <LoadedTable
        loaded={roles}
        caption={`Roles of ${server.display_name}`}
        empty="No roles yet."
        columns={[
          { header: 'Role', cell: (r) => r.display_name },
          { header: 'Description', cell: (r) => r.description || '—', wide: true },
          {
            header: 'Actions',
            cell: (r) => (
              <RowActions
                name={`role ${r.display_name}`}
                onEdit={api.can('roles:update') ? () => editor.open(r) : undefined}
                onDelete={api.can('roles:delete') ? () => remove.ask(r) : undefined}
              >
                <Toggle pressed={roleId === r.id} label={`Members and scopes of ${r.display_name}`} onToggle={(on) => setRoleId(on ? r.id : null)}>
                  Members and scopes
                </Toggle>
              </RowActions>
            ),
          },
        ]}
      />
      {role ? <RoleDetail key={role.id} server={server} role={role} base={`${base}/${role.id}`} /> : null}
      {editor.state ? (
        <RoleDialog
          key={editor.state.key}
          open={editor.state.open}
          role={editor.state.item}
          base={base}
          onClose={editor.close}
          onSaved={(saved) => {
            editor.close();
            roles.reload();
            announce(`Role ${saved.display_name} saved`);
          }}
        />
      ) : null}
      <ConfirmDialog
        {...remove.dialog}
        title="Delete role"
        message={<p>Delete the role {remove.target?.display_name}? Only a role without scopes or members can be deleted: remove them first.</p>}
        confirmLabel="Delete role"
      />
    </section>
  );
}

function RoleDialog({
  open,
  role,
  base,
  onClose,
  onSaved,
}: {
  open: boolean;
  role: Role | null;
  base: string;
  onClose: () => void;
  onSaved: (r: Role) => void;
}) {
  const { api } = useConsole();
  const [name, setName] = useState(role?.display_name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const save = useAction(async () => {
    const body = { role: { display_name: name.trim(), description } };
    onSaved(role ? await api.patch<Role>(`${base}/${role.id}`, body) : await api.post<Role>(base, body));
  });
  return (
    <FormDialog
      title={role ? `Edit role ${role.display_name}` : 'Add role'}
      open={open}
      onClose={onClose}
      onSubmit={() => void save.run()}
      submitLabel={role ? 'Save role' : 'Add role'}
      busy={save.busy}
    >
      <TextField label="Name" required value={name} onValue={setName} error={save.error?.violation('display_name')} />
      <TextField label="Description" value={description} onValue={setDescription} error={save.error?.violation('description')} />
      {save.error && save.error.fieldViolations.length === 0 ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}

function RoleDetail({ server, role, base }: { server: ResourceServer; role: Role; base: string }) {
  const { api, realmId, announce } = useConsole();
  const canUpdate = api.can('roles:update');
  const members = useLoad(() => api.get<RoleMembers>(`${base}:listMembers?groups_page_size=200&identities_page_size=200`), [base]);
  const scopes = useLoad(() => listAll<string>(api, `${base}:listScopes`, 'scopes'), [base]);
  const groups = useLoad(
    () => (canUpdate && api.can('groups:read') ? listAll<Group>(api, realmPath(realmId, '/groups'), 'groups') : Promise.resolve([])),
    [realmId],
  );

  const change = useAction(async (verb: string, body: object, message: string) => {
    await api.post(`${base}:${verb}`, body);
    announce(message);
    if (verb.endsWith('Members')) members.reload();
    else scopes.reload();
  });

  const memberGroupIds = new Set((members.data?.groups ?? []).map((g) => g.id));
  const addableGroups = (groups.data ?? []).filter((g) => !memberGroupIds.has(g.id));
  const roleScopes = new Set(scopes.data ?? []);
  const addableScopes = server.scopes.filter((s) => !roleScopes.has(s));
  const memberItems = members.data && [
    ...members.data.groups.map((g) => ({
      key: g.id,
      label: (
        <>
          <span class="badge">Group</span> {g.display_name}
        </>
      ),
      removeLabel: `Remove group ${g.display_name} from ${role.display_name}`,
      remove: () => change.run('deleteMembers', { group_ids: [g.id] }, `Group ${g.display_name} removed from ${role.display_name}`),
    })),
    ...members.data.identities.map((i) => ({
      key: i.id,
      label: (
        <>
          <span class="badge">Identity</span> {i.display_name} <span class="hint">{i.traits?.username}</span>
        </>
      ),
      removeLabel: `Remove ${i.display_name} from ${role.display_name}`,
      remove: () => change.run('deleteMembers', { identity_ids: [i.id] }, `${i.display_name} removed from ${role.display_name}`),
    })),
  ];
  const scopeItems = scopes.data?.map((s) => ({
    key: s,
    label: <code>{s}</code>,
    removeLabel: `Remove scope ${s}`,
    remove: () => change.run('deleteScopes', { scopes: [s] }, `Scope ${s} removed`),
  }));
  return (
    <section class="role-detail" aria-labelledby="role-detail-title">
      <h3 id="role-detail-title">{role.display_name}</h3>
      <ErrorNotice error={change.error} />
      <div class="two-columns">
        <div>
          <h4>Members</h4>
          <ErrorNotice error={members.error} />
          <RemovableList items={memberItems} empty="No members." listClass="member-list" canRemove={canUpdate} />
          {canUpdate ? (
            <>
              <AddFromList
                label="Add a group"
                options={addableGroups.map((g) => ({ value: g.id, label: g.display_name }))}
                addLabel="Add group"
                busy={change.busy}
                onAdd={(id) =>
                  change.run(
                    'addMembers',
                    { group_ids: [id] },
                    `Group ${addableGroups.find((g) => g.id === id)?.display_name ?? id} added to ${role.display_name}`,
                  )
                }
              />
              <IdentitySearch
                label="Add an identity"
                exclude={(members.data?.identities ?? []).map((i) => i.id)}
                onPick={(i) => void change.run('addMembers', { identity_ids: [i.id] }, `${i.display_name} added to ${role.display_name}`)}
              />
            </>
          ) : null}
        </div>
        <div>
          <h4>Scopes</h4>
          <ErrorNotice error={scopes.error} />
          <RemovableList items={scopeItems} empty="No scopes." listClass="member-list scope-grid" canRemove={canUpdate} />
          {canUpdate ? (
            <AddFromList
              label="Add a scope"
              options={addableScopes.map((scope) => ({ value: scope, label: scope }))}
              addLabel="Add scope"
              busy={change.busy}
              onAdd={(scope) => change.run('addScopes', { scopes: [scope] }, `Scope ${scope} added to ${role.display_name}`)}
            />
          ) : null}
          {server.is_managed ? <Notice>Scopes of the Management API decide what holders may do in this console and the API.</Notice> : null}
        </div>
      </div>
    </section>
  );
}

interface RemovableItem {
  key: string;
  label: ComponentChildren;
  /** The Remove button's name for a screen reader. */
  removeLabel: string;
  remove: () => Promise<unknown>;
}

/** A role's members or scopes, each with a Remove button for those who may change the role; a spinner until they come. */
function RemovableList({
  items,
  empty,
  listClass,
  canRemove,
}: {
  items: RemovableItem[] | undefined;
  empty: string;
  listClass: string;
  canRemove: boolean;
}) {
  if (!items) return <Loading />;
  if (items.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ul class={listClass}>
      {items.map((item) => (
        <li key={item.key}>
          {item.label}
          {canRemove ? (
            <Button variant="link" aria-label={item.removeLabel} onClick={() => void item.remove()}>
              Remove
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
