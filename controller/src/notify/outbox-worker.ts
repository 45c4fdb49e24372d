import type { Clock } from '../domain/types.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';
import type { NotificationChannel } from './channel.ts';

export interface RetryPolicy {
  /** attempts before a message goes to the dead-letter list. */
  maxAttempts: number;
  /** the delay after the first failure; doubles after each further one, capped at one hour. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 10_000 };

/** Exponential backoff after `attempts` failures: base, 2×base, 4×base … capped at one hour. */
export function retryDelayMs(attempts: number, baseDelayMs = DEFAULT_RETRY_POLICY.baseDelayMs): number {
  return Math.min(3_600_000, baseDelayMs * 2 ** Math.max(0, attempts - 1));
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
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
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
        const locale = this.store.mailroom.preferences(recipient.id).locale ?? recipient.locale;
        await channel.deliver({ event: message.event, recipient: { ...recipient, locale }, payload: message.payload, pickupCode });
        this.store.outbox.markDelivered(message.id, this.clock.now().toISOString());
      } catch (error) {
        const attempts = message.attempts + 1;
        const next = attempts >= this.retry.maxAttempts ? null : new Date(this.clock.now().getTime() + retryDelayMs(attempts, this.retry.baseDelayMs)).toISOString();
        this.store.outbox.markFailed(message.id, (error as Error).message, next, this.clock.now().toISOString());
        this.log('notification delivery failed', { outboxId: message.id, channel: message.channel, attempts, error: (error as Error).message });
      }
    }
  }
}
