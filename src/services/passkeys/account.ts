import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { type RateLimitCheck, rateLimitCheck, RATE_LIMITS } from '../../domain/access/rate-limit.js';
import type { Identity } from '../../domain/directory/identity.js';
import { foldedKey } from '../../domain/directory/names.js';
import { invalidField, notFound } from '../../domain/errors.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { inviteGuard } from '../access/grants.js';
import { authenticatorName, deviceKind, passkeyNameViolation } from '../../domain/passkeys/authenticator-names.js';
import type { WebAuthnCredential } from '../../domain/passkeys/passkeys.js';
import { addSeconds, nowTimestamp } from '../../domain/time.js';
import type { SessionRecord } from '../../store/passkeys/ceremonies.js';
import type { AccountSettings } from '../../store/passkeys/account-settings.js';
import { takeAttempt } from '../access/rate-limits.js';
import { evaluate } from '../access/policy.js';
import { changeEvent, recordEvent, runAsActor } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import {
  CHALLENGE_TTL_SECONDS,
  CeremonyError,
  issuedFor,
  keepChallenge,
  newCredential,
  newPasskeyOptions,
  relyingParty,
  verifiedRegistration,
  verifyAssertion,
} from './ceremonies.js';
import { createRecoveryJob, hashToken, presentJob } from './credential-binding-jobs.js';
import { presentCredential, revokeIn } from './credentials.js';

/**
 * The account page's use cases: a signed-in person sees and looks after their own passkeys and
 * sessions. Every call starts from the hosted session of the realm (its cookie), and touches only
 * that session's identity: a passkey id of anyone else is simply not found.
 */

/** Adding or removing a passkey needs a passkey proved again within this many seconds. */
export const REAUTH_TTL_SECONDS = 5 * 60;
/** How many recent sign-ins the page lists. */
const RECENT_SIGN_INS = 10;

interface Signed {
  session: SessionRecord;
  identity: Identity;
}

/** The live session of `token` in this realm and its identity, or `not_signed_in`. */
async function signedIn(y: Yonder, ref: RealmRef, token: string | undefined): Promise<Signed> {
  if (!token) throw new CeremonyError('not_signed_in');
  const tokenHash = hashToken(token);
  const session = await y.store.ceremonies.session(tokenHash, nowTimestamp());
  if (!session || session.realm_id !== ref.realmId || session.tenant_id !== ref.tenantId) throw new CeremonyError('not_signed_in');
  const identity = await y.store.identities.get(ref.realmId, session.identity_id);
  if (!identity || identity.status === 'suspended') throw new CeremonyError('not_signed_in');
  return { session, identity };
}

/** What the person does on their account page is recorded as theirs. */
const asPerson = <T>(signed: Signed, work: () => Promise<T>): Promise<T> =>
  runAsActor({ type: 'account', identity_id: signed.identity.id, realm_id: signed.identity.realm_id }, work);

/** The re-authentication still counts: proved within REAUTH_TTL_SECONDS. */
function reauthenticated(session: SessionRecord, now: string): boolean {
  return !!session.reauth_time && addSeconds(session.reauth_time, REAUTH_TTL_SECONDS) > now;
}

export interface AccountPasskey {
  id: string;
  name: string;
  /** The provider's name from the AAGUID, when known. */
  provider: string | null;
  device: 'synced' | 'device_bound';
  create_time: string;
  last_used_time: string | null;
  /** The passkey this session signed in with. */
  current: boolean;
}

function presentPasskey(c: WebAuthnCredential, session: SessionRecord | null): AccountPasskey {
  const provider = authenticatorName(c.aaguid);
  return {
    id: c.id,
    name: c.display_name ?? provider ?? 'Passkey',
    provider,
    device: deviceKind(c),
    create_time: c.create_time,
    last_used_time: c.last_used_time,
    current: session?.credential_id === c.id,
  };
}

/** An identity's active passkeys as the account page and the console show them, oldest first. */
export async function passkeysOf(y: Yonder, identityId: string, session: SessionRecord | null = null): Promise<AccountPasskey[]> {
  const active = await y.store.credentials.activeOf(identityId);
  return active.sort((a, b) => a.create_time.localeCompare(b.create_time) || a.id.localeCompare(b.id)).map((c) => presentPasskey(c, session));
}

