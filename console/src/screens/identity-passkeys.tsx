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
import { FormDialog } from '../ui/form-dialog';
import { TextField } from '../ui/field';
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
  // yonder's own view of the active passkeys: the names people gave them, device kind, last use.
  const named = useLoad(
    () => (api.can('credentials:read') ? api.get<Reply<'ListPasskeys'>>(`${base}/passkeys`) : Promise.resolve(undefined)),
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
    named.reload();
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
  const endSessions = useConfirm(
    () => api.post<Reply<'SignOutIdentityEverywhere'>>(`${base}:signOutEverywhere`),
    () => announce(`Ended every session of ${name}.`),
  );
  const recovery = useConfirm(
    () => api.post(`${base}:sendRecoveryLink`),
    () => {
      announce(`Sent a recovery link to ${name}.`);
      jobs.reload();
    },
  );
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const revokeJob = useConfirm(
    (job: BindingJob) => api.post(`${base}/credential-binding-jobs/${job.id}:revoke`),
    () => {
      announce('Revoked the enrollment link.');
      jobs.reload();
    },
  );

  const rows = [...(credentials.data?.credentials ?? [])].sort((a, b) => b.create_time.localeCompare(a.create_time));
  const passkeyOf = new Map((named.data?.passkeys ?? []).map((p) => [p.id, p]));
  const email = identity.traits.primary_email_address;
  const links = [...(jobs.data?.credential_binding_jobs ?? [])].sort((a, b) => b.create_time.localeCompare(a.create_time));
  return (
    <div>
      <div class="section-head">
        <h2>Passkeys</h2>
        <div class="actions">
          <Button onClick={refresh} busy={credentials.loading || jobs.loading}>
            Refresh
          </Button>
          {api.can('credentials:revoke') ? <Button onClick={() => endSessions.ask(identity)}>Sign out everywhere</Button> : null}
          {api.can('credential-binding-jobs:create') && email ? <Button onClick={() => recovery.ask(identity)}>Send recovery link</Button> : null}
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
                {
                  header: 'Passkey',
                  cell: (c) => (
                    <>
                      {passkeyOf.get(c.id)?.name ?? 'Passkey'} <code title={c.id}>{c.id.length > 8 ? `${c.id.slice(0, 8)}…` : c.id}</code>
                    </>
                  ),
                },
                {
                  header: 'Kind',
                  cell: (c) => {
                    const p = passkeyOf.get(c.id);
                    if (!p) return c.csr_type;
                    return `${p.device === 'synced' ? 'Synced' : 'Device-bound'}${p.provider ? ` · ${p.provider}` : ''}`;
                  },
                  wide: true,
                },
                { header: 'Last used', cell: (c) => formatTime(passkeyOf.get(c.id)?.last_used_time ?? undefined), wide: true },
                {
                  header: 'State',
                  cell: (c) => <span class={`badge ${c.state === 'ACTIVE' ? 'badge-good' : 'badge-bad'}`}>{titleCase(c.state)}</span>,
                },
                { header: 'Added', cell: (c) => formatTime(c.create_time), wide: true },
                {
                  header: 'Actions',
                  cell: (c) =>
                    c.state === 'ACTIVE' && api.can('credentials:revoke') ? (
                      <div class="actions">
                        {api.can('identities:update') && passkeyOf.has(c.id) ? (
                          <Button variant="link" onClick={() => setRenaming(passkeyOf.get(c.id) ?? null)} aria-label={`Rename passkey ${c.id}`}>
                            Rename
                          </Button>
                        ) : null}
                        <Button variant="link" onClick={() => revoke.ask(c)} aria-label={`Revoke passkey ${c.id}`}>
                          Revoke
                        </Button>
                      </div>
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
      <RenamePasskeyDialog
        passkey={renaming}
        base={base}
        onClose={() => setRenaming(null)}
        onRenamed={(p) => {
          setRenaming(null);
          announce(`Renamed the passkey to ${p.name}.`);
          named.reload();
        }}
      />
      <ConfirmDialog
        {...endSessions.dialog}
        title="Sign out everywhere"
        confirmLabel="Sign out everywhere"
        message={
          <p>
            Every session of {name} ends now: the hosted sign-in, the Admin Console, and every application signed in through them (their access and
            refresh tokens are revoked). Their passkeys stay.
          </p>
        }
      />
      <ConfirmDialog
        {...recovery.dialog}
        title="Send recovery link"
        confirmLabel="Send link"
        danger={false}
        message={
          <p>
            {email ? `An email goes to ${email}` : 'An email goes out'} with a link that adds a passkey. It works once, within 30 minutes, and leads
            to their account page. Their old passkeys stay.
          </p>
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

type Passkey = Reply<'ListPasskeys'>['passkeys'][number];

function RenamePasskeyDialog({
  passkey,
  base,
  onClose,
  onRenamed,
}: {
  passkey: Passkey | null;
  base: string;
  onClose: () => void;
  onRenamed: (p: Passkey) => void;
}) {
  const { api } = useConsole();
  const [name, setName] = useState('');
  const save = useAction((value: string) => api.post<Passkey>(`${base}/passkeys/${passkey?.id}:rename`, { display_name: value }));
  useEffect(() => {
    if (!passkey) return;
    setName(passkey.name);
    save.clearError();
  }, [passkey]);
  return (
    <FormDialog
      title="Rename passkey"
      open={passkey !== null}
      onClose={onClose}
      busy={save.busy}
      submitLabel="Save name"
      onSubmit={async () => {
        const renamed = await save.run(name);
        if (renamed) onRenamed(renamed);
      }}
    >
      <ErrorNotice error={save.error} />
      <TextField label="Name" value={name} onValue={setName} required hint="The name its person sees on their account page." />
    </FormDialog>
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
