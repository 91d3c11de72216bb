import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/audit/audit-event.js';
import { DomainError, unauthorized } from '../../domain/errors.js';
import type { Identity } from '../../domain/directory/identity.js';
import { foldedKey } from '../../domain/directory/names.js';
import { PENDING_JOB_STATES } from '../../domain/passkeys/passkeys.js';
import { MANAGEMENT_SCOPES, OPERATOR } from '../../domain/access/scopes.js';
import type { TenantRecord } from '../../domain/directory/tenancy.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import type { SessionRecord } from '../../store/passkeys/ceremonies.js';
import type { TokenRecord } from '../../store/access/tokens.js';
import { currentAuditContext, recordEvent, runWithAuditContext } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { hashToken, insertReturnJob } from '../passkeys/credential-binding-jobs.js';
import { addMembersWith } from '../directory/groups.js';
import { type RealmRef, insertIdentity } from '../directory/identities.js';
import { decide, evaluate } from './policy.js';
import { type ConsolePrincipal, MANAGEMENT_AUDIENCE } from '../../platform/tokens/token-service.js';

/**
 * The Admin Console's server side, without HTTP: which tenant the console manages, the short-lived
 * token a signed-in person acts with, the check that keeps such a token honest on every request,
 * sign-out, and the first administrator's enrollment link.
 *
 * Access follows the admin realm's policy exactly as the seed describes it: a person may use the
 * console while the policy allows them the `authentication` transaction for the managed "Admin
 * Console" application (bootstrap: "allow Administrators to access Admin Console"). What they may
 * do there is what their roles on the managed Management API resource server grant.
 */

/** Console tokens live 5 minutes; the console mints a fresh one as the old one nears its end. */
export const CONSOLE_TOKEN_TTL_SECONDS = 5 * 60;
/** Where the console is served; the sign-in page returns here. */
export const CONSOLE_PATH = '/console/';
export const CONSOLE_ADMIN_USERNAME = 'admin';
/** The admin realm's group whose members the bootstrap policy lets use the console. */
export const ADMINISTRATORS_GROUP = 'Administrators';
const NOT_ALLOWED = 'You are signed in, but not allowed to use the Admin Console.';

/** The tenant the console manages and the managed pieces it needs, found once per process. */
export interface ConsoleSite {
  tenant: TenantRecord;
  adminRealmId: string;
  consoleApplicationId: string;
  managementResourceServerId: string;
}

const sites = new WeakMap<Yonder, ConsoleSite>();

/** The managed application of `classification` in a realm (the Admin Console, the Management API). */
export async function managedApplication(repos: Repositories, realmId: string, classification: string) {
  const apps = await repos.applications.page(realmId, '', 0, 200);
  return apps.find((app) => app.is_managed && app.classification === classification);
}

/**
 * The bootstrap tenant: the one whose admin realm holds the managed Admin Console application.
 * Null on a store that was never bootstrapped.
 */
export async function consoleSite(y: Yonder): Promise<ConsoleSite | null> {
  const known = sites.get(y);
  if (known) return known;
  for (const tenant of await y.store.tenants.list(100)) {
    const realmId = tenant.admin_realm_id;
    const consoleApp = await managedApplication(y.store, realmId, 'admin_console');
    if (!consoleApp) continue;
    const management = await y.store.applications.get(realmId, tenant.management_application_id);
    if (!management?.resource_server_id) continue;
    const site: ConsoleSite = {
      tenant,
      adminRealmId: realmId,
      consoleApplicationId: consoleApp.id,
      managementResourceServerId: management.resource_server_id,
    };
    sites.set(y, site);
    return site;
  }
  return null;
}

async function requireSite(y: Yonder): Promise<ConsoleSite> {
  const site = await consoleSite(y);
  if (!site) throw new DomainError('not_found', 'no tenant holds the Admin Console');
  return site;
}

/** The hosted sign-in page of the admin realm, for the console, coming back to the console. */
export function consoleSignInUrl(site: ConsoleSite): string {
  const query = new URLSearchParams({ application_id: site.consoleApplicationId, return_to: CONSOLE_PATH });
  return `/hosted/tenants/${site.tenant.id}/realms/${site.adminRealmId}/sign-in?${query.toString()}`;
}

export interface ConsoleConfig {
  tenant_id: string;
  admin_realm_id: string;
  console_application_id: string;
  sign_in_url: string;
}

export async function consoleConfig(y: Yonder): Promise<ConsoleConfig> {
  const site = await requireSite(y);
  return {
    tenant_id: site.tenant.id,
    admin_realm_id: site.adminRealmId,
    console_application_id: site.consoleApplicationId,
    sign_in_url: consoleSignInUrl(site),
  };
}

/**
 * A session's public id: derived from the hash its cookie is stored under, so it can name the
 * session in tokens and on the audit trail without being usable to find or forge the cookie.
 */
export const sessionIdOf = (sessionHash: string) => createHash('sha256').update(`console-session:${sessionHash}`).digest('base64url').slice(0, 22);

