import { useState } from 'preact/hooks';
import type { Application, ResourceServer } from '../access-types';
import { realmPath, useConsole } from '../context';
import { useAction } from '../hooks';
import { Checklist } from '../ui/checklist';
import { CheckboxField, SelectField, TextField } from '../ui/field';
import { FormDialog } from '../ui/form-dialog';
import { ListField } from '../ui/list-field';
import { ErrorNotice } from '../ui/notice';
import { RadioCards } from '../ui/radio-cards';
import { type ApplicationForm, type ApplicationKind, formOf, protocolConfigOf, redirectUrisToSend } from './application-form';

const KINDS: { value: ApplicationKind; label: string; description: string }[] = [
  {
    value: 'sign_in',
    label: 'Sign people in',
    description: 'OpenID Connect, authorization code: a web, mobile or single-page app whose users sign in with a passkey.',
  },
  {
    value: 'machine',
    label: 'Machine to machine',
    description: 'OAuth 2.0 client credentials: a service that calls an API with its own secret.',
  },
];

const BOTH_KINDS = {
  value: 'both' as const,
  label: 'Both',
  description: 'Authorization code and client credentials, as the API set this application up.',
};

/** The form's fields that hold one string (a text or one choice). */
type TextKey = { [K in keyof ApplicationForm]: ApplicationForm[K] extends string ? K : never }[keyof ApplicationForm];

type Props = {
  open: boolean;
  app: Application | null;
  servers: ResourceServer[];
  onClose: () => void;
  onSaved: (app: Application) => void;
};

/** Adds or edits an application; every refusal of the API is shown on the field it names. */
export function ApplicationDialog({ open, app, servers, onClose, onSaved }: Props) {
  const { api, realmId } = useConsole();
  const [form, setForm] = useState<ApplicationForm>(() => formOf(app));
  const set = <K extends keyof ApplicationForm>(key: K, value: ApplicationForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  /** A text or choice field's value and setter; a choice's value is one of its own options. */
  const bind = <K extends TextKey>(key: K) => ({ value: form[key], onValue: (v: string) => set(key, v as ApplicationForm[K]) });
  const server = servers.find((s) => s.id === form.resource_server_id);
  const signsIn = form.kind !== 'machine';
  const save = useAction(async () => {
    const body = {
      application: {
        display_name: form.display_name.trim(),
        protocol_config: protocolConfigOf(form, app?.protocol_config),
        ...(form.resource_server_id ? { resource_server_id: form.resource_server_id } : {}),
      },
    };
    const saved = app
      ? await api.patch<Application>(realmPath(realmId, `/applications/${app.id}`), body)
      : await api.post<Application>(realmPath(realmId, '/applications'), body);
    onSaved(saved);
  });
  const error = save.error;
  const sentAt = redirectUrisToSend(form.redirect_uris).indexOfRow;
  return (
    <FormDialog
      title={app ? `Edit ${app.display_name}` : 'Add application'}
      open={open}
      onClose={onClose}
      onSubmit={() => void save.run()}
      submitLabel={app ? 'Save application' : 'Add application'}
      busy={save.busy}
    >
      <TextField label="Name" required {...bind('display_name')} error={error?.violation('display_name')} />
      <RadioCards
        legend="What is it for?"
        options={form.kind === 'both' ? [...KINDS, BOTH_KINDS] : KINDS}
        value={form.kind}
        onValue={(v) => set('kind', v)}
        error={error?.violation('grant_type') ?? error?.violation('type')}
      />
      {signsIn ? (
        <>
          <SelectField
            label="Client type"
            value={form.confidentiality}
            // A public client cannot keep a secret, so it must prove itself with PKCE.
            onValue={(v) =>
              setForm((f) => ({
                ...f,
                confidentiality: v as ApplicationForm['confidentiality'],
                pkce: v === 'public' && f.pkce === 'disabled' ? 's256' : f.pkce,
              }))
            }
            options={[
              { value: 'confidential', label: 'Confidential: a server that keeps a client secret' },
              { value: 'public', label: 'Public: a browser or mobile app, no secret' },
            ]}
            error={error?.violation('token_endpoint_auth_method') ?? error?.violation('confidentiality')}
          />
          <ListField
            legend="Redirect URIs"
            itemLabel="Redirect URI"
            addLabel="Add redirect URI"
            hint="Where yonder sends people back after they sign in. Matched exactly."
            placeholder="https://app.example/callback"
            type="url"
            values={form.redirect_uris}
            onChange={(v) => set('redirect_uris', v)}
            error={error?.violation('redirect_uris')}
            itemError={(row) => (sentAt[row] === undefined ? undefined : error?.violation(`redirect_uris.${sentAt[row]}`))}
          />
          <SelectField
            label="PKCE"
            {...bind('pkce')}
            options={[
              { value: 's256', label: 'Required (S256)' },
              { value: 'plain', label: 'Required (plain)' },
              { value: 'disabled', label: 'Optional' },
            ]}
            hint={form.confidentiality === 'public' ? 'A public client always needs PKCE (S256), whatever is chosen here.' : undefined}
            error={error?.violation('pkce')}
          />
          <CheckboxField
            label="Enable refresh tokens"
            hint="The token endpoint also issues a refresh token, replaced at each use; a reused one ends the sign-in."
            checked={form.enable_refresh_tokens}
            onChecked={(v) => set('enable_refresh_tokens', v)}
            error={error?.violation('enable_refresh_tokens')}
          />
        </>
      ) : null}
      <SelectField
        label="Resource server"
        value={form.resource_server_id}
        onValue={(v) => setForm((f) => ({ ...f, resource_server_id: v, allowed_scopes: [] }))}
        options={[{ value: '', label: 'None' }, ...servers.map((s) => ({ value: s.id, label: s.display_name }))]}
        error={error?.violation('resource_server_id')}
      />
      {server ? (
        <Checklist
          legend="Allowed scopes"
          options={server.scopes.map((s) => ({ value: s, label: s }))}
          selected={form.allowed_scopes}
          onChange={(v) => set('allowed_scopes', v)}
          empty="This resource server has no scopes."
          error={error?.violation('allowed_scopes')}
        />
      ) : null}
      <div class="form-row">
        <TextField
          label="Token lifetime (seconds)"
          type="number"
          hint="At most 7776000 (90 days)."
          {...bind('expires_after')}
          error={error?.violation('expires_after')}
        />
        {signsIn ? (
          <>
            <SelectField
              label="Token subject"
              {...bind('subject_field')}
              options={[
                { value: 'id', label: 'Identity id' },
                { value: 'email', label: 'Email address' },
                { value: 'username', label: 'Username' },
              ]}
              error={error?.violation('subject_field')}
            />
            <SelectField
              label="Token format"
              {...bind('token_format')}
              options={[
                { value: 'self_contained', label: 'Self-contained (JWT)' },
                { value: 'referential', label: 'Referential (opaque)' },
              ]}
              error={error?.violation('token_format')}
            />
          </>
        ) : null}
      </div>
      <ErrorNotice error={error} />
    </FormDialog>
  );
}
