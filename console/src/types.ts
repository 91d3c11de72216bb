/**
 * The v1 resources the console shows, as yonder's OpenAPI document describes them (see
 * api-types.gen.ts): every API shape here is taken from it, so a changed reply fails the console's
 * typecheck wherever the console no longer fits.
 */

import type { components, operations } from './api-types.gen';

type Schemas = components['schemas'];

/** The JSON in a response or request body of the OpenAPI document. */
type Json<Content> = Content extends { content: { 'application/json': infer Value } } ? Value : never;

/** What an operation (by its operationId) answers on success: yonder answers every one with 200. */
export type Reply<Operation extends keyof operations> = Json<operations[Operation]['responses'][200]>;

/** The JSON body an operation takes. */
export type Body<Operation extends keyof operations> = Json<operations[Operation]['requestBody']>;

/**
 * `Shape` with some fields narrowed to what the console knows they hold where the document leaves
 * them open. A field the API no longer has, or a narrowing its type no longer admits, fails typecheck.
 */
export type Narrowed<Shape, Fields extends { [Key in keyof Fields]: Key extends keyof Shape ? Shape[Key] : never }> = Omit<Shape, keyof Fields> &
  Fields;

export type Tenant = Schemas['Tenant'];
export type Realm = Schemas['Realm'];
export type Identity = Schemas['Identity'];
export type Traits = Identity['traits'];
export type Group = Schemas['Group'];
export type Credential = Schemas['Credential'];
export type BindingJob = Schemas['CredentialBindingJob'];
