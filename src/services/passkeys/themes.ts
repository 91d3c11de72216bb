import { conflict, notFound } from '../../domain/errors.js';
import { newUuid } from '../../domain/ids.js';
import { DEFAULT_THEME_VALUES, type Theme } from '../../domain/passkeys/passkeys.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import type { RealmRef } from '../directory/identities.js';
import { requireRealm } from '../directory/tenancy-lookup.js';

export type ThemeInput = Partial<typeof DEFAULT_THEME_VALUES>;

/** Each realm has at most one theme; a second create is a 409, as the contract says. */
export async function createTheme(y: Yonder, ref: RealmRef, input: ThemeInput): Promise<Theme> {
  return y.store.transaction(async (tx) => {
    const realm = await requireRealm(tx, ref.tenantId, ref.realmId);
    const theme: Theme = {
      ...DEFAULT_THEME_VALUES,
      email_realm_name: realm.display_name,
      ...input,
      ...newRealmResource(ref, newUuid()),
    };
    if (!(await tx.themes.insert(theme))) throw conflict('theme already exists');
    await recordEvent(tx, changeEvent('theme.created', 'theme', null, theme));
    return theme;
  });
}

/** The realm's theme, or the default one (named after the realm) when it has none. */
export async function activeTheme(repos: Repositories, ref: RealmRef): Promise<Theme> {
  const realm = await requireRealm(repos, ref.tenantId, ref.realmId);
  const stored = await repos.themes.ofRealm(ref.realmId);
  if (stored) return stored;
  return {
    ...DEFAULT_THEME_VALUES,
    email_realm_name: realm.display_name,
    id: '00000000-0000-0000-0000-000000000000',
    tenant_id: ref.tenantId,
    realm_id: ref.realmId,
    create_time: realm.create_time,
    update_time: realm.create_time,
  };
}

export async function getTheme(y: Yonder, ref: RealmRef, id: string): Promise<Theme> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const theme = await y.store.themes.ofRealm(ref.realmId);
  if (!theme || theme.id !== id) throw notFound('Theme', id);
  return theme;
}

export async function updateTheme(y: Yonder, ref: RealmRef, id: string, input: ThemeInput): Promise<Theme> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const theme = await tx.themes.ofRealm(ref.realmId);
    if (!theme || theme.id !== id) throw notFound('Theme', id);
    const updated: Theme = { ...theme, ...input, update_time: nowTimestamp() };
    await tx.themes.update(updated);
    await recordEvent(tx, changeEvent('theme.updated', 'theme', theme, updated));
    return updated;
  });
}
