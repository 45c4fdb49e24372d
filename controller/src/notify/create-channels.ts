import { join } from 'node:path';
import type { LockerwallConfig } from '../../../config/schema.ts';
import type { NotificationChannel } from './channel.ts';
import { FileChannel } from './file-channel.ts';
import { SmtpChannel } from './smtp-channel.ts';
import { WebhookChannel } from './webhook-channel.ts';

/** Every channel the config describes: file always, smtp when used, one per webhook. */
export function createChannels(config: LockerwallConfig, dataDir: string): { channels: NotificationChannel[]; close(): void } {
  const timeZone = config.rules.businessHours.timeZone;
  const smtp = new SmtpChannel(config.notify.smtp, timeZone);
  const channels: NotificationChannel[] = [
    new FileChannel(join(dataDir, config.notify.filePath)),
    smtp,
    ...config.notify.webhooks.map((w) => new WebhookChannel(w, timeZone)),
  ];
  return { channels, close: () => smtp.close() };
}
