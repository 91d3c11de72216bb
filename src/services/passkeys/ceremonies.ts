import { randomBytes } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Identity } from '../../domain/directory/identity.js';
import { newId } from '../../domain/ids.js';
import {
  type AuthenticatorConfig,
  type CredentialBindingJob,
  PENDING_JOB_STATES,
  type WebAuthnCredential,
  effectiveJobState,
  verifyingProvider,
} from '../../domain/passkeys/passkeys.js';
import { addSeconds, nowTimestamp } from '../../domain/time.js';
import type { Yonder } from '../context.js';
import type { ChallengeRecord } from '../../store/passkeys/ceremonies.js';
import { changeEvent, recordEvents, recordSignInAttempt } from '../audit/audit.js';
import { hashToken, jobEvent, linkFlowTurnedOff } from './credential-binding-jobs.js';
import { presentCredential } from './credentials.js';
import type { RealmRef } from '../directory/identities.js';
import { managedApplication } from '../access/console.js';
import { evaluate } from '../access/policy.js';
import { jwkFields } from '../../domain/passkeys/cose-jwk.js';

/** Machine-readable reasons a page or ceremony refuses, each with its human message and status. */
export const REASONS = {
  invalid_link: [404, 'This link is not valid. Ask for a new one.'],
  expired: [410, 'This link has expired. Ask for a new one.'],
  already_used: [410, 'This link has already been used. Ask for a new one if you need another passkey.'],
  credential_exists: [409, 'This passkey is already registered here. Use another one.'],
  revoked: [410, 'This link has been withdrawn. Ask for a new one.'],
  not_sent: [410, 'This link was never delivered. Ask for a new one.'],
  suspended: [403, 'Your account is suspended, so you cannot use a passkey here.'],
  policy_denied: [403, 'You are not allowed to do this here.'],
  challenge_expired: [400, 'This took too long. Start again.'],
  verification_failed: [400, 'The passkey could not be verified. Try again.'],
  unknown_credential: [401, 'This passkey is not known here.'],
  credential_revoked: [401, 'This passkey has been revoked. Ask for a new one.'],
  unknown_application: [404, 'There is no such application.'],
  unknown_realm: [404, 'There is nothing to sign in to here.'],
  not_signed_in: [401, 'You are not signed in here: sign in with your passkey, then try again.'],
  cross_origin: [403, 'This request must come from this site.'],
  reauthentication_required: [403, 'Confirm it is you with one of your passkeys first.'],
  other_passkey_required: [403, 'Confirm it is you with another of your passkeys first: not the one you are removing.'],
  last_passkey: [409, 'This is your only passkey. Add another before you remove it.'],
  unknown_passkey: [404, 'There is no such passkey on your account.'],
  invalid_name: [400, 'A passkey name is 1 to 64 characters.'],
  flow_disabled: [403, 'This kind of link is turned off here. Ask for a new one.'],
  verification_required: [403, 'Prove who you are at your identity provider first: open your link again.'],
  upstream_unavailable: [502, 'Your identity provider could not be reached. Try again later.'],
  upstream_state: [400, 'This sign-in at your identity provider did not start in this browser, or took too long. Open your link again.'],
  upstream_failed: [400, "Your identity provider's answer could not be verified. Open your link again."],
  upstream_claim_missing: [403, 'Your identity provider did not say who you are.'],
  upstream_no_match: [403, 'Your account at your identity provider matches no one here.'],
  upstream_ambiguous: [403, 'Your account at your identity provider matches more than one person here. Ask your administrator.'],
  upstream_other_identity: [403, 'You proved who you are as someone other than the person this link is for.'],
  idp_sign_in_disabled: [404, 'Signing in with this identity provider is not offered here.'],
} as const;
export type Reason = keyof typeof REASONS;

export class CeremonyError extends Error {
  readonly status: number;
  constructor(
    readonly reason: Reason,
    message?: string,
  ) {
    super(message ?? REASONS[reason][1]);
    this.status = REASONS[reason][0];
  }
}

/** Challenges live 5 minutes; sessions 12 hours. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
export const SESSION_TTL_SECONDS = 12 * 3600;

export function relyingParty(y: Yonder) {
  const url = new URL(y.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** PUBLIC_URL's origin and the configuration's trusted origins may host a ceremony. */
function expectedOrigins(y: Yonder, config: AuthenticatorConfig | undefined): string[] {
  return [...new Set([relyingParty(y).origin, ...(config?.config.trusted_origins ?? [])])];
}

