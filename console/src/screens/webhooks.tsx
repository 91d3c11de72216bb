import { useState } from 'preact/hooks';
import { EVENT_TYPES } from '../../../src/domain/audit/event-types';
import type { components } from '../api-types.gen';
import { useConsole } from '../context';
import { formatTime } from '../format';
import { useAction, useLoad } from '../hooks';
import type { Reply } from '../types';
import { Button, Toggle } from '../ui/button';
import { Checklist } from '../ui/checklist';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CopyField } from '../ui/copy';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/field';
import { FormDialog } from '../ui/form-dialog';
import { LoadedTable } from '../ui/loaded-view';
import { ErrorNotice, Notice } from '../ui/notice';
import { RowActions } from '../ui/row-actions';
import { useConfirm } from '../ui/use-confirm';
import type { ScreenProps } from './catalog';

type Webhook = components['schemas']['Webhook'];
type CreatedWebhook = Reply<'CreateWebhook'>;
type Delivery = components['schemas']['WebhookDelivery'];

/** Where delivery to an endpoint stands, in a few words. */
function deliveryState(webhook: Webhook): string {
  const { status } = webhook;
  if (!webhook.enabled) return 'Paused';
  if (status.failure_count > 0) {
    return `Failing (${status.failure_count}×): ${status.last_error ?? 'no answer'}; next try ${formatTime(status.next_attempt_time ?? undefined)}`;
  }
  if (status.last_success_time) return `Delivering; last ${formatTime(status.last_success_time)}`;
  return 'Waiting for the first event';
}

/**
 * The tenant's webhook endpoints: where its audit events are delivered, signed. A new endpoint's
 * secret is shown once, in the dialog after it is added.
 */
export function WebhooksScreen(_props: ScreenProps) {
  const { api, announce } = useConsole();
  const webhooks = useLoad(async () => (await api.get<Reply<'ListWebhooks'>>('/webhooks')).webhooks, [api]);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const remove = useConfirm(
    (webhook: Webhook) => api.delete(`/webhooks/${webhook.id}`),
    (webhook) => {
      if (selectedId === webhook.id) setSelectedId(null);
      webhooks.reload();
      announce(`Webhook ${webhook.url} deleted`);
    },
  );
  const pause = useAction(async (webhook: Webhook) => {
    await api.patch(`/webhooks/${webhook.id}`, { webhook: { enabled: !webhook.enabled } });
    webhooks.reload();
    announce(`Webhook ${webhook.url} ${webhook.enabled ? 'paused' : 'resumed'}`);
  });

  return (
    <section>
      <div class="toolbar">
        <h1 tabIndex={-1} class="grow">
          Webhooks
        </h1>
        {api.can('webhooks:create') ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add webhook
          </Button>
        ) : null}
      </div>
      <p class="hint">
        Every audit event of the tenant (all realms) is POSTed to each endpoint, in order, at least once, signed with its secret (Standard Webhooks
        headers). A failing endpoint is retried with backoff; events wait for it.
      </p>
      <ErrorNotice error={pause.error} />
      <LoadedTable
        loaded={webhooks}
        caption="Webhook endpoints"
        empty="No webhooks yet."
        columns={[
          { header: 'URL', cell: (w) => <code>{w.url}</code> },
          { header: 'Events', cell: (w) => (w.event_types.length === 0 ? 'All' : w.event_types.join(', ')), wide: true },
          { header: 'Status', cell: deliveryState },
          {
            header: 'Actions',
            cell: (w) => (
              <RowActions name={w.url} onDelete={api.can('webhooks:delete') ? () => remove.ask(w) : undefined}>
                <Toggle pressed={selectedId === w.id} label={`Deliveries to ${w.url}`} onToggle={(on) => setSelectedId(on ? w.id : null)}>
                  Deliveries
                </Toggle>
                {api.can('webhooks:update') ? (
                  <Button aria-label={`${w.enabled ? 'Pause' : 'Resume'} ${w.url}`} onClick={() => void pause.run(w)}>
                    {w.enabled ? 'Pause' : 'Resume'}
                  </Button>
                ) : null}
              </RowActions>
            ),
          },
        ]}
      />

      {selectedId ? <Deliveries key={selectedId} webhookId={selectedId} /> : null}

      {adding ? (
        <AddWebhookDialog
          onClose={() => setAdding(false)}
          onCreated={(webhook) => {
            setAdding(false);
            setCreated(webhook);
            webhooks.reload();
          }}
        />
      ) : null}
      <Dialog
        title="Webhook added"
        open={created !== null}
        onClose={() => setCreated(null)}
        actions={
          <Button variant="primary" onClick={() => setCreated(null)}>
            Done
          </Button>
        }
      >
        <Notice>Copy the signing secret now: it is shown only this once. The receiver checks each delivery's signature with it.</Notice>
        <CopyField label="Signing secret" value={created?.secret ?? ''} secret />
      </Dialog>
      <ConfirmDialog
        {...remove.dialog}
        title="Delete webhook"
        message={<p>Stop delivering events to {remove.target?.url} and delete it?</p>}
        confirmLabel="Delete webhook"
      />
    </section>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const { api } = useConsole();
  const deliveries = useLoad(
    async () => (await api.get<Reply<'ListWebhookDeliveries'>>(`/webhooks/${webhookId}/deliveries`)).deliveries,
    [webhookId],
  );
  return (
    <div class="panel">
      <div class="toolbar">
        <h2 class="grow">Recent deliveries</h2>
        <Button onClick={deliveries.reload}>Refresh</Button>
      </div>
      <LoadedTable<Delivery>
        loaded={deliveries}
        caption="Recent delivery attempts, newest first"
        empty="Nothing delivered yet."
        columns={[
          { header: 'When', cell: (d) => formatTime(d.create_time) },
          { header: 'Event', cell: (d) => <code>{d.event_type}</code> },
          { header: 'Attempt', cell: (d) => String(d.attempt), wide: true },
          { header: 'Result', cell: (d) => (d.succeeded ? `${d.status_code ?? ''} OK` : (d.error ?? 'failed')) },
          { header: 'Time', cell: (d) => `${d.duration_ms} ms`, wide: true },
        ]}
      />
    </div>
  );
}

function AddWebhookDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (webhook: CreatedWebhook) => void }) {
  const { api } = useConsole();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const create = useAction(async () => {
    const body = { webhook: { url: url.trim(), description: description.trim(), event_types: types } };
    onCreated(await api.post<CreatedWebhook>('/webhooks', body));
  });
  const error = create.error;
  return (
    <FormDialog title="Add webhook" open onClose={onClose} onSubmit={() => void create.run()} submitLabel="Add webhook" busy={create.busy}>
      <TextField
        label="URL"
        required
        type="url"
        hint="An https URL of your receiver; addresses inside the network are refused unless the server allows them."
        value={url}
        onValue={setUrl}
        error={error?.violation('url')}
      />
      <TextField label="Description" value={description} onValue={setDescription} error={error?.violation('description')} />
      <Checklist
        legend="Event types"
        hint="None chosen: every event."
        options={EVENT_TYPES.map((t) => ({ value: t, label: t }))}
        selected={types}
        onChange={setTypes}
        error={error?.violation('event_types')}
      />
      {error && error.fieldViolations.length === 0 ? <ErrorNotice error={error} /> : null}
    </FormDialog>
  );
}
