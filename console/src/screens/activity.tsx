import { useId, useState } from 'preact/hooks';
import { EVENT_TYPES, RESOURCE_TYPES } from '../../../src/domain/audit/event-types';
import type { AuditEvent } from '../access-types';
import { query } from '../api';
import { realmPath, useConsole } from '../context';
import { formatTime } from '../format';
import { useLoad } from '../hooks';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/field';
import { LoadedView } from '../ui/loaded-view';
import { Pager, usePager } from '../ui/pager';
import type { Reply } from '../types';
import type { ScreenProps } from './catalog';

interface Filters {
  type: string;
  resource_type: string;
  resource_id: string;
  actor: string;
  since: string;
  until: string;
}
const NO_FILTERS: Filters = { type: '', resource_type: '', resource_id: '', actor: '', since: '', until: '' };

/** A `datetime-local` value (the reader's local time) as the RFC 3339 instant the API filters on. */
function instant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function actorLabel(actor: AuditEvent['actor']): string {
  const detail = actor.identity_id ?? actor.subject ?? actor.jti;
  return detail ? `${actor.type} · ${String(detail)}` : actor.type;
}

export function ActivityScreen(_props: ScreenProps) {
  const { api, realmId, realms } = useConsole();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const pager = usePager();
  const events = useLoad(
    () =>
      api.get<Reply<'ListEvents'>>(
        realmPath(
          realmId,
          `/events${query({
            page_size: 25,
            page_token: pager.pageToken,
            type: filters.type,
            resource_type: filters.resource_type,
            resource_id: filters.resource_id.trim(),
            actor: filters.actor.trim(),
            since: instant(filters.since),
            until: instant(filters.until),
          })}`,
        ),
      ),
    [realmId, pager.pageToken, filters],
  );
  const set = (key: keyof Filters, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const apply = (next: Filters) => {
    setFilters(next);
    pager.reset();
  };
  const isAdminRealm = realmId === api.config.admin_realm_id;
  const adminRealm = realms.find((r) => r.id === api.config.admin_realm_id);

  return (
    <section>
      <h1 tabIndex={-1}>Activity</h1>
      <p class="hint">
        Every change in this realm, every policy decision and sign-in attempt, newest first.
        {isAdminRealm
          ? ' Tenant-wide changes (the tenant, realms created and deleted) are listed here too.'
          : ` Tenant-wide changes are listed under the ${adminRealm?.display_name ?? 'admin'} realm.`}
      </p>
      <form
        class="filters"
        aria-label="Filter events"
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <SelectField
          label="Type"
          value={draft.type}
          onValue={(v) => set('type', v)}
          options={[{ value: '', label: 'Any type' }, ...EVENT_TYPES.map((t) => ({ value: t, label: t }))]}
        />
        <SelectField
          label="Resource"
          value={draft.resource_type}
          onValue={(v) => set('resource_type', v)}
          options={[{ value: '', label: 'Any resource' }, ...RESOURCE_TYPES.map((t) => ({ value: t, label: t }))]}
        />
        <TextField label="Resource id" value={draft.resource_id} onValue={(v) => set('resource_id', v)} />
        <TextField label="Actor" hint="Identity id, token id or subject, cli, system" value={draft.actor} onValue={(v) => set('actor', v)} />
        <TextField label="From" type="datetime-local" value={draft.since} onValue={(v) => set('since', v)} />
        <TextField label="Until" type="datetime-local" value={draft.until} onValue={(v) => set('until', v)} />
        <div class="actions filter-actions">
          <Button type="submit" variant="primary" busy={events.loading}>
            Apply filters
          </Button>
          <Button
            onClick={() => {
              setDraft(NO_FILTERS);
              apply(NO_FILTERS);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      <LoadedView loaded={events} label="Loading events…">
        {(data) =>
          data ? (
            <>
              <p class="hint" role="status">
                {data.total_size} {data.total_size === 1 ? 'event' : 'events'}
              </p>
              {data.events.length === 0 ? <p class="empty">No events match.</p> : <EventTable events={data.events} />}
              <Pager pager={pager} nextToken={data.next_page_token} />
            </>
          ) : null
        }
      </LoadedView>
    </section>
  );
}

/**
 * Events with their before and after folded under each row: a full-width row below, opened by a
 * button that says whether it is open, so the JSON never squeezes the columns.
 */
function EventTable({ events }: { events: AuditEvent[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const id = useId();
  const toggle = (eventId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(eventId)) next.delete(eventId);
      else next.add(eventId);
      return next;
    });
  return (
    <div class="table-wrap">
      <table class="table events-table">
        <caption class="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col" class="wide">
              Resource
            </th>
            <th scope="col" class="wide">
              Actor
            </th>
            <th scope="col" class="wide">
              Address
            </th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        {events.map((e) => {
          const shown = open.has(e.id);
          const hasChanges = e.before !== null || e.after !== null;
          return (
            <tbody key={e.id} class="event">
              <tr>
                <td>
                  <time dateTime={e.create_time} title={e.create_time}>
                    {formatTime(e.create_time)}
                  </time>
                </td>
                <td>
                  <code class="event-type">{e.type}</code>
                </td>
                <td class="wide">
                  {e.resource_type} <code class="hint">{e.resource_id}</code>
                </td>
                <td class="wide">{actorLabel(e.actor)}</td>
                <td class="wide">{e.address ?? '—'}</td>
                <td>
                  {hasChanges ? (
                    <Button variant="link" aria-expanded={shown} aria-controls={`${id}-${e.id}`} onClick={() => toggle(e.id)}>
                      {shown ? 'Hide before and after' : 'Before and after'}
                    </Button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
              {shown ? (
                <tr id={`${id}-${e.id}`} class="event-details">
                  <td colSpan={6}>
                    <div class="two-columns">
                      <div>
                        <h4>Before</h4>
                        <pre>{e.before ? JSON.stringify(e.before, null, 2) : '—'}</pre>
                      </div>
                      <div>
                        <h4>After</h4>
                        <pre>{e.after ? JSON.stringify(e.after, null, 2) : '—'}</pre>
                      </div>
                    </div>
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