const consoleActor = (session: SessionRecord, sessionHash: string): Actor => ({
  type: 'console',
  identity_id: session.identity_id,
  realm_id: session.realm_id,
  session_id: sessionIdOf(sessionHash),
});

/** Runs `work` with the signed-in person as the audit actor (address and request id kept). */
function asConsole<T>(session: SessionRecord, sessionHash: string, work: () => Promise<T>): Promise<T> {
  return runWithAuditContext({ ...currentAuditContext(), actor: consoleActor(session, sessionHash) }, work);
}

export interface ConsoleToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  identity: { id: string; display_name: string; username: string };
  tenant_id: string;
  admin_realm_id: string;
}

/** The live session of a cookie in the console's realm; `unauthorized`, saying what to do, otherwise. */
async function consoleSession(y: Yonder, site: ConsoleSite, cookie: string | undefined) {
  const consoleUrl = `${y.config.publicUrl}/console/`;
  if (!cookie) throw new DomainError('unauthorized', `You are not signed in to the Admin Console: open ${consoleUrl} and sign in with your passkey.`);
  const hash = hashToken(cookie);
  const session = await y.store.ceremonies.session(hash, nowTimestamp());
  if (!session || session.tenant_id !== site.tenant.id || session.realm_id !== site.adminRealmId) {
    throw new DomainError(
      'unauthorized',
      `Your Admin Console session has ended (a sign-in lasts 12 hours, or until you sign out): open ${consoleUrl} and sign in again with your passkey.`,
    );
  }
  return { session, hash };
}

/**
 * Mints the token the console acts with, for the person whose hosted sign-in session `cookie` is:
 * their session must be of the admin realm, they must be active and the policy must allow them the
 * console; the token's scopes are those of their roles (direct or through groups) on the managed
 * Management API resource server, tenant-wide so the realm switcher reaches every realm.
 */
export async function mintConsoleToken(y: Yonder, cookie: string | undefined): Promise<ConsoleToken> {
  const site = await requireSite(y);
  const { session, hash } = await consoleSession(y, site, cookie);
  return asConsole(session, hash, async () => {
    const ref = { tenantId: site.tenant.id, realmId: site.adminRealmId };
    const identity = await y.store.identities.get(site.adminRealmId, session.identity_id);
    if (!identity) {
      throw new DomainError(
        'unauthorized',
        'The identity you signed in with no longer exists: ask another administrator, or run `yonder console-link` on the server for a new link.',
      );
    }
    if (identity.status !== 'active') throw new DomainError('forbidden', `Your account is suspended. ${NOT_ALLOWED}`);
    const decision = await evaluate(y, ref, {
      identity_id: identity.id,
      application_id: site.consoleApplicationId,
      transaction: 'authentication',
    });
    if (decision.decision !== 'ALLOW') throw new DomainError('forbidden', NOT_ALLOWED);
    const groupIds = await y.store.groups.groupIdsOf(identity.id);
    const held = new Set(await y.store.roles.scopesOfMember(site.managementResourceServerId, identity.id, groupIds));
    const scopes = MANAGEMENT_SCOPES.filter((scope) => held.has(scope));
    const username = String(identity.traits.username ?? '');
    // Signed before the transaction opens, so the signature does not hold the store (see TokenService.sign).
    const token = await y.tokens.sign({
      tenant: site.tenant,
      scopes,
      ttlSeconds: CONSOLE_TOKEN_TTL_SECONDS,
      displayName: `Console: ${username || identity.display_name}`,
      issuer: {
        applicationId: site.consoleApplicationId,
        realmId: site.adminRealmId,
        audience: MANAGEMENT_AUDIENCE,
        subject: identity.id,
      },
      session: { hash, id: sessionIdOf(hash) },
    });
    const minted = await y.store.transaction(async (tx) => {
      await tx.tokens.insert(token.record);
      await recordEvent(tx, {
        tenantId: site.tenant.id,
        realmId: site.adminRealmId,
        type: 'console.token_issued',
        resourceType: 'identity',
        resourceId: identity.id,
        after: { jti: token.record.jti, scopes, expires_at: token.record.expires_at, application_id: site.consoleApplicationId },
      });
      return token;
    });
    return {
      access_token: minted.token,
      token_type: 'Bearer',
      expires_in: CONSOLE_TOKEN_TTL_SECONDS,
      scope: scopes.join(' '),
      identity: { id: identity.id, display_name: identity.display_name, username },
      tenant_id: site.tenant.id,
      admin_realm_id: site.adminRealmId,
    };
  });
}

/**
 * The per-request check of a console token (installed as the token service's guard): its session
 * must still exist, its identity be active, and the admin realm's policy still allow it the
 * console. Otherwise the token is dead (`unauthorized`, 401): a person removed from Administrators
 * is refused on their next request, and the console, renewing its token, then learns why from
 * POST /console/api/token (403). A 403 on /v1 stays what it always means: a scope is missing.
 * Nothing is recorded: it runs on every call.
 */
