import type { LockerwallConfig } from '../../../config/schema.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';

export interface NotifyOptions {
  parcelId?: string;
  /** the only plain copy of a code: sealed in the outbox, unsealed by the worker for private channels. */
  pickupCode?: string;
}

/**
 * Queues messages in the outbox, inside the caller's transaction. Each person gets one message per
 * event on their preferred channel (or the configured defaults), however many roles they hold.
 */
export class Notifications {
  constructor(
    private readonly store: Store,
    private readonly config: LockerwallConfig,
    private readonly secrets: SecretKeeper,
  ) {}

  /** Returns the people actually queued (each once). */
  notify(event: string, recipientIds: readonly string[], payload: Record<string, unknown>, now: string, options: NotifyOptions = {}): string[] {
    const people = [...new Set(recipientIds)];
    for (const recipientId of people) {
      for (const channel of this.channelsFor(recipientId)) {
        this.store.mailroom.enqueueNotification(
          {
            event,
            recipientId,
            channel,
            parcelId: options.parcelId ?? null,
            payload: { wallId: this.config.wallId, wallName: this.config.wallName, ...payload },
            sealedSecret: options.pickupCode ? this.secrets.seal(options.pickupCode) : undefined,
          },
          now,
        );
      }
    }
    return people;
  }

  /** One recipient; kept for callers of the foundation API. */
  enqueue(event: string, recipientId: string, payload: Record<string, unknown>, now: string, pickupCode?: string): void {
    this.notify(event, [recipientId], payload, now, { parcelId: typeof payload.parcelId === 'string' ? payload.parcelId : undefined, pickupCode });
  }

  private channelsFor(recipientId: string): readonly string[] {
    const preferred = this.store.mailroom.preferences(recipientId).channel;
    return preferred ? [preferred] : this.config.notify.channels;
  }
}
