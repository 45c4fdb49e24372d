import { appendFile } from 'node:fs/promises';
import type { NotificationChannel, OutgoingMessage } from './channel.ts';

/** The local stand-in for email: one JSON object per line, like a mail catcher. */
export class FileChannel implements NotificationChannel {
  readonly name = 'file';

  constructor(private readonly path: string) {}

  async deliver(message: OutgoingMessage): Promise<void> {
    const line = {
      event: message.event,
      recipientId: message.recipient.id,
      email: message.recipient.email,
      locale: message.recipient.locale,
      ...message.payload,
      ...(message.pickupCode ? { pickupCode: message.pickupCode } : {}),
      deliveredAt: new Date().toISOString(),
    };
    await appendFile(this.path, JSON.stringify(line) + '\n', { encoding: 'utf8', mode: 0o600 });
  }
}
