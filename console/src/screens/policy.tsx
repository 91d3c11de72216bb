import { useState } from 'preact/hooks';
import { type Api, query } from '../api';
import {
  type Decision,
  POLICY_ACTIONS,
  POLICY_TRANSACTIONS,
  type Application,
  type Policy,
  type PolicyRule,
  type PolicyTransaction,
  type RuleInput,
} from '../access-types';
import { realmPath, useConsole } from '../context';
import { formatTime, titleCase } from '../format';
import { useAction, useLoad } from '../hooks';
import { listAll, nameOf } from '../list-all';
import type { Group, Identity, Reply } from '../types';
import { Button } from '../ui/button';
import { Checklist } from '../ui/checklist';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormDialog, useDialogState } from '../ui/form-dialog';
import { SelectField, TextField } from '../ui/field';
import { IdentitySearch } from '../ui/identity-search';
import { ErrorNotice, Loading } from '../ui/notice';
import type { ScreenProps } from './catalog';

type Names = { id: string; display_name: string }[];

/** Names for the identities rules mention, fetched in a few filtered list calls rather than one per id. */
async function identityNames(api: Api, realmId: string, ids: string[]): Promise<Names> {
  const unique = [...new Set(ids)];
  const found: Names = [];
  // The API's filter takes at most 50 terms.
  for (let i = 0; i < unique.length; i += 40) {
    const filter = unique
      .slice(i, i + 40)
      .map((id) => `id eq "${id.replace(/"/g, '')}"`)
      .join(' or ');
    const page = await api.get<Reply<'ListIdentities'>>(realmPath(realmId, `/identities${query({ filter, page_size: 200 })}`));
    found.push(...page.identities.map((identity) => ({ id: identity.id, display_name: identity.display_name })));
  }
  return found;
}

const transactionLabel = (t: string) => (t === 'credential_enrollment' ? 'Passkey enrollment' : titleCase(t));
const actionBadge = (action: string) => (action === 'ALLOW' ? 'badge badge-good' : action === 'DENY' ? 'badge badge-bad' : 'badge');

function blankRule(): PolicyRule {
  return {
    id: '',
    name: '',
    description: '',
    transaction: 'authentication',
    action: 'ALLOW',
    conditions: { groups: [], applications: [], identities: [] },
    deny_message: '',
  };
}

/** The rule as PUT expects it: a new rule leaves its id to the server. */
function ruleInput(rule: PolicyRule): RuleInput {
  return {
    ...(rule.id ? { id: rule.id } : {}),
    name: rule.name,
    description: rule.description,
    transaction: rule.transaction,
    action: rule.action,
    conditions: rule.conditions,
    ...(rule.action === 'DENY' && rule.deny_message ? { deny_message: rule.deny_message } : {}),
  };
}

