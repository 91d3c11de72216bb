import { federatedCredentialId } from '../../domain/federation/identity-provider.js';
import { evaluate } from '../access/policy.js';
import { recordSignInAttempt } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { CeremonyError, type Reason, type SignedIn, openSession, signInApplication } from '../passkeys/ceremonies.js';
import { type ClaimedTrip, beginTrip, matchedIdentity } from './upstream-verification.js';

/**
 * "Sign in with <identity provider>" on the hosted sign-in pages, where the realm offers it (its
 * account settings' `sign_in_identity_providers`). The trip through the upstream is the one a
 * binding link's verification takes (same state, nonce, PKCE and checks); its answer is matched
 * by the provider's identifying claim to exactly one identity of the realm, which must not be
 * suspended and which the realm's policy must let sign in. No identity is ever created. The
 * session it opens rests on no passkey (see `federatedCredentialId`): it never counts as proving
 * a passkey on the account page, and the OpenID Connect account says `amr: ["fed"]`.
 */

/** The identity providers the realm's sign-in pages offer, in the order the settings name them. */
export async function signInProviders(y: Yonder, ref: RealmRef): Promise<{ id: string; display_name: string }[]> {
  const offered = (await y.store.accountSettings.get(ref.realmId)).sign_in_identity_providers;
  const providers = [];
  for (const id of offered) {
    const idp = await y.store.identityProviders.get(ref.realmId, id);
    if (idp && idp.tenant_id === ref.tenantId) providers.push({ id: idp.id, display_name: idp.display_name });
  }
  return providers;
}

/** Begins a sign-in at `idpId` for `applicationId` (if any); `returnTo` is where the session goes on to. */
export async function startUpstreamSignIn(
  y: Yonder,
  ref: RealmRef,
  idpId: string,
  applicationId: string | undefined,
  returnTo: string,
): Promise<{ url: string; state: string }> {
  if (!(await y.store.realms.get(ref.tenantId, ref.realmId))) throw new CeremonyError('unknown_realm');
  const offered = (await y.store.accountSettings.get(ref.realmId)).sign_in_identity_providers.includes(idpId);
  const idp = offered ? await y.store.identityProviders.get(ref.realmId, idpId) : undefined;
  if (!idp) throw new CeremonyError('idp_sign_in_disabled');
  const application = await signInApplication(y, ref, applicationId);
  return beginTrip(y, idp, { ref, purpose: 'sign_in', jobId: null, applicationId: application, returnTo });
}

/** A sign-in trip's end: the one active identity matched, the policy asked, then a session. */
export async function finishUpstreamSignIn(
  y: Yonder,
  ref: RealmRef,
  claimed: ClaimedTrip,
  callbackUrl: URL,
): Promise<{ signedIn: SignedIn; returnTo: string }> {
  const applicationId = claimed.trip.application_id;
  const fail = async (reason: Reason, identityId: string | null, message?: string): Promise<never> => {
    await recordSignInAttempt(y.store, { ...ref, identityId, applicationId, outcome: 'failed', method: 'identity_provider', reason });
    throw new CeremonyError(reason, message);
  };
  // Offered when the trip began; still offered now, or the trip ends here.
  if (!(await y.store.accountSettings.get(ref.realmId)).sign_in_identity_providers.includes(claimed.idp.id)) {
    return fail('idp_sign_in_disabled', null);
  }
  const matched = await matchedIdentity(y, ref, claimed, callbackUrl);
  if (typeof matched === 'string') return fail(matched, null);
  if (matched.status === 'suspended') return fail('suspended', matched.id);
  const decision = await evaluate(y, ref, { identity_id: matched.id, application_id: applicationId, transaction: 'authentication' });
  if (decision.decision !== 'ALLOW') return fail('policy_denied', matched.id, decision.deny_message || undefined);
  const signedIn = await openSession(y, ref, {
    identity: matched,
    credentialId: federatedCredentialId(claimed.idp.id),
    applicationId,
    method: 'identity_provider',
  });
  return { signedIn, returnTo: claimed.returnTo };
}
