import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, query } from '../api';
import { realmPath, useConsole } from '../context';
import { formatTime } from '../format';
import { useAction, useLoad } from '../hooks';
import type { Identity, Reply } from '../types';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormDialog } from '../ui/form-dialog';
import { TextField } from '../ui/field';
import { Link } from '../ui/link';
import { ErrorNotice, Loading } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { Pager, usePager } from '../ui/pager';
import { useConfirm } from '../ui/use-confirm';
import { DataTable } from '../ui/table';
import {
  EnrollmentBadge,
  GroupChoices,
  MAX_PAGE,
  StatusBadge,
  eachLimited,
  fieldMessage,
  identityLabel,
  identitySearchFilter,
  useDebounced,
} from './directory';
import './directory.css';
import type { ScreenProps } from './catalog';

const PAGE_SIZE = 50;

type Bulk = 'delete' | 'suspend' | 'unsuspend';

/** Directory → Identities: search, page, select, and add identities. */
export function IdentitiesScreen(_props: ScreenProps) {
  const { api, realmId, announce } = useConsole();
  const [text, setText] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const settled = useDebounced(text);
  const [search, setSearch] = useState(settled);
  const pager = usePager();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [adding, setAdding] = useState(false);

  // A page token is tied to the filter it was issued for, so a new search starts at page 1.
  useEffect(() => {
    if (settled === search) return;
    pager.reset();
    setSearch(settled);
    const url = new URL(location.href);
    if (settled.trim()) url.searchParams.set('q', settled.trim());
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  }, [settled]);

  const list = useLoad(
    () =>
      api.get<Reply<'ListIdentities'>>(
        realmPath(realmId, `/identities${query({ page_size: PAGE_SIZE, page_token: pager.pageToken, filter: identitySearchFilter(search) })}`),
      ),
    [api, realmId, search, pager.pageToken],
  );
  useEffect(() => setSelected(new Set()), [list.data]);

  const rows = list.data?.identities ?? [];
  const total = list.data?.total_size;
  const chosen = rows.filter((row) => selected.has(row.id));

  const count = (n: number) => `${n} ${n === 1 ? 'identity' : 'identities'}`;
  const runBulk = useConfirm(
    async (kind: Bulk) => {
      const ids = chosen.map((row) => row.id);
      if (kind === 'delete') return api.post(realmPath(realmId, '/identities:batchDelete'), { ids });
      const status = kind === 'suspend' ? 'suspended' : 'active';
      const failures = await eachLimited(ids, (id) => api.patch(realmPath(realmId, `/identities/${id}`), { identity: { status } }));
      // Some may have changed before one failed: show the list as it now is, and say what failed.
      if (failures.length > 0) {
        list.reload();
        const first = failures[0]?.error;
        throw new ApiError(
          0,
          'partial',
          `${failures.length} of ${ids.length} could not be changed: ${first instanceof Error ? first.message : String(first)}`,
        );
      }
    },
    (kind) => {
      announce(`${kind === 'delete' ? 'Deleted' : kind === 'suspend' ? 'Suspended' : 'Unsuspended'} ${count(chosen.length)}.`);
      list.reload();
    },
  );
  const bulk = runBulk.target;

  const canSelect = api.can('identities:delete') || api.can('identities:update');
  return (
    <section>
      <div class="screen-head">
        <h1 tabIndex={-1}>Identities</h1>
        {api.can('identities:create') ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add identity
          </Button>
        ) : null}
      </div>
      <div class="toolbar" role="search">
        <div class="grow">
          <TextField
            label="Search identities"
            type="search"
            value={text}
            onValue={setText}
            hint="Username or email starting with, or name containing, what you type."
            autoComplete="off"
          />
        </div>
      </div>

      {chosen.length > 0 ? (
        <div class="bulk-bar" role="region" aria-label="Selected identities">
          <span>{chosen.length} selected</span>
          {api.can('identities:update') ? (
            <>
              <Button onClick={() => runBulk.ask('suspend')}>Suspend</Button>
              <Button onClick={() => runBulk.ask('unsuspend')}>Unsuspend</Button>
            </>
          ) : null}
          {api.can('identities:delete') ? (
            <Button variant="danger" onClick={() => runBulk.ask('delete')}>
              Delete
            </Button>
          ) : null}
          <Button variant="link" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}

      <LoadedView loaded={list} label="Loading identities…">
        {() => (
          <div aria-busy={list.loading}>
            <p class="count" aria-live="polite">
              {total === undefined
                ? ''
                : search.trim()
                  ? `${total} matching “${search.trim()}”`
                  : `${total} ${total === 1 ? 'identity' : 'identities'}`}
              {list.loading ? <span class="spinner" aria-label="Updating" /> : null}
            </p>
            <DataTable
              caption="Identities"
              rows={rows}
              rowKey={(row) => row.id}
              selection={canSelect ? { selected, onChange: setSelected } : undefined}
              rowLabel={(row) => identityLabel(row)}
              empty={search.trim() ? `No identity matches “${search.trim()}”.` : 'No identities yet. Add the first one with Add identity.'}
              columns={[
                { header: 'Display name', cell: (row) => <Link to={`/realms/${realmId}/identities/${row.id}`}>{identityLabel(row)}</Link> },
                { header: 'Username', cell: (row) => row.traits.username ?? '—' },
                { header: 'Email', cell: (row) => row.traits.primary_email_address ?? '—', wide: true },
                { header: 'Status', cell: (row) => <StatusBadge status={row.status} /> },
                { header: 'Enrollment', cell: (row) => <EnrollmentBadge status={row.enrollment_status} />, wide: true },
                {
                  header: 'Created',
                  cell: (row) => (
                    <time dateTime={row.create_time} title={row.create_time}>
                      {formatTime(row.create_time)}
                    </time>
                  ),
                  wide: true,
                },
              ]}
            />
            <Pager pager={pager} nextToken={list.data?.next_page_token} />
          </div>
        )}
      </LoadedView>

      <AddIdentityDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(identity, warning) => {
          setAdding(false);
          announce(warning ?? `Added ${identityLabel(identity)}.`);
          list.reload();
        }}
      />
      <ConfirmDialog
        {...runBulk.dialog}
        title={bulk === 'delete' ? 'Delete identities' : bulk === 'suspend' ? 'Suspend identities' : 'Unsuspend identities'}
        confirmLabel={bulk === 'delete' ? `Delete ${chosen.length}` : bulk === 'suspend' ? `Suspend ${chosen.length}` : `Unsuspend ${chosen.length}`}
        danger={bulk !== 'unsuspend'}
        message={
          <>
            <p>
              {bulk === 'delete'
                ? 'These identities, their passkeys and their group memberships will be deleted. This cannot be undone.'
                : bulk === 'suspend'
                  ? 'Suspended identities cannot sign in or enroll a passkey until they are unsuspended.'
                  : 'These identities will be able to sign in again.'}
            </p>
            <ul class="name-list">
              {chosen.slice(0, 10).map((row) => (
                <li key={row.id}>{identityLabel(row)}</li>
              ))}
              {chosen.length > 10 ? <li>and {chosen.length - 10} more</li> : null}
            </ul>
          </>
        }
      />
    </section>
  );
}

