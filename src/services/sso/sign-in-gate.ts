import type { Repositories } from '../../store/index.js';

/**
 * The sign-in gate, asked before a realm's policy rules: an identity may sign in to an
 * application made for an SSO config only when assigned to that config, itself or through one of
 * `groupIds` (Beyond Identity: "not assigned" denies). An application of no config is not gated.
 */
export async function mayUseApplication(
  repos: Repositories,
  realmId: string,
  applicationId: string,
  identityId: string,
  groupIds: readonly string[],
): Promise<boolean> {
  const config = await repos.ssoConfigs.byApplication(realmId, applicationId);
  return !config || repos.ssoConfigs.isAssigned(config.id, identityId, groupIds);
}
