import type { Recipient } from '../domain/types.ts';

/** One rendered message, ready for a channel. `pickupCode` is the only plain copy of a code anywhere. */
export interface OutgoingMessage {
  event: string;
  recipient: Recipient;
  payload: Record<string, unknown>;
  pickupCode?: string;
}

export interface NotificationChannel {
  readonly name: string;
  deliver(message: OutgoingMessage): Promise<void>;
}