type AddProps = {
  open: boolean;
  onClose: () => void;
  /** `warning` says what did not work after the identity was created (a group it could not join). */
  onAdded: (identity: Identity, warning?: string) => void;
};

const EMPTY = { name: '', username: '', email: '', externalId: '' };

/**
 * The seed's "Add identity" dialog: Name, Username, Email, and optionally an external id and
 * groups. The API validates; its field violations are shown on the fields they name.
 */
export function AddIdentityDialog({ open, onClose, onAdded }: AddProps) {
  const { api, realmId } = useConsole();
  const [form, setForm] = useState(EMPTY);
  const [groupIds, setGroupIds] = useState<Set<string>>(new Set());
  const [missing, setMissing] = useState<Record<string, string>>({});
  const canGroups = api.can('groups:read') && api.can('groups:update');
  const groups = useLoad(
    () => (open && canGroups ? api.get<Reply<'ListGroups'>>(realmPath(realmId, `/groups?page_size=${MAX_PAGE}`)) : Promise.resolve(undefined)),
    [open, realmId],
  );

  useEffect(() => {
    if (!open) return;
    setForm(EMPTY);
    setGroupIds(new Set());
    setMissing({});
    add.clearError();
  }, [open]);

  const set = (key: keyof typeof EMPTY) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setMissing((m) => ({ ...m, [key]: '' }));
  };

  const add = useAction(
    useCallback(async () => {
      const traits: Record<string, string> = { type: 'traits_v0', username: form.username.trim() };
      if (form.email.trim()) traits.primary_email_address = form.email.trim();
      if (form.externalId.trim()) traits.external_id = form.externalId.trim();
      const identity = await api.post<Identity>(realmPath(realmId, '/identities'), { identity: { display_name: form.name.trim(), traits } });
      const failures = await eachLimited([...groupIds], (groupId) =>
        api.post(realmPath(realmId, `/groups/${groupId}:addMembers`), { identity_ids: [identity.id] }),
      );
      const names = failures.map((f) => groups.data?.groups.find((g) => g.id === f.item)?.display_name ?? f.item);
      const reason = failures[0]?.error instanceof Error ? failures[0].error.message : '';
      return {
        identity,
        warning: failures.length ? `Added ${identityLabel(identity)}, but could not add it to ${names.join(', ')}: ${reason}` : undefined,
      };
    }, [api, realmId, form, groupIds, groups.data]),
  );

  const submit = async () => {
    // Required fields are checked here so an empty form gets one plain message per field at once.
    const need: Record<string, string> = {};
    if (!form.name.trim()) need.name = 'Enter the name of the identity.';
    if (!form.username.trim()) need.username = 'Enter a username.';
    setMissing(need);
    if (Object.keys(need).length > 0) return;
    const result = await add.run();
    if (result) onAdded(result.identity, result.warning);
  };

  const error = add.error;
  const usernameTaken = error?.status === 409 && /username/i.test(error.message);
  const usernameError =
    missing.username ||
    (usernameTaken
      ? `The username “${form.username.trim()}” is already taken in this realm. Choose another.`
      : fieldMessage(error, 'traits.username', 'Username'));
  const fieldErrors = {
    name: missing.name || fieldMessage(error, 'display_name', 'Name'),
    username: usernameError,
    email: fieldMessage(error, 'traits.primary_email_address', 'Email'),
    externalId: fieldMessage(error, 'traits.external_id', 'External id'),
  };
  // Whatever the fields do not show (a network failure, a violation on another field) goes on top.
  const shownOnFields = usernameTaken || Object.values(fieldErrors).some(Boolean);
  const allGroups = groups.data?.groups ?? [];

  /** A text field's value, setter and message. */
  const field = (key: keyof typeof EMPTY) => ({ value: form[key], onValue: set(key), error: fieldErrors[key], autoComplete: 'off' });

  return (
    <FormDialog title="Add identity" open={open} onClose={onClose} onSubmit={() => void submit()} submitLabel="Add Identity" busy={add.busy}>
      {error && !shownOnFields ? <ErrorNotice error={error} /> : null}
      <TextField label="Name" name="display_name" {...field('name')} required />
      <TextField label="Username" name="username" {...field('username')} required />
      <TextField label="Email" name="email" type="email" {...field('email')} />
      <TextField
        label="External id"
        name="external_id"
        {...field('externalId')}
        hint="Optional: the identity's id in another system, such as your HR directory."
      />
      {canGroups ? (
        <fieldset class="choice-list">
          <legend>Groups (optional)</legend>
          {groups.loading && !groups.data ? <Loading label="Loading groups…" /> : null}
          <ErrorNotice error={groups.error} />
          {groups.data && allGroups.length === 0 ? <p class="hint">This realm has no groups yet.</p> : null}
          <GroupChoices groups={allGroups} chosen={groupIds} onChange={setGroupIds} />
        </fieldset>
      ) : null}
    </FormDialog>
  );
}
