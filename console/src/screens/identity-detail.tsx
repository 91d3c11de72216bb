import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { realmPath, useConsole } from '../context';
import { formatTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { navigate } from '../router';
import type { Identity } from '../types';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { TextField } from '../ui/field';
import { Link } from '../ui/link';
import { ErrorNotice, Loading, Notice } from '../ui/notice';
import { Tabs } from '../ui/tabs';
import { useConfirm } from '../ui/use-confirm';
import { EnrollmentBadge, StatusBadge, fieldMessage, identityLabel } from './directory';
import './directory.css';
import { IdentityGroups } from './identity-groups';
import { IdentityPasskeys } from './identity-passkeys';
import { IdentityRoles } from './identity-roles';
import type { ScreenProps } from './catalog';

const TABS = [
  { id: 'profile', label: 'Profile' },
  { id: 'groups', label: 'Groups' },
  { id: 'passkeys', label: 'Passkeys' },
  { id: 'roles', label: 'Roles' },
];

/** One identity: its profile, groups, passkeys and roles, and the actions that change its standing. */
export function IdentityDetailScreen({ params }: ScreenProps) {
  const { api, realmId } = useConsole();
  const identityId = params.identity_id as string;
  const loaded = useLoad(() => api.get<Identity>(realmPath(realmId, `/identities/${identityId}`)), [api, realmId, identityId]);
  const [tab, setTab] = useState(() => {
    const wanted = new URLSearchParams(location.search).get('tab');
    return TABS.some((t) => t.id === wanted) ? (wanted as string) : 'profile';
  });
  // The tab is in the address so a reload or a shared link opens the same one.
  const select = (id: string) => {
    setTab(id);
    const url = new URL(location.href);
    url.searchParams.set('tab', id);
    history.replaceState(null, '', url);
  };
  const [identity, setIdentity] = useState<Identity | undefined>();
  useEffect(() => setIdentity(loaded.data), [loaded.data]);
  useEffect(() => {
    if (identity) document.title = `${identityLabel(identity)} · yonder Admin Console`;
  }, [identity]);

  const back = <Link to={`/realms/${realmId}/identities`}>← Identities</Link>;
  if (loaded.error && !identity) {
    return (
      <section>
        <p class="crumbs">{back}</p>
        <h1 tabIndex={-1}>{loaded.error.status === 404 ? 'Identity not found' : 'The identity could not be loaded'}</h1>
        <ErrorNotice error={loaded.error} />
      </section>
    );
  }
  if (!identity) return <Loading label="Loading the identity…" />;
  return (
    <section>
      <p class="crumbs">{back}</p>
      <div class="screen-head">
        <div>
          <h1 tabIndex={-1}>{identityLabel(identity)}</h1>
          <p class="subtitle">
            {identity.traits.username} · <StatusBadge status={identity.status} /> <EnrollmentBadge status={identity.enrollment_status} />
          </p>
        </div>
        <IdentityActions identity={identity} onChanged={setIdentity} />
      </div>
      <dl class="facts">
        <dt>Identity id</dt>
        <dd>
          <code>{identity.id}</code>
        </dd>
        <dt>Email</dt>
        <dd>{identity.traits.primary_email_address ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatTime(identity.create_time)}</dd>
        <dt>Updated</dt>
        <dd>{formatTime(identity.update_time)}</dd>
      </dl>
      <Tabs label="Identity" tabs={TABS} selected={tab} onSelect={select}>
        {/* A changed identity (saved, suspended, reloaded) starts the form afresh from its values. */}
        {tab === 'profile' ? <ProfileForm key={`${identity.id}:${identity.update_time}`} identity={identity} onSaved={setIdentity} /> : null}
        {tab === 'groups' ? <IdentityGroups identity={identity} /> : null}
        {tab === 'passkeys' ? <IdentityPasskeys identity={identity} onEnrollmentChanged={loaded.reload} /> : null}
        {tab === 'roles' ? <IdentityRoles identity={identity} /> : null}
      </Tabs>
    </section>
  );
}

type Change = 'suspend' | 'unsuspend' | 'delete';

function IdentityActions({ identity, onChanged }: { identity: Identity; onChanged: (identity: Identity) => void }) {
  const { api, realmId, announce } = useConsole();
  const path = realmPath(realmId, `/identities/${identity.id}`);
  const name = identityLabel(identity);
  const isSelf = api.identity?.id === identity.id;
  const act = useConfirm(
    async (what: Change) => {
      if (what === 'delete') await api.delete(path);
      else onChanged(await api.patch<Identity>(path, { identity: { status: what === 'suspend' ? 'suspended' : 'active' } }));
    },
    (what) => {
      announce(what === 'delete' ? `Deleted ${name}.` : what === 'suspend' ? `Suspended ${name}.` : `Unsuspended ${name}.`);
      if (what === 'delete') navigate(`/realms/${realmId}/identities`);
    },
  );
  const pending = act.target;
  const suspended = identity.status === 'suspended';
  return (
    <div class="actions">
      {api.can('identities:update') ? (
        suspended ? (
          <Button onClick={() => act.ask('unsuspend')}>Unsuspend</Button>
        ) : (
          <Button onClick={() => act.ask('suspend')}>Suspend</Button>
        )
      ) : null}
      {api.can('identities:delete') ? (
        <Button variant="danger" onClick={() => act.ask('delete')}>
          Delete
        </Button>
      ) : null}
      <ConfirmDialog
        {...act.dialog}
        title={pending === 'delete' ? `Delete ${name}?` : pending === 'suspend' ? `Suspend ${name}?` : `Unsuspend ${name}?`}
        confirmLabel={pending === 'delete' ? 'Delete identity' : pending === 'suspend' ? 'Suspend identity' : 'Unsuspend identity'}
        danger={pending !== 'unsuspend'}
        message={
          <>
            <p>
              {pending === 'delete'
                ? `${name}, with their passkeys and group memberships, will be deleted. This cannot be undone.`
                : pending === 'suspend'
                  ? `${name} will not be able to sign in or enroll a passkey until unsuspended.`
                  : `${name} will be able to sign in again.`}
            </p>
            {isSelf && pending !== 'unsuspend' ? <Notice kind="error">This is you: you will lose access to the console.</Notice> : null}
          </>
        }
      />
    </div>
  );
}

/** Trait fields of `traits_v0` in the order a profile reads; the first ones are always shown. */
const MAIN_TRAITS: [string, string][] = [
  ['username', 'Username'],
  ['primary_email_address', 'Email'],
  ['given_name', 'Given name'],
  ['family_name', 'Family name'],
  ['external_id', 'External id'],
];
const MORE_TRAITS: [string, string][] = [
  ['secondary_email_address', 'Secondary email'],
  ['formatted_name', 'Formatted name'],
  ['middle_name', 'Middle name'],
  ['honorific_prefix', 'Honorific prefix'],
  ['honorific_suffix', 'Honorific suffix'],
  ['nick_name', 'Nickname'],
  ['title', 'Title'],
  ['primary_phone', 'Primary phone'],
  ['secondary_phone', 'Secondary phone'],
  ['profile_url', 'Profile URL'],
  ['photo', 'Photo URL'],
  ['preferred_language', 'Preferred language'],
  ['locale', 'Locale'],
  ['timezone', 'Time zone'],
  ['formatted_address', 'Address'],
  ['street_address', 'Street address'],
  ['locality', 'City'],
  ['region', 'Region'],
  ['postal_code', 'Postal code'],
  ['country', 'Country'],
  ['user_type', 'User type'],
  ['employee_number', 'Employee number'],
  ['cost_center', 'Cost center'],
  ['organization', 'Organization'],
  ['division', 'Division'],
  ['department', 'Department'],
  ['manager_id', 'Manager id'],
  ['manager_name', 'Manager name'],
];

function traitValues(identity: Identity): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(identity.traits)) if (key !== 'type' && typeof value === 'string') values[key] = value;
  return values;
}

