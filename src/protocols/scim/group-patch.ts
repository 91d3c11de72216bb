import type scimFilter from 'scim2-parse-filter';
import { displayNameOf, externalIdOf, memberIdsOf } from './group-mapping.js';
import { type Result, badRequest, ok } from './problems.js';
import { GROUP_SCHEMA } from './schema.js';
import { type Operation, elementMatches, isReadOnlyKey, parsePatchPath } from './user-patch.js';

/**
 * SCIM PATCH on a Group (RFC 7644 §3.5.2), as a plan the caller runs in one transaction. Members
 * are never read-modify-written as a whole list: each operation becomes "add these ids", "remove
 * these ids" or "remove all", applied with the groups store's own add and remove, so a PATCH
 * touches only the rows it names (a group may have many thousands of members). Only a remove
 * with a value filter that is not a list of `value eq` terms needs the current member ids.
 *
 * What real clients send, and what this accepts because of it:
 * - Okta's rename before every membership update: a no-path `replace` whose value carries the
 *   read-only `id` (O2) — read-only keys in a no-path value are ignored;
 * - Okta's membership update: `remove` with `members[value eq "…"]` and `add` on `members`, in one
 *   request, several removes included (O2); its full push: `replace` on `members` (O2);
 * - Entra's default mode: `Remove` on `members` with `value: [{"value": "…"}]`; its compliant
 *   mode: `remove` on `members[value eq "…"]`; `Add` with `"$ref": null` (M1, M2);
 * - op names in any case; the core Group URN on paths; unknown attributes ignored.
 */

export type MemberStep =
  | { kind: 'add'; ids: string[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'clear' }
  | { kind: 'removeWhere'; filter: scimFilter.Filter };

export interface GroupPatchPlan {
  displayName?: string;
  /** `null` removes it. */
  externalId?: string | null;
  members: MemberStep[];
}

export function planGroupPatch(operations: readonly Operation[]): Result<GroupPatchPlan> {
  const plan: GroupPatchPlan = { members: [] };
  for (const operation of operations) {
    if (operation.path === undefined) {
      const value = operation.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return badRequest('invalidValue', `${operation.op} without a path needs an object value`);
      }
      for (const [key, v] of Object.entries(value)) {
        if (isReadOnlyKey(key, GROUP_SCHEMA)) continue; // Okta sends `id` here (O2)
        const r = applyPath(plan, operation.op, key, v);
        if (!r.ok) return r;
      }
      continue;
    }
    const r = applyPath(plan, operation.op, operation.path, operation.value);
    if (!r.ok) return r;
  }
  return ok(plan);
}

function applyPath(plan: GroupPatchPlan, op: Operation['op'], path: string, value: unknown): Result<void> {
  const parsed = parsePatchPath(path, GROUP_SCHEMA);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  if (p === null) return ok(undefined); // no home in a group: ignored, like in a POST
  switch (p.attribute) {
    case 'displayName': {
      if (p.sub !== undefined || p.filter) return badRequest('invalidPath', `"${path}" is not a valid path`);
      if (op === 'remove') return badRequest('invalidValue', 'displayName is required and cannot be removed');
      const name = displayNameOf(value);
      if (!name.ok) return name;
      plan.displayName = name.value;
      return ok(undefined);
    }
    case 'externalId': {
      if (p.sub !== undefined || p.filter) return badRequest('invalidPath', `"${path}" is not a valid path`);
      const id = op === 'remove' ? ok(undefined) : externalIdOf(value);
      if (!id.ok) return id;
      plan.externalId = id.value ?? null;
      return ok(undefined);
    }
    case 'members':
      return memberStep(plan, op, p.filter, p.sub, path, value);
    default:
      return badRequest('invalidPath', `"${path}" cannot be changed`);
  }
}

function memberStep(
  plan: GroupPatchPlan,
  op: Operation['op'],
  filter: scimFilter.Filter | undefined,
  sub: string | undefined,
  path: string,
  value: unknown,
): Result<void> {
  if (sub !== undefined) return badRequest('invalidPath', `"${path}": a member's attributes cannot be changed; add or remove the member`);
  if (filter) {
    if (op !== 'remove') return badRequest('invalidPath', `"${path}": ${op} a member with "members" and a value, not a filter`);
    const ids = idsOf(filter);
    plan.members.push(ids ? { kind: 'remove', ids } : { kind: 'removeWhere', filter });
    return ok(undefined);
  }
  if (op === 'remove' && (value === undefined || value === null)) {
    plan.members.push({ kind: 'clear' });
    return ok(undefined);
  }
  const ids = memberIdsOf(value);
  if (!ids.ok) return ids;
  if (op === 'replace') plan.members.push({ kind: 'clear' });
  plan.members.push({ kind: op === 'remove' ? 'remove' : 'add', ids: ids.value });
  return ok(undefined);
}

/** The ids of `value eq "a"` or `value eq "a" or value eq "b"`; null for any other filter. */
function idsOf(filter: scimFilter.Filter): string[] | null {
  const op = filter.op.toLowerCase();
  if (op === 'eq') {
    const { attrPath, compValue } = filter as scimFilter.Compare;
    return attrPath.toLowerCase() === 'value' && typeof compValue === 'string' ? [compValue.toLowerCase()] : null;
  }
  if (op === 'or') {
    const parts = (filter as scimFilter.LogExp).filters.map(idsOf);
    return parts.every((p): p is string[] => p !== null) ? parts.flat() : null;
  }
  return null;
}

export function needsMemberList(plan: GroupPatchPlan): boolean {
  return plan.members.some((s) => s.kind === 'removeWhere');
}

/** What the member steps add and remove, and whether they first empty the group. */
export interface MemberDelta {
  clear: boolean;
  add: string[];
  remove: string[];
}

/**
 * The net effect of the steps, in order: a later step wins over an earlier one on the same id.
 * With `current` (the member ids, for filters), the delta is exact against it.
 */
export function memberDelta(steps: readonly MemberStep[], current?: readonly string[]): Result<MemberDelta> {
  if (current) {
    const before = new Set(current);
    const after = new Set(current);
    for (const step of steps) {
      if (step.kind === 'clear') after.clear();
      else if (step.kind === 'add') for (const id of step.ids) after.add(id);
      else if (step.kind === 'remove') for (const id of step.ids) after.delete(id);
      else {
        for (const id of [...after]) {
          const m = elementMatches({ value: id, type: 'User' }, step.filter);
          if (!m.ok) return m;
          if (m.value) after.delete(id);
        }
      }
    }
    return ok({
      clear: false,
      add: [...after].filter((id) => !before.has(id)),
      remove: [...before].filter((id) => !after.has(id)),
    });
  }
  let clear = false;
  const add = new Set<string>();
  const remove = new Set<string>();
  for (const step of steps) {
    if (step.kind === 'clear') {
      clear = true;
      add.clear();
      remove.clear();
    } else if (step.kind === 'add') {
      for (const id of step.ids) {
        remove.delete(id);
        add.add(id);
      }
    } else if (step.kind === 'remove') {
      for (const id of step.ids) {
        add.delete(id);
        if (!clear) remove.add(id);
      }
    }
  }
  return ok({ clear, add: [...add], remove: [...remove] });
}