export interface SignInRecord {
  time: string;
  application: string;
  address: string | null;
}

/** The identity's latest successful sign-ins, from the audit trail, newest first. */
async function recentSignIns(y: Yonder, ref: RealmRef, identityId: string): Promise<SignInRecord[]> {
  const events = await y.store.auditEvents.page(ref.realmId, { type: 'sign_in.succeeded', resource_id: identityId }, '', 0, RECENT_SIGN_INS);
  const ids = [...new Set(events.map((e) => e.after?.application_id).filter((id): id is string => typeof id === 'string'))];
  const names = new Map<string, string>();
  for (const id of ids) {
    const app = await y.store.applications.get(ref.realmId, id);
    names.set(id, app?.display_name ?? 'A deleted application');
  }
  return events.map((e) => {
    const applicationId = e.after?.application_id;
    return {
      time: e.create_time,
      application: typeof applicationId === 'string' ? (names.get(applicationId) ?? '') : 'This account page',
      address: e.address,
    };
  });
}

export interface AccountView {
  identity: { id: string; display_name: string; username: string; email: string | null };
  passkeys: AccountPasskey[];
  sign_ins: SignInRecord[];
  /** Until when adding or removing a passkey needs no new re-authentication; null when it does. */
  reauthenticated_until: string | null;
  settings: AccountSettings;
}

export async function accountView(y: Yonder, ref: RealmRef, token: string | undefined): Promise<AccountView> {
  const { session, identity } = await signedIn(y, ref, token);
  const email = identity.traits.primary_email_address;
  return {
    identity: {
      id: identity.id,
      display_name: identity.display_name,
      username: identity.traits.username,
      email: typeof email === 'string' && email !== '' ? email : null,
    },
    passkeys: await passkeysOf(y, identity.id, session),
    sign_ins: await recentSignIns(y, ref, identity.id),
    reauthenticated_until:
      session.reauth_time && reauthenticated(session, nowTimestamp()) ? addSeconds(session.reauth_time, REAUTH_TTL_SECONDS) : null,
    settings: await y.store.accountSettings.get(ref.realmId),
  };
}

/**
 * Starts a re-authentication: only this person's own passkeys are offered, but for `exceptId` (the
 * passkey about to be removed, which cannot vouch for its own removal).
 */
export async function reauthenticationOptions(y: Yonder, ref: RealmRef, token: string | undefined, exceptId?: string) {
  const { identity } = await signedIn(y, ref, token);
  const own = (await y.store.credentials.activeOf(identity.id)).filter((c) => c.id !== exceptId);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(y).rpID,
    userVerification: 'required',
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    allowCredentials: own.map((c) => ({ id: c.webauthn_id, transports: c.transports as never })),
  });
  const challengeId = await keepChallenge(y, ref, nowTimestamp(), {
    purpose: 'reauthentication',
    challenge: options.challenge,
    job_id: null,
    application_id: null,
  });
  return { challenge_id: challengeId, options };
}

/** Finishes a re-authentication: a passkey of this session's person, proved now, opens the window. */
export async function verifyReauthentication(
  y: Yonder,
  ref: RealmRef,
  token: string | undefined,
  challengeId: string,
  response: AuthenticationResponseJSON,
): Promise<AccountView> {
  const { session } = await signedIn(y, ref, token);
  const now = nowTimestamp();
  const challenge = await y.store.ceremonies.consumeChallenge(challengeId, now);
  if (!issuedFor(challenge, 'reauthentication', ref)) throw new CeremonyError('challenge_expired');
  const { credential } = await verifyAssertion(y, ref, challenge, response);
  // Someone else's passkey proves nothing about this session's person.
  if (credential.identity_id !== session.identity_id) throw new CeremonyError('verification_failed');
  await y.store.ceremonies.markReauthenticated(session.token_hash, credential.id, now);
  return accountView(y, ref, token);
}