/** What either ceremony's answer must match: the challenge kept for it, a ceremony origin, this relying party, a verified user. */
function expectedOf(y: Yonder, challenge: ChallengeRecord, config: AuthenticatorConfig | undefined) {
  return {
    expectedChallenge: challenge.challenge,
    expectedOrigin: expectedOrigins(y, config),
    expectedRPID: relyingParty(y).rpID,
    requireUserVerification: true,
  };
}

/** Runs the library's check of an answer; whatever it throws is a failed verification, with its reason. */
async function verifiedBy<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    throw new CeremonyError('verification_failed', `${REASONS.verification_failed[1]} (${(error as Error).message})`);
  }
}

/** WebAuthn user handles are the identity id's bytes, so a sign-in names its identity. */
const userHandleOf = (identityId: string) => isoBase64URL.fromUTF8String(identityId);

/**
 * Whether a kept challenge is of `purpose` and was issued under this very path: its tenant and its
 * realm both, so a ceremony begun in one realm is finished under another tenant's path no further
 * than one never begun (realm ids are unique, but the path names the tenant too).
 */
export function issuedFor(
  challenge: ChallengeRecord | null | undefined,
  purpose: ChallengeRecord['purpose'],
  ref: RealmRef,
): challenge is ChallengeRecord {
  return challenge?.purpose === purpose && challenge.realm_id === ref.realmId && challenge.tenant_id === ref.tenantId;
}

/**
 * Keeps a challenge for one answer within CHALLENGE_TTL_SECONDS: a passkey's registration for a
 * binding job, or a sign-in. Returns the id the page sends back with the answer.
 */
export async function keepChallenge(
  y: Yonder,
  ref: RealmRef,
  now: string,
  challenge: Pick<ChallengeRecord, 'purpose' | 'challenge' | 'job_id' | 'application_id'>,
): Promise<string> {
  const id = newId() + newId();
  await y.store.ceremonies.insertChallenge({
    id,
    tenant_id: ref.tenantId,
    realm_id: ref.realmId,
    ...challenge,
    expire_time: addSeconds(now, CHALLENGE_TTL_SECONDS),
    create_time: now,
  });
  return id;
}

export interface LinkParams extends RealmRef {
  identityId: string;
  jobId: string;
  token: string;
  /** The browser's proof that an upstream identity provider vouched for the link's person (a cookie), if any. */
  verification?: string | undefined;
}

export interface OpenLink {
  job: CredentialBindingJob;
  identity: Identity;
  config: AuthenticatorConfig | undefined;
}

/** Checks a binding link from scratch: token, job state and expiry, identity, policy. */
export async function checkLink(y: Yonder, link: LinkParams): Promise<OpenLink> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(link.token)) throw new CeremonyError('invalid_link');
  const job = await y.store.bindingJobs.getByToken(link.realmId, link.jobId, hashToken(link.token));
  if (!job || job.identity_id !== link.identityId || job.tenant_id !== link.tenantId) throw new CeremonyError('invalid_link');
  const state = effectiveJobState(job, nowTimestamp());
  if (state === 'COMPLETE') throw new CeremonyError('already_used');
  if (state === 'EXPIRED') throw new CeremonyError('expired');
  if (state === 'REVOKED') throw new CeremonyError('revoked');
  if (state === 'FAILED_TO_SEND') throw new CeremonyError('not_sent');
  const identity = await y.store.identities.get(link.realmId, link.identityId);
  if (!identity) throw new CeremonyError('invalid_link');
  if (identity.status === 'suspended') throw new CeremonyError('suspended');
  const decision = await evaluate(y, link, { identity_id: identity.id, application_id: null, transaction: 'credential_enrollment' });
  if (decision.decision !== 'ALLOW') throw new CeremonyError('policy_denied', decision.deny_message || undefined);
  const config = await y.store.authenticatorConfigs.get(link.realmId, job.authenticator_config_id);
  // A launch mechanism turned off after the link went out closes the link too.
  if (config && (await linkFlowTurnedOff(y.store, link.realmId, config, job.delivery_method))) throw new CeremonyError('flow_disabled');
  return { job, identity, config };
}

/**
 * Whether the link's enrollment may go on: always, unless its configuration verifies with an
 * upstream identity provider; then only in the browser that came back from the upstream vouched
 * for the link's own identity (services/federation/upstream-verification.ts).
 */
