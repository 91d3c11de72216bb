import { useEffect, useState } from 'preact/hooks';
import { query } from '../api';
import { realmPath, useConsole } from '../context';
import { useAction, useLoad } from '../hooks';
import type { Identity, Reply } from '../types';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/field';
import { ErrorNotice } from '../ui/notice';
import { LoadedView } from '../ui/loaded-view';
import { identityLabel, identitySearchFilter, useDebounced } from './directory';

const RESULTS = 20;

type Props = {
  title: string;
  open: boolean;
  /** Shown as "Member" and not choosable. */
  already?: Set<string>;
  submitLabel: (count: number) => string;
  onClose: () => void;
  /** Does the work with the chosen identities; a thrown error is shown in the dialog. */
  onPick: (identities: Identity[]) => Promise<void>;
};

/**
 * Search the realm's identities (the same filter as the Identities list) and choose several; what
 * is chosen stays chosen while the search changes.
 */
export function IdentityPicker({ title, open, already = new Set(), submitLabel, onClose, onPick }: Props) {
  const { api, realmId } = useConsole();
  const [text, setText] = useState('');
  const search = useDebounced(text);
  const [chosen, setChosen] = useState<Map<string, Identity>>(new Map());
  useEffect(() => {
    if (!open) return;
    setText('');
    setChosen(new Map());
    pick.clearError();
  }, [open]);
  const results = useLoad(
    () =>
      open
        ? api.get<Reply<'ListIdentities'>>(realmPath(realmId, `/identities${query({ page_size: RESULTS, filter: identitySearchFilter(search) })}`))
        : Promise.resolve(undefined),
    [open, realmId, search],
  );
  const pick = useAction(() => onPick([...chosen.values()]));
  const toggle = (identity: Identity) => {
    const next = new Map(chosen);
    if (next.has(identity.id)) next.delete(identity.id);
    else next.set(identity.id, identity);
    setChosen(next);
  };
  const rows = results.data?.identities ?? [];
  const more = (results.data?.total_size ?? 0) - rows.length;
  return (
    <Dialog
      title={title}
      open={open}
      onClose={onClose}
      onSubmit={() => {
        if (chosen.size > 0) void pick.run();
      }}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={pick.busy} disabled={chosen.size === 0}>
            {submitLabel(chosen.size)}
          </Button>
        </>
      }
    >
      <ErrorNotice error={pick.error} />
      <TextField
        label="Find identities"
        type="search"
        value={text}
        onValue={setText}
        hint="Username or email starting with, or name containing, what you type."
        autoComplete="off"
        // Enter in the search box searches; it must not submit the choices made so far.
        onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
      />
      <LoadedView loaded={results} label="Searching…">
        {(data) =>
          data ? (
            <>
              <p class="count" aria-live="polite">
                {rows.length === 0
                  ? 'No identity matches.'
                  : more > 0
                    ? `Showing ${rows.length} of ${data.total_size}; type more to narrow.`
                    : `${rows.length} found`}
                {chosen.size > 0 ? ` · ${chosen.size} chosen` : ''}
              </p>
              <ul class="picker-results" aria-label="Identities found" aria-busy={results.loading}>
                {rows.map((identity) => {
                  const member = already.has(identity.id);
                  return (
                    <li key={identity.id}>
                      <label class="choice">
                        <input type="checkbox" checked={member || chosen.has(identity.id)} disabled={member} onChange={() => toggle(identity)} />
                        <span class="who-line">
                          {identityLabel(identity)}
                          <small>
                            {identity.traits.username}
                            {identity.traits.primary_email_address ? ` · ${identity.traits.primary_email_address}` : ''}
                          </small>
                        </span>
                      </label>
                      {member ? <span class="badge">Member</span> : null}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null
        }
      </LoadedView>
    </Dialog>
  );
}
