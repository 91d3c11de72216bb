import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP receiver on a free local port, keeping every message it is given. */
export async function startSmtp(): Promise<{ url: string; messages: Received[]; close(): Promise<void>; waitFor(n: number): Promise<void> }> {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(n) {
      const deadline = Date.now() + 20_000;
      while (messages.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

/** The binding link in a delivered message (from its plain-text part; quoted-printable undone). */
export function linkIn(raw: string): string {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /https?:\/\/\S+:invokeAuthenticator\?token=[A-Za-z0-9_-]{43}/.exec(text);
  if (!match) throw new Error(`no link in message:\n${raw}`);
  return match[0];
}