export async function linkVerified(y: Yonder, open: OpenLink, verification: string | undefined): Promise<boolean> {
  if (!open.config || verifyingProvider(open.config.config) === null) return true;
  if (!verification) return false;
  return y.store.idpFlows.isVerified(open.job.id, hashToken(verification), open.identity.id, nowTimestamp());
}

/** `checkLink`, and the upstream's word where the configuration asks for it. */
async function checkVerifiedLink(y: Yonder, link: LinkParams): Promise<OpenLink> {
  const open = await checkLink(y, link);
  if (!(await linkVerified(y, open, link.verification))) throw new CeremonyError('verification_required');
  return open;
}

/** Opening the page moves a fresh job to LINK_OPENED. */
export async function openLink(y: Yonder, link: LinkParams): Promise<OpenLink> {
  const open = await checkLink(y, link);
  await y.store.bindingJobs.transition(open.job.id, ['LINK_SENT'], 'LINK_OPENED', nowTimestamp());
  return open;
}

export async function registrationOptions(y: Yonder, link: LinkParams) {
  const { job, identity } = await checkVerifiedLink(y, link);
  const options = await newPasskeyOptions(y, link, identity);
  const now = nowTimestamp();
  const challengeId = await keepChallenge(y, link, now, {
    purpose: 'registration',
    challenge: options.challenge,
    job_id: job.id,
    application_id: null,
  });
  await y.store.bindingJobs.transition(job.id, ['LINK_SENT', 'LINK_OPENED'], 'REQUEST_DELIVERED', now);
  return { challenge_id: challengeId, options };
}

type RegistrationInfo = NonNullable<VerifiedRegistrationResponse['registrationInfo']>;

/** The credential a verified registration makes for `identityId`: active, unnamed, never used. */
export async function newCredential(ref: RealmRef, identityId: string, info: RegistrationInfo, now: string): Promise<WebAuthnCredential> {
  const fields = await jwkFields(info.credential.publicKey);
  return {
    id: newId(),
    tenant_id: ref.tenantId,
    realm_id: ref.realmId,
    identity_id: identityId,
    state: 'ACTIVE',
    csr_type: 'WEBAUTHN',
    ...fields,
    webauthn_id: info.credential.id,
    public_key: isoBase64URL.fromBuffer(info.credential.publicKey),
    counter: info.credential.counter,
    transports: info.credential.transports ?? [],
    aaguid: info.aaguid,
    device_type: info.credentialDeviceType,
    backed_up: info.credentialBackedUp,
    display_name: null,
    last_used_time: null,
    create_time: now,
    update_time: now,
  };
}

/** The registration options for a new passkey of `identity`, excluding the authenticators it already has. */
export async function newPasskeyOptions(y: Yonder, ref: RealmRef, identity: Identity) {
  const realm = await y.store.realms.get(ref.tenantId, ref.realmId);
  const existing = await y.store.credentials.activeOf(identity.id);
  return generateRegistrationOptions({
    rpName: realm?.display_name ?? 'yonder',
    rpID: relyingParty(y).rpID,
    userName: String(identity.traits.username ?? identity.display_name),
    userDisplayName: identity.display_name,
    userID: new TextEncoder().encode(identity.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.webauthn_id, transports: c.transports as never })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    timeout: CHALLENGE_TTL_SECONDS * 1000,
  });
}

/** Verifies a registration answer against its kept challenge; any failure is `verification_failed`. */
export async function verifiedRegistration(
  y: Yonder,
  challenge: ChallengeRecord,
  config: AuthenticatorConfig | undefined,
  response: RegistrationResponseJSON,
): Promise<RegistrationInfo> {
  const verification = await verifiedBy(() => verifyRegistrationResponse({ response, ...expectedOf(y, challenge, config) }));
  if (!verification.verified || !verification.registrationInfo) throw new CeremonyError('verification_failed');
  return verification.registrationInfo;
}

