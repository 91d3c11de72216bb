import { notFound } from '../../domain/errors.js';
import type { Credential, WebAuthnCredential } from '../../domain/passkeys/passkeys.js';
import { nowTimestamp } from '../../domain/time.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import type { Repositories } from '../../store/index.js';

/** The contract's fields; the WebAuthn bookkeeping stays inside. */
export function presentCredential(c: WebAuthnCredential): Credential {
  const { id, realm_id, tenant_id, identity_id, state, csr_type, jwk_json, jwk_thumbprint, create_time, update_time } = c;
  return { id, realm_id, tenant_id, identity_id, state, csr_type, jwk_json, jwk_thumbprint, create_time, update_time };
}

export async function listCredentials(y: Yonder, ref: RealmRef, identityId: string | null, params: ListParams): Promise<Page<Credential>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  if (identityId !== null && !(await y.store.identities.get(ref.realmId, identityId))) throw notFound('Identity', identityId);
  const page = await listPage(
    params,
    { list: `credentials:${ref.realmId}:${identityId ?? '-'}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.credentials.page(ref.realmId, identityId, after, offset, limit),
    () => y.store.credentials.count(ref.realmId, identityId),
  );
  return { ...page, items: page.items.map(presentCredential) };
}

export async function getCredential(y: Yonder, ref: RealmRef, identityId: string | null, id: string): Promise<Credential> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const credential = await y.store.credentials.get(ref.realmId, identityId, id);
  if (!credential) throw notFound('Credential', id);
  return presentCredential(credential);
}

/** Revoked for good: sign-in refuses it and its sessions end. Revoking twice is harmless. */
export async function revokeCredential(y: Yonder, ref: RealmRef, identityId: string | null, id: string): Promise<Credential> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const credential = await tx.credentials.get(ref.realmId, identityId, id);
    if (!credential) throw notFound('Credential', id);
    return revokeIn(tx, credential);
  });
}

/** Revokes `credential` in the caller's transaction: its sessions end, its event is recorded. */
export async function revokeIn(tx: Repositories, credential: WebAuthnCredential): Promise<Credential> {
  if (credential.state === 'REVOKED') return presentCredential(credential);
  const now = nowTimestamp();
  await tx.credentials.revoke(credential.id, now);
  await tx.ceremonies.deleteSessionsOfCredential(credential.id);
  await tx.bindingJobs.refreshEnrollment(credential.identity_id, now);
  const revoked = presentCredential({ ...credential, state: 'REVOKED', update_time: now });
  await recordEvent(tx, changeEvent('credential.revoked', 'credential', presentCredential(credential), revoked));
  return revoked;
}
