import type { Clock } from '../domain/types.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';
import type { NotificationChannel } from './channel.ts';

const MAX_ATTEMPTS = 8;

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** attempts);
}

/**
 * Delivers outbox rows written by the services. A row is written in the same transaction as the state
 * change it announces, so a crash can delay a message but never lose or invent one.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly channels: Map<string, NotificationChannel>;

  constructor(
    private readonly store: Store,
    channels: NotificationChannel[],
    private readonly secrets: SecretKeeper,
    private readonly clock: Clock,
    private readonly log: (msg: string, extra?: Record<string, unknown>) => void = () => {},
  ) {
    this.channels = new Map(channels.map((c) => [c.name, c]));
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Delivers what is due now; concurrent kicks share one run. */
  kick(): Promise<void> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    for (const message of this.store.outbox.due(this.clock.now().toISOString())) {
      const channel = this.channels.get(message.channel);
      const recipient = this.store.recipients.get(message.recipientId);
      try {
        if (!channel) throw new Error(`channel ${message.channel} is not configured`);
        if (!recipient) throw new Error(`recipient ${message.recipientId} is not in the directory`);
        const pickupCode = message.sealedSecret ? this.secrets.unseal(message.sealedSecret) : undefined;
        await channel.deliver({ event: message.event, recipient, payload: message.payload, pickupCode });
        this.store.outbox.markDelivered(message.id, this.clock.now().toISOString());
      } catch (error) {
        const attempts = message.attempts + 1;
        const next = attempts >= MAX_ATTEMPTS ? null : new Date(this.clock.now().getTime() + retryDelayMs(attempts)).toISOString();
        this.store.outbox.markFailed(message.id, (error as Error).message, next, this.clock.now().toISOString());
        this.log('notification delivery failed', { outboxId: message.id, channel: message.channel, attempts, error: (error as Error).message });
      }
    }
  }
}
