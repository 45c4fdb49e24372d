import type { Db } from './database.ts';

export type DoorOperationOutcome = 'pulsed' | 'failed' | 'unknown';

export interface DoorOperation {
  id: string;
  doorId: string;
  reason: string;
  actor: string;
  parcelId: string | null;
  requestedAt: string;
  outcome: DoorOperationOutcome | null;
}

/** The door safety journal: an intent row exists before any lock is energised. */
export class DoorJournalRepo {
  constructor(private readonly db: Db) {}

  recordIntent(op: Omit<DoorOperation, 'outcome'>): void {
    this.db
      .prepare('INSERT INTO door_operations (id, door_id, reason, actor, parcel_id, requested_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(op.id, op.doorId, op.reason, op.actor, op.parcelId, op.requestedAt);
  }

  recordOutcome(id: string, outcome: DoorOperationOutcome, at: string, error?: string): void {
    this.db.prepare('UPDATE door_operations SET outcome = ?, finished_at = ?, error = ? WHERE id = ?').run(outcome, at, error ?? null, id);
  }

  /** Intents without an outcome: the process died between committing the intent and the reply. */
  unfinished(): DoorOperation[] {
    return (
      this.db
        .prepare(
          'SELECT id, door_id AS doorId, reason, actor, parcel_id AS parcelId, requested_at AS requestedAt, outcome FROM door_operations WHERE outcome IS NULL ORDER BY requested_at',
        )
        .all() as DoorOperation[]
    );
  }
}
