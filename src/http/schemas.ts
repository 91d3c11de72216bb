import { type TSchema, Type } from '@sinclair/typebox';
import { NAME_MAX_LENGTH, NAME_PATTERN } from '../domain/directory/names.js';

/** Shapes shared by every v1 resource: errors, timestamps, names, list parameters. */

export const Timestamp = Type.String({ format: 'date-time' });

/** A display name or username under the contract's rules (1–64 characters, a forbidden set). */
export const Name = (description?: string) =>
  Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH, pattern: NAME_PATTERN, ...(description ? { description } : {}) });

/** A string from a fixed set, validated as an `enum` so the error lists the choices. */
export const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

/** Read-only fields a client may send back unchanged; they are accepted and ignored. */
export const ReadOnly = Type.Optional(Type.Unknown());
/** The read-only fields of a resource that lives in a realm, as a write body accepts them. */
export const RealmResourceReadOnly = { id: ReadOnly, realm_id: ReadOnly, tenant_id: ReadOnly, create_time: ReadOnly, update_time: ReadOnly };

export const ErrorResponse = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }))),
  },
  { $id: 'Error', description: 'The v1 error shape: a snake-case status name, a message, optional details.' },
);

/**
 * The largest paging number taken (2^31 - 1). Past it a number is the client's mistake: beyond
 * 2^53 JavaScript has already rounded it, and past 2^63 the stores refuse it as an OFFSET; well
 * before either there is nothing left to page through.
 */
export const MAX_PAGING_NUMBER = 2_147_483_647;

/** A `skip` or `page_size`-like query number: 0 up to MAX_PAGING_NUMBER, else a field violation. */
export const PagingNumber = (description?: string) =>
  Type.Integer({ minimum: 0, maximum: MAX_PAGING_NUMBER, ...(description ? { description } : {}) });

export const ListQuery = {
  page_size: Type.Optional(PagingNumber('Items per page; default 20, capped at the maximum (200).')),
  page_token: Type.Optional(Type.String({ maxLength: 4096, description: 'Token from the previous page.' })),
  skip: Type.Optional(PagingNumber('Items to skip; not kept in the page token.')),
};

/** Path ids are not length-checked: an id that cannot exist is simply not found (404). */
export const TenantParams = Type.Object({ tenant_id: Type.String({ description: "The tenant's id." }) });
export const RealmParams = Type.Object({
  tenant_id: Type.String({ description: "The tenant's id." }),
  realm_id: Type.String({ description: "The realm's id, within the tenant." }),
});

/** Routes under one identity (`.../identities/:identity_id/...`). */
export const IdentityParams = Type.Composite([
  RealmParams,
  Type.Object({ identity_id: Type.String({ description: "The identity's id, within the realm." }) }),
]);

/** The error replies every authenticated route can give, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, Type.Ref('Error')]));
}

/**
 * The security requirement a route declares; the auth hook enforces exactly this. Several scopes
 * are all required (the contract's `:addMembers` wants `groups:update` and `identities:read`).
 */
export function requiresScope(...scopes: [string, ...string[]]): { BearerAuth: string[] }[] {
  return [{ BearerAuth: scopes }];
}

/**
 * v1 custom methods put the verb after a colon (`/groups/{id}:addMembers`). The router reads a
 * colon as the start of a parameter, so the id gets a pattern that stops at the colon and the
 * colon itself is escaped. The OpenAPI document shows the contract's spelling (see app.ts).
 */
export function verbPath(base: string, param: string | null, verb: string): string {
  return param === null ? `${base}::${verb}` : `${base}/:${param}(^[^:]+)::${verb}`;
}

/** Deletes and batch actions answer 200 with no body at all (and so no JSON content type). */
export const EmptyBody = Type.Unsafe<void>({ description: 'The action was successful and the response body is empty.' });
