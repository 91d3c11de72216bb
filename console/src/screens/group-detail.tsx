import { useEffect, useState } from 'preact/hooks';
import { query } from '../api';
import { realmPath, useConsole } from '../context';
import { formatTime } from '../format';
import { useLoad } from '../hooks';
import { navigate } from '../router';
import type { Group, Identity, Reply } from '../types';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Link } from '../ui/link';
import { ErrorNotice, Loading, Notice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { Pager, usePager } from '../ui/pager';
import { DataTable } from '../ui/table';
import { useConfirm } from '../ui/use-confirm';
import { EnrollmentBadge, StatusBadge, identityLabel } from './directory';
import './directory.css';
import { DeleteGroupDialog, GroupDialog } from './groups';
import { IdentityPicker } from './identity-picker';
import type { ScreenProps } from './catalog';

/** One group: its name and description, and its members, added with a search-as-you-type picker. */
export function GroupDetailScreen({ params }: ScreenProps) {
  const { api, realmId, announce } = useConsole();
  const groupId = params.group_id as string;
  const base = realmPath(realmId, `/groups/${groupId}`);
  const loaded = useLoad(() => api.get<Group>(base), [api, base]);
  const [group, setGroup] = useState<Group | undefined>();
  useEffect(() => setGroup(loaded.data), [loaded.data]);
  useEffect(() => {
    if (group) document.title = `${group.display_name} · yonder Admin Console`;
  }, [group]);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const back = <Link to={`/realms/${realmId}/groups`}>← Groups</Link>;
  if (loaded.error && !group) {
    return (
      <section>
        <p class="crumbs">{back}</p>
        <h1 tabIndex={-1}>{loaded.error.status === 404 ? 'Group not found' : 'The group could not be loaded'}</h1>
        <ErrorNotice error={loaded.error} />
      </section>
    );
  }
  if (!group) return <Loading label="Loading the group…" />;
  return (
    <section>
      <p class="crumbs">{back}</p>
      <div class="screen-head">
        <div>
          <h1 tabIndex={-1}>{group.display_name}</h1>
          {group.description ? <p class="subtitle">{group.description}</p> : null}
        </div>
        <div class="actions">
          {api.can('groups:update') ? <Button onClick={() => setEditing(true)}>Edit</Button> : null}
          {api.can('groups:delete') ? (
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          ) : null}
        </div>
      </div>
      <dl class="facts">
        <dt>Group id</dt>
        <dd>
          <code>{group.id}</code>
        </dd>
        <dt>Created</dt>
        <dd>{formatTime(group.create_time)}</dd>
        <dt>Updated</dt>
        <dd>{formatTime(group.update_time)}</dd>
      </dl>
      {api.can('identities:read') ? (
        <Members group={group} />
      ) : (
        <Notice>Your roles do not include identities:read, so the members cannot be shown.</Notice>
      )}
      <GroupDialog
        group={group}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          setGroup(saved);
          announce(`Saved ${saved.display_name}.`);
        }}
      />
      <DeleteGroupDialog
        group={deleting ? group : null}
        onGroupPage
        onClose={() => setDeleting(false)}
        onDeleted={(deleted) => {
          setDeleting(false);
          announce(`Deleted the group ${deleted.display_name}.`);
          navigate(`/realms/${realmId}/groups`);
        }}
      />
    </section>
  );
}