export function PolicyScreen(_props: ScreenProps) {
  const { api, realmId, announce } = useConsole();
  const canEdit = api.can('policy:update');
  const policy = useLoad(() => api.get<Policy>(realmPath(realmId, '/policy')), [realmId]);
  const lists = useLoad(async () => {
    const [groups, applications] = await Promise.all([
      api.can('groups:read') ? listAll<Group>(api, realmPath(realmId, '/groups'), 'groups') : Promise.resolve([]),
      api.can('applications:read') ? listAll<Application>(api, realmPath(realmId, '/applications'), 'applications') : Promise.resolve([]),
    ]);
    return { groups, applications };
  }, [realmId]);
  const versions = useLoad(() => listAll<Policy>(api, realmPath(realmId, '/policy:listVersions'), 'policies'), [realmId]);

  // The rules being edited; null while they are the published ones.
  const [draft, setDraft] = useState<PolicyRule[] | null>(null);
  const rules = draft ?? policy.data?.rules ?? [];
  const mentioned = rules.flatMap((r) => r.conditions.identities);
  const people = useLoad(() => (mentioned.length ? identityNames(api, realmId, mentioned) : Promise.resolve([])), [realmId, mentioned.join(',')]);

  const editor = useDialogState<{ index: number; rule: PolicyRule }>();
  const edit = (index: number, rule: PolicyRule) => editor.open({ index, rule });
  const editing = editor.state?.item ? { ...editor.state, ...editor.state.item } : null;
  const closeEditor = editor.close;
  const [removing, setRemoving] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<Policy | null>(null);

  const publish = useAction(async () => {
    const base = policy.data;
    if (!base || !draft) return;
    const published = await api.put<Policy>(realmPath(realmId, '/policy'), { policy: { version: base.version, rules: draft.map(ruleInput) } });
    setDraft(null);
    policy.reload();
    versions.reload();
    announce(`Policy version ${published.version} published`);
  });
  const restore = useAction(async (version: number) => {
    const restored = await api.post<Policy>(realmPath(realmId, '/policy:restore'), { version });
    setRestoring(null);
    setDraft(null);
    policy.reload();
    versions.reload();
    announce(`Version ${version} restored as version ${restored.version}`);
  });

  const change = (next: PolicyRule[]) => {
    publish.clearError();
    setDraft(next);
  };
  const move = (index: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    if (!rule) return;
    next.splice(index + by, 0, rule);
    change(next);
    // Keep focus on the same rule's button after it moved, so a keyboard user can keep moving it.
    // At the top or bottom that button is disabled, so the other one takes focus.
    requestAnimationFrame(() => {
      const same = document.getElementById(`rule-${index + by}-${by < 0 ? 'up' : 'down'}`) as HTMLButtonElement | null;
      const other = document.getElementById(`rule-${index + by}-${by < 0 ? 'down' : 'up'}`) as HTMLButtonElement | null;
      (same && !same.disabled ? same : other)?.focus();
    });
  };

  const groups = lists.data?.groups ?? [];
  const applications = lists.data?.applications ?? [];
  const describe = (rule: PolicyRule) => {
    const parts: string[] = [];
    if (rule.conditions.groups.length) parts.push(`members of ${rule.conditions.groups.map((id) => nameOf(groups, id)).join(', ')}`);
    if (rule.conditions.identities.length) parts.push(`identities ${rule.conditions.identities.map((id) => nameOf(people.data, id)).join(', ')}`);
    if (rule.conditions.applications.length) parts.push(`to ${rule.conditions.applications.map((id) => nameOf(applications, id)).join(', ')}`);
    return parts.length ? parts.join('; ') : 'everyone, every application';
  };

  if (policy.loading && !policy.data) return <Loading label="Loading the policy…" />;
  return (
    <section>
      <h1 tabIndex={-1}>Policy</h1>
      <ErrorNotice error={policy.error} />
      <ErrorNotice error={lists.error} />
      {policy.data ? (
        <p class="hint">
          {policy.data.version === 0
            ? 'No version is published yet: every request is denied until one is.'
            : `Version ${policy.data.version} is in force, published ${formatTime(policy.data.create_time)}. Rules are checked from the top; the first ALLOW or DENY that matches decides, MONITOR rules are only reported, and when none decides the answer is DENY.`}
        </p>
      ) : null}

      <div class="toolbar">
        <h2 class="grow">Rules</h2>
        {canEdit ? (
          <Button variant="secondary" onClick={() => edit(-1, blankRule())}>
            Add rule
          </Button>
        ) : null}
      </div>
      {rules.length === 0 ? (
        <p class="empty">No rules: everyone is denied.</p>
      ) : (
        <ol class="rule-list" aria-label="Rules in order">
          {rules.map((rule, index) => (
            <li key={`${rule.id}-${index}`} class="rule">
              <div class="rule-main">
                <span class={actionBadge(rule.action)}>{rule.action}</span> <strong>{rule.name}</strong>{' '}
                <span class="hint">· {transactionLabel(rule.transaction)}</span>
                <div class="rule-conditions">{describe(rule)}</div>
                {rule.description ? <div class="hint">{rule.description}</div> : null}
              </div>
              {canEdit ? (
                <div class="actions">
                  <Button
                    id={`rule-${index}-up`}
                    variant="secondary"
                    disabled={index === 0}
                    aria-label={`Move ${rule.name} up`}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    id={`rule-${index}-down`}
                    variant="secondary"
                    disabled={index === rules.length - 1}
                    aria-label={`Move ${rule.name} down`}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </Button>
                  <Button variant="secondary" aria-label={`Edit ${rule.name}`} onClick={() => edit(index, rule)}>
                    Edit
                  </Button>
                  <Button variant="danger" aria-label={`Delete ${rule.name}`} onClick={() => setRemoving(index)}>
                    Delete
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {draft ? (
        <div class="panel publish-bar" role="region" aria-label="Unpublished changes">
          <p>
            <strong>Unpublished changes.</strong> They take effect when published as version {(policy.data?.version ?? 0) + 1}.
          </p>
          <ErrorNotice error={publish.error} />
          {publish.error?.fieldViolations.length ? (
            <ul class="violations">
              {publish.error.fieldViolations.map((v) => (
                <li key={v.field}>
                  <code>{v.field}</code>: {v.description}
                </li>
              ))}
            </ul>
          ) : null}
          {publish.error?.status === 409 ? (
            <p class="hint">Someone published meanwhile: discard to see their version, then make your change again.</p>
          ) : null}
          <div class="actions">
            <Button variant="primary" busy={publish.busy} onClick={() => void publish.run()}>
              Publish
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setDraft(null);
                publish.clearError();
                policy.reload();
              }}
            >
              Discard changes
            </Button>
          </div>
        </div>
      ) : null}

      <Simulate applications={applications} rules={policy.data?.rules ?? []} />

      <h2>Version history</h2>
      <ErrorNotice error={versions.error} />
      {versions.data && versions.data.length === 0 ? <p class="empty">Nothing published yet.</p> : null}
      {versions.data && versions.data.length > 0 ? (
        <ol class="version-list" reversed aria-label="Published versions, newest first">
          {[...versions.data].reverse().map((version) => (
            <li key={version.version} class="panel">
              <div class="toolbar">
                <div class="grow">
                  <strong>Version {version.version}</strong>
                  {version.version === policy.data?.version ? (
                    <>
                      {' '}
                      <span class="badge badge-good">in force</span>
                    </>
                  ) : null}{' '}
                  <span class="hint">
                    {formatTime(version.create_time)} · {version.rules.length} {version.rules.length === 1 ? 'rule' : 'rules'}
                  </span>
                </div>
                {canEdit && version.version !== policy.data?.version ? (
                  <Button variant="secondary" aria-label={`Restore version ${version.version}`} onClick={() => setRestoring(version)}>
                    Restore
                  </Button>
                ) : null}
              </div>
              <details>
                <summary>Rules of version {version.version}</summary>
                <ol>
                  {version.rules.map((rule) => (
                    <li key={rule.id}>
                      <span class={actionBadge(rule.action)}>{rule.action}</span> {rule.name} <span class="hint">— {describe(rule)}</span>
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          ))}
        </ol>
      ) : null}

      {editing ? (
        <RuleDialog
          key={editing.key}
          open={editing.open}
          rule={editing.rule}
          isNew={editing.index < 0}
          groups={groups}
          applications={applications}
          people={people.data ?? []}
          onClose={closeEditor}
          onSave={(rule) => {
            const next = [...rules];
            if (editing.index < 0) next.push(rule);
            else next[editing.index] = rule;
            change(next);
            closeEditor();
          }}
        />
      ) : null}
      <ConfirmDialog
        title="Delete rule"
        open={removing !== null}
        message={<p>Delete the rule “{removing !== null ? rules[removing]?.name : ''}”? It is removed from the policy when you publish.</p>}
        confirmLabel="Delete rule"
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing !== null) change(rules.filter((_, i) => i !== removing));
          setRemoving(null);
        }}
      />
      <ConfirmDialog
        title="Restore version"
        open={restoring !== null}
        danger={false}
        message={
          <p>
            Publish the {restoring?.rules.length ?? 0} rules of version {restoring?.version} as a new version?
            {draft ? ' Your unpublished changes are discarded.' : ''}
          </p>
        }
        confirmLabel="Restore"
        busy={restore.busy}
        error={restore.error?.message}
        onClose={() => {
          setRestoring(null);
          restore.clearError();
        }}
        onConfirm={() => restoring && void restore.run(restoring.version)}
      />
    </section>
  );
}

/** The conditions a rule names from lists the realm has, in the order the rule editor shows them. */
const LISTED_CONDITIONS = [
  {
    key: 'groups',
    legend: 'Groups',
    hint: 'The identity is a member of any of these. None chosen: any identity.',
    empty: 'This realm has no groups.',
  },
  {
    key: 'applications',
    legend: 'Applications',
    hint: 'The request is for one of these. None chosen: any application.',
    empty: 'This realm has no applications.',
  },
] as const;

type RuleDialogProps = {
  open: boolean;
  rule: PolicyRule;
  isNew: boolean;
  groups: Group[];
  applications: Application[];
  people: Names;
  onSave: (rule: PolicyRule) => void;
  onClose: () => void;
};

function RuleDialog({ open, rule, isNew, groups, applications, people, onSave, onClose }: RuleDialogProps) {
  const [form, setForm] = useState<PolicyRule>(rule);
  const [known, setKnown] = useState<Names>(people);
  const [nameError, setNameError] = useState<string | undefined>();
  const set = <K extends keyof PolicyRule>(key: K, value: PolicyRule[K]) => setForm((f) => ({ ...f, [key]: value }));
  const listed = { groups, applications };
  const setConditions = (key: keyof PolicyRule['conditions'], value: string[]) =>
    setForm((f) => ({ ...f, conditions: { ...f.conditions, [key]: value } }));
  const save = () => {
    if (form.name.trim() === '') {
      setNameError('Give the rule a name.');
      return;
    }
    onSave({ ...form, name: form.name.trim() });
  };
  return (
    <FormDialog
      title={isNew ? 'Add rule' : `Edit rule “${rule.name}”`}
      open={open}
      onClose={onClose}
      onSubmit={save}
      submitLabel={isNew ? 'Add rule' : 'Save rule'}
      busy={false}
    >
      <TextField label="Name" required value={form.name} onValue={(v) => set('name', v)} error={nameError} />
      <TextField label="Description" value={form.description} onValue={(v) => set('description', v)} />
      <SelectField
        label="Action"
        value={form.action}
        onValue={(v) => set('action', v as PolicyRule['action'])}
        options={POLICY_ACTIONS.map((a) => ({ value: a, label: a === 'MONITOR' ? 'MONITOR (report only)' : a }))}
      />
      <SelectField
        label="Transaction"
        value={form.transaction}
        onValue={(v) => set('transaction', v as PolicyTransaction)}
        options={POLICY_TRANSACTIONS.map((t) => ({ value: t, label: transactionLabel(t) }))}
      />
      {LISTED_CONDITIONS.map(({ key, ...text }) => (
        <Checklist
          key={key}
          {...text}
          options={listed[key].map((item) => ({ value: item.id, label: item.display_name }))}
          selected={form.conditions[key]}
          onChange={(v) => setConditions(key, v)}
        />
      ))}
      <fieldset class="field">
        <legend>Identities</legend>
        {form.conditions.identities.length ? (
          <ul class="chips">
            {form.conditions.identities.map((id) => (
              <li key={id} class="chip">
                {nameOf(known, id)}
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Remove ${nameOf(known, id)}`}
                  onClick={() =>
                    setConditions(
                      'identities',
                      form.conditions.identities.filter((x) => x !== id),
                    )
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">None chosen: any identity (that the groups allow).</p>
        )}
        <IdentitySearch
          label="Add an identity"
          exclude={form.conditions.identities}
          onPick={(identity) => {
            setKnown((k) => [...k, { id: identity.id, display_name: identity.display_name }]);
            setConditions('identities', [...form.conditions.identities, identity.id]);
          }}
        />
      </fieldset>
      {form.action === 'DENY' ? (
        <TextField label="Message shown when denied" value={form.deny_message} onValue={(v) => set('deny_message', v)} />
      ) : null}
    </FormDialog>
  );
}

function Simulate({ applications, rules }: { applications: Application[]; rules: PolicyRule[] }) {
  const { api, realmId } = useConsole();
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [applicationId, setApplicationId] = useState('');
  const [transaction, setTransaction] = useState<PolicyTransaction>('authentication');
  const [result, setResult] = useState<Decision | null>(null);
  const [missing, setMissing] = useState<string | undefined>();
  const evaluate = useAction(async () => {
    if (!identity) {
      setMissing('Choose the identity to simulate.');
      return;
    }
    setResult(null);
    const decision = await api.post<Decision>(realmPath(realmId, '/policy:evaluate'), {
      identity_id: identity.id,
      ...(applicationId ? { application_id: applicationId } : {}),
      transaction,
    });
    setResult(decision);
  });
  if (!api.can('policy:evaluate')) return null;
  const ruleName = (id: string) =>
    id === 'default'
      ? 'no rule decided (default deny)'
      : id === 'suspended'
        ? 'the identity is suspended'
        : (rules.find((r) => r.id === id)?.name ?? id);
  return (
    <section class="panel simulate" aria-labelledby="simulate-title">
      <h2 id="simulate-title">Simulate</h2>
      <p class="hint">Checks a request against the published version, without signing anyone in.</p>
      {identity ? (
        <div class="field">
          <span class="label">Identity</span>
          <div class="chip">
            {identity.display_name} <span class="hint">{identity.traits.username}</span>
            <button type="button" class="icon-button" aria-label="Choose another identity" onClick={() => setIdentity(null)}>
              ×
            </button>
          </div>
        </div>
      ) : (
        <IdentitySearch
          label="Identity"
          onPick={(picked) => {
            setIdentity(picked);
            setMissing(undefined);
          }}
        />
      )}
      {missing ? <p class="field-error">{missing}</p> : null}
      <div class="form-row">
        <SelectField
          label="Application"
          value={applicationId}
          onValue={setApplicationId}
          options={[{ value: '', label: 'No application' }, ...applications.map((a) => ({ value: a.id, label: a.display_name }))]}
        />
        <SelectField
          label="Transaction"
          value={transaction}
          onValue={(v) => setTransaction(v as PolicyTransaction)}
          options={POLICY_TRANSACTIONS.map((t) => ({ value: t, label: transactionLabel(t) }))}
        />
      </div>
      <Button variant="primary" busy={evaluate.busy} onClick={() => void evaluate.run()}>
        Simulate
      </Button>
      <ErrorNotice error={evaluate.error} />
      {result ? (
        <div class={`decision decision-${result.decision.toLowerCase()}`} role="status" data-decision={result.decision}>
          <p>
            <strong>{result.decision}</strong> — {result.rule_id === 'default' || result.rule_id === 'suspended' ? '' : 'rule '}
            {ruleName(result.rule_id)}
          </p>
          {result.deny_message ? <p>Message: {result.deny_message}</p> : null}
          {result.monitored_rule_ids.length ? <p>Also matched (monitor): {result.monitored_rule_ids.map(ruleName).join(', ')}</p> : null}
          <p class="hint">Policy version {result.policy_version}</p>
        </div>
      ) : null}
    </section>
  );
}
