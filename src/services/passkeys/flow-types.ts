import {
  type EnforcedWebFlow,
  type FlowTypeConfig,
  type FlowTypePatch,
  defaultPlatformFlowTypes,
  mergeFlowTypes,
  webFlowAllowed,
} from '../../domain/passkeys/flow-types.js';
import { DomainError } from '../../domain/errors.js';
import { newUuid } from '../../domain/ids.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import { newRealmResource } from '../realm-resource.js';

/**
 * The realm's document, made with the defaults the first time anyone asks (the contract's GET
 * "creates a default configuration if one does not exist"). Two first readers race harmlessly: the
 * unique realm keeps one row, and the loser reads the winner's.
 */
async function ensureFlowTypeConfig(repos: Repositories, ref: RealmRef): Promise<FlowTypeConfig> {
  const stored = await repos.flowTypeConfigs.ofRealm(ref.realmId);
  if (stored) return stored;
  const config: FlowTypeConfig = { ...newRealmResource(ref, newUuid()), platform_config: defaultPlatformFlowTypes() };
  if (await repos.flowTypeConfigs.insert(config)) return config;
  const winner = await repos.flowTypeConfigs.ofRealm(ref.realmId);
  if (!winner) throw new Error('flow type configuration vanished after a concurrent insert');
  return winner;
}

export async function getFlowTypeConfig(y: Yonder, ref: RealmRef): Promise<FlowTypeConfig> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return ensureFlowTypeConfig(y.store, ref);
}

export async function updateFlowTypeConfig(y: Yonder, ref: RealmRef, patch: FlowTypePatch): Promise<FlowTypeConfig> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await ensureFlowTypeConfig(tx, ref);
    const updated: FlowTypeConfig = { ...current, platform_config: mergeFlowTypes(current.platform_config, patch), update_time: nowTimestamp() };
    await tx.flowTypeConfigs.update(updated);
    await recordEvent(tx, changeEvent('flow_type_config.updated', 'flow_type_config', current, updated));
    return updated;
  });
}

const REFUSALS: Record<EnforcedWebFlow, string> = {
  embedded: "the realm's flow type configuration does not allow the embedded flow on the web",
  copy: "the realm's flow type configuration does not allow the copy flow on the web (a link returned to copy)",
};

/** Whether the realm lets a web flow be used; a realm that never stored a document has the defaults. */
export async function webFlowEnabled(repos: Repositories, realmId: string, flow: EnforcedWebFlow): Promise<boolean> {
  const stored = await repos.flowTypeConfigs.ofRealm(realmId);
  return webFlowAllowed(stored?.platform_config ?? defaultPlatformFlowTypes(), flow);
}

/** The refusal (422) of what the realm's flow type configuration turns off. */
export function flowTurnedOff(flow: EnforcedWebFlow): DomainError {
  return new DomainError('unprocessable_entity', REFUSALS[flow]);
}
