import { useState } from 'preact/hooks';
import { realmPath, useConsole } from '../context';
import { navigate } from '../router';
import { formatTime, titleCase } from '../format';
import { useAction, useLoad } from '../hooks';
import type { Realm, Tenant } from '../types';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormDialog, useDialogState } from '../ui/form-dialog';
import { SelectField, TextField } from '../ui/field';
import { ErrorNotice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { DataTable } from '../ui/table';
import type { ScreenProps } from './catalog';

export function SettingsScreen(_props: ScreenProps) {
  const { api, realmId, realms, reloadRealms, announce } = useConsole();
  const tenant = useLoad(() => api.get<Tenant>(''), [api]);
  const [name, setName] = useState<string | null>(null);
  const editor = useDialogState<Realm>();
  const [deleting, setDeleting] = useState<Realm | null>(null);
  const saveTenant = useAction(async () => {
    const saved = await api.patch<Tenant>('', { tenant: { display_name: (name ?? '').trim() } });
    setName(null);
    tenant.reload();
    announce(`Tenant renamed to ${saved.display_name}`);
  });
  const remove = useAction(async (realm: Realm) => {
    await api.delete(realmPath(realm.id));
    setDeleting(null);
    // The screen cannot stay on a realm that is gone.
    if (realm.id === realmId) navigate(`/realms/${api.config.admin_realm_id}/settings`, { replace: true });
    reloadRealms();
    announce(`Realm ${realm.display_name} deleted`);
  });
  const adminRealmId = api.config.admin_realm_id;

  return (
    <section>
      <h1 tabIndex={-1}>Tenant settings</h1>
      <LoadedView loaded={tenant}>
        {(data) =>
          data ? (
            <div class="panel">
              <form
                class="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void saveTenant.run();
                }}
              >
                <TextField
                  label="Tenant name"
                  value={name ?? data.display_name}
                  onValue={setName}
                  error={saveTenant.error?.violation('display_name')}
                  required
                />
                {api.can('tenants:update') ? (
                  <Button type="submit" variant="primary" busy={saveTenant.busy} disabled={name === null || name === data.display_name}>
                    Save name
                  </Button>
                ) : null}
              </form>
              {saveTenant.error && !saveTenant.error.violation('display_name') ? <ErrorNotice error={saveTenant.error} /> : null}
              <dl class="facts">
                <dt>Tenant id</dt>
                <dd>
                  <code>{data.id}</code>
                </dd>
                <dt>Created</dt>
                <dd>{formatTime(data.create_time)}</dd>
              </dl>
            </div>
          ) : null
        }
      </LoadedView>

      <div class="toolbar">
        <h2 class="grow">Realms</h2>
        {api.can('realms:create') ? (
          <Button variant="primary" onClick={() => editor.open(null)}>
            Add realm
          </Button>
        ) : null}
      </div>
      <DataTable
        caption="Realms of the tenant"
        rows={realms}
        rowKey={(r) => r.id}
        empty="No realms."
        columns={[
          {
            header: 'Name',
            cell: (r) => (
              <>
                {r.display_name}
                {r.id === adminRealmId ? <span class="badge badge-after">Admin realm</span> : null}
              </>
            ),
          },
          { header: 'Classification', cell: (r) => (r.classification ? titleCase(r.classification) : '—'), wide: true },
          { header: 'Realm id', cell: (r) => <code>{r.id}</code>, wide: true },
          { header: 'Created', cell: (r) => formatTime(r.create_time), wide: true },
          {
            header: 'Actions',
            cell: (r) => (
              <div class="actions">
                {api.can('realms:update') ? (
                  <Button aria-label={`Rename ${r.display_name}`} onClick={() => editor.open(r)}>
                    Rename
                  </Button>
                ) : null}
                {api.can('realms:delete') && r.id !== adminRealmId ? (
                  <Button variant="danger" aria-label={`Delete ${r.display_name}`} onClick={() => setDeleting(r)}>
                    Delete
                  </Button>
                ) : null}
              </div>
            ),
          },
        ]}
      />

      {editor.state ? (
        <RealmDialog
          key={editor.state.key}
          open={editor.state.open}
          realm={editor.state.item}
          onClose={editor.close}
          onSaved={(saved) => {
            editor.close();
            reloadRealms();
            announce(editor.state?.item ? `Realm renamed to ${saved.display_name}` : `Realm ${saved.display_name} added`);
          }}
        />
      ) : null}
      <ConfirmDialog
        title="Delete realm"
        open={deleting !== null}
        message={
          <p>
            Delete the realm {deleting?.display_name}? This cannot be undone. A realm that still holds identities, groups or applications cannot be
            deleted.
          </p>
        }
        confirmLabel="Delete realm"
        busy={remove.busy}
        error={
          remove.error
            ? remove.error.status === 409
              ? `${remove.error.message}: remove its identities, groups and applications first.`
              : remove.error.message
            : undefined
        }
        onClose={() => {
          setDeleting(null);
          remove.clearError();
        }}
        onConfirm={() => deleting && void remove.run(deleting)}
      />
    </section>
  );
}

function RealmDialog({ open, realm, onClose, onSaved }: { open: boolean; realm: Realm | null; onClose: () => void; onSaved: (r: Realm) => void }) {
  const { api } = useConsole();
  const [name, setName] = useState(realm?.display_name ?? '');
  const [classification, setClassification] = useState(realm?.classification ?? 'SECURE_CUSTOMER');
  const save = useAction(async () => {
    const body = { realm: { display_name: name.trim(), ...(realm ? {} : { classification }) } };
    onSaved(realm ? await api.patch<Realm>(realmPath(realm.id), body) : await api.post<Realm>('/realms', body));
  });
  return (
    <FormDialog
      title={realm ? `Rename ${realm.display_name}` : 'Add realm'}
      open={open}
      onClose={onClose}
      onSubmit={() => void save.run()}
      submitLabel={realm ? 'Save name' : 'Add realm'}
      busy={save.busy}
    >
      <TextField label="Realm name" required value={name} onValue={setName} error={save.error?.violation('display_name')} />
      {realm ? null : (
        <SelectField
          label="Classification"
          value={classification}
          onValue={setClassification}
          options={[
            { value: 'SECURE_CUSTOMER', label: 'Customers' },
            { value: 'SECURE_WORKFORCE', label: 'Workforce' },
          ]}
        />
      )}
      {save.error && !save.error.violation('display_name') ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