/** A re-authenticated session, or `reauthentication_required`. */
async function reauthenticatedSession(y: Yonder, ref: RealmRef, token: string | undefined): Promise<Signed> {
  const signed = await signedIn(y, ref, token);
  if (!reauthenticated(signed.session, nowTimestamp())) throw new CeremonyError('reauthentication_required');
  return signed;
}

/** May this person enroll a passkey? The realm's policy decides (`credential_enrollment`). */
async function mayEnroll(y: Yonder, ref: RealmRef, identityId: string): Promise<boolean> {
  const decision = await evaluate(y, ref, { identity_id: identityId, application_id: null, transaction: 'credential_enrollment' });
  return decision.decision === 'ALLOW';
}

/** Starts adding a passkey: after a recent re-authentication, excluding the authenticators already on the account. */
export async function addPasskeyOptions(y: Yonder, ref: RealmRef, token: string | undefined) {
  const { identity } = await reauthenticatedSession(y, ref, token);
  if (!(await mayEnroll(y, ref, identity.id))) throw new CeremonyError('policy_denied');
  const options = await newPasskeyOptions(y, ref, identity);
  const challengeId = await keepChallenge(y, ref, nowTimestamp(), {
    purpose: 'account_registration',
    challenge: options.challenge,
    job_id: null,
    application_id: null,
  });
  return { challenge_id: challengeId, options };
}

export async function addPasskey(
  y: Yonder,
  ref: RealmRef,
  token: string | undefined,
  challengeId: string,
  response: RegistrationResponseJSON,
): Promise<AccountPasskey> {
  const signed = await reauthenticatedSession(y, ref, token);
  const { identity, session } = signed;
  const now = nowTimestamp();
  const challenge = await y.store.ceremonies.consumeChallenge(challengeId, now);
  if (!issuedFor(challenge, 'account_registration', ref)) throw new CeremonyError('challenge_expired');
  const config = await y.store.authenticatorConfigs.getDefault(ref.realmId);
  const credential = await newCredential(ref, identity.id, await verifiedRegistration(y, challenge, config, response), now);
  await asPerson(signed, () =>
    y.store.transaction(async (tx) => {
      if (!(await tx.credentials.insert(credential))) throw new CeremonyError('credential_exists');
      await tx.bindingJobs.refreshEnrollment(identity.id, now);
      await recordEvent(tx, changeEvent('credential.created', 'credential', null, presentCredential(credential)));
    }),
  );
  return presentPasskey(credential, session);
}

/**
 * Renames one of `identityId`'s passkeys (the account page passes the session's person, the
 * console the identity of its path). Another identity's passkey id is not found.
 */
export async function renamePasskey(y: Yonder, ref: RealmRef, identityId: string, credentialId: string, name: unknown): Promise<AccountPasskey> {
  if (passkeyNameViolation(name) !== null) throw new CeremonyError('invalid_name');
  const displayName = String(name).trim();
  return y.store.transaction(async (tx) => {
    const credential = await tx.credentials.get(ref.realmId, identityId, credentialId);
    if (credential?.state !== 'ACTIVE' || credential.tenant_id !== ref.tenantId) throw new CeremonyError('unknown_passkey');
    const now = nowTimestamp();
    await tx.credentials.rename(credential.id, displayName, now);
    const renamed = { ...credential, display_name: displayName, update_time: now };
    // The contract's credential has no name: the events carry it beside the contract's fields.
    const named = (c: WebAuthnCredential) => ({ ...presentCredential(c), display_name: c.display_name });
    await recordEvent(tx, changeEvent('credential.renamed', 'credential', named(credential), named(renamed)));
    return presentPasskey(renamed, null);
  });
}

export async function renameOwnPasskey(y: Yonder, ref: RealmRef, token: string | undefined, credentialId: string, name: unknown) {
  const signed = await signedIn(y, ref, token);
  return asPerson(signed, () => renamePasskey(y, ref, signed.identity.id, credentialId, name));
}

/**
 * Removes one of the person's passkeys: it must be theirs and active; a re-authentication with
 * another passkey came first; the last one stays unless the realm allows removing it. The session
 * moves to the passkey that re-authenticated before the removed one's sessions end, so the person
 * stays signed in here; elsewhere, sessions of the removed passkey end at once.
 */
