import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import type { Theme } from '../../domain/passkeys/passkeys.js';
import { isEmailAddress } from '../../domain/directory/traits.js';
import { escapeHtml } from '../../domain/text.js';

/** Emails in flight at once for a batch: enough to keep an SMTP server busy without flooding it. */
export const BATCH_SEND_CONCURRENCY = 4;

export interface BindingEmail {
  to: string;
  displayName: string;
  link: string;
  expireTime: string;
  theme: Theme;
}

export interface Mailer {
  sendBindingLink(email: BindingEmail): Promise<void>;
  close(): void;
}

/** A colour from a theme, only if it is a plain hex colour (it goes into a style attribute). */
function colour(value: string, fallback: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : fallback;
}

function httpsOrHttp(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** The binding-link email, in the realm's theme: its name, logo and button colours. */
export function bindingMessage(email: BindingEmail, from: string) {
  const realm = email.theme.email_realm_name;
  const button = colour(email.theme.button_color, '#4673D3');
  const buttonText = colour(email.theme.button_text_color, '#FFFFFF');
  const logo = httpsOrHttp(email.theme.logo_url_light);
  const support = httpsOrHttp(email.theme.support_url);
  const expires = new Date(email.expireTime).toUTCString();
  const subject = `Create your passkey for ${realm}`;
  const text = [
    `Hello ${email.displayName},`,
    '',
    `Create a passkey to sign in to ${realm}. Open this link on the device you want to use:`,
    '',
    email.link,
    '',
    `The link works once and expires on ${expires}.`,
    ...(support ? ['', `Need help? ${support}`] : []),
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; color: #1a1a1a; max-width: 36rem; margin: 0 auto; padding: 1.5rem;">
${logo ? `<img src="${escapeHtml(logo)}" alt="${escapeHtml(realm)}" style="max-height: 48px;">` : `<p style="font-weight: bold;">${escapeHtml(realm)}</p>`}
<h1 style="font-size: 1.4rem;">Create your passkey</h1>
<p>Hello ${escapeHtml(email.displayName)},</p>
<p>Create a passkey to sign in to ${escapeHtml(realm)}. Open this link on the device you want to use.</p>
<p><a href="${escapeHtml(email.link)}" style="display: inline-block; padding: 0.75rem 1.25rem; border-radius: 6px; text-decoration: none; background: ${button}; color: ${buttonText};">Create a passkey</a></p>
<p style="font-size: 0.9rem; color: #555;">The link works once and expires on ${escapeHtml(expires)}.</p>
${support ? `<p style="font-size: 0.9rem;"><a href="${escapeHtml(support)}">Get help</a></p>` : ''}
</body></html>`;
  return { from: sender(from, realm), to: recipient(email.to), subject, text, html };
}

/**
 * `MAIL_FROM` as written when it names its sender (`IT Desk <it@example.com>`); a bare address is
 * sent under the realm's name, so the email says who it is from, as its subject does.
 */
function sender(from: string, realmName: string): string | { name: string; address: string } {
  return from.includes('<') ? from : { name: realmName, address: from };
}

/**
 * The recipient as an address object, so nodemailer takes it as one mailbox instead of parsing
 * the string (where `ceo <attacker@evil.example>` or `Team:x@evil.example;` names someone else).
 * Identities only hold plain addresses; this refuses anything else once more, where mail leaves.
 */
function recipient(to: string): { name: string; address: string } {
  if (!isEmailAddress(to)) throw new Error('refusing to send to something that is not a plain email address');
  return { name: '', address: to };
}

/**
 * Sends through `SMTP_URL` when set; otherwise writes each message as an `.eml` file to the
 * outbox folder and logs where, so an embedded setup without mail still hands out links.
 */
export function createMailer(config: Config, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Mailer {
  if (config.smtpUrl) {
    // Pooled: a batch of 1,000 emails reuses a few connections instead of opening one per message.
    // Options in SMTP_URL's query string (e.g. `?pool=false`) still win.
    const transport: Transporter = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: BATCH_SEND_CONCURRENCY });
    return {
      async sendBindingLink(email) {
        await transport.sendMail(bindingMessage(email, config.mailFrom));
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async sendBindingLink(email) {
      const info = await transport.sendMail(bindingMessage(email, config.mailFrom));
      await mkdir(config.outboxDir, { recursive: true });
      const file = join(config.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      log(`no SMTP_URL: binding-link email to ${email.to} written to ${file}`);
    },
    close: () => transport.close(),
  };
}
