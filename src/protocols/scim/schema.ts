/**
 * The SCIM User schema as yonder supports it (RFC 7643 §4.1, §4.3, §8.7.1), in one place: the
 * `/Schemas` endpoint shows it, and filters, PATCH paths and `attributes` resolve names against it
 * (case-insensitively, RFC 7644 §3.10). Only attributes that have a home in an identity are listed.
 * `password` is accepted on writes and never stored or returned, so it is not advertised (Entra's
 * validator flags schemas that advertise it, M6). The Group schema (RFC 7643 §4.2) sits beside
 * it; every lookup names the schema it resolves against.
 */
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

export type AttributeType = 'string' | 'boolean' | 'dateTime' | 'reference' | 'complex' | 'integer';

export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

function attr(name: string, description: string, more: Partial<AttributeDef> = {}): AttributeDef {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...more,
  };
}

const typeAndPrimary = (canonicalValues: string[]) => [
  attr('type', 'A label for the value; yonder reports the primary as "work".', { canonicalValues }),
  attr('primary', 'Whether this is the primary value.', { type: 'boolean' }),
];

export const USER_ATTRIBUTES: AttributeDef[] = [
  attr('userName', "Unique per realm, compared case-insensitively; the identity's username.", {
    required: true,
    uniqueness: 'server',
  }),
  attr('name', "The components of the user's name.", {
    type: 'complex',
    subAttributes: [
      attr('formatted', 'The full name.'),
      attr('familyName', 'The family name.'),
      attr('givenName', 'The given name.'),
      attr('middleName', 'The middle name.'),
      attr('honorificPrefix', 'Honorific prefix, e.g. "Ms.".'),
      attr('honorificSuffix', 'Honorific suffix, e.g. "III".'),
    ],
  }),
  attr('displayName', 'The name shown for the user; derived from the name or userName when absent.'),
  attr('nickName', 'The casual name.'),
  attr('profileUrl', "The user's profile page.", { type: 'reference', referenceTypes: ['external'] }),
  attr('title', 'The job title.'),
  attr('userType', 'The relationship to the organization, e.g. "Employee".'),
  attr('preferredLanguage', 'Preferred language, e.g. "en-US".'),
  attr('locale', 'Locale, e.g. "en-US".'),
  attr('timezone', 'Time zone, e.g. "America/Los_Angeles".'),
  attr('active', 'false suspends the identity; true makes it active again.', { type: 'boolean' }),
  attr('emails', 'Up to two addresses: the primary (type "work") and one other (type "other").', {
    multiValued: true,
    type: 'complex',
    subAttributes: [attr('value', 'The email address.'), ...typeAndPrimary(['work', 'home', 'other'])],
  }),
  attr('phoneNumbers', 'Up to two numbers: the primary (type "work") and one other (type "mobile").', {
    multiValued: true,
    type: 'complex',
    subAttributes: [attr('value', 'The phone number.'), ...typeAndPrimary(['work', 'home', 'mobile', 'fax', 'pager', 'other'])],
  }),
  attr('photos', 'One photo URL.', {
    multiValued: true,
    type: 'complex',
    subAttributes: [attr('value', 'The photo URL.', { type: 'reference', referenceTypes: ['external'] }), ...typeAndPrimary(['photo', 'thumbnail'])],
  }),
  attr('addresses', 'One postal address.', {
    multiValued: true,
    type: 'complex',
    subAttributes: [
      attr('formatted', 'The full address.'),
      attr('streetAddress', 'Street, house number, etc.'),
      attr('locality', 'City.'),
      attr('region', 'State or region.'),
      attr('postalCode', 'Postal code.'),
      attr('country', 'Country.'),
      ...typeAndPrimary(['work', 'home', 'other']),
    ],
  }),
  attr('groups', 'The groups the user is a member of. Read-only: membership changes through /Groups.', {
    multiValued: true,
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      attr('value', "The group's id.", { mutability: 'readOnly', caseExact: true }),
      attr('$ref', "The group's URI.", { type: 'reference', referenceTypes: ['Group'], mutability: 'readOnly', caseExact: true }),
      attr('display', "The group's displayName.", { mutability: 'readOnly' }),
      attr('type', 'Always "direct": groups do not nest.', { mutability: 'readOnly', canonicalValues: ['direct'] }),
    ],
  }),
];

export const GROUP_ATTRIBUTES: AttributeDef[] = [
  attr('displayName', "Unique per realm, compared case-insensitively; the group's display_name.", {
    required: true,
    uniqueness: 'server',
  }),
  attr('members', "The group's members: users (identities) of the same realm.", {
    multiValued: true,
    type: 'complex',
    subAttributes: [
      attr('value', "The user's id.", { mutability: 'immutable', caseExact: true }),
      attr('$ref', "The user's URI.", { type: 'reference', referenceTypes: ['User'], mutability: 'readOnly', caseExact: true }),
      attr('display', "The user's displayName; ignored on writes.", { mutability: 'readOnly' }),
      attr('type', 'Always "User": groups do not nest.', { mutability: 'immutable', canonicalValues: ['User'] }),
    ],
  }),
];

