import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api';
import type { Group, Identity } from '../types';
import { titleCase } from '../format';

export type { ResourceServer, Role } from '../access-types';

/** The most a v1 list answers in one page. */
export const MAX_PAGE = 200;

/**
 * The identity list's `filter` for what a person types in a search box: a username or email
 * starting with it, or a display name containing it. The API compares these case-insensitively;
 * the value is a JSON string, as SCIM filter values are, so quotes and backslashes are escaped.
 */
export function identitySearchFilter(text: string): string | undefined {
  const term = text.trim();
  if (!term) return undefined;
  const value = JSON.stringify(term);
  return `traits.username sw ${value} or traits.primary_email_address sw ${value} or display_name co ${value}`;
}

/** A value that settles `ms` after the last change, so typing does not send a request per key. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ${status === 'active' ? 'badge-good' : 'badge-bad'}`}>{titleCase(status)}</span>;
}

const ENROLLMENT: Record<string, { label: string; tone: string }> = {
  ENROLLED: { label: 'Enrolled', tone: 'badge-good' },
  PENDING: { label: 'Invited', tone: '' },
  INVITE_FAILED: { label: 'Invite failed', tone: 'badge-bad' },
  UNENROLLED: { label: 'No passkey', tone: '' },
};

export function EnrollmentBadge({ status }: { status: string | undefined }) {
  const known = ENROLLMENT[status ?? 'UNENROLLED'] ?? { label: titleCase(status ?? ''), tone: '' };
  return <span class={`badge ${known.tone}`}>{known.label}</span>;
}

export function identityLabel(identity: Identity): string {
  return identity.display_name || identity.traits.username || identity.id;
}

/** The human words for the field violations the API gives for names ("empty string", "missing"). */
export function fieldMessage(error: ApiError | undefined, field: string, label: string): string | undefined {
  const description = error?.violation(field);
  if (!description) return undefined;
  if (description === 'missing' || description === 'empty string') return `${label} is required.`;
  return `${label} ${description}.`;
}

/** Runs `work` over `items` a few at a time, collecting failures instead of stopping at the first. */
export async function eachLimited<T>(items: T[], work: (item: T) => Promise<unknown>, limit = 4): Promise<{ item: T; error: unknown }[]> {
  const failures: { item: T; error: unknown }[] = [];
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failures.push({ item, error });
      }
    }
  });
  await Promise.all(runners);
  return failures;
}

/** A checkbox per group, for choosing the groups an identity joins. */
export function GroupChoices({ groups, chosen, onChange }: { groups: Group[]; chosen: Set<string>; onChange: (chosen: Set<string>) => void }) {
  return (
    <>
      {groups.map((group) => (
        <label key={group.id} class="choice">
          <input
            type="checkbox"
            checked={chosen.has(group.id)}
            onChange={() => {
              const next = new Set(chosen);
              if (next.has(group.id)) next.delete(group.id);
              else next.add(group.id);
              onChange(next);
            }}
          />
          {group.display_name}
        </label>
      ))}
    </>
  );
}
