import type { Addressee, OutgoingEvent, OutgoingItem, OutgoingService, OutgoingStatus } from '../domain/outgoing.ts';
import type { Db } from './database.ts';

interface ItemRow {
  id: string;
  sender_id: string;
  department: string;
  addressee: string;
  service: string;
  declared_value: number | null;
  declared_currency: string | null;
  door_id: string | null;
  status: string;
  dropped_off_at: string;
  closed_at: string | null;
  collected_at: string | null;
  dispatched_at: string | null;
  carrier: string | null;
  product: string | null;
  tracking: string | null;
  postage: number | null;
  postage_currency: string | null;
  expected_delivery_date: string | null;
  delivered_at: string | null;
  alert: string | null;
}

function toItem(r: ItemRow): OutgoingItem {
  return {
    id: r.id,
    senderId: r.sender_id,
    department: r.department,
    addressee: JSON.parse(r.addressee) as Addressee,
    service: r.service as OutgoingService,
    declaredValue: r.declared_value,
    declaredCurrency: r.declared_currency,
    doorId: r.door_id,
    status: r.status as OutgoingStatus,
    droppedOffAt: r.dropped_off_at,
    closedAt: r.closed_at,
    collectedAt: r.collected_at,
    dispatchedAt: r.dispatched_at,
    carrier: r.carrier,
    product: r.product,
    tracking: r.tracking,
    postage: r.postage,
    postageCurrency: r.postage_currency,
    expectedDeliveryDate: r.expected_delivery_date,
    deliveredAt: r.delivered_at,
    alert: r.alert as OutgoingItem['alert'],
  };
}

export interface OutgoingClaim {
  id: number;
  itemId: string;
  kind: 'lost' | 'damaged';
  note: string;
  reportedBy: string;
  reportedAt: string;
}

export interface DispatchRecord {
  carrier: string;
  product: string | null;
  tracking: string | null;
  postage: number;
  postageCurrency: string;
  expectedDeliveryDate: string;
}

/** Outgoing mail: items, their append-only timeline and claims. The only place with their SQL. */
export class OutgoingRepo {
  constructor(private readonly db: Db) {}

  insert(item: { id: string; senderId: string; department: string; addressee: Addressee; service: OutgoingService; declaredValue: number | null; declaredCurrency: string | null; doorId: string; at: string }): void {
    this.db
      .prepare(
        `INSERT INTO outgoing_items (id, sender_id, department, addressee, country, service, declared_value, declared_currency, door_id, status, dropped_off_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting_close', ?, ?)`,
      )
      .run(item.id, item.senderId, item.department, JSON.stringify(item.addressee), item.addressee.country, item.service, item.declaredValue, item.declaredCurrency, item.doorId, item.at, item.at);
  }

  get(id: string): OutgoingItem | undefined {
    const row = this.db.prepare('SELECT * FROM outgoing_items WHERE id = ?').get(id) as ItemRow | undefined;
    return row && toItem(row);
  }

  byTracking(tracking: string): OutgoingItem | undefined {
    const row = this.db.prepare('SELECT * FROM outgoing_items WHERE tracking = ?').get(tracking) as ItemRow | undefined;
    return row && toItem(row);
  }

