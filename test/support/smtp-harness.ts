import { freePort } from '@nprod/testing';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as it arrived, headers and all. */
  raw: string;
  subject: string;
  /** The body with its transfer encoding (quoted-printable, base64) undone. */
  text: string;
}

export interface SmtpHarness {
  url: string;
  messages: ReceivedMail[];
  /** The first message received for `to`, waiting for it to arrive. */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  /** Answers the next `count` messages with a temporary failure (451), as a mail server in trouble does. */
  refuseNext(count: number): void;
  /** Messages refused by refuseNext. */
  readonly refused: number;
  stop(): Promise<void>;
}

/** A real SMTP server (`smtp-server`) on a free loopback port that keeps every message it receives. */
export async function startSmtpServer(): Promise<SmtpHarness> {
  const port = await freePort();
  const messages: ReceivedMail[] = [];
  let stopped: Promise<void> | undefined;
  let toRefuse = 0;
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          refused += 1;
          callback(Object.assign(new Error('Mailbox temporarily unavailable, try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({ from, to: session.envelope.rcptTo.map((recipient) => recipient.address), raw, ...parseMessage(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((message) => message.to.includes(to));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms; received: ${messages.map((m) => m.to.join(',')).join('; ') || 'none'}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    refuseNext(count) {
      toRefuse = count;
    },
    get refused() {
      return refused;
    },
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

/** Enough MIME for a single-part text message: unfolded headers, the subject, and the decoded body. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : body;
  return { subject: header('Subject'), text };
}
