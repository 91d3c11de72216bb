import { useEffect, useRef, useState } from 'preact/hooks';
import { realmPath, useConsole } from '../context';
import { formatTime, titleCase } from '../format';
import { useAction, useLoad } from '../hooks';
import type { BindingJob, Credential, Identity, Reply } from '../types';
import { Button } from '../ui/button';
import { CopyField } from '../ui/copy';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Dialog } from '../ui/dialog';
import { ErrorNotice, Notice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { DataTable } from '../ui/table';
import { useConfirm } from '../ui/use-confirm';
import { MAX_PAGE, identityLabel } from './directory';

/** Jobs whose link may still be used; revoking one makes its link stop working. */
const OPEN_JOB_STATES = new Set(['LINK_SENT', 'LINK_OPENED', 'REQUEST_DELIVERED']);

/**
 * The identity's passkeys (credentials) and the enrollment links made for it. "Add passkey"
 * creates a credential binding job: RETURN shows the link to copy, EMAIL sends it.
 */
export function IdentityPasskeys({ identity, onEnrollmentChanged }: { identity: Identity; onEnrollmentChanged: () => void }) {
  const { api, realmId, announce } = useConsole();
  const base = realmPath(realmId, `/identities/${identity.id}`);
  const credentials = useLoad(
    () => (api.can('credentials:read') ? api.get<Reply<'ListCredentials'>>(`${base}/credentials?page_size=${MAX_PAGE}`) : Promise.resolve(undefined)),
    [api, base],
  );
  const jobs = useLoad(
    () =>
      api.can('credential-binding-jobs:read')
        ? api.get<Reply<'ListCredentialBindingJobs'>>(`${base}/credential-binding-jobs?page_size=${MAX_PAGE}`)
        : Promise.resolve(undefined),
    [api, base],
  );
  const [adding, setAdding] = useState(false);
  const name = identityLabel(identity);
  const refresh = () => {
    credentials.reload();
    jobs.reload();
    onEnrollmentChanged();
  };
  const revoke = useConfirm(
    (credential: Credential) => api.post(`${base}/credentials/${credential.id}:revoke`),
    () => {
      announce(`Revoked a passkey of ${name}.`);
      refresh();
    },
  );
  const revokeJob = useConfirm(
    (job: BindingJob) => api.post(`${base}/credential-binding-jobs/${job.id}:revoke`),
    () => {
      announce('Revoked the enrollment link.');
      jobs.reload();
    },
  );

  const rows = [...(credentials.data?.credentials ?? [])].sort((a, b) => b.create_time.localeCompare(a.create_time));
  const links = [...(jobs.data?.credential_binding_jobs ?? [])].sort((a, b) => b.create_time.localeCompare(a.create_time));
  return (
    <div>
      <div class="section-head">
        <h2>Passkeys</h2>
        <div class="actions">
          <Button onClick={refresh} busy={credentials.loading || jobs.loading}>
            Refresh
          </Button>
          {api.can('credential-binding-jobs:create') ? (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add passkey
            </Button>
          ) : null}
        </div>
      </div>
      {!api.can('credentials:read') ? <Notice>Your roles do not include credentials:read, so the passkeys cannot be shown.</Notice> : null}
      <LoadedView loaded={credentials} label="Loading passkeys…">
        {(data) =>
          data ? (
            <DataTable
              caption={`Passkeys of ${name}`}
              rows={rows}
              rowKey={(c) => c.id}
              empty={`${name} has no passkey yet. Add passkey makes an enrollment link.`}
              columns={[
                { header: 'Passkey', cell: (c) => <code title={c.id}>{c.id.length > 16 ? `${c.id.slice(0, 16)}…` : c.id}</code> },
                { header: 'Type', cell: (c) => c.csr_type, wide: true },
                {
                  header: 'State',
                  cell: (c) => <span class={`badge ${c.state === 'ACTIVE' ? 'badge-good' : 'badge-bad'}`}>{titleCase(c.state)}</span>,
                },
                { header: 'Added', cell: (c) => formatTime(c.create_time), wide: true },
                {
                  header: 'Actions',
                  cell: (c) =>
                    c.state === 'ACTIVE' && api.can('credentials:revoke') ? (
                      <Button variant="link" onClick={() => revoke.ask(c)} aria-label={`Revoke passkey ${c.id}`}>
                        Revoke
                      </Button>
                    ) : c.state === 'REVOKED' ? (
                      <span class="hint">Revoked {formatTime(c.update_time)}</span>
                    ) : null,
                },
              ]}
            />
          ) : null
        }
      </LoadedView>

      {jobs.data ? (
        <>
          <h2>Enrollment links</h2>
          <ErrorNotice error={jobs.error} />
          <DataTable
            caption={`Enrollment links of ${name}`}
            rows={links}
            rowKey={(job) => job.id}
            empty="No enrollment link has been made for this identity."
            columns={[
              { header: 'Delivery', cell: (job) => (job.delivery_method === 'EMAIL' ? 'Email' : 'Link') },
              { header: 'State', cell: (job) => titleCase(job.state) },
              { header: 'Created', cell: (job) => formatTime(job.create_time), wide: true },
              { header: 'Expires', cell: (job) => formatTime(job.expire_time), wide: true },
              {
                header: 'Actions',
                cell: (job) =>
                  OPEN_JOB_STATES.has(job.state) && api.can('credential-binding-jobs:revoke') ? (
                    <Button variant="link" onClick={() => revokeJob.ask(job)} aria-label={`Revoke enrollment link ${job.id}`}>
                      Revoke link
                    </Button>
                  ) : null,
              },
            ]}
          />
        </>
      ) : null}

      <AddPasskeyDialog identity={identity} open={adding} onClose={() => setAdding(false)} onCreated={refresh} />
      <ConfirmDialog
        {...revoke.dialog}
        title="Revoke passkey"
        confirmLabel="Revoke passkey"
        message={
          <>
            <p>This passkey will no longer sign {name} in, and the sessions it started end now. This cannot be undone.</p>
            {api.identity?.id === identity.id ? (
              <Notice kind="error">This is you: if it is the passkey you signed in with, you will be signed out.</Notice>
            ) : null}
          </>
        }
      />
      <ConfirmDialog
        {...revokeJob.dialog}
        title="Revoke enrollment link"
        confirmLabel="Revoke link"
        message={<p>The link stops working; a passkey already enrolled through it stays.</p>}
      />
    </div>
  );
}

type Delivery = 'RETURN' | 'EMAIL';
type Created = Reply<'CreateCredentialBindingJob'>;

function AddPasskeyDialog({ identity, open, onClose, onCreated }: { identity: Identity; open: boolean; onClose: () => void; onCreated: () => void }) {
  const { api, realmId } = useConsole();
  const email = identity.traits.primary_email_address;
  const [delivery, setDelivery] = useState<Delivery>('RETURN');
  const [result, setResult] = useState<Created | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  // The button that was pressed is gone once the link is made: put focus on what to do next.
  useEffect(() => {
    if (result) outcome.current?.closest('dialog')?.querySelector<HTMLElement>('.copy-field input, .dialog-actions [type="submit"]')?.focus();
  }, [result]);
  const create = useAction((method: Delivery) =>
    api.post<Created>(realmPath(realmId, `/identities/${identity.id}/credential-binding-jobs`), { job: { delivery_method: method } }),
  );
  useEffect(() => {
    if (!open) return;
    setResult(null);
    setDelivery('RETURN');
    create.clearError();
  }, [open]);
  const submit = async () => {
    if (result) return onClose();
    const created = await create.run(delivery);
    if (!created) return;
    setResult(created);
    onCreated();
  };
  const name = identityLabel(identity);
  return (
    <Dialog
      title={`Add a passkey for ${name}`}
      open={open}
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        result ? (
          <Button type="submit" variant="primary">
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" busy={create.busy}>
              {delivery === 'EMAIL' ? 'Send email' : 'Create link'}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <div ref={outcome}>
          {result.credential_binding_link ? (
            <>
              <Notice kind="success">
                The enrollment link is ready. Give it to {name}: it works once, until {formatTime(result.credential_binding_job.expire_time)}.
              </Notice>
              <CopyField label="Enrollment link" value={result.credential_binding_link} secret />
              <p class="hint">The link is shown only now. Anyone who opens it can enroll a passkey for {name}.</p>
            </>
          ) : (
            <Notice kind="success">
              An enrollment link was sent to {email}. It works once, until {formatTime(result.credential_binding_job.expire_time)}.
            </Notice>
          )}
        </div>
      ) : (
        <>
          <ErrorNotice error={create.error} />
          <fieldset class="plain">
            <legend class="field-legend">How should {name} get the link?</legend>
            <label class="radio-card">
              <input type="radio" name="delivery" value="RETURN" checked={delivery === 'RETURN'} onChange={() => setDelivery('RETURN')} />
              <div>
                <strong>Show me the link</strong>
                <span>Copy it and hand it over yourself.</span>
              </div>
            </label>
            <label class={`radio-card${email ? '' : ' disabled'}`}>
              <input
                type="radio"
                name="delivery"
                value="EMAIL"
                checked={delivery === 'EMAIL'}
                disabled={!email}
                onChange={() => setDelivery('EMAIL')}
              />
              <div>
                <strong>Email it</strong>
                <span>{email ? `Send it to ${email}.` : 'This identity has no email address; add one in Profile first.'}</span>
              </div>
            </label>
          </fieldset>
        </>
      )}
    </Dialog>
  );
}
