/** The v1 resources of the access screens (applications, policy, tokens, events), as the API returns them. */

import type { components, operations } from './api-types.gen';

/** The resources as yonder's OpenAPI document describes them (see api-types.gen.ts). */
type Schemas = components['schemas'];

export type Application = Schemas['Application'];
export type ProtocolConfig = Application['protocol_config'];
export type ResourceServer = Schemas['ResourceServer'];
export type Role = Schemas['Role'];

export { POLICY_ACTIONS, POLICY_TRANSACTIONS, type PolicyAction, type PolicyTransaction } from '../../src/domain/access/policy';
import type { PolicyAction, PolicyTransaction } from '../../src/domain/access/policy';

export interface PolicyRule {
  id: string;
  name: string;
  description: string;
  transaction: PolicyTransaction;
  action: PolicyAction;
  conditions: { groups: string[]; applications: string[]; identities: string[] };
  deny_message: string;
}

export interface Policy {
  tenant_id: string;
  realm_id: string;
  version: number;
  rules: PolicyRule[];
  create_time: string;
}

/** What `:evaluate` answers. */
export type Decision = operations['EvaluatePolicy']['responses'][200]['content']['application/json'];

export type ApiToken = Schemas['Token'];

export type AuditEvent = Schemas['AuditEvent'];
