import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  /** One address, or several that all receive the same single message. */
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

/**
 * Sends mail through SMTP_URL, for the API (invitations) and the worker (lease notices).
 * Without it (quick start, development) each message is written to NPROD_DATA_DIR/mail as
 * an .eml file instead, so links can still be followed by hand.
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private readonly logger = new Logger(MailSender.name);
  private readonly transport: Transporter;
  private readonly outboxDir: string | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl } = config.mail;
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    this.outboxDir = smtpUrl ? null : resolve(config.dataDir, 'mail');
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({ from: this.config.mail.from, ...mail });
    if (this.outboxDir) {
      await mkdir(this.outboxDir, { recursive: true, mode: 0o700 });
      const file = join(this.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(info.messageId).replace(/[^a-zA-Z0-9.-]/g, '')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      // The path only: the message may carry a one-time link.
      this.logger.warn({ msg: 'SMTP_URL is not set; mail written to a file instead of being sent', file, subject: mail.subject });
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/** Where links in mail point: PUBLIC_URL, or the API's own address when it is unset (development). */
export function consoleBaseUrl(config: Pick<AppConfig, 'publicUrl' | 'http'>): string {
  return config.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
}
