/**
 * The SCIM User schema as yonder supports it (RFC 7643 §4.1, §4.3, §8.7.1), in one place: the
 * `/Schemas` endpoint shows it, and filters, PATCH paths and `attributes` resolve names against it
 * (case-insensitively, RFC 7644 §3.10). Only attributes that have a home in an identity are listed.
 * `password` is accepted on writes and never stored or returned, so it is not advertised (Entra's
 * validator flags schemas that advertise it, M6). Group-related attributes (`groups`) join when
 * groups exist.
 */
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
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
  attr('userName', 'Unique per realm, compared case-insensitively; the identity\'s username.', {
    required: true,
    uniqueness: 'server',
  }),
  attr('name', 'The components of the user\'s name.', {
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
  attr('profileUrl', 'The user\'s profile page.', { type: 'reference', referenceTypes: ['external'] }),
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
    subAttributes: [
      attr('value', 'The photo URL.', { type: 'reference', referenceTypes: ['external'] }),
      ...typeAndPrimary(['photo', 'thumbnail']),
    ],
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
];

export const ENTERPRISE_ATTRIBUTES: AttributeDef[] = [
  attr('employeeNumber', 'The employee number.'),
  attr('costCenter', 'The cost center.'),
  attr('organization', 'The organization.'),
  attr('division', 'The division.'),
  attr('department', 'The department.'),
  attr('manager', 'The user\'s manager.', {
    type: 'complex',
    subAttributes: [
      attr('value', 'The manager\'s id.'),
      attr('displayName', 'The manager\'s name.'),
    ],
  }),
];

/** Attributes every resource has (RFC 7643 §3.1); not part of any schema's attribute list. */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  attr('id', 'Issued by yonder; the identity id.', { mutability: 'readOnly', returned: 'always', caseExact: true, uniqueness: 'server' }),
  attr('externalId', 'The provisioning client\'s id for the user.', { caseExact: true }),
  attr('meta', 'Resource metadata.', {
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', 'Always "User".', { mutability: 'readOnly', caseExact: true }),
      attr('created', 'When the user was created.', { type: 'dateTime', mutability: 'readOnly' }),
      attr('lastModified', 'When the user last changed.', { type: 'dateTime', mutability: 'readOnly' }),
      attr('location', 'The user\'s URI.', { type: 'reference', mutability: 'readOnly', caseExact: true }),
      attr('version', 'The weak ETag of the current version.', { mutability: 'readOnly', caseExact: true }),
    ],
  }),
];

/** Where an attribute lives in a User resource. */
export interface ResolvedAttribute {
  /** `undefined` for core and common attributes; the extension URN otherwise. */
  extension?: typeof ENTERPRISE_USER;
  attribute: AttributeDef;
  sub?: AttributeDef;
}

const find = (defs: readonly AttributeDef[] | undefined, name: string) =>
  defs?.find((d) => d.name.toLowerCase() === name.toLowerCase());

/** Splits a URN-qualified path (`urn:…:User:name.givenName`) into its schema and the rest. */
export function splitSchemaUrn(path: string): { urn?: string; rest: string } {
  const lower = path.toLowerCase();
  for (const urn of [ENTERPRISE_USER, CORE_USER]) {
    if (lower === urn.toLowerCase()) return { urn, rest: '' };
    if (lower.startsWith(`${urn.toLowerCase()}:`)) return { urn, rest: path.slice(urn.length + 1) };
  }
  return { rest: path };
}

/**
 * Resolves `attr`, `attr.sub`, `urn:…:attr` or `urn:…:attr.sub` to its definitions,
 * ignoring case. Unqualified enterprise names (`employeeNumber`) are accepted too, since no core
 * attribute shares their names. `undefined` when yonder does not know the attribute.
 */
export function resolveAttribute(path: string): ResolvedAttribute | undefined {
  const { urn, rest } = splitSchemaUrn(path);
  const [name, subName, extra] = rest.split('.');
  if (!name || extra !== undefined) return undefined;
  let attribute: AttributeDef | undefined;
  let extension: typeof ENTERPRISE_USER | undefined;
  if (urn === ENTERPRISE_USER) {
    attribute = find(ENTERPRISE_ATTRIBUTES, name);
    extension = ENTERPRISE_USER;
  } else {
    attribute = find(USER_ATTRIBUTES, name) ?? find(COMMON_ATTRIBUTES, name);
    if (!attribute && urn === undefined) {
      attribute = find(ENTERPRISE_ATTRIBUTES, name);
      if (attribute) extension = ENTERPRISE_USER;
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
