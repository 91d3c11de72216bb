import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { type SmtpBehaviour, type TestSmtp, startSmtp } from '../support/smtp.js';

/**
 * Binding-link emails against a real SMTP server (the smtp-server package) that misbehaves: it
 * refuses a recipient, answers slowly, or starts failing in the middle of a batch. Each identity
 * gets the outcome of its own email, and a slow server never holds up the realm's other writes.
 */
describeApi('credential binding jobs: an SMTP server that refuses, stalls or fails mid-batch', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  /** A yonder on this file's store, sending through an SMTP server that behaves as told. */
  async function withSmtp<T>(behaviour: SmtpBehaviour, work: (app: TestYonder, smtp: TestSmtp) => Promise<T>): Promise<T> {
    const smtp = await startSmtp(behaviour);
    const app = await TestYonder.start(y.databaseLocation, { config: { smtpUrl: smtp.url } });
    try {
      return await work(app, smtp);
    } finally {
      await app.stop();
      await smtp.close();
    }
  }
  const withEmail = (username: string) =>
    y.createIdentity(username, { traits: { type: 'traits_v0', username, primary_email_address: `${username}@example.com` } });
  const batch = (app: TestYonder, identityIds: string[]) =>
    app.request('POST', app.realmPath('/batch-credential-binding-jobs'), {
      body: { batch_credential_binding_job: { identity_ids: identityIds, job_template: {} } },
    });
  const enrollment = async (id: string) => (await y.request('GET', y.realmPath(`/identities/${id}`))).body.enrollment_status;

  it('a recipient refused with 550 fails only its own job: FAILED_TO_SEND, INVITE_FAILED, and named in its batch', async () => {
    await withSmtp({ rejects: (address) => address.startsWith('refused') }, async (app, smtp) => {
      const lone = await withEmail('refused-lone');
      const job = await app.request('POST', app.realmPath(`/identities/${lone.id}/credential-binding-jobs`), {
        body: { job: { delivery_method: 'EMAIL' } },
      });
      expect(job.status).toBe(200);
      expect(job.body.credential_binding_job.state).toBe('FAILED_TO_SEND');
      expect(await enrollment(lone.id)).toBe('INVITE_FAILED');

      const [first, refused, last] = [await withEmail('smtp-ok-1'), await withEmail('refused-in-batch'), await withEmail('smtp-ok-2')];
      const reply = await batch(app, [first.id, refused.id, last.id]);
      expect(reply.status).toBe(200);
      expect(reply.body.state).toBe('PARTIAL_SUCCESS');
      expect(Object.keys(reply.body.state_commentary.errors)).toEqual([refused.id]);
      expect(reply.body.state_commentary.errors[refused.id].last_error).toBe('failed to send email');
      expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['smtp-ok-1@example.com', 'smtp-ok-2@example.com']);
      expect(await enrollment(refused.id)).toBe('INVITE_FAILED');
      expect(await enrollment(first.id)).toBe('PENDING');
    });
  });

  it('a slow SMTP server holds no database lock: the realm takes writes while a batch waits on it, which then answers SUCCESS', async () => {
    let answer!: () => void;
    const answerAfter = new Promise<void>((resolve) => (answer = resolve));
    await withSmtp({ answerAfter }, async (app, smtp) => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await withEmail(`slow-${i}`)).id);
      const pending = batch(app, ids);
      // The jobs are committed and their emails are with the server, unanswered.
      await vi.waitFor(() => expect(smtp.held()).toBeGreaterThan(0), { timeout: 20_000, interval: 20 });
      const created = await app.request('POST', app.realmPath('/identities'), {
        body: { identity: { display_name: 'During', traits: { type: 'traits_v0', username: 'written-while-mail-waits' } } },
      });
      expect(created.status).toBe(200);
      const renamed = await app.request('PATCH', app.realmPath(`/identities/${ids[0]}`), {
        body: { identity: { display_name: 'Renamed meanwhile' } },
      });
      expect(renamed.status).toBe(200);
      answer();
      const reply = await pending;
      expect(reply.body.state).toBe('SUCCESS');
      expect(smtp.messages).toHaveLength(5);
    });
  });

  it('a server that starts failing mid-batch: the emails it took are sent, every later one is reported failed', async () => {
    await withSmtp({ failAfter: 3 }, async (app, smtp) => {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push((await withEmail(`midbatch-${i}`)).id);
      const reply = await batch(app, ids);
      expect(reply.status).toBe(200);
      expect(reply.body.state).toBe('PARTIAL_SUCCESS');
      expect(smtp.messages).toHaveLength(3);
      const delivered = new Set(smtp.messages.map((m) => m.to[0]));
      const failed = Object.keys(reply.body.state_commentary.errors).sort();
      const usernameOf = (id: string) => `midbatch-${ids.indexOf(id)}@example.com`;
      expect(failed).toEqual(ids.filter((id) => !delivered.has(usernameOf(id))).sort());
      expect(failed).toHaveLength(4);
      for (const id of failed) expect(await enrollment(id)).toBe('INVITE_FAILED');
      for (const id of ids.filter((i) => !failed.includes(i))) expect(await enrollment(id)).toBe('PENDING');
    });
  });
});
