import { useEffect, useState } from 'preact/hooks';
import { query } from '../api';
import { realmPath, useConsole } from '../context';
import { formatTime } from '../format';
import { useAction, useLoad } from '../hooks';
import type { Group, Reply } from '../types';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/field';
import { Link } from '../ui/link';
import { ErrorNotice, Loading, Notice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { Pager, usePager } from '../ui/pager';
import { DataTable } from '../ui/table';
import { fieldMessage } from './directory';
import './directory.css';
import type { ScreenProps } from './catalog';

/** Directory → Groups: list, create, edit and delete the realm's groups. */
export function GroupsScreen(_props: ScreenProps) {
  const { api, realmId, announce } = useConsole();
  const pager = usePager();
  const list = useLoad(
    () => api.get<Reply<'ListGroups'>>(realmPath(realmId, `/groups${query({ page_size: 50, page_token: pager.pageToken })}`)),
    [api, realmId, pager.pageToken],
  );
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const canUpdate = api.can('groups:update');
  const canDelete = api.can('groups:delete');
  const total = list.data?.total_size;
  return (
    <section>
      <div class="screen-head">
        <h1 tabIndex={-1}>Groups</h1>
        {api.can('groups:create') ? (
          <Button variant="primary" onClick={() => setEditing('new')}>
            Create group
          </Button>
        ) : null}
      </div>
      <LoadedView loaded={list} label="Loading groups…">
        {() => (
          <div aria-busy={list.loading}>
            <p class="count">{total === undefined ? '' : `${total} ${total === 1 ? 'group' : 'groups'}`}</p>
            <DataTable
              caption="Groups"
              rows={list.data?.groups ?? []}
              rowKey={(group) => group.id}
              empty="No groups yet. Groups gather identities for policy rules and roles; create the first with Create group."
              columns={[
                { header: 'Name', cell: (group) => <Link to={`/realms/${realmId}/groups/${group.id}`}>{group.display_name}</Link> },
                { header: 'Description', cell: (group) => group.description || '—', wide: true },
                { header: 'Created', cell: (group) => formatTime(group.create_time), wide: true },
                ...(canUpdate || canDelete
                  ? [
                      {
                        header: 'Actions',
                        cell: (group: Group) => (
                          <span class="row-actions">
                            {canUpdate ? (
                              <Button variant="link" onClick={() => setEditing(group)} aria-label={`Edit ${group.display_name}`}>
                                Edit
                              </Button>
                            ) : null}
                            {canDelete ? (
                              <Button variant="link" onClick={() => setDeleting(group)} aria-label={`Delete ${group.display_name}`}>
                                Delete
                              </Button>
                            ) : null}
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Pager pager={pager} nextToken={list.data?.next_page_token} />
          </div>
        )}
      </LoadedView>
      <GroupDialog
        group={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(group, created) => {
          setEditing(null);
          announce(created ? `Created the group ${group.display_name}.` : `Saved ${group.display_name}.`);
          list.reload();
        }}
      />
      <DeleteGroupDialog
        group={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(group) => {
          setDeleting(null);
          announce(`Deleted the group ${group.display_name}.`);
          list.reload();
        }}
      />
    </section>
  );
}

type GroupDialogProps = {
  /** The group to edit, or null to create one. */
  group: Group | null;
  open: boolean;
  onClose: () => void;
  onSaved: (group: Group, created: boolean) => void;
};

/** Creates a group or edits its name and description; the API's violations show on the fields. */
export function GroupDialog({ group, open, onClose, onSaved }: GroupDialogProps) {
  const { api, realmId } = useConsole();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [missing, setMissing] = useState('');
  const save = useAction(async () => {
    const body = { group: { display_name: name.trim(), description: description.trim() } };
    return group ? api.patch<Group>(realmPath(realmId, `/groups/${group.id}`), body) : api.post<Group>(realmPath(realmId, '/groups'), body);
  });
  useEffect(() => {
    if (!open) return;
    setName(group?.display_name ?? '');
    setDescription(group?.description ?? '');
    setMissing('');
    save.clearError();
  }, [open, group]);
  const submit = async () => {
    if (!name.trim()) return setMissing('Enter a name for the group.');
    const saved = await save.run();
    if (saved) onSaved(saved, group === null);
  };
  const error = save.error;
  const taken = error?.status === 409 && /already exists/i.test(error.message);
  const nameError = missing || (taken ? `A group named “${name.trim()}” already exists in this realm.` : fieldMessage(error, 'display_name', 'Name'));
  const descriptionError = fieldMessage(error, 'description', 'Description');
  return (
    <Dialog
      title={group ? `Edit ${group.display_name}` : 'Create group'}
      open={open}
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.busy}>
            {group ? 'Save group' : 'Create group'}
          </Button>
        </>
      }
    >
      {error && !nameError && !descriptionError ? <ErrorNotice error={error} /> : null}
      <TextField
        label="Name"
        name="display_name"
        value={name}
        onValue={(v) => {
          setName(v);
          setMissing('');
        }}
        error={nameError}
        required
        autoComplete="off"
      />
      <TextField label="Description" name="description" value={description} onValue={setDescription} error={descriptionError} autoComplete="off" />
    </Dialog>
  );
}

type DeleteProps = {
  group: Group | null;
  onClose: () => void;
  onDeleted: (group: Group) => void;
  /** Opened from the group's own page, where the members are listed below. */
  onGroupPage?: boolean;
};

/**
 * Deleting a group is refused by the API while it has members (and while a policy rule names it).
 * The dialog counts the members first, so the admin learns why before pressing anything.
 */
export function DeleteGroupDialog({ group, onClose, onDeleted, onGroupPage = false }: DeleteProps) {
  const { api, realmId } = useConsole();
  const members = useLoad(
    () =>
      group && api.can('identities:read')
        ? api.get<Reply<'ListGroupMembers'>>(realmPath(realmId, `/groups/${group.id}:listMembers?page_size=1`)).then((page) => page.total_size)
        : Promise.resolve(undefined),
    [group?.id, realmId],
  );
  const remove = useAction(async (target: Group) => {
    await api.delete(realmPath(realmId, `/groups/${target.id}`));
    return target;
  });
  useEffect(() => remove.clearError(), [group?.id]);
  const count = members.data ?? 0;
  const hasMembers = count > 0 || remove.error?.message === 'group has children';
  const blocked = hasMembers || (remove.error?.status === 409 && /polic|rule/i.test(remove.error.message));
  const membersLink = group && !onGroupPage ? <Link to={`/realms/${realmId}/groups/${group.id}`}>the group's members</Link> : 'Members on this page';
  return (
    <Dialog
      title={group ? `Delete ${group.display_name}?` : 'Delete group'}
      open={group !== null}
      onClose={onClose}
      onSubmit={async () => {
        if (!group || blocked) return;
        const deleted = await remove.run(group);
        if (deleted) onDeleted(deleted);
      }}
      actions={
        <>
          <Button onClick={onClose}>{blocked ? 'OK' : 'Cancel'}</Button>
          {blocked ? null : (
            <Button type="submit" variant="danger" busy={remove.busy} disabled={members.loading}>
              Delete group
            </Button>
          )}
        </>
      }
    >
      {members.loading ? <Loading label="Checking the group's members…" /> : null}
      {hasMembers ? (
        <Notice kind="error">
          {group?.display_name} cannot be deleted while it has members
          {count > 0 ? ` (${count} now)` : ''}. Remove them first under {membersLink}, then delete it.
        </Notice>
      ) : blocked ? (
        <Notice kind="error">{remove.error?.message}. Change or delete those rules under Policy first.</Notice>
      ) : !members.loading ? (
        <>
          <p>The group {group?.display_name} will be deleted. Roles granted to it end. This cannot be undone.</p>
          <ErrorNotice error={remove.error} />
        </>
      ) : null}
    </Dialog>
  );
}