export const ENTERPRISE_ATTRIBUTES: AttributeDef[] = [
  attr('employeeNumber', 'The employee number.'),
  attr('costCenter', 'The cost center.'),
  attr('organization', 'The organization.'),
  attr('division', 'The division.'),
  attr('department', 'The department.'),
  attr('manager', "The user's manager.", {
    type: 'complex',
    subAttributes: [attr('value', "The manager's id."), attr('displayName', "The manager's name.")],
  }),
];

/** Attributes every resource has (RFC 7643 §3.1); not part of any schema's attribute list. */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  attr('id', 'Issued by yonder; the identity or group id.', { mutability: 'readOnly', returned: 'always', caseExact: true, uniqueness: 'server' }),
  attr('externalId', "The provisioning client's id for the resource.", { caseExact: true }),
  attr('meta', 'Resource metadata.', {
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', '"User" or "Group".', { mutability: 'readOnly', caseExact: true }),
      attr('created', 'When the resource was created.', { type: 'dateTime', mutability: 'readOnly' }),
      attr('lastModified', 'When the resource last changed.', { type: 'dateTime', mutability: 'readOnly' }),
      attr('location', "The resource's URI.", { type: 'reference', mutability: 'readOnly', caseExact: true }),
      attr('version', 'The weak ETag of the current version.', { mutability: 'readOnly', caseExact: true }),
    ],
  }),
];

/** A resource's schema as lookups see it: its core attributes and its extension, if any. */
export interface ScimSchema {
  urn: string;
  attributes: readonly AttributeDef[];
  extension?: { urn: typeof ENTERPRISE_USER; attributes: readonly AttributeDef[] };
}

export const USER_SCHEMA: ScimSchema = {
  urn: CORE_USER,
  attributes: USER_ATTRIBUTES,
  extension: { urn: ENTERPRISE_USER, attributes: ENTERPRISE_ATTRIBUTES },
};

export const GROUP_SCHEMA: ScimSchema = { urn: CORE_GROUP, attributes: GROUP_ATTRIBUTES };

/** Where an attribute lives in a resource. */
export interface ResolvedAttribute {
  /** `undefined` for core and common attributes; the extension URN otherwise. */
  extension?: typeof ENTERPRISE_USER;
  attribute: AttributeDef;
  sub?: AttributeDef;
}

const find = (defs: readonly AttributeDef[] | undefined, name: string) => defs?.find((d) => d.name.toLowerCase() === name.toLowerCase());

/** Splits a URN-qualified path (`urn:…:User:name.givenName`) into the schema's URN and the rest. */
export function splitSchemaUrn(path: string, schema: ScimSchema): { urn?: string; rest: string } {
  const lower = path.toLowerCase();
  for (const urn of [schema.extension?.urn, schema.urn]) {
    if (urn === undefined) continue;
    if (lower === urn.toLowerCase()) return { urn, rest: '' };
    if (lower.startsWith(`${urn.toLowerCase()}:`)) return { urn, rest: path.slice(urn.length + 1) };
  }
  return { rest: path };
}

/**
 * Resolves `attr`, `attr.sub`, `urn:…:attr` or `urn:…:attr.sub` against `schema`, ignoring case.
 * Unqualified extension names (`employeeNumber`) are accepted too, since no core attribute shares
 * their names. `undefined` when yonder does not know the attribute.
 */
export function resolveAttribute(path: string, schema: ScimSchema): ResolvedAttribute | undefined {
  const { urn, rest } = splitSchemaUrn(path, schema);
  const [name, subName, extra] = rest.split('.');
  if (!name || extra !== undefined) return undefined;
  let attribute: AttributeDef | undefined;
  let extension: typeof ENTERPRISE_USER | undefined;
  const ext = schema.extension;
  if (ext && urn === ext.urn) {
    attribute = find(ext.attributes, name);
    extension = ext.urn;
  } else {
    attribute = find(schema.attributes, name) ?? find(COMMON_ATTRIBUTES, name);
    if (!attribute && urn === undefined && ext) {
      attribute = find(ext.attributes, name);
      if (attribute) extension = ext.urn;
    }
  }
  if (!attribute) return undefined;
  if (subName === undefined) return extension ? { extension, attribute } : { attribute };
  const sub = find(attribute.subAttributes, subName);
  if (!sub) return undefined;
  return extension ? { extension, attribute, sub } : { attribute, sub };
}

/** The canonical dotted spelling of a resolved attribute, with its URN for the extension. */
export function canonicalPath(resolved: ResolvedAttribute): string {
  const base = resolved.sub ? `${resolved.attribute.name}.${resolved.sub.name}` : resolved.attribute.name;
  return resolved.extension ? `${resolved.extension}:${base}` : base;
}
