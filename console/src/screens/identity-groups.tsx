import { useEffect, useState } from 'preact/hooks';
import { query } from '../api';
import { realmPath, useConsole } from '../context';
import { useAction, useLoad } from '../hooks';
import type { Group, Identity, Reply } from '../types';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Dialog } from '../ui/dialog';
import { Link } from '../ui/link';
import { ErrorNotice, Loading, Notice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { Pager, usePager } from '../ui/pager';
import { DataTable } from '../ui/table';
import { useConfirm } from '../ui/use-confirm';
import { GroupChoices, MAX_PAGE, eachLimited, identityLabel } from './directory';

/** The identity's groups: joined through `:listGroups`, changed with the group's add/delete members. */
export function IdentityGroups({ identity }: { identity: Identity }) {
  const { api, realmId, announce } = useConsole();
  const pager = usePager();
  const list = useLoad(
    () =>
      api.get<Reply<'ListIdentityGroups'>>(
        realmPath(realmId, `/identities/${identity.id}:listGroups${query({ page_size: 50, page_token: pager.pageToken })}`),
      ),
    [api, realmId, identity.id, pager.pageToken],
  );
  const [adding, setAdding] = useState(false);
  const name = identityLabel(identity);
  const remove = useConfirm(
    (group: Group) => api.post(realmPath(realmId, `/groups/${group.id}:deleteMembers`), { identity_ids: [identity.id] }),
    (group) => {
      announce(`Removed ${name} from ${group.display_name}.`);
      list.reload();
    },
  );
  const canChange = api.can('groups:update');

  if (!api.can('groups:read')) return <Notice>Your roles do not include groups:read, so the groups cannot be shown.</Notice>;
  return (
    <div>
      <div class="section-head">
        <h2>Groups</h2>
        {canChange ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add to groups
          </Button>
        ) : null}
      </div>
      <LoadedView loaded={list} label="Loading groups…">
        {() => (
          <>
            <DataTable
              caption={`Groups of ${name}`}
              rows={list.data?.groups ?? []}
              rowKey={(group) => group.id}
              empty={`${name} is not in any group.`}
              columns={[
                { header: 'Group', cell: (group) => <Link to={`/realms/${realmId}/groups/${group.id}`}>{group.display_name}</Link> },
                { header: 'Description', cell: (group) => group.description || '—', wide: true },
                ...(canChange
                  ? [
                      {
                        header: 'Actions',
                        cell: (group: Group) => (
                          <Button variant="link" onClick={() => remove.ask(group)} aria-label={`Remove ${name} from ${group.display_name}`}>
                            Remove
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Pager pager={pager} nextToken={list.data?.next_page_token} />
          </>
        )}
      </LoadedView>
      <AddToGroupsDialog
        identity={identity}
        open={adding}
        memberOf={new Set((list.data?.groups ?? []).map((g) => g.id))}
        onClose={() => setAdding(false)}
        onAdded={(message) => {
          setAdding(false);
          announce(message);
          list.reload();
        }}
      />
      <ConfirmDialog
        {...remove.dialog}
        title="Remove from group"
        confirmLabel="Remove"
        message={
          <>
            <p>
              Remove {name} from {remove.target?.display_name}? Policy rules and roles that name the group stop applying to them.
            </p>
            {api.identity?.id === identity.id ? (
              <Notice kind="error">This is you: if this group gives you console access, you lose it at your next request.</Notice>
            ) : null}
          </>
        }
      />
    </div>
  );
}

type AddProps = {
  identity: Identity;
  open: boolean;
  memberOf: Set<string>;
  onClose: () => void;
  onAdded: (message: string) => void;
};

function AddToGroupsDialog({ identity, open, memberOf, onClose, onAdded }: AddProps) {
  const { api, realmId } = useConsole();
  const groups = useLoad(
    () => (open ? api.get<Reply<'ListGroups'>>(realmPath(realmId, `/groups?page_size=${MAX_PAGE}`)) : Promise.resolve(undefined)),
    [open, realmId],
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (open) setChosen(new Set());
  }, [open]);
  const add = useAction(async () => {
    const ids = [...chosen];
    const failures = await eachLimited(ids, (groupId) =>
      api.post(realmPath(realmId, `/groups/${groupId}:addMembers`), { identity_ids: [identity.id] }),
    );
    if (failures.length > 0) throw failures[0]?.error;
    return ids.length;
  });
  const candidates = (groups.data?.groups ?? []).filter((group) => !memberOf.has(group.id));
  return (
    <Dialog
      title={`Add ${identityLabel(identity)} to groups`}
      open={open}
      onClose={onClose}
      onSubmit={async () => {
        if (chosen.size === 0) return;
        const count = await add.run();
        if (count) onAdded(`Added ${identityLabel(identity)} to ${count} ${count === 1 ? 'group' : 'groups'}.`);
      }}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={add.busy} disabled={chosen.size === 0}>
            Add to groups
          </Button>
        </>
      }
    >
      <ErrorNotice error={add.error ?? groups.error} />
      {groups.loading && !groups.data ? <Loading label="Loading groups…" /> : null}
      {groups.data && candidates.length === 0 ? <p>There is no other group to join. Create one under Groups.</p> : null}
      {candidates.length > 0 ? (
        <fieldset class="choice-list">
          <legend>Groups</legend>
          <GroupChoices groups={candidates} chosen={chosen} onChange={setChosen} />
        </fieldset>
      ) : null}
    </Dialog>
  );
}
