import { conflict, invalidField, notFound } from '../../domain/errors.js';
import { newUuid } from '../../domain/ids.js';
import {
  type AuthenticationMethod,
  type AuthenticatorConfig,
  type AuthenticatorConfigBody,
  type VerificationMethod,
  verifyingProvider,
  DEFAULT_AUTHENTICATOR_CONFIG_NAME,
  defaultAuthenticatorConfigBody,
} from '../../domain/passkeys/passkeys.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listOfRealm } from '../paging.js';
import { requireRealm } from '../directory/tenancy-lookup.js';

/** Every realm gets yonder's own hosted_web configuration when it is made. */
export async function insertDefaultAuthenticatorConfig(repos: Repositories, ref: RealmRef): Promise<AuthenticatorConfig> {
  const config: AuthenticatorConfig = {
    ...newRealmResource(ref, newUuid()),
    display_name: DEFAULT_AUTHENTICATOR_CONFIG_NAME,
    config: defaultAuthenticatorConfigBody(),
    is_default: true,
  };
  await repos.authenticatorConfigs.insert(config);
  return config;
}

/** A configuration that verifies with an identity provider must name one of its realm's. */
async function requireVerifyingProvider(repos: Repositories, realmId: string, body: AuthenticatorConfigBody): Promise<void> {
  const idpId = verifyingProvider(body);
  if (idpId !== null && !(await repos.identityProviders.get(realmId, idpId))) {
    throw invalidField('authenticator_config.config.onboarding_configuration.verification_method.idp_id', 'unknown identity provider');
  }
}

/** The realm's configurations that verify enrollments with the identity provider `idpId` (a realm has few). */
export async function configsVerifyingWith(repos: Repositories, realmId: string, idpId: string): Promise<AuthenticatorConfig[]> {
  const all = await repos.authenticatorConfigs.page(realmId, '', 0, 10_000);
  return all.filter((config) => verifyingProvider(config.config) === idpId);
}

/** `<scheme>://<host>[:<port>]` and nothing more. */
function assertOrigins(field: string, origins: readonly string[]): void {
  origins.forEach((origin, i) => {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw invalidField(`${field}[${i}]`, 'must be an origin: <scheme>://<host>[:<port>]');
    }
  });
}

function assertHttpUrl(field: string, value: string): void {
  try {
    if (/^https?:$/.test(new URL(value).protocol)) return;
  } catch {
    // reported below
  }
  throw invalidField(field, 'must be an absolute http or https URL');
}

export type ConfigBodyInput = Partial<Omit<Extract<AuthenticatorConfigBody, { type: 'embedded' }>, 'type'>> & {
  type?: AuthenticatorConfigBody['type'];
  onboarding_configuration?: { verification_method: VerificationMethod };
};

function normalizeBody(input: ConfigBodyInput, base?: AuthenticatorConfigBody): AuthenticatorConfigBody {
  const type = input.type ?? base?.type;
  const merged = { ...(base ?? {}), ...input, type } as Record<string, unknown>;
  const trusted = (merged.trusted_origins as string[] | undefined) ?? [];
  assertOrigins('authenticator_config.config.trusted_origins', trusted);
  if (type === 'hosted_web') {
    const methods = (merged.authentication_methods as { type: AuthenticationMethod }[] | undefined) ?? [];
    if (methods.length === 0) throw invalidField('authenticator_config.config.authentication_methods', 'at least one method is required');
    return { type, authentication_methods: methods, trusted_origins: trusted };
  }
  if (type === 'embedded') {
    const invokeUrl = merged.invoke_url as string | undefined;
    if (!invokeUrl) throw invalidField('authenticator_config.config.invoke_url', 'required for embedded configurations');
    assertHttpUrl('authenticator_config.config.invoke_url', invokeUrl);
    return {
      type,
      invoke_url: invokeUrl,
      invocation_type: (merged.invocation_type as 'automatic' | 'manual' | undefined) ?? 'automatic',
      trusted_origins: trusted,
      ...(merged.authentication_methods ? { authentication_methods: merged.authentication_methods as { type: 'webauthn_passkey' }[] } : {}),
    };
  }
  if (type === 'console') {
    const onboarding = merged.onboarding_configuration as { verification_method: VerificationMethod } | undefined;
    if (!onboarding) throw invalidField('authenticator_config.config.onboarding_configuration', 'required for console configurations');
    return { type, onboarding_configuration: { verification_method: onboarding.verification_method } };
  }
  throw invalidField('authenticator_config.config.type', 'must be hosted_web, embedded or console');
}

export async function createAuthenticatorConfig(
  y: Yonder,
  ref: RealmRef,
  input: { display_name?: string; config: ConfigBodyInput },
): Promise<AuthenticatorConfig> {
  const config: AuthenticatorConfig = {
    ...newRealmResource(ref, newUuid()),
    display_name: input.display_name ?? '',
    config: normalizeBody(input.config),
    is_default: false,
  };
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await requireVerifyingProvider(tx, ref.realmId, config.config);
    await tx.authenticatorConfigs.insert(config);
    await recordEvent(tx, changeEvent('authenticator_config.created', 'authenticator_config', null, config));
    return config;
  });
}

export async function getAuthenticatorConfig(y: Yonder, ref: RealmRef, id: string): Promise<AuthenticatorConfig> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const config = await y.store.authenticatorConfigs.get(ref.realmId, id);
  if (!config) throw notFound('AuthenticatorConfig', id);
  return config;
}

export async function listAuthenticatorConfigs(y: Yonder, ref: RealmRef, params: ListParams): Promise<Page<AuthenticatorConfig>> {
  return listOfRealm(y, ref, y.store.authenticatorConfigs, params, { list: 'authenticator-configs', defaultPageSize: 20, maxPageSize: 100 });
}

export async function updateAuthenticatorConfig(
  y: Yonder,
  ref: RealmRef,
  id: string,
  input: { display_name?: string; config?: ConfigBodyInput },
): Promise<AuthenticatorConfig> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await tx.authenticatorConfigs.get(ref.realmId, id);
    if (!current) throw notFound('AuthenticatorConfig', id);
    if (input.config?.type !== undefined && input.config.type !== current.config.type) {
      throw invalidField('authenticator_config.config.type', 'the type of a configuration cannot change');
    }
    const updated: AuthenticatorConfig = {
      ...current,
      display_name: input.display_name ?? current.display_name,
      config: input.config ? normalizeBody(input.config, current.config) : current.config,
      update_time: nowTimestamp(),
    };
    await requireVerifyingProvider(tx, ref.realmId, updated.config);
    await tx.authenticatorConfigs.update(updated);
    await recordEvent(tx, changeEvent('authenticator_config.updated', 'authenticator_config', current, updated));
    return updated;
  });
}

export async function deleteAuthenticatorConfig(y: Yonder, ref: RealmRef, id: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await tx.authenticatorConfigs.get(ref.realmId, id);
    if (!current) throw notFound('AuthenticatorConfig', id);
    if (current.is_default) throw conflict("the realm's default authenticator configuration cannot be deleted");
    await tx.authenticatorConfigs.delete(ref.realmId, id);
    await recordEvent(tx, changeEvent('authenticator_config.deleted', 'authenticator_config', current, null));
  });
}
