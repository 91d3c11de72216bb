import { randomBytes } from 'node:crypto';
import { type IdentityAttribute, redirectUrlOf } from '../../domain/federation/identity-provider.js';
import { type IdentityFilterField, identityEquals } from '../../domain/directory/identity-filter.js';
import { seal, unseal } from '../../domain/access/sealed-secret.js';
import { addSeconds, nowTimestamp } from '../../domain/time.js';
import {
  type TripChecks,
  type Upstream,
  UpstreamError,
  authorizationUrl,
  discoverIssuer,
  newTripChecks,
  verifiedClaims,
} from '../../platform/federation/upstream-client.js';
import type { StoredIdentityProvider } from '../../store/federation/identity-providers.js';
import type { IdpFlow } from '../../store/federation/idp-flows.js';
import type { Identity } from '../../domain/directory/identity.js';
import { recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { CeremonyError, type OpenLink, type Reason } from '../passkeys/ceremonies.js';
import { hashToken } from '../passkeys/credential-binding-jobs.js';
import { openClientSecret } from './identity-providers.js';

/**
 * "Verify with an external identity provider before enrollment": a binding link whose
 * authenticator configuration names an identity provider first sends the person through that
 * upstream. Its answer is verified (openid-client), its identifying claim must match exactly one
 * identity of the realm by the configured attribute, and that identity must be the link's own;
 * only then may this browser enroll a passkey on the link.
 *
 * The trip's state (hashed), nonce and PKCE verifier (sealed) are in the store, so the callback may
 * land on any process. The browser is held to the trip twice: the state comes back in a cookie set
 * when the trip began, and the verification is a fresh random cookie whose hash the trip keeps.
 */

/** A trip through the upstream must come back within this; a verification is good for the enrollment after it. */
const TRIP_TTL_SECONDS = 10 * 60;
export const VERIFIED_TTL_SECONDS = 15 * 60;

const sealContext = (stateHash: string, what: 'verifier' | 'return') => `idp_flows:${stateHash}:${what}`;

/** The identity column each `identity_attribute` compares with. */
const MATCHED_FIELD: Record<IdentityAttribute, Exclude<IdentityFilterField, 'display_name'>> = {
  id: 'id',
  email: 'email',
  username: 'username',
  external_id: 'external_id',
};

async function upstreamOf(y: Yonder, idp: StoredIdentityProvider, issuer?: string): Promise<Upstream> {
  return {
    settings: idp.protocol_config,
    clientSecret: openClientSecret(y, idp),
    redirectUrl: redirectUrlOf(y.config.publicUrl, idp),
    issuer: issuer ?? (await discoverIssuer(idp.protocol_config, y.config.identityProvidersAllowPrivate)),
    allowPrivate: y.config.identityProvidersAllowPrivate,
  };
}

/** Who a trip begins for and what comes of it. */
interface TripStart {
  ref: RealmRef;
  purpose: IdpFlow['purpose'];
  jobId: string | null;
  applicationId: string | null;
  returnTo: string;
}

/** Keeps a new trip through `idp` and answers where to send the browser and the state for its cookie. */
export async function beginTrip(y: Yonder, idp: StoredIdentityProvider, start: TripStart): Promise<{ url: string; state: string }> {
  try {
    const upstream = await upstreamOf(y, idp);
    const checks = newTripChecks();
    const stateHash = hashToken(checks.state);
    const now = nowTimestamp();
    await y.store.idpFlows.insert({
      state_hash: stateHash,
      tenant_id: start.ref.tenantId,
      realm_id: start.ref.realmId,
      identity_provider_id: idp.id,
      purpose: start.purpose,
      job_id: start.jobId,
      application_id: start.applicationId,
      issuer: upstream.issuer,
      nonce: checks.nonce,
      code_verifier_sealed: seal(y.masterKey, checks.codeVerifier, sealContext(stateHash, 'verifier')),
      return_to_sealed: seal(y.masterKey, start.returnTo, sealContext(stateHash, 'return')),
      verified_identity_id: null,
      browser_hash: null,
      expire_time: addSeconds(now, TRIP_TTL_SECONDS),
      create_time: now,
    });
    return { url: (await authorizationUrl(upstream, checks)).href, state: checks.state };
  } catch (error) {
    if (error instanceof UpstreamError) throw new CeremonyError('upstream_unavailable');
    throw error;
  }
}

/**
 * Begins the trip for an open link (`returnTo` is the link itself, to come back to). Answers where
 * to send the browser and the state to keep in its cookie.
 */
export async function startUpstreamVerification(y: Yonder, open: OpenLink, idpId: string, returnTo: string): Promise<{ url: string; state: string }> {
  const idp = await y.store.identityProviders.get(open.job.realm_id, idpId);
  if (!idp) throw new CeremonyError('upstream_unavailable');
  const ref = { tenantId: open.job.tenant_id, realmId: open.job.realm_id };
  return beginTrip(y, idp, { ref, purpose: 'verification', jobId: open.job.id, applicationId: null, returnTo });
}

/** A trip claimed by the browser that came back, with its provider and what proves that browser later. */
export interface ClaimedTrip {
  trip: IdpFlow;
  idp: StoredIdentityProvider;
  stateHash: string;
  checks: TripChecks;
  verification: string;
  returnTo: string;
}

/** The upstream's redirect back (`callbackUrl`, as the browser asked for it) with the state cookie: takes its trip, once. */
export async function claimTrip(y: Yonder, ref: RealmRef, idpId: string, callbackUrl: URL, stateCookie: string | undefined): Promise<ClaimedTrip> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  if (state === '' || stateCookie !== state) throw new CeremonyError('upstream_state');
  const stateHash = hashToken(state);
  const verification = randomBytes(32).toString('base64url');
  const trip = await y.store.idpFlows.claim(stateHash, hashToken(verification), nowTimestamp());
  if (!trip || trip.tenant_id !== ref.tenantId || trip.realm_id !== ref.realmId || trip.identity_provider_id !== idpId) {
    throw new CeremonyError('upstream_state');
  }
  const idp = await y.store.identityProviders.get(ref.realmId, idpId);
  if (!idp) throw new CeremonyError('upstream_state');
  return {
    trip,
    idp,
    stateHash,
    verification,
    checks: { state, nonce: trip.nonce, codeVerifier: unseal(y.masterKey, trip.code_verifier_sealed, sealContext(stateHash, 'verifier')) },
    returnTo: unseal(y.masterKey, trip.return_to_sealed, sealContext(stateHash, 'return')),
  };
}