export async function verifyRegistration(
  y: Yonder,
  link: LinkParams,
  challengeId: string,
  response: RegistrationResponseJSON,
): Promise<{ credential_id: string; redirect_uri: string | null }> {
  const now = nowTimestamp();
  const challenge = await y.store.ceremonies.consumeChallenge(challengeId, now);
  if (!issuedFor(challenge, 'registration', link)) {
    throw new CeremonyError('challenge_expired');
  }
  const { job, identity, config } = await checkVerifiedLink(y, link);
  if (challenge.job_id !== job.id) throw new CeremonyError('challenge_expired');
  const credential = await newCredential(link, identity.id, await verifiedRegistration(y, challenge, config, response), now);
  await y.store.transaction(async (tx) => {
    // Only one request can move the job to COMPLETE: the link is single use even under races.
    const won = await tx.bindingJobs.transition(job.id, PENDING_JOB_STATES, 'COMPLETE', now, { credential_id: credential.id });
    if (!won) throw new CeremonyError('already_used');
    if (!(await tx.credentials.insert(credential))) throw new CeremonyError('credential_exists');
    await tx.bindingJobs.refreshEnrollment(identity.id, now);
    await recordEvents(tx, [
      changeEvent('credential.created', 'credential', null, presentCredential(credential)),
      jobEvent('credential_binding_job.completed', job, { ...job, state: 'COMPLETE', credential_id: credential.id, update_time: now }),
    ]);
  });
  return { credential_id: credential.id, redirect_uri: job.post_binding_redirect_uri };
}

/**
 * The application a sign-in is for: the one asked for; else, in the admin realm, the Admin
 * Console (the console signs people in through this page); else none, which is a sign-in to
 * yonder's own hosted pages, evaluated by the rules that name no application.
 */
export async function signInApplication(y: Yonder, ref: RealmRef, applicationId: string | undefined): Promise<string | null> {
  if (applicationId) {
    if (!(await y.store.applications.existing(ref.realmId, [applicationId])).has(applicationId)) {
      throw new CeremonyError('unknown_application');
    }
    return applicationId;
  }
  const tenant = await y.store.tenants.get(ref.tenantId);
  if (tenant?.admin_realm_id !== ref.realmId) return null;
  return (await managedApplication(y.store, ref.realmId, 'admin_console'))?.id ?? null;
}

export async function authenticationOptions(y: Yonder, ref: RealmRef, applicationId: string | undefined) {
  // The realm must be the tenant's: the challenge row names both, and nothing is stored for a path
  // that names no realm.
  if (!(await y.store.realms.get(ref.tenantId, ref.realmId))) throw new CeremonyError('unknown_realm');
  const application = await signInApplication(y, ref, applicationId);
  // No allowCredentials: a discoverable credential names its own user, so nobody types a username.
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(y).rpID,
    userVerification: 'required',
    timeout: CHALLENGE_TTL_SECONDS * 1000,
  });
  const challengeId = await keepChallenge(y, ref, nowTimestamp(), {
    purpose: 'authentication',
    challenge: options.challenge,
    job_id: null,
    application_id: application,
  });
  return { challenge_id: challengeId, options };
}

export interface SignedIn {
  token: string;
  identity: Identity;
  application_id: string | null;
  expire_time: string;
}

/**
 * Verifies a sign-in and records the attempt, succeeded or failed with its reason, on the identity
 * when it is known. The event carries no challenge, session token or credential material.
 */
export async function verifyAuthentication(y: Yonder, ref: RealmRef, challengeId: string, response: AuthenticationResponseJSON): Promise<SignedIn> {
  const attempt: Attempt = { identityId: null, applicationId: null };
  try {
    return await signIn(y, ref, challengeId, response, attempt);
  } catch (error) {
    if (error instanceof CeremonyError && (await y.store.realms.get(ref.tenantId, ref.realmId))) {
      await recordSignInAttempt(y.store, {
        ...ref,
        identityId: attempt.identityId,
        applicationId: attempt.applicationId,
        outcome: 'failed',
        method: 'passkey',
        reason: error.reason,
      });
    }
    throw error;
  }
}

/** What is known of a sign-in attempt so far, for its audit event. */
interface Attempt {
  identityId: string | null;
  applicationId: string | null;
}

/**
 * Checks an assertion against its kept (already consumed) challenge: a known, active passkey of an
 * identity that is not suspended, signed over the challenge, its counter moved on (and the use's
 * time kept). `attempt` learns the identity as soon as the passkey names it.
 */
