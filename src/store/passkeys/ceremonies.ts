import type { Executor } from '../engine/connection.js';
import type { WebAuthnChallengesTable, WebSessionsTable } from '../schema.js';

export type ChallengeRecord = WebAuthnChallengesTable;
export type SessionRecord = WebSessionsTable;

/** WebAuthn challenges and hosted-page sessions: short-lived rows any process can read. */
export class CeremonyStore {
  constructor(private readonly db: Executor) {}

  async insertChallenge(challenge: ChallengeRecord): Promise<void> {
    await this.db.insertInto('webauthn_challenges').values(challenge).execute();
  }

  /** Takes the challenge out of the store: it answers one request, and only if unexpired. */
  async consumeChallenge(id: string, now: string): Promise<ChallengeRecord | undefined> {
    const row = await this.db.deleteFrom('webauthn_challenges').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row || row.expire_time <= now) return undefined;
    return row;
  }

  /** Deletes the challenges and sessions that expired at or before `now`; returns how many of each. */
  async purgeExpired(now: string): Promise<{ challenges: number; sessions: number }> {
    const challenges = await this.db.deleteFrom('webauthn_challenges').where('expire_time', '<=', now).executeTakeFirst();
    const sessions = await this.db.deleteFrom('web_sessions').where('expire_time', '<=', now).executeTakeFirst();
    return { challenges: Number(challenges.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
  }

  async insertSession(session: SessionRecord): Promise<void> {
    await this.db.insertInto('web_sessions').values(session).execute();
  }

  async session(tokenHash: string, now: string): Promise<SessionRecord | undefined> {
    return this.db.selectFrom('web_sessions').selectAll().where('token_hash', '=', tokenHash).where('expire_time', '>', now).executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** The person proved a passkey again in this session: adding or removing a passkey may follow, for a while. */
  async markReauthenticated(tokenHash: string, credentialId: string, now: string): Promise<void> {
    await this.db
      .updateTable('web_sessions')
      .set({ reauth_time: now, reauth_credential_id: credentialId })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  /** The session now rests on another passkey of its person (the one signed in with is being removed). */
  async moveToCredential(tokenHash: string, credentialId: string): Promise<void> {
    await this.db.updateTable('web_sessions').set({ credential_id: credentialId }).where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of an identity; answers their token hashes (console tokens name them). */
  async deleteSessionsOfIdentity(realmId: string, identityId: string): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('web_sessions')
      .where('realm_id', '=', realmId)
      .where('identity_id', '=', identityId)
      .returning('token_hash')
      .execute();
    return rows.map((row) => row.token_hash);
  }

  /** A revoked credential's sessions end with it. */
  async deleteSessionsOfCredential(credentialId: string): Promise<string[]> {
    const rows = await this.db.deleteFrom('web_sessions').where('credential_id', '=', credentialId).returning('token_hash').execute();
    return rows.map((row) => row.token_hash);
  }
}