/**
 * The upstream's verified answer matched to the realm's identities by the provider's identifying
 * claim: exactly one, or the reason there is none to take.
 */
export async function matchedIdentity(y: Yonder, ref: RealmRef, claimed: ClaimedTrip, callbackUrl: URL): Promise<Identity | Reason> {
  let claims: Record<string, unknown>;
  try {
    claims = await verifiedClaims(await upstreamOf(y, claimed.idp, claimed.trip.issuer), callbackUrl, claimed.checks);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return 'upstream_failed';
  }
  const { identifying_claim_name, identity_attribute } = claimed.idp.protocol_config;
  const value = claims[identifying_claim_name];
  if (typeof value !== 'string' || value === '') return 'upstream_claim_missing';
  const matches = await y.store.identities.page(ref.realmId, identityEquals(MATCHED_FIELD[identity_attribute], value), '', 0, 2);
  if (matches.length === 0) return 'upstream_no_match';
  if (matches.length > 1 || !matches[0]) return 'upstream_ambiguous';
  return matches[0];
}

/**
 * A verification trip's end: the matched identity must be the link's own. Answers where to go next
 * (the link) and the verification to keep in the browser's cookie.
 */
export async function finishUpstreamVerification(
  y: Yonder,
  ref: RealmRef,
  claimed: ClaimedTrip,
  callbackUrl: URL,
): Promise<{ returnTo: string; verification: string }> {
  const { idp, trip } = claimed;
  const job = trip.job_id ? await y.store.bindingJobs.get(ref.realmId, null, trip.job_id) : undefined;
  if (!job) throw new CeremonyError('invalid_link');

  const fail = async (reason: Reason): Promise<never> => {
    await recordEvent(y.store, {
      tenantId: ref.tenantId,
      realmId: ref.realmId,
      type: 'identity_provider.verification_failed',
      resourceType: 'identity_provider',
      resourceId: idp.id,
      after: { reason, identity_id: job.identity_id, credential_binding_job_id: job.id },
    });
    throw new CeremonyError(reason);
  };

  const matched = await matchedIdentity(y, ref, claimed, callbackUrl);
  if (typeof matched === 'string') return fail(matched);
  if (matched.id !== job.identity_id) return fail('upstream_other_identity');

  await y.store.transaction(async (tx) => {
    await tx.idpFlows.markVerified(claimed.stateHash, job.identity_id, addSeconds(nowTimestamp(), VERIFIED_TTL_SECONDS));
    await recordEvent(tx, {
      tenantId: ref.tenantId,
      realmId: ref.realmId,
      type: 'identity_provider.verified',
      resourceType: 'identity_provider',
      resourceId: idp.id,
      after: { identity_id: job.identity_id, credential_binding_job_id: job.id },
    });
  });
  return { returnTo: claimed.returnTo, verification: claimed.verification };
}