export async function removeOwnPasskey(
  y: Yonder,
  ref: RealmRef,
  token: string | undefined,
  credentialId: string,
): Promise<AccountView | { signed_out: true }> {
  const signed = await signedIn(y, ref, token);
  const settings = await y.store.accountSettings.get(ref.realmId);
  await asPerson(signed, () => removeIn(y, ref, signed, settings, credentialId));
  // The last passkey (where allowed) takes this session with it: the person is signed out.
  return (await y.store.credentials.activeOf(signed.identity.id)).length > 0 ? accountView(y, ref, token) : { signed_out: true };
}

/** In this order: whose passkey it is (404), whether it is the last (409), then the re-authentication (403). */
async function removeIn(y: Yonder, ref: RealmRef, { identity, session }: Signed, settings: AccountSettings, credentialId: string) {
  await y.store.transaction(async (tx) => {
    const credential = await tx.credentials.get(ref.realmId, identity.id, credentialId);
    if (credential?.state !== 'ACTIVE') throw new CeremonyError('unknown_passkey');
    const active = await tx.credentials.activeOf(identity.id);
    if (active.length <= 1 && !settings.allow_removing_last_passkey) throw new CeremonyError('last_passkey');
    if (!reauthenticated(session, nowTimestamp())) throw new CeremonyError('reauthentication_required');
    // A passkey cannot vouch for its own removal, unless it is the last and the realm allows that.
    if (session.reauth_credential_id === credential.id && active.length > 1) throw new CeremonyError('other_passkey_required');
    if (session.credential_id === credential.id && session.reauth_credential_id) {
      await tx.ceremonies.moveToCredential(session.token_hash, session.reauth_credential_id);
    }
    await revokeIn(tx, credential);
  });
}

/**
 * Ends every session of the identity: the hosted sessions (and the console tokens minted from
 * them), and its OpenID Connect sessions and grants in every application of the realm (and the
 * access and refresh tokens issued through them). One event on the identity says how much ended.
 */
export async function signOutEverywhere(y: Yonder, ref: RealmRef, identityId: string): Promise<{ sessions: number; tokens: number }> {
  const revoked = await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const identity = await tx.identities.get(ref.realmId, identityId);
    if (!identity) throw notFound('Identity', identityId);
    const now = nowTimestamp();
    const hashes = await tx.ceremonies.deleteSessionsOfIdentity(ref.realmId, identity.id);
    const jtis: string[] = [];
    for (const hash of hashes) jtis.push(...(await tx.tokens.revokeForSession(hash, now)));
    jtis.push(...(await tx.oidcInstances.endAccount(ref.realmId, identity.id, now)));
    await recordEvent(tx, {
      tenantId: ref.tenantId,
      realmId: ref.realmId,
      type: 'identity.signed_out_everywhere',
      resourceType: 'identity',
      resourceId: identity.id,
      after: { sessions_ended: hashes.length, tokens_revoked: jtis.length },
    });
    return { sessions: hashes.length, jtis };
  });
  // Committed: this process stops honouring the tokens at once, the others within a second.
  for (const jti of revoked.jtis) y.tokens.forget(jti);
  return { sessions: revoked.sessions, tokens: revoked.jtis.length };
}

export async function signOutOwnEverywhere(y: Yonder, ref: RealmRef, token: string | undefined) {
  const signed = await signedIn(y, ref, token);
  return asPerson(signed, () => signOutEverywhere(y, ref, signed.identity.id));
}

/** The per-identity recovery limit: a few links an hour, however many addresses ask. */
export function recoveryIdentityChecks(realmId: string, identityId: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.recoveryPerIdentity, realmId, identityId)];
}

/**
 * "Send me a new link": by username or email, answered the same whether anyone is found or not
 * (the caller always says "if an account matches, a link is on its way"). A link is made only for
 * an active identity with an email address whose realm policy allows it `credential_enrollment`,
 * and only a few times an hour per identity (past that, silently none). The address limit is the
 * route's. Returns whether a link went out, for tests and logs only: never shown to the asker.
 */
