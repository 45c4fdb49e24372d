import type { LockerwallConfig } from '../../../config/schema.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';

/** Queues a message for a recipient on every configured channel. Call inside the state change's transaction. */
export class Notifications {
  constructor(
    private readonly store: Store,
    private readonly config: LockerwallConfig,
    private readonly secrets: SecretKeeper,
  ) {}

  enqueue(event: string, recipientId: string, payload: Record<string, unknown>, now: string, pickupCode?: string): void {
    for (const channel of this.config.notify.channels) {
      this.store.outbox.enqueue(
        {
          event,
          recipientId,
          channel,
          payload: { wallId: this.config.wallId, wallName: this.config.wallName, ...payload },
          sealedSecret: pickupCode ? this.secrets.seal(pickupCode) : undefined,
        },
        now,
      );
    }
  }
}
