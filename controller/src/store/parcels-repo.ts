import type { DoorSize, ItemClass, Parcel, ParcelEvent, ParcelStatus } from '../domain/types.ts';
import type { Db } from './database.ts';
import { eventHash, GENESIS_HASH, verifyChain, type ChainVerdict } from './event-chain.ts';

interface ParcelRow {
  id: string;
  tracking: string;
  carrier: string | null;
  raw_scan: string | null;
  recipient_id: string;
  door_id: string | null;
  size: string;
  classes: string;
  status: string;
  deposited_by: string;
  deposited_at: string;
  stored_at: string | null;
  collected_at: string | null;
  collected_by: string | null;
}

interface EventRow {
  seq: number;
  parcel_id: string;
  at: string;
  type: string;
  actor: string;
  door_id: string | null;
  detail: string;
}

function toParcel(row: ParcelRow): Parcel {
  return {
    id: row.id,
    tracking: row.tracking,
    carrier: row.carrier,
    rawScan: row.raw_scan,
    recipientId: row.recipient_id,
    doorId: row.door_id,
    size: row.size as DoorSize,
    classes: JSON.parse(row.classes) as ItemClass[],
    status: row.status as ParcelStatus,
    depositedAt: row.deposited_at,
    storedAt: row.stored_at,
    collectedAt: row.collected_at,
    collectedBy: row.collected_by,
  };
}

function toEvent(row: EventRow): ParcelEvent {
  return {
    seq: row.seq,
    parcelId: row.parcel_id,
    at: row.at,
    type: row.type,
    actor: row.actor,
    doorId: row.door_id,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

export interface NewParcel {
  id: string;
  tracking: string;
  carrier: string | null;
  rawScan: string | null;
  recipientId: string;
  doorId: string;
  size: DoorSize;
  classes: ItemClass[];
  depositedBy: string;
  at: string;
}

export class ParcelsRepo {
  constructor(private readonly db: Db) {}

  insert(p: NewParcel): void {
    this.db
      .prepare(
        `INSERT INTO parcels (id, tracking, carrier, raw_scan, recipient_id, door_id, size, classes, status, deposited_by, deposited_at)
         VALUES (@id, @tracking, @carrier, @rawScan, @recipientId, @doorId, @size, @classes, 'awaiting_close', @depositedBy, @at)`,
      )
      .run({ ...p, classes: JSON.stringify(p.classes) });
  }

  get(id: string): Parcel | undefined {
    const row = this.db.prepare('SELECT * FROM parcels WHERE id = ?').get(id) as ParcelRow | undefined;
    return row && toParcel(row);
  }

  /** The active parcel in a door, if any. */
  activeInDoor(doorId: string): Parcel | undefined {
    const row = this.db
      .prepare("SELECT * FROM parcels WHERE door_id = ? AND status IN ('awaiting_close','stored','pickup_open')")
      .get(doorId) as ParcelRow | undefined;
    return row && toParcel(row);
  }

  storedFor(recipientIds: string[]): Parcel[] {
    const rows = this.db
      .prepare("SELECT * FROM parcels WHERE status = 'stored' AND recipient_id IN (SELECT value FROM json_each(?)) ORDER BY deposited_at")
      .all(JSON.stringify(recipientIds)) as ParcelRow[];
    return rows.map(toParcel);
  }

  /** A deposit of the same tracking number since `since` that was not cancelled. */
  recentWithTracking(tracking: string, since: string): Parcel | undefined {
    const row = this.db
      .prepare("SELECT * FROM parcels WHERE tracking = ? AND deposited_at >= ? AND status != 'cancelled' ORDER BY deposited_at DESC LIMIT 1")
      .get(tracking, since) as ParcelRow | undefined;
    return row && toParcel(row);
  }

  list(filter: { status?: ParcelStatus; recipientId?: string; tracking?: string; limit?: number }): Parcel[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM parcels WHERE (@status IS NULL OR status = @status) AND (@recipientId IS NULL OR recipient_id = @recipientId)
           AND (@tracking IS NULL OR tracking = @tracking) ORDER BY deposited_at DESC LIMIT @limit`,
      )
      .all({ status: filter.status ?? null, recipientId: filter.recipientId ?? null, tracking: filter.tracking ?? null, limit: filter.limit ?? 200 }) as ParcelRow[];
    return rows.map(toParcel);
  }

  setStatus(id: string, status: ParcelStatus, at: string, extra: { collectedBy?: string } = {}): void {
    const column = status === 'stored' ? 'stored_at' : status === 'collected' ? 'collected_at' : null; // first time only
    this.db
      .prepare(
        `UPDATE parcels SET status = @status${column ? `, ${column} = coalesce(${column}, @at)` : ''}${extra.collectedBy ? ', collected_by = @collectedBy' : ''} WHERE id = @id`,
      )
      .run({ id, status, at, collectedBy: extra.collectedBy ?? null });
  }

  /** Appends to the hash-chained custody log. */
  addEvent(e: Omit<ParcelEvent, 'seq'>): void {
    const last = this.db.prepare('SELECT seq, hash FROM parcel_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const row = { seq: (last?.seq ?? 0) + 1, parcel_id: e.parcelId, at: e.at, type: e.type, actor: e.actor, door_id: e.doorId, detail: JSON.stringify(e.detail) };
    const prevHash = last?.hash ?? GENESIS_HASH;
    this.db
      .prepare(
        'INSERT INTO parcel_events (seq, parcel_id, at, type, actor, door_id, detail, prev_hash, hash) VALUES (@seq, @parcel_id, @at, @type, @actor, @door_id, @detail, @prevHash, @hash)',
      )
      .run({ ...row, prevHash, hash: eventHash(prevHash, row) });
  }

  verifyLog(): ChainVerdict {
    return verifyChain(this.db.prepare('SELECT * FROM parcel_events ORDER BY seq').iterate() as Iterable<Parameters<typeof verifyChain>[0] extends Iterable<infer R> ? R : never>);
  }

  events(parcelId: string): ParcelEvent[] {
    return (this.db.prepare('SELECT * FROM parcel_events WHERE parcel_id = ? ORDER BY seq').all(parcelId) as EventRow[]).map(toEvent);
  }
}
