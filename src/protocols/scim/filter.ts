import type scimFilter from 'scim2-parse-filter';
import { compareFolded } from '../../domain/directory/filter-syntax.js';
import { foldedKey } from '../../domain/directory/names.js';
import type { TraitField } from '../../domain/directory/traits.js';
import { overBudget } from '../../domain/directory/filter-cost.js';
import {
  type CompareOp,
  USER_INDEXED_FILTERS,
  type UserCondition,
  type UserField,
  foldConstants,
  userCostTree,
} from '../../domain/directory/user-query.js';
import type { Result } from './problems.js';
import { FilterError, type TermCount, countTerm, logical, readFilter, textOperand, valuePath } from './filter-tree.js';
import { type AttributeDef, USER_SCHEMA, canonicalPath, resolveAttribute } from './schema.js';

/**
 * SCIM filters on Users (RFC 7644 §3.4.2.2), the whole grammar: `eq ne co sw ew pr gt ge lt le`,
 * `and or not`, grouping and value paths (`emails[type eq "work" and primary eq true]`).
 * scim2-parse-filter parses; this module resolves every attribute against the User schema and
 * maps it to where the identity keeps it. Attribute names and operators are case-insensitive;
 * userName, emails and the other caseExact=false strings compare case-insensitively.
 * An attribute yonder does not know is `invalidFilter`, never a silently empty or full list. A
 * filter past the cost budget (domain/directory/filter-cost.ts) is `tooMany`, with the reason.
 *
 * Multi-valued attributes are a fixed set of "slots" (the primary email, the other email...);
 * `emails[F]` and `emails.value eq x` mean "some slot that exists satisfies it". A slot's `type`
 * and `primary` are constants, so comparisons on them are decided here.
 */

type SlotValue = UserField | { constant: string | boolean };
type Slot = Record<string, SlotValue>;

const trait = (name: TraitField, caseExact = false): UserField => ({ kind: 'trait', trait: name, caseExact });

const SLOTS: Record<string, Slot[]> = {
  emails: [
    { value: { kind: 'key', key: 'email' }, type: { constant: 'work' }, primary: { constant: true } },
    { value: trait('secondary_email_address'), type: { constant: 'other' }, primary: { constant: false } },
  ],
  phoneNumbers: [
    { value: trait('primary_phone'), type: { constant: 'work' }, primary: { constant: true } },
    { value: trait('secondary_phone'), type: { constant: 'mobile' }, primary: { constant: false } },
  ],
  photos: [{ value: trait('photo', true), type: { constant: 'photo' }, primary: { constant: true } }],
  addresses: [
    {
      formatted: trait('formatted_address'),
      streetAddress: trait('street_address'),
      locality: trait('locality'),
      region: trait('region'),
      postalCode: trait('postal_code'),
      country: trait('country'),
      type: { constant: 'work' },
      primary: { constant: true },
    },
  ],
};

/** Single-valued attributes by canonical path. */
const FIELDS: Record<string, UserField> = {
  id: { kind: 'id' },
  userName: { kind: 'key', key: 'username' },
  displayName: { kind: 'key', key: 'display_name' },
  externalId: { kind: 'external_id' },
  active: { kind: 'status' },
  'meta.created': { kind: 'time', which: 'create' },
  'meta.lastModified': { kind: 'time', which: 'update' },
  'name.formatted': trait('formatted_name'),
  'name.familyName': trait('family_name'),
  'name.givenName': trait('given_name'),
  'name.middleName': trait('middle_name'),
  'name.honorificPrefix': trait('honorific_prefix'),
  'name.honorificSuffix': trait('honorific_suffix'),
  nickName: trait('nick_name'),
  profileUrl: trait('profile_url'),
  title: trait('title'),
  userType: trait('user_type'),
  preferredLanguage: trait('preferred_language'),
  locale: trait('locale'),
  timezone: trait('timezone'),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': trait('employee_number'),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter': trait('cost_center'),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization': trait('organization'),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division': trait('division'),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': trait('department'),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value': trait('manager_id', true),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName': trait('manager_name'),
};

/** Parses and resolves a filter; `invalidFilter` with a reason for anything yonder cannot answer. */
export function parseUserFilter(text: string): Result<UserCondition> {
  return readFilter(
    text,
    (ast, count) => foldConstants(resolve(ast, count, undefined)),
    (condition) => overBudget(userCostTree(condition), 'identity', USER_INDEXED_FILTERS),
  );
}

interface SlotScope {
  attribute: string;
  slots: Slot[];
  slot: Slot;
  subAttributes: AttributeDef[];
}

function resolve(node: scimFilter.Filter, count: TermCount, scope: SlotScope | undefined): UserCondition {
  const op = countTerm(node, count);
  const combined = logical(node, op, (child) => resolve(child, count, scope));
  if (combined) return combined;
  if (op !== '[]') return comparison(node as scimFilter.Compare | scimFilter.Suffix, op, scope);
  const { attrPath, valFilter } = valuePath(node, scope !== undefined);
  const multi = multiValued(attrPath);
  return anySlot(multi.name, (slot) =>
    resolve(valFilter, count, { attribute: multi.name, slots: SLOTS[multi.name] ?? [], slot, subAttributes: multi.subAttributes }),
  );
}

