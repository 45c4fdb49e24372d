import type { Db } from './database.ts';

export interface OutboxMessage {
  id: number;
  event: string;
  recipientId: string;
  channel: string;
  payload: Record<string, unknown>;
  /** secret parts of the message (a pickup code), sealed with the install key; erased once delivered. */
  sealedSecret: string | null;
  attempts: number;
}

interface OutboxRow {
  id: number;
  event: string;
  recipient_id: string;
  channel: string;
  payload: string;
  sealed_secret: string | null;
  attempts: number;
}

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  enqueue(m: { event: string; recipientId: string; channel: string; payload: Record<string, unknown>; sealedSecret?: string }, now: string): void {
    this.db
      .prepare(
        'INSERT INTO outbox (created_at, event, recipient_id, channel, payload, sealed_secret, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(now, m.event, m.recipientId, m.channel, JSON.stringify(m.payload), m.sealedSecret ?? null, now);
  }

  due(now: string, limit = 50): OutboxMessage[] {
    const rows = this.db
      .prepare('SELECT * FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?')
      .all(now, limit) as OutboxRow[];
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      recipientId: r.recipient_id,
      channel: r.channel,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      sealedSecret: r.sealed_secret,
      attempts: r.attempts,
    }));
  }

  markDelivered(id: number, at: string): void {
    this.db.prepare('UPDATE outbox SET delivered_at = ?, sealed_secret = NULL WHERE id = ?').run(at, id);
  }

  markFailed(id: number, error: string, nextAttemptAt: string | null, at: string): void {
    if (nextAttemptAt === null)
      this.db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, dead_at = ? WHERE id = ?').run(error, at, id);
    else
      this.db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, nextAttemptAt, id);
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL').get() as { n: number }).n;
  }
}
