import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_THEME_VALUES, type Theme } from '../../src/domain/passkeys/passkeys.js';
import { bindingMessage, createMailer } from '../../src/platform/mail/mailer.js';

const email = (realmName: string) => ({
  to: 'ann@example.com',
  displayName: 'Ann',
  link: 'https://id.example.com/x',
  expireTime: '2026-12-24T12:00:00.000Z',
  theme: { ...DEFAULT_THEME_VALUES, email_realm_name: realmName } as Theme,
});

describe("yonder's emails come from the realm people know, at the host they reach", () => {
  it('MAIL_FROM defaults to no-reply at the host of PUBLIC_URL, never localhost when PUBLIC_URL names a host', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://id.example.com' }).mailFrom).toBe('no-reply@id.example.com');
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8080' }).mailFrom).toBe('no-reply@[10.0.0.5]');
    expect(loadConfig({ PUBLIC_URL: 'https://id.example.com', MAIL_FROM: 'it@example.com' }).mailFrom).toBe('it@example.com');
  });

  it("a bare address is sent under the realm's name (its theme's), with a subject naming the realm", () => {
    const message = bindingMessage(email('Acme Staff'), 'no-reply@id.example.com');
    expect(message.from).toEqual({ name: 'Acme Staff', address: 'no-reply@id.example.com' });
    expect(message.subject).toBe('Create your passkey for Acme Staff');
    // A MAIL_FROM that names its sender is sent as written.
    expect(bindingMessage(email('Acme Staff'), 'IT Desk <it@example.com>').from).toBe('IT Desk <it@example.com>');
  });

  it('OUTBOX_DIR defaults to the data directory, whatever the working folder', async () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/srv/yonder/data/yonder.db' }).outboxDir).toBe('/srv/yonder/data/outbox');
    const outboxDir = await mkdtemp(join(tmpdir(), 'yonder-sender-'));
    const mailer = createMailer(loadConfig({ PUBLIC_URL: 'https://id.example.com', OUTBOX_DIR: outboxDir }), () => {});
    try {
      await mailer.sendBindingLink(email('Acme Staff'));
      const [file] = await readdir(outboxDir);
      const eml = await readFile(join(outboxDir, file as string), 'utf8');
      expect(eml).toMatch(/^From: Acme Staff <no-reply@id\.example\.com>$/m);
      expect(eml).toMatch(/^Subject: Create your passkey for Acme Staff$/m);
    } finally {
      mailer.close();
      await rm(outboxDir, { recursive: true, force: true });
    }
  });
});