  list(filter: { status?: OutgoingStatus; senderId?: string; alert?: boolean } = {}): OutgoingItem[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status) (where.push('status = ?'), args.push(filter.status));
    if (filter.senderId) (where.push('sender_id = ?'), args.push(filter.senderId));
    if (filter.alert) where.push('alert IS NOT NULL');
    const sql = `SELECT * FROM outgoing_items ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY dropped_off_at, id LIMIT 1000`;
    return (this.db.prepare(sql).all(...args) as ItemRow[]).map(toItem);
  }

  /** The item lying in a door (dropped off, not yet collected by the clerk). */
  inDoor(doorId: string): OutgoingItem | undefined {
    const row = this.db.prepare("SELECT * FROM outgoing_items WHERE door_id = ? AND status IN ('awaiting_close','awaiting_dispatch')").get(doorId) as ItemRow | undefined;
    return row && toItem(row);
  }

  /** Doors holding outgoing mail: no incoming parcel and no other drop-off may use them. */
  occupiedDoorIds(): Set<string> {
    const rows = this.db.prepare("SELECT door_id FROM outgoing_items WHERE door_id IS NOT NULL AND status IN ('awaiting_close','awaiting_dispatch')").all() as { door_id: string }[];
    return new Set(rows.map((r) => r.door_id));
  }

  setStatus(id: string, status: OutgoingStatus, at: string): void {
    const stamp: Partial<Record<OutgoingStatus, string>> = { awaiting_dispatch: 'closed_at', collected: 'collected_at', delivered: 'delivered_at' };
    const column = stamp[status];
    this.db.prepare(`UPDATE outgoing_items SET status = ?, updated_at = ?${column ? `, ${column} = ?` : ''} WHERE id = ?`).run(...[status, at, ...(column ? [at] : []), id]);
  }

  recordDispatch(id: string, d: DispatchRecord, at: string): void {
    this.db
      .prepare(
        `UPDATE outgoing_items SET status = 'dispatched', dispatched_at = ?, carrier = ?, product = ?, tracking = ?, postage = ?, postage_currency = ?,
           expected_delivery_date = ?, updated_at = ? WHERE id = ?`,
      )
      .run(at, d.carrier, d.product, d.tracking, d.postage, d.postageCurrency, d.expectedDeliveryDate, at, id);
  }

  setAlert(id: string, alert: OutgoingItem['alert'], at: string): void {
    this.db.prepare('UPDATE outgoing_items SET alert = ?, updated_at = ? WHERE id = ?').run(alert, at, id);
  }

  /** On the way, past the expected date, no late alarm yet: `today` is the mailroom's local date. */
  lateCandidates(today: string): OutgoingItem[] {
    return (
      this.db
        .prepare("SELECT * FROM outgoing_items WHERE status IN ('dispatched','in_transit') AND expected_delivery_date < ? AND alert IS NULL ORDER BY expected_delivery_date")
        .all(today) as ItemRow[]
    ).map(toItem);
  }

  addEvent(e: Omit<OutgoingEvent, 'seq'>): void {
    this.db
      .prepare('INSERT INTO outgoing_events (item_id, at, type, actor, door_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.itemId, e.at, e.type, e.actor, e.doorId, JSON.stringify(e.detail));
  }

  events(itemId: string): OutgoingEvent[] {
    const rows = this.db.prepare('SELECT seq, item_id, at, type, actor, door_id, detail FROM outgoing_events WHERE item_id = ? ORDER BY seq').all(itemId) as {
      seq: number;
      item_id: string;
      at: string;
      type: string;
      actor: string;
      door_id: string | null;
      detail: string;
    }[];
    return rows.map((r) => ({ seq: r.seq, itemId: r.item_id, at: r.at, type: r.type, actor: r.actor, doorId: r.door_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  addClaim(c: Omit<OutgoingClaim, 'id'>): number {
    return Number(
      this.db.prepare('INSERT INTO outgoing_claims (item_id, kind, note, reported_by, reported_at) VALUES (?, ?, ?, ?, ?)').run(c.itemId, c.kind, c.note, c.reportedBy, c.reportedAt).lastInsertRowid,
    );
  }

  claims(itemId?: string): OutgoingClaim[] {
    const sql = `SELECT id, item_id AS itemId, kind, note, reported_by AS reportedBy, reported_at AS reportedAt FROM outgoing_claims ${itemId ? 'WHERE item_id = ?' : ''} ORDER BY id`;
    return (itemId ? this.db.prepare(sql).all(itemId) : this.db.prepare(sql).all()) as OutgoingClaim[];
  }

  /** Items dispatched in [from, to) for statistics. */
  dispatchedBetween(from: string, to: string): OutgoingItem[] {
    return (this.db.prepare('SELECT * FROM outgoing_items WHERE dispatched_at >= ? AND dispatched_at < ? ORDER BY dispatched_at').all(from, to) as ItemRow[]).map(toItem);
  }
}
