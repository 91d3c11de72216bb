import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { startSmtp } from '../support/smtp.js';

/**
 * The contract's largest batch, 1,000 identities, answers finished: every email handed to a real
 * SMTP server. The jobs are written in one transaction and the emails are sent after it commits, so
 * a slow mail server holds no database locks. How long it takes is not asserted: a time taken on a
 * loaded test machine proves nothing, so only a hang fails this test (its timeout).
 */
describeApi('credential binding jobs: a batch of 1,000 identities', () => {
  let y: TestYonder;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const ids: string[] = [];
  beforeAll(async () => {
    smtp = await startSmtp();
    y = await TestYonder.start(undefined, { config: { smtpUrl: smtp.url } });
    for (let start = 0; start < 1000; start += 50) {
      const chunk = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const username = `batch${start + i}`;
          return y.createIdentity(username, { traits: { type: 'traits_v0', username, primary_email_address: `${username}@example.com` } });
        }),
      );
      ids.push(...chunk.map((identity) => identity.id));
    }
  }, 120_000);
  afterAll(async () => {
    await y?.close();
    await smtp?.close();
  });

  it('emails 1,000 identities and answers SUCCESS', async () => {
    const reply = await y.request('POST', y.realmPath('/batch-credential-binding-jobs'), {
      body: { batch_credential_binding_job: { identity_ids: ids, job_template: {} } },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.state).toBe('SUCCESS');
    expect(smtp.messages).toHaveLength(1000);
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(1000);
    const results = await y.request('GET', y.realmPath(`/batch-credential-binding-jobs/${reply.body.id}:listResults?page_size=1`));
    expect(results.body).toMatchObject({ total_size: 1000, total_pending_count: 1000, total_failure_count: 0 });
  }, 60_000);
});