function Members({ group }: { group: Group }) {
  const { api, realmId, announce } = useConsole();
  const base = realmPath(realmId, `/groups/${group.id}`);
  const pager = usePager();
  const members = useLoad(
    () => api.get<Reply<'ListGroupMembers'>>(`${base}:listMembers${query({ page_size: 50, page_token: pager.pageToken })}`),
    [api, base, pager.pageToken],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => setSelected(new Set()), [members.data]);
  const [picking, setPicking] = useState(false);
  const remove = useConfirm(
    (identities: Identity[]) => api.post(`${base}:deleteMembers`, { identity_ids: identities.map((identity) => identity.id) }),
    (identities) => {
      announce(
        identities.length === 1
          ? `Removed ${identityLabel(identities[0] as Identity)} from ${group.display_name}.`
          : `Removed ${identities.length} members from ${group.display_name}.`,
      );
      members.reload();
    },
  );
  const removing = remove.target;
  const canChange = api.can('groups:update');
  const rows = members.data?.identities ?? [];
  const total = members.data?.total_size;
  const chosen = rows.filter((row) => selected.has(row.id));
  const removesSelf = removing?.some((identity) => identity.id === api.identity?.id) ?? false;

  return (
    <div>
      <div class="section-head">
        <h2>Members{total === undefined ? '' : ` (${total})`}</h2>
        {canChange ? (
          <div class="actions">
            {chosen.length > 0 ? <Button onClick={() => remove.ask(chosen)}>Remove {chosen.length} selected</Button> : null}
            <Button variant="primary" onClick={() => setPicking(true)}>
              Add members
            </Button>
          </div>
        ) : null}
      </div>
      <LoadedView loaded={members} label="Loading members…">
        {() => (
          <div aria-busy={members.loading}>
            <DataTable
              caption={`Members of ${group.display_name}`}
              rows={rows}
              rowKey={(row) => row.id}
              rowLabel={identityLabel}
              selection={canChange ? { selected, onChange: setSelected } : undefined}
              empty={`${group.display_name} has no members.${canChange ? ' Add some with Add members.' : ''}`}
              columns={[
                { header: 'Display name', cell: (row) => <Link to={`/realms/${realmId}/identities/${row.id}`}>{identityLabel(row)}</Link> },
                { header: 'Username', cell: (row) => row.traits.username ?? '—' },
                { header: 'Email', cell: (row) => row.traits.primary_email_address ?? '—', wide: true },
                { header: 'Status', cell: (row) => <StatusBadge status={row.status} />, wide: true },
                { header: 'Enrollment', cell: (row) => <EnrollmentBadge status={row.enrollment_status} />, wide: true },
                ...(canChange
                  ? [
                      {
                        header: 'Actions',
                        cell: (row: Identity) => (
                          <Button
                            variant="link"
                            onClick={() => remove.ask([row])}
                            aria-label={`Remove ${identityLabel(row)} from ${group.display_name}`}
                          >
                            Remove
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Pager pager={pager} nextToken={members.data?.next_page_token} />
          </div>
        )}
      </LoadedView>
      <IdentityPicker
        title={`Add members to ${group.display_name}`}
        open={picking}
        already={new Set(rows.map((row) => row.id))}
        submitLabel={(count) => (count > 0 ? `Add ${count} ${count === 1 ? 'member' : 'members'}` : 'Add members')}
        onClose={() => setPicking(false)}
        onPick={async (identities) => {
          await api.post(`${base}:addMembers`, { identity_ids: identities.map((identity) => identity.id) });
          setPicking(false);
          announce(
            identities.length === 1
              ? `Added ${identityLabel(identities[0] as Identity)} to ${group.display_name}.`
              : `Added ${identities.length} members to ${group.display_name}.`,
          );
          members.reload();
        }}
      />
      <ConfirmDialog
        {...remove.dialog}
        title={`Remove from ${group.display_name}`}
        confirmLabel="Remove"
        message={
          <>
            <p>
              {removing?.length === 1
                ? `Remove ${identityLabel(removing[0] as Identity)} from ${group.display_name}?`
                : `Remove ${removing?.length ?? 0} members from ${group.display_name}?`}{' '}
              Policy rules and roles that name the group stop applying to them.
            </p>
            {removesSelf ? (
              <Notice kind="error">This includes you: if this group gives you console access, you lose it at your next request.</Notice>
            ) : null}
          </>
        }
      />
    </div>
  );
}
