import type { Repositories } from '../../store/index.js';

/**
 * The sign-in gate, asked before a realm's policy rules: an identity may sign in to an
 * application made for an SSO config only when assigned to that config, itself or through one of
 * `groupIds` (Beyond Identity: "not assigned" denies). `configId` is the config the application
 * was made for, read with the policy's other reads; `null` (an application of no config) is not gated.
 */
export async function mayUseConfig(repos: Repositories, configId: string | null, identityId: string, groupIds: readonly string[]): Promise<boolean> {
  return configId === null || repos.ssoConfigs.isAssigned(configId, identityId, groupIds);
}
