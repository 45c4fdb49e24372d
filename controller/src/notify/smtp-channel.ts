import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationChannel, OutgoingMessage } from './channel.ts';
import { renderMessage } from './templates.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** Email through an SMTP relay (nodemailer); the only channel besides `file` that carries the code. */
export class SmtpChannel implements NotificationChannel {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly timeZone: string,
  ) {
    this.transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async deliver(message: OutgoingMessage): Promise<void> {
    if (!message.recipient.email) throw new Error(`recipient ${message.recipient.id} has no email address in the directory`);
    const rendered = renderMessage(message.event, message.recipient.locale, message.payload, { code: message.pickupCode, timeZone: this.timeZone });
    await this.transport.sendMail({
      from: this.settings.from,
      to: message.recipient.email,
      subject: rendered.subject,
      text: rendered.text,
      headers: { 'X-Lockerwall-Event': message.event },
    });
  }

  close(): void {
    this.transport.close();
  }
}
