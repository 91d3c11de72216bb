import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { seal, unseal } from '../../domain/access/sealed-secret.js';
import { newUuid } from '../../domain/ids.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import type { SamlIdpKeyRecord } from '../../store/saml/saml.js';
import type { Yonder } from '../context.js';
import { selfSignedCertificate } from './library.js';

/** How long the certificate a realm signs assertions with is valid; rotation is by replacing it. */
export const IDP_CERTIFICATE_YEARS = 10;

/** Where a realm's sealed SAML key is bound: moved to another realm's row, it does not open. */
const keyContext = (realmId: string) => `saml_idp_keys:${realmId}`;

export interface IdpKey {
  id: string;
  certificate: string;
  privateKey: string;
  createTime: string;
  expireTime: string;
}

/**
 * The realm's SAML signing key and self-signed certificate, made the first time anything asks
 * (metadata, a sign-in, an SSO config's reply), with `repos` (the caller's transaction, if it is in
 * one). The private key is sealed with the master key; of processes making it at once, the first
 * written is the one all use.
 */
export async function idpKeyOf(y: Yonder, ref: { tenantId: string; realmId: string }, repos: Repositories = y.store): Promise<IdpKey> {
  const stored = (await repos.saml.idpKey(ref.realmId)) ?? (await repos.saml.keepIdpKey(await newKey(y, ref)));
  return {
    id: stored.id,
    certificate: stored.certificate,
    privateKey: unseal(y.masterKey, stored.private_key, keyContext(ref.realmId)),
    createTime: stored.create_time,
    expireTime: stored.expire_time,
  };
}

async function newKey(y: Yonder, ref: { tenantId: string; realmId: string }): Promise<SamlIdpKeyRecord> {
  const pair = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const certificate = selfSignedCertificate(
    privateKey,
    pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    `yonder SAML ${ref.realmId}`,
    IDP_CERTIFICATE_YEARS,
  );
  return {
    realm_id: ref.realmId,
    id: newUuid(),
    tenant_id: ref.tenantId,
    certificate: certificate.pem,
    private_key: seal(y.masterKey, privateKey, keyContext(ref.realmId)),
    create_time: nowTimestamp(),
    expire_time: certificate.notAfter.toISOString(),
  };
}

/** The contract's read-only `identity_provider_certs`: the realm's certificate, as the metadata carries it. */
export async function identityProviderCerts(y: Yonder, ref: { tenantId: string; realmId: string }, repos: Repositories = y.store) {
  const key = await idpKeyOf(y, ref, repos);
  return [{ id: key.id, created_at: key.createTime, expires_at: key.expireTime, is_active: true, idp_public_certificate: key.certificate }];
}