function multiValued(attrPath: string): { name: string; subAttributes: AttributeDef[] } {
  const resolved = resolveAttribute(attrPath, USER_SCHEMA);
  if (!resolved) throw new FilterError(`unknown attribute "${attrPath}"`);
  if (!resolved.attribute.multiValued || resolved.sub || !resolved.attribute.subAttributes) {
    throw new FilterError(`"${attrPath}" is not a multi-valued attribute`);
  }
  if (!SLOTS[resolved.attribute.name]) throw new FilterError(`"${attrPath}" cannot be used in a filter`);
  return { name: resolved.attribute.name, subAttributes: resolved.attribute.subAttributes };
}

/** OR over the slots of a multi-valued attribute: the slot exists and `test` holds for it. */
function anySlot(name: string, test: (slot: Slot) => UserCondition): UserCondition {
  const slots = SLOTS[name] ?? [];
  return { op: 'or', conditions: slots.map((slot) => ({ op: 'and', conditions: [slotExists(slot), test(slot)] })) };
}

function slotExists(slot: Slot): UserCondition {
  const fields = Object.values(slot).filter((v): v is UserField => !('constant' in v));
  return { op: 'or', conditions: fields.map((field) => ({ op: 'pr', field })) };
}

function comparison(node: scimFilter.Compare | scimFilter.Suffix, op: string, scope: SlotScope | undefined): UserCondition {
  const { attrPath } = node;
  const value = op === 'pr' ? undefined : (node as scimFilter.Compare).compValue;
  if (scope) {
    const sub = scope.subAttributes.find((s) => s.name.toLowerCase() === attrPath.toLowerCase());
    const target = sub && scope.slot[sub.name];
    if (!sub || !target) throw new FilterError(`unknown attribute "${scope.attribute}.${attrPath}"`);
    return compare(target, sub, op, value, `${scope.attribute}.${sub.name}`);
  }
  const resolved = resolveAttribute(attrPath, USER_SCHEMA);
  if (!resolved) throw new FilterError(`unknown attribute "${attrPath}"`);
  const { attribute, sub } = resolved;
  if (attribute.multiValued && attribute.subAttributes) {
    // `groups` is read from memberships, not stored on the identity: not filterable here.
    if (!SLOTS[attribute.name]) throw new FilterError(`"${attrPath}" cannot be used in a filter`);
    // `emails eq "x"` compares the `value` sub-attribute (RFC 7644 §3.4.2.2).
    const subDef = sub ?? attribute.subAttributes.find((s) => s.name === 'value');
    if (!subDef) throw new FilterError(`"${attrPath}" needs a sub-attribute`);
    return anySlot(attribute.name, (slot) => {
      const target = slot[subDef.name];
      if (!target) throw new FilterError(`unknown attribute "${attrPath}"`);
      return compare(target, subDef, op, value, `${attribute.name}.${subDef.name}`);
    });
  }
  const path = canonicalPath(resolved);
  const field = FIELDS[path];
  if (!field) throw new FilterError(`"${attrPath}" cannot be used in a filter`);
  return compare(field, sub ?? attribute, op, value, path);
}

const ORDERING = new Set(['gt', 'ge', 'lt', 'le']);

function compare(target: SlotValue, def: AttributeDef, op: string, raw: string | number | boolean | null | undefined, path: string): UserCondition {
  if (op === 'pr') return 'constant' in target ? { op: 'const', value: true } : { op: 'pr', field: target };
  // `eq null` / `ne null` ask whether the attribute is absent / present.
  if (raw === null && (op === 'eq' || op === 'ne')) {
    const present = compare(target, def, 'pr', undefined, path);
    return op === 'eq' ? { op: 'not', condition: present } : present;
  }
  if (op === 'ne') return { op: 'not', condition: compare(target, def, 'eq', raw, path) };
  const cmp = op as CompareOp;
  let value: string | boolean;
  if (def.type === 'boolean') {
    if (cmp !== 'eq') throw new FilterError(`"${op}" cannot compare the boolean "${path}"`);
    const b = typeof raw === 'boolean' ? raw : typeof raw === 'string' ? booleanText(raw) : undefined;
    if (b === undefined) throw new FilterError(`"${path}" must be compared with true or false`);
    value = b;
  } else {
    value = textOperand(def, cmp, raw, path);
  }
  if ('constant' in target) return { op: 'const', value: constantMatches(target.constant, cmp, value) };
  if (typeof value === 'string') value = comparable(target, value);
  if (ORDERING.has(cmp) && target.kind === 'status') throw new FilterError(`"${op}" cannot compare "${path}"`);
  return { op: cmp, field: target, value };
}

function booleanText(raw: string): boolean | undefined {
  const lower = raw.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** The value in the form its column stores it in (see `user-query.ts`). */
function comparable(field: UserField, value: string): string {
  switch (field.kind) {
    case 'key':
      return foldedKey(value);
    case 'id':
      return value.toLowerCase();
    case 'trait':
      return field.caseExact ? value : value.toLowerCase();
    default:
      return value;
  }
}

/** Slot constants (`type`, `primary`) compare here; strings ignore case like `type` does. */
function constantMatches(constant: string | boolean, op: CompareOp, value: string | boolean): boolean {
  if (typeof constant === 'boolean' || typeof value === 'boolean') return op === 'eq' && constant === value;
  return compareFolded(constant, op, value) === true;
}