export async function verifyAssertion(
  y: Yonder,
  ref: RealmRef,
  challenge: ChallengeRecord,
  response: AuthenticationResponseJSON,
  attempt: { identityId: string | null } = { identityId: null },
): Promise<{ credential: WebAuthnCredential; identity: Identity }> {
  const now = nowTimestamp();
  // The body's `response` is the browser's, unchecked: a malformed one is a failed attempt, not a 500.
  if (typeof response?.id !== 'string' || typeof response.response !== 'object' || response.response === null) {
    throw new CeremonyError('verification_failed');
  }
  const credential = await y.store.credentials.byWebAuthnId(ref.realmId, response.id);
  if (!credential) throw new CeremonyError('unknown_credential');
  attempt.identityId = credential.identity_id;
  if (credential.state !== 'ACTIVE') throw new CeremonyError('credential_revoked');
  if (response.response.userHandle && response.response.userHandle !== userHandleOf(credential.identity_id)) {
    throw new CeremonyError('verification_failed');
  }
  const identity = await y.store.identities.get(ref.realmId, credential.identity_id);
  if (!identity) throw new CeremonyError('unknown_credential');
  if (identity.status === 'suspended') throw new CeremonyError('suspended');
  const defaultConfig = await y.store.authenticatorConfigs.getDefault(ref.realmId);
  const verification = await verifiedBy(() =>
    verifyAuthenticationResponse({
      response,
      ...expectedOf(y, challenge, defaultConfig),
      credential: {
        id: credential.webauthn_id,
        publicKey: isoBase64URL.toBuffer(credential.public_key),
        counter: credential.counter,
        transports: credential.transports as never,
      },
    }),
  );
  if (!verification.verified) throw new CeremonyError('verification_failed');
  // A counter that did not move past the stored one (the library checks) or moved concurrently
  // (this update checks) means a cloned authenticator or a replay.
  if (!(await y.store.credentials.advanceCounter(credential.id, credential.counter, verification.authenticationInfo.newCounter, now))) {
    throw new CeremonyError('verification_failed');
  }
  return { credential, identity };
}

async function signIn(y: Yonder, ref: RealmRef, challengeId: string, response: AuthenticationResponseJSON, attempt: Attempt): Promise<SignedIn> {
  const now = nowTimestamp();
  const challenge = await y.store.ceremonies.consumeChallenge(challengeId, now);
  if (!issuedFor(challenge, 'authentication', ref)) {
    throw new CeremonyError('challenge_expired');
  }
  attempt.applicationId = challenge.application_id;
  const { credential, identity } = await verifyAssertion(y, ref, challenge, response, attempt);
  const decision = await evaluate(y, ref, {
    identity_id: identity.id,
    application_id: challenge.application_id,
    transaction: 'authentication',
  });
  if (decision.decision !== 'ALLOW') throw new CeremonyError('policy_denied', decision.deny_message || undefined);
  return openSession(y, ref, { identity, credentialId: credential.id, applicationId: challenge.application_id, method: 'passkey' });
}

/**
 * Opens a hosted session for a person the caller has signed in (with a passkey, or at an upstream
 * identity provider: then `credentialId` is the provider's marked id) and records the sign-in.
 */
export async function openSession(
  y: Yonder,
  ref: RealmRef,
  signed: { identity: Identity; credentialId: string; applicationId: string | null; method: 'passkey' | 'identity_provider' },
): Promise<SignedIn> {
  const now = nowTimestamp();
  const token = randomBytes(32).toString('base64url');
  const expireTime = addSeconds(now, SESSION_TTL_SECONDS);
  await y.store.transaction(async (tx) => {
    await tx.ceremonies.insertSession({
      token_hash: hashToken(token),
      tenant_id: ref.tenantId,
      realm_id: ref.realmId,
      identity_id: signed.identity.id,
      credential_id: signed.credentialId,
      application_id: signed.applicationId,
      expire_time: expireTime,
      create_time: now,
    });
    await recordSignInAttempt(tx, {
      ...ref,
      identityId: signed.identity.id,
      applicationId: signed.applicationId,
      outcome: 'succeeded',
      method: signed.method,
    });
  });
  return { token, identity: signed.identity, application_id: signed.applicationId, expire_time: expireTime };
}

export async function currentSession(y: Yonder, ref: RealmRef, token: string | undefined) {
  if (!token) throw new CeremonyError('not_signed_in');
  const session = await y.store.ceremonies.session(hashToken(token), nowTimestamp());
  if (!session || session.realm_id !== ref.realmId || session.tenant_id !== ref.tenantId) throw new CeremonyError('not_signed_in');
  const identity = await y.store.identities.get(ref.realmId, session.identity_id);
  if (!identity || identity.status === 'suspended') throw new CeremonyError('not_signed_in');
  return {
    identity_id: identity.id,
    display_name: identity.display_name,
    username: identity.traits.username,
    credential_id: session.credential_id,
    application_id: session.application_id,
    create_time: session.create_time,
    expire_time: session.expire_time,
  };
}

export async function signOut(y: Yonder, token: string | undefined): Promise<void> {
  if (token) await y.store.ceremonies.deleteSession(hashToken(token));
}
