import type { Identity } from '../../domain/directory/identity.js';
import type { WebAuthnCredential } from '../../domain/passkeys/passkeys.js';
import { federatedProviderOf } from '../../domain/federation/identity-provider.js';
import { decide, evaluate } from '../access/policy.js';
import { recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { type OidcClient, grantableScopes } from './clients.js';

/** The OpenID scopes yonder answers claims for; anything else requested is a resource server scope. */
export const OIDC_SCOPES = ['openid', 'profile', 'email'] as const;
export const PROFILE_CLAIMS = ['name', 'given_name', 'family_name', 'preferred_username', 'updated_at'] as const;
export const EMAIL_CLAIMS = ['email'] as const;

/**
 * The provider's account id is the identity and the passkey it signed in with: every code, refresh
 * token and session carries both, so a credential revoked later is refused at each step, not only
 * at the next ceremony.
 */
export const accountIdOf = (identityId: string, credentialId: string) => `${identityId}.${credentialId}`;

export function parseAccountId(accountId: string): { identityId: string; credentialId: string } | null {
  const [identityId, credentialId, ...rest] = accountId.split('.');
  return identityId && credentialId && rest.length === 0 ? { identityId, credentialId } : null;
}

/**
 * Where the decision is taken; each refuses alike. `sign_in` follows the passkey ceremony (which
 * put its own policy evaluation on record), `session` reuses a session without one, `resume` is the
 * provider's own check right after either.
 */
export type Moment = 'sign_in' | 'session' | 'resume' | 'token' | 'refresh' | 'userinfo';

export interface Account {
  identity: Identity;
  /** The passkey signed in with; null for a sign-in at an upstream identity provider. */
  credential: WebAuthnCredential | null;
}

/** What these checks read of a client: its application (a SAML service provider's too). */
export type SignInClient = Pick<OidcClient, 'app'>;

export type Refusal = { reason: 'unknown_account' | 'suspended' | 'credential_revoked' | 'policy_denied'; message: string };

/**
 * Whether the account may use `client` now: the identity exists and is not suspended, its passkey
 * is not revoked, and the realm's policy (transaction `authentication`, this identity, this
 * application) allows it. A reused session's policy evaluation is recorded (`policy.evaluated`; a
 * sign-in's was, by its ceremony), and at both the outcome (`authorization.granted`); refusals
 * (`authorization.denied`, with the reason) are recorded everywhere, grants at the token endpoint,
 * on resume and at userinfo are not, so a busy client does not bury the trail.
 */
export async function authorizeAccount(y: Yonder, client: SignInClient, accountId: string, moment: Moment): Promise<Account | Refusal> {
  const ref = { tenantId: client.app.tenant_id, realmId: client.app.realm_id };
  const ids = parseAccountId(accountId);
  const identity = ids ? await y.store.identities.get(ref.realmId, ids.identityId) : undefined;
  if (!ids || !identity) return { reason: 'unknown_account', message: 'This account no longer exists.' };
  const refuse = async (refusal: Refusal): Promise<Refusal> => {
    await recordAuthorizationDenied(y, client, identity.id, moment, refusal.reason);
    return refusal;
  };
  if (identity.status === 'suspended') return refuse({ reason: 'suspended', message: 'The account is suspended.' });
  const federated = federatedProviderOf(ids.credentialId);
  let credential: WebAuthnCredential | null = null;
  if (federated !== null) {
    // Signed in at an upstream identity provider: good while the realm still offers it.
    const offered = (await y.store.accountSettings.get(ref.realmId)).sign_in_identity_providers.includes(federated);
    if (!offered || !(await y.store.identityProviders.get(ref.realmId, federated))) {
      return refuse({ reason: 'credential_revoked', message: 'Signing in with this identity provider is no longer allowed here.' });
    }
  } else {
    const found = await y.store.credentials.get(ref.realmId, identity.id, ids.credentialId);
    if (found?.state !== 'ACTIVE') return refuse({ reason: 'credential_revoked', message: 'The passkey used to sign in has been revoked.' });
    credential = found;
  }
  const recorded = moment === 'sign_in' || moment === 'session';
  const input = { identity_id: identity.id, application_id: client.app.id, transaction: 'authentication' as const };
  const decision = moment === 'session' ? await evaluate(y, ref, input) : (await decide(y, ref, input)).result;
  if (decision.decision !== 'ALLOW') {
    return refuse({ reason: 'policy_denied', message: decision.deny_message || 'You are not allowed to use this application.' });
  }
  if (recorded) {
    await recordEvent(y.store, {
      ...ref,
      type: 'authorization.granted',
      resourceType: 'identity',
      resourceId: identity.id,
      after: { application_id: client.app.id, moment, policy_version: decision.policy_version },
    });
  }
  return { identity, credential };
}

/**
 * `authorization.denied` on the identity: the application, where (`moment`) and why. The passkey
 * ceremony's own refusals (the policy asked there) come here with the identity its passkey names.
 */
export async function recordAuthorizationDenied(y: Yonder, client: SignInClient, identityId: string, moment: Moment, reason: string): Promise<void> {
  await recordEvent(y.store, {
    tenantId: client.app.tenant_id,
    realmId: client.app.realm_id,
    type: 'authorization.denied',
    resourceType: 'identity',
    resourceId: identityId,
    after: { application_id: client.app.id, moment, reason },
  });
}

/** The identity whose passkey made an assertion (its credential id), if the realm knows it. */
export async function identityOfAssertion(y: Yonder, client: SignInClient, response: unknown): Promise<string | null> {
  const id = typeof response === 'object' && response !== null ? (response as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id.length > 1024) return null;
  return (await y.store.credentials.byWebAuthnId(client.app.realm_id, id))?.identity_id ?? null;
}

export const isRefusal = (answer: Account | Refusal): answer is Refusal => 'reason' in answer;

/**
 * RFC 8176 `amr` for a passkey: a key bound to one device (`hwk`) or synced (`swk`), with user
 * verification; for a sign-in at an upstream identity provider, `fed` (federated).
 */
export function passkeyAmr(credential: WebAuthnCredential | null): string[] {
  if (!credential) return ['fed'];
  return [credential.device_type === 'multiDevice' ? 'swk' : 'hwk', 'user'];
}

/** The `sub` an application sees, per its `token_configuration.subject_field` (the id when the field is empty). */
export function subjectOf(identity: Identity, field: string): string {
  const value = field === 'email' ? identity.traits.primary_email_address : field === 'username' ? identity.traits.username : undefined;
  return typeof value === 'string' && value !== '' ? value : identity.id;
}

/**
 * The `sub` the application saw for a provider account (identity and passkey), as its ID tokens
 * carry it: what an `id_token_hint` is compared with. Undefined when the identity is gone.
 */
export async function subjectOfAccount(y: Yonder, client: OidcClient, accountId: string): Promise<string | undefined> {
  const ids = parseAccountId(accountId);
  const identity = ids ? await y.store.identities.get(client.app.realm_id, ids.identityId) : undefined;
  return identity ? subjectOf(identity, client.config.token_configuration.subject_field) : undefined;
}

/** The claims of an identity by scope: `profile` and `email`, besides `sub`. */
export function identityClaims(identity: Identity, subjectField: string, scopes: ReadonlySet<string>): Record<string, unknown> {
  const traits = identity.traits as Record<string, unknown>;
  const claims: Record<string, unknown> = { sub: subjectOf(identity, subjectField) };
  if (scopes.has('profile')) {
    claims.name = identity.display_name;
    if (typeof traits.given_name === 'string') claims.given_name = traits.given_name;
    if (typeof traits.family_name === 'string') claims.family_name = traits.family_name;
    if (typeof traits.username === 'string') claims.preferred_username = traits.username;
    claims.updated_at = Math.floor(Date.parse(identity.update_time) / 1000);
  }
  if (scopes.has('email') && typeof traits.primary_email_address === 'string') claims.email = traits.primary_email_address;
  return claims;
}

/**
 * The resource server scopes an identity may be granted through `client`: those asked for that the
 * application allows and the identity's roles (directly or through its groups) hold.
 */
export async function grantedResourceScopes(y: Yonder, client: OidcClient, identity: Identity, requested: readonly string[]): Promise<string[]> {
  const grantable = new Set(grantableScopes(client));
  const asked = requested.filter((scope) => grantable.has(scope));
  if (asked.length === 0 || !client.resourceServer) return [];
  const groupIds = await y.store.groups.groupIdsOf(identity.id);
  const held = new Set(await y.store.roles.scopesOfMember(client.resourceServer.id, identity.id, groupIds));
  return asked.filter((scope) => held.has(scope));
}

/**
 * `login_hint`: the identity of the realm it names (username, email or id), and the passkeys that
 * may answer for it; null when it names nobody (the page then offers every discoverable passkey).
 */
export async function hintedIdentity(
  y: Yonder,
  client: OidcClient,
  hint: string,
): Promise<{ identityId: string; credentials: WebAuthnCredential[] } | null> {
  if (hint === '' || hint.length > 256) return null;
  const realmId = client.app.realm_id;
  const byId = await y.store.identities.get(realmId, hint);
  const [found] = byId
    ? [byId]
    : await y.store.identities.page(
        realmId,
        {
          op: 'or',
          filters: [
            { op: 'eq', field: 'username', value: hint },
            { op: 'eq', field: 'email', value: hint },
          ],
        },
        '',
        0,
        2,
      );
  if (!found) return null;
  return { identityId: found.id, credentials: await y.store.credentials.activeOf(found.id) };
}
