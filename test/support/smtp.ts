import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
}

/** How a test SMTP server misbehaves; by default it accepts everything at once. */
export interface SmtpBehaviour {
  /** Recipients refused at RCPT TO with 550, as a server refuses an unknown mailbox. */
  rejects?: (address: string) => boolean;
  /** Messages are received but answered only once this settles: a slow server. */
  answerAfter?: Promise<void>;
  /** Messages after this many accepted ones are refused with 451 at DATA: a server failing mid-batch. */
  failAfter?: number;
}

export interface TestSmtp {
  url: string;
  messages: Received[];
  /** Messages received and not yet answered (held by `answerAfter`). */
  held(): number;
  close(): Promise<void>;
  waitFor(n: number): Promise<void>;
}

/** A real SMTP receiver on a free local port, keeping every message it accepts. */
export async function startSmtp(behaviour: SmtpBehaviour = {}): Promise<TestSmtp> {
  const messages: Received[] = [];
  let holding = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (behaviour.rejects?.(address.address)) {
        callback(Object.assign(new Error(`no mailbox ${address.address}`), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (behaviour.answerAfter) {
          holding++;
          await behaviour.answerAfter;
          holding--;
        }
        if (behaviour.failAfter !== undefined && messages.length >= behaviour.failAfter) {
          callback(Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 }));
          return;
        }
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
    held: () => holding,
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
