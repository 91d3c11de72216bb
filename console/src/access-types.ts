/**
 * The v1 resources of the access screens (applications, policy, tokens, events), as yonder's
 * OpenAPI document describes them (see api-types.gen.ts).
 */

import type { components } from './api-types.gen';
import type { Body, Group, Identity, Narrowed, Reply } from './types';

type Schemas = components['schemas'];

export type Application = Schemas['Application'];
export type ProtocolConfig = Application['protocol_config'];
export type ResourceServer = Schemas['ResourceServer'];
export type Role = Schemas['Role'];
/** A role's members: the document leaves their items open; they are the v1 groups and identities. */
export type RoleMembers = Narrowed<Reply<'ListRoleMembers'>, { groups: Group[]; identities: Identity[] }>;

/** The editor offers the server's own lists; their types are the API's (below). */
export { POLICY_ACTIONS, POLICY_TRANSACTIONS } from '../../src/domain/access/policy';

/** A rule as PUT /policy takes it. */
export type RuleInput = Body<'PutPolicy'>['policy']['rules'][number];
export type PolicyTransaction = RuleInput['transaction'];
export type PolicyAction = RuleInput['action'];

/**
 * A published rule. The reply's schema gives its transaction and action as plain strings; they are
 * the ones a rule was written with, so the console reads them as PUT's enums.
 */
export type PolicyRule = Narrowed<Schemas['Policy']['rules'][number], { transaction: PolicyTransaction; action: PolicyAction }>;
export type Policy = Narrowed<Schemas['Policy'], { rules: PolicyRule[] }>;

/** What `:evaluate` answers. */
export type Decision = Reply<'EvaluatePolicy'>;

export type ApiToken = Schemas['Token'];
/** A token as the reply that issued it shows it: with its value, this once. */
export type CreatedToken = Reply<'CreateToken'>;

export type AuditEvent = Schemas['AuditEvent'];
