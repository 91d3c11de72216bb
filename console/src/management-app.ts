import type { Application, CreatedToken } from './access-types';
import type { Api } from './api';
import { realmPath } from './context';
import { listAll } from './list-all';
import type { Body } from './types';

/** The tenant's managed "yonder Management API" application (in the admin realm): it issues API tokens. */
export async function managementApplication(api: Api): Promise<Application> {
  const apps = await listAll<Application>(api, realmPath(api.config.admin_realm_id, '/applications'), 'applications');
  const found = apps.find((a) => a.classification === 'management_api');
  if (!found) throw new Error('The Management API application was not found in the admin realm.');
  return found;
}

export function tokensPath(app: Application, suffix = ''): string {
  return realmPath(app.realm_id, `/applications/${app.id}/tokens${suffix}`);
}

/** yonder's named-token endpoint: the application issues a token with the chosen scopes (within the caller's). */
export function createToken(api: Api, app: Application, token: Body<'CreateToken'>['token']): Promise<CreatedToken> {
  return api.post<CreatedToken>(tokensPath(app), { token });
}

/** A token's seconds-since-epoch time as a date. */
export function fromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
