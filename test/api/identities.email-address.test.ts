import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csvItems } from '../../src/cli/import-readers.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_THEME_VALUES, type Theme } from '../../src/domain/passkeys/passkeys.js';
import { createMailer } from '../../src/platform/mail/mailer.js';
import { importIdentities } from '../../src/services/directory/bulk.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * An identity's email is where its binding link goes, so it must name one mailbox and nothing
 * else: a plain addr-spec (local@domain). A display name (`ceo<attacker@evil.example>`), a group
 * (`Team:x@evil.example;`), a quoted local part, a comment or a line break is read by mail
 * software as some other mailbox, and the link went to the attacker. One rule in the domain for
 * every door: v1, SCIM and the CLI import.
 */
const NOT_ADDR_SPEC = [
  'ceo<attacker@evil.example>',
  'ceo <attacker@evil.example>',
  '"ceo@corp.example" <attacker@evil.example>',
  'Team:attacker@evil.example;',
  'Team:ceo@corp.example,attacker@evil.example;',
  '"a"@b.example',
  '"a b"@b.example',
  'a(comment)@b.example',
  'a@b.example(comment)',
  'ceo@corp.example,attacker@evil.example',
  'ceo@corp.example attacker@evil.example',
  'ceo@corp.example\r\nBcc: attacker@evil.example',
  'ceo@corp.example\nx',
  'a@[127.0.0.1]',
  'a@b@c.example',
  '.a@b.example',
  'a.@b.example',
  'a..b@b.example',
  'a@-b.example',
  'a@b..example',
  'a@b.example.',
  'a\\@b.example',
  '@b.example',
  'a@',
];
const ADDR_SPEC = [
  'ann@example.com',
  'first.last+tag@sub.example.co.uk',
  "o'brien@example.ie",
  'x@localhost',
  'josé@exämple.de',
  '5b50642d-79fc@testuser.com',
];

describeApi('identity email addresses: addr-spec only, at every door', () => {
  let y: TestYonder;
  let count: () => Promise<number>;
  beforeAll(async () => {
    y = await TestYonder.start();
    count = async () => (await y.request('GET', y.realmPath('/identities'))).body.total_size as number;
  });
  afterAll(async () => y?.close());

  const create = (email: string, username = 'mailbox') =>
    y.request('POST', y.realmPath('/identities'), {
      body: { identity: { display_name: 'M', traits: { type: 'traits_v0', username, primary_email_address: email } } },
    });

  it('POST /identities refuses a primary or secondary email that is not a plain local@domain, naming the field', async () => {
    for (const email of NOT_ADDR_SPEC) {
      const reply = await create(email);
      expect(reply.status, `${JSON.stringify(email)}: ${reply.text}`).toBe(400);
      expect(reply.body.details[0].field_violations).toContainEqual({
        field: 'identity.traits.primary_email_address',
        description: 'must be an email address',
      });
    }
    for (const email of ['ceo<attacker@evil.example>', 'Team:attacker@evil.example;']) {
      const reply = await y.request('POST', y.realmPath('/identities'), {
        body: { identity: { display_name: 'M', traits: { type: 'traits_v0', username: 'second', secondary_email_address: email } } },
      });
      expect(reply.status, email).toBe(400);
      expect(reply.body.details[0].field_violations[0].field).toBe('identity.traits.secondary_email_address');
    }
    expect(await count()).toBe(0);
  });

  it('POST /identities accepts plain addresses, international ones too', async () => {
    for (const [i, email] of ADDR_SPEC.entries()) {
      const reply = await create(email, `plain-${i}`);
      expect(reply.status, `${email}: ${reply.text}`).toBe(200);
      expect(reply.body.traits.primary_email_address).toBe(email);
    }
  });

  it('PATCH /identities/{id} refuses a display-name email and keeps the old one', async () => {
    const created = await create('owner@example.com', 'patch-owner');
    for (const email of ['ceo<attacker@evil.example>', 'Team:attacker@evil.example;']) {
      const reply = await y.request('PATCH', y.realmPath(`/identities/${created.body.id}`), {
        body: { identity: { traits: { type: 'traits_v0', primary_email_address: email } } },
      });
      expect(reply.status, email).toBe(400);
    }
    const after = await y.request('GET', y.realmPath(`/identities/${created.body.id}`));
    expect(after.body.traits.primary_email_address).toBe('owner@example.com');
  });

  it('SCIM POST /Users refuses such an emails[].value (primary or not) with 400 invalidValue and creates nothing', async () => {
    const before = await count();
    for (const email of NOT_ADDR_SPEC) {
      const reply = await y.request('POST', y.realmPath('/scim/v2/Users'), {
        body: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'scim-mailbox',
          emails: [
            { value: 'fine@example.com', primary: true },
            { value: email, type: 'other' },
          ],
        },
      });
      expect(reply.status, `${JSON.stringify(email)}: ${reply.text}`).toBe(400);
      expect(reply.body.scimType).toBe('invalidValue');
    }
    expect(await count()).toBe(before);
  });

  it('the CSV import rejects such a row by line and imports the rest', async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Mail import' } } });
    const csv = ['userName,email', 'good-one,good@example.com', 'evil-one,ceo<attacker@evil.example>', 'evil-two,"Team:x@evil.example;"', ''].join(
      '\n',
    );
    const result = await importIdentities(y.yonder, { tenantId: y.tenantId, realmId: realm.body.id }, csvItems(Readable.from([csv])));
    expect(result.imported).toBe(1);
    expect(result.rejections.map((r) => r.line)).toEqual([3, 4]);
    for (const r of result.rejections) expect(r.reason).toContain('primary_email_address');
  });

  it('the mailer sends only to a plain address, and never parses it for a display name', async () => {
    const outboxDir = await mkdtemp(join(tmpdir(), 'yonder-mail-'));
    const config = loadConfig({}, { databaseUrl: 'sqlite::memory:', publicUrl: 'http://localhost:8080', outboxDir });
    const mailer = createMailer(config, () => {});
    const email = {
      displayName: 'Ann',
      link: 'http://localhost:8080/x',
      expireTime: new Date().toISOString(),
      theme: { ...DEFAULT_THEME_VALUES } as Theme,
    };
    try {
      for (const to of ['ceo<attacker@evil.example>', 'Team:attacker@evil.example;', 'a@b.example, attacker@evil.example']) {
        await expect(mailer.sendBindingLink({ ...email, to }), to).rejects.toThrow();
      }
      expect(await readdir(outboxDir)).toEqual([]);
      await mailer.sendBindingLink({ ...email, to: 'ann@example.com' });
      const [file] = await readdir(outboxDir);
      const message = await readFile(join(outboxDir, file as string), 'utf8');
      expect(message).toMatch(/^To: ann@example\.com$/m);
    } finally {
      mailer.close();
    }
  });
});