export async function requestRecovery(y: Yonder, ref: RealmRef, identifier: string, accountUrl: string): Promise<boolean> {
  const realm = await y.store.realms.get(ref.tenantId, ref.realmId);
  const given = identifier.trim();
  if (!realm || given === '' || given.length > 320) return false;
  const key = foldedKey(given);
  const [identity] = await y.store.identities.page(
    ref.realmId,
    {
      op: 'or',
      filters: [
        { op: 'eq', field: 'username', value: key },
        { op: 'eq', field: 'email', value: key },
      ],
    },
    '',
    0,
    1,
  );
  if (!identity || identity.status === 'suspended') return false;
  const email = identity.traits.primary_email_address;
  if (typeof email !== 'string' || email === '') return false;
  if (await takeAttempt(y, recoveryIdentityChecks(ref.realmId, identity.id))) return false;
  if (!(await mayEnroll(y, ref, identity.id))) return false;
  const job = await createRecoveryJob(y, ref, identity, accountUrl);
  return job.state !== 'FAILED_TO_SEND';
}

/** An identity's passkeys as the console shows them (the contract's credential has no name or device kind). */
export async function listPasskeys(y: Yonder, ref: RealmRef, identityId: string): Promise<AccountPasskey[]> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  if (!(await y.store.identities.get(ref.realmId, identityId))) throw notFound('Identity', identityId);
  return passkeysOf(y, identityId);
}

/** An administrator renames a passkey: the same rule and event as the person's own rename, in the v1 error shape. */
export async function renameIdentityPasskey(y: Yonder, ref: RealmRef, identityId: string, credentialId: string, name: unknown) {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const violation = passkeyNameViolation(name);
  if (violation !== null) throw invalidField('display_name', violation);
  try {
    return await renamePasskey(y, ref, identityId, credentialId, name);
  } catch (error) {
    if (error instanceof CeremonyError && error.reason === 'unknown_passkey') throw notFound('Credential', credentialId);
    throw error;
  }
}

/**
 * An administrator sends a person a recovery link (the one "send me a new link" sends): the
 * caller must be able to grant what the person holds, as for any binding link.
 */
export async function sendRecoveryLink(y: Yonder, ref: RealmRef, identityId: string, caller: Grantor, accountUrl: string) {
  const identity = await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const found = await tx.identities.get(ref.realmId, identityId);
    if (!found) throw notFound('Identity', identityId);
    await (await inviteGuard(tx, ref.realmId, caller))(found.id, 'A recovery link for this identity');
    return found;
  });
  return presentJob(await createRecoveryJob(y, ref, identity, accountUrl));
}

/** The realm's account page settings (the console and v1 read and change them). */
export async function getAccountSettings(y: Yonder, ref: RealmRef): Promise<AccountSettings> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return y.store.accountSettings.get(ref.realmId);
}

/**
 * Replaces the settings; `sign_in_identity_providers` left out keeps the realm's, and each one
 * named must be an identity provider of the realm.
 */
export async function putAccountSettings(
  y: Yonder,
  ref: RealmRef,
  given: Omit<AccountSettings, 'sign_in_identity_providers'> & Partial<Pick<AccountSettings, 'sign_in_identity_providers'>>,
): Promise<AccountSettings> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const before = await tx.accountSettings.get(ref.realmId);
    // A kept list loses the providers deleted since; a given one must name existing providers.
    const providers: string[] = [];
    for (const id of new Set(given.sign_in_identity_providers ?? before.sign_in_identity_providers)) {
      if (await tx.identityProviders.get(ref.realmId, id)) providers.push(id);
      else if (given.sign_in_identity_providers) {
        throw invalidField('sign_in_identity_providers', `${id} is not an identity provider of this realm.`);
      }
    }
    const settings: AccountSettings = { allow_removing_last_passkey: given.allow_removing_last_passkey, sign_in_identity_providers: providers };
    await tx.accountSettings.put(ref.tenantId, ref.realmId, settings, nowTimestamp());
    await recordEvent(tx, {
      tenantId: ref.tenantId,
      realmId: ref.realmId,
      type: 'realm.account_settings_updated',
      resourceType: 'realm',
      resourceId: ref.realmId,
      before,
      after: settings,
    });
    return { ...settings };
  });
}