export async function checkConsoleToken(y: Yonder, record: TokenRecord & { session_hash: string }): Promise<ConsolePrincipal> {
  const session = await y.store.ceremonies.session(record.session_hash, nowTimestamp());
  if (!session || session.tenant_id !== record.tenant_id) throw unauthorized();
  const ref: RealmRef = { tenantId: session.tenant_id, realmId: session.realm_id };
  let verdict: { identity: Identity; allowed: boolean };
  try {
    const { identity, result } = await decide(y, ref, {
      identity_id: session.identity_id,
      application_id: record.application_id,
      transaction: 'authentication',
    });
    verdict = { identity, allowed: result.decision === 'ALLOW' };
  } catch (error) {
    // The identity or the console application is gone: nothing left to act for.
    if (error instanceof DomainError && error.code === 'not_found') throw unauthorized();
    throw error;
  }
  if (verdict.identity.status !== 'active' || !verdict.allowed) throw unauthorized();
  return { identityId: session.identity_id, realmId: session.realm_id, sessionId: sessionIdOf(record.session_hash) };
}

/**
 * Ends a console session server-side: every token minted from it is revoked (on this process at
 * once, on others within a second) and the session deleted. Without a live session it does nothing.
 */
export async function signOutConsole(y: Yonder, cookie: string | undefined): Promise<void> {
  if (!cookie) return;
  const hash = hashToken(cookie);
  const now = nowTimestamp();
  const session = await y.store.ceremonies.session(hash, now);
  if (!session) return;
  const revoked = await asConsole(session, hash, () =>
    y.store.transaction(async (tx) => {
      const jtis = await tx.tokens.revokeForSession(hash, now);
      await tx.ceremonies.deleteSession(hash);
      await recordEvent(tx, {
        tenantId: session.tenant_id,
        realmId: session.realm_id,
        type: 'console.signed_out',
        resourceType: 'identity',
        resourceId: session.identity_id,
        after: { session_id: sessionIdOf(hash), revoked_tokens: jtis },
      });
      return jtis;
    }),
  );
  for (const jti of revoked) y.tokens.forget(jti);
}

/** Where a newly enrolled administrator goes: the console, which sends them to sign in. */
export const consoleUrl = (publicUrl: string) => `${publicUrl}${CONSOLE_PATH}`;

export interface ConsoleLink {
  identity: Identity;
  link: string;
  /** True when the `admin` identity had to be created (first start, or it was deleted). */
  created: boolean;
  /** Earlier console links of the identity that this one replaced. */
  revoked: number;
}

/**
 * A one-time enrollment link for the console's administrator `admin` (display name
 * "Administrator"), in the caller's transaction: the identity is created when missing and made a
 * member of Administrators; earlier pending console links of it are revoked, so only the newest
 * works. The link leads, once the passkey is made, to the console.
 */
export async function issueConsoleLink(tx: Repositories, ref: RealmRef, administratorsGroupId: string, publicUrl: string): Promise<ConsoleLink> {
  const byUsername = { op: 'eq', field: 'username', value: foldedKey(CONSOLE_ADMIN_USERNAME) } as const;
  let identity = (await tx.identities.page(ref.realmId, byUsername, '', 0, 1))[0];
  const created = !identity;
  if (!identity) {
    identity = await insertIdentity(tx, ref, {
      display_name: 'Administrator',
      traits: { type: 'traits_v0', username: CONSOLE_ADMIN_USERNAME },
    });
  }
  if (!(await tx.groups.groupIdsOf(identity.id)).includes(administratorsGroupId)) {
    // The operator's own link (first start, `yonder console-link`).
    await addMembersWith(tx, ref, administratorsGroupId, [identity.id], OPERATOR);
  }
  const redirect = consoleUrl(publicUrl);
  const now = nowTimestamp();
  let revoked = 0;
  const jobs = await tx.bindingJobs.page({ realmId: ref.realmId, identityId: identity.id }, '', 0, 1000);
  for (const job of jobs) {
    // Any console link, whatever PUBLIC_URL it was made under: an older one must not stay valid.
    const toConsole = job.post_binding_redirect_uri?.endsWith(CONSOLE_PATH) ?? false;
    if (job.delivery_method !== 'RETURN' || !toConsole || !PENDING_JOB_STATES.includes(job.state)) continue;
    await tx.bindingJobs.setState(job.id, 'REVOKED', now);
    revoked++;
  }
  const { link } = await insertReturnJob(tx, ref, identity, redirect, publicUrl);
  return { identity, link, created, revoked };
}

/** `issueConsoleLink` for the console's tenant, in a transaction of its own (`yonder console-link`). */
export async function freshConsoleLink(y: Yonder): Promise<ConsoleLink> {
  const site = await requireSite(y);
  const ref = { tenantId: site.tenant.id, realmId: site.adminRealmId };
  return y.store.transaction(async (tx) => {
    const groups = await tx.groups.page(site.adminRealmId, '', 0, 1000);
    const administrators = groups.find((group) => group.display_name === ADMINISTRATORS_GROUP);
    if (!administrators) throw new DomainError('not_found', `the admin realm has no group "${ADMINISTRATORS_GROUP}"`);
    return issueConsoleLink(tx, ref, administrators.id, y.config.publicUrl);
  });
}
