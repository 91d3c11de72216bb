import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR, newEventId } from '../../src/domain/audit/audit-event.js';
import { newUuid } from '../../src/domain/ids.js';
import { nowTimestamp } from '../../src/domain/time.js';
import type { TokenRecord } from '../../src/store/access/tokens.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * The group commit of issued tokens (store/engine/group-commit.ts TokenIssueBatcher): a batch
 * that fails as a whole is written token by token, so the one bad row fails only its own caller
 * and the others are written, each with its event.
 */
describeApi('issued tokens: a batch with one bad row', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const issue = (jti: string) => {
    const now = nowTimestamp();
    const record: TokenRecord = {
      jti,
      tenant_id: y.tenantId,
      realm_id: null,
      subject: 'batch-test',
      display_name: 'batch test',
      scopes: 'identities:read',
      token_suffix: jti.slice(-6),
      issued_at: now,
      expires_at: new Date(Date.now() + 60_000).toISOString(),
      revoked_at: null,
      application_id: null,
      session_hash: null,
    };
    return y.yonder.store.tokens.insertIssued(record, {
      id: newEventId(),
      tenant_id: y.tenantId,
      realm_id: y.adminRealmId,
      type: 'token.issued',
      resource_type: 'token',
      resource_id: jti,
      actor: SYSTEM_ACTOR,
      address: null,
      request_id: null,
      before: null,
      after: { jti },
      create_time: now,
    });
  };

  it('a taken jti fails alone; the tokens issued with it in the same turn are written, each with its event', async () => {
    const taken = newUuid();
    await issue(taken);
    const others = [newUuid(), newUuid(), newUuid()];
    const outcomes = await Promise.allSettled([issue(others[0] as string), issue(taken), issue(others[1] as string), issue(others[2] as string)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const jti of others) expect(await y.yonder.store.tokens.get(jti)).toBeDefined();
    const events = await y.request('GET', y.realmPath('/events?type=token.issued&page_size=100', y.adminRealmId));
    const ids = events.body.events.map((e: { resource_id: string }) => e.resource_id);
    for (const jti of others) expect(ids.filter((id: string) => id === jti)).toHaveLength(1);
    expect(ids.filter((id: string) => id === taken)).toHaveLength(1);
  });
});
