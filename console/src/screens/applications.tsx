import { useState } from 'preact/hooks';
import type { Application, ResourceServer } from '../access-types';
import { realmPath, useConsole } from '../context';
import { useLoad } from '../hooks';
import { listAll, nameOf } from '../list-all';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CopyField } from '../ui/copy';
import { Dialog } from '../ui/dialog';
import { useDialogState } from '../ui/form-dialog';
import { LoadedTable } from '../ui/loaded-view';
import { Notice } from '../ui/notice';
import { RowActions } from '../ui/row-actions';
import { managedNameColumn } from '../ui/table';
import { useConfirm } from '../ui/use-confirm';
import { ApplicationDialog } from './application-dialog';
import { ApplicationFacts, ConnectionDetails } from './application-facts';
import { isSaml, kindOf, signsPeopleIn } from './application-form';
import type { ScreenProps } from './catalog';

const KIND_LABELS = { sign_in: 'Sign-in (OIDC)', machine: 'Machine to machine', both: 'Sign-in and machine' } as const;

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
  /** An application as the reply that created it or issued its secret gave it: the one time its secret is known. */
  const [issued, setIssued] = useState<Application | null>(null);
  const remove = useConfirm(
    (app: Application) => api.delete(realmPath(realmId, `/applications/${app.id}`)),
    (app) => {
      apps.reload();
      announce(`Application ${app.display_name} deleted`);
    },
  );
  const rotate = useConfirm(
    async (app: Application) => setIssued(await api.post<Application>(realmPath(realmId, `/applications/${app.id}:rotateSecret`))),
    (app) => announce(`New client secret issued for ${app.display_name}`),
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
            cell: (a) =>
              isSaml(a)
                ? 'SAML service provider'
                : `${KIND_LABELS[kindOf(a.protocol_config)]} · ${a.protocol_config.confidentiality ?? 'confidential'}`,
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
                  onEdit={api.can('applications:update') && !isSaml(a) ? () => editor.open(a) : undefined}
                  onDelete={api.can('applications:delete') ? () => remove.ask(a) : undefined}
                >
                  {api.can('applications:update') && a.protocol_config.confidentiality !== 'public' && !isSaml(a) ? (
                    <Button aria-label={`New secret for ${a.display_name}`} onClick={() => rotate.ask(a)}>
                      New secret
                    </Button>
                  ) : null}
                </RowActions>
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
            const added = !editor.state?.item;
            editor.close();
            apps.reload();
            announce(`Application ${saved.display_name} ${added ? 'added' : 'saved'}`);
            // A new application that signs people in shows what its developer needs even without a secret.
            if (saved.protocol_config.client_secret || (added && signsPeopleIn(saved))) setIssued(saved);
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
        {issued?.protocol_config.client_secret ? (
          <>
            <Notice>Copy the client secret now: the console cannot show it again.</Notice>
            <CopyField label="Client secret" value={issued.protocol_config.client_secret} secret />
          </>
        ) : (
          <Notice>A public client has no secret: it proves itself with PKCE.</Notice>
        )}
        {issued ? <ConnectionDetails app={issued} /> : null}
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
      <ConfirmDialog
        {...rotate.dialog}
        title="Issue a new client secret"
        message={
          <p>Issue a new secret for {rotate.target?.display_name}? The current one stops working at once; tokens issued before keep working.</p>
        }
        confirmLabel="Issue new secret"
      />
    </section>
  );
}