/** Every trait, editable; only what changed is sent, and an emptied trait is removed (`null`). */
function ProfileForm({ identity, onSaved }: { identity: Identity; onSaved: (identity: Identity) => void }) {
  const { api, realmId, announce } = useConsole();
  const original = useMemo<Record<string, string>>(() => ({ display_name: identity.display_name, ...traitValues(identity) }), [identity]);
  // No effect copies `original` into `values`: one that ran after the first paint would undo what was
  // typed before it ran. The parent's key gives a changed identity a fresh form instead.
  const [values, setValues] = useState<Record<string, string>>(original);
  const [required, setRequired] = useState<Record<string, string>>({});
  const editable = api.can('identities:update');
  const known = new Set([...MAIN_TRAITS, ...MORE_TRAITS].map(([key]) => key));
  // Traits this console does not know by name (a newer server) are still shown and editable.
  const extra: [string, string][] = Object.keys(original)
    .filter((key) => key !== 'display_name' && !known.has(key))
    .map((key) => [key, key]);
  const changed = Object.keys({ ...original, ...values }).filter((key) => (values[key] ?? '') !== (original[key] ?? ''));

  const save = useAction(async () => {
    const traits: Record<string, string | null> = { type: 'traits_v0' };
    const body: { display_name?: string; traits?: Record<string, string | null> } = {};
    for (const key of changed) {
      const value = (values[key] ?? '').trim();
      if (key === 'display_name') body.display_name = value;
      else traits[key] = value === '' ? null : value;
    }
    if (Object.keys(traits).length > 1) body.traits = traits;
    return api.patch<Identity>(realmPath(realmId, `/identities/${identity.id}`), { identity: body });
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    const need: Record<string, string> = {};
    if (!(values.display_name ?? '').trim()) need.display_name = 'Display name is required.';
    if (!(values.username ?? '').trim()) need.username = 'Username is required.';
    setRequired(need);
    if (Object.keys(need).length > 0 || changed.length === 0) return;
    const saved = await save.run();
    if (saved) {
      onSaved(saved);
      announce(`Saved the profile of ${identityLabel(saved)}.`);
    }
  };
  const error: ApiError | undefined = save.error;
  const errorFor = (key: string, label: string): string | undefined => {
    if (required[key]) return required[key];
    if (key === 'username' && error?.status === 409 && /username/i.test(error.message))
      return 'This username is already taken in this realm. Choose another.';
    return fieldMessage(error, key === 'display_name' ? 'display_name' : `traits.${key}`, label);
  };
  const all: [string, string][] = [['display_name', 'Display name'], ...MAIN_TRAITS, ...MORE_TRAITS, ...extra];
  // Whatever no field shows (a network failure, a refusal) goes above the form.
  const shownOnField = all.some(([key, label]) => errorFor(key, label));
  const field = ([key, label]: [string, string]) => (
    <TextField
      key={key}
      label={label}
      name={key}
      value={values[key] ?? ''}
      onValue={(value) => {
        setValues((v) => ({ ...v, [key]: value }));
        setRequired((r) => ({ ...r, [key]: '' }));
      }}
      error={errorFor(key, label)}
      required={key === 'username' || key === 'display_name'}
      autoComplete="off"
    />
  );
  return (
    <form class="panel" onSubmit={(event) => void submit(event)} noValidate aria-label="Profile">
      {error && !shownOnField ? <ErrorNotice error={error} /> : null}
      <fieldset class="plain" disabled={!editable}>
        <legend class="visually-hidden">Traits</legend>
        <div class="form-grid">
          {field(['display_name', 'Display name'])}
          {MAIN_TRAITS.map(field)}
        </div>
        <details class="more-traits" open={MORE_TRAITS.some(([key, label]) => original[key] || errorFor(key, label)) || extra.length > 0}>
          <summary>More traits</summary>
          <div class="form-grid">{[...MORE_TRAITS, ...extra].map(field)}</div>
        </details>
      </fieldset>
      {editable ? (
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={save.busy} disabled={changed.length === 0}>
            Save profile
          </Button>
          <Button
            disabled={changed.length === 0 || save.busy}
            onClick={() => {
              setValues(original);
              setRequired({});
              save.clearError();
            }}
          >
            Discard changes
          </Button>
          <span class="hint" aria-live="polite">
            {changed.length === 0 ? 'No unsaved changes.' : `${changed.length} unsaved ${changed.length === 1 ? 'change' : 'changes'}.`}
          </span>
        </div>
      ) : (
        <p class="hint">Your roles do not include identities:update, so the profile is read-only.</p>
      )}
    </form>
  );
}
