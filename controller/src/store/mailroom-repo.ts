import type { PickupCondition } from '../domain/item-classes.ts';
import type { StatsParcel } from '../domain/statistics.ts';
import type { DoorSize, ItemClass, Locale } from '../domain/types.ts';
import type { Db } from './database.ts';

export type InspectionState = 'not_required' | 'pending' | 'cleared' | 'quarantined';
export type MediaCheckState = 'not_required' | 'pending' | 'clean';

/** The mailroom-rule columns of a parcel: intake gates, insurance data and the reminder schedule. */
export interface ParcelRules {
  inspection: InspectionState;
  inspectionReason: string | null;
  mediaCheck: MediaCheckState;
  declaredValue: number | null;
  declaredCurrency: string | null;
  intakeCondition: string | null;
  pickupCondition: string | null;
  nextReminderAt: string | null;
  remindersSent: number;
  escalateAt: string | null;
  escalatedAt: string | null;
  expiresAt: string | null;
  expiredAt: string | null;
  returnedAt: string | null;
}

export interface Receipt {
  id: number;
  parcelId: string;
  kind: 'signature' | 'badge';
  collectorId: string | null;
  signature: string | null;
  pickupCondition: string | null;
  at: string;
}

export interface Claim {
  id: number;
  parcelId: string;
  kind: 'damaged' | 'lost';
  note: string;
  reportedBy: string;
  at: string;
  tracking: string;
  carrier: string | null;
  recipientId: string;
  declaredValue: number | null;
  declaredCurrency: string | null;
  intakeCondition: string | null;
  pickupCondition: string | null;
}

export interface RecipientPreferences {
  recipientId: string;
  channel: string | null;
  /** the language of their messages; null: the directory's locale. */
  locale: Locale | null;
  holdUntil: string | null;
  allowConfidentialDelegation: boolean;
}

export interface DeadLetter {
  id: number;
  createdAt: string;
  event: string;
  recipientId: string;
  channel: string;
  parcelId: string | null;
  attempts: number;
  lastError: string | null;
  deadAt: string;
}

const RULE_COLUMNS = `inspection, inspection_reason AS inspectionReason, media_check AS mediaCheck, declared_value AS declaredValue,
  declared_currency AS declaredCurrency, intake_condition AS intakeCondition, pickup_condition AS pickupCondition,
  next_reminder_at AS nextReminderAt, reminders_sent AS remindersSent, escalate_at AS escalateAt, escalated_at AS escalatedAt,
  expires_at AS expiresAt, expired_at AS expiredAt, returned_at AS returnedAt`;

/** SQL for the mailroom rules; the parcel row itself stays with ParcelsRepo. */
export class MailroomRepo {
  constructor(private readonly db: Db) {}

  /** A parcel at the counter with no door yet (an intake gate is still closed). */
  insertHeld(p: { id: string; tracking: string; carrier: string | null; rawScan: string | null; recipientId: string; size: DoorSize; classes: ItemClass[]; depositedBy: string; at: string }): void {
    this.db
      .prepare(
        `INSERT INTO parcels (id, tracking, carrier, raw_scan, recipient_id, door_id, size, classes, status, deposited_by, deposited_at)
         VALUES (@id, @tracking, @carrier, @rawScan, @recipientId, NULL, @size, @classes, 'held', @depositedBy, @at)`,
      )
      .run({ ...p, classes: JSON.stringify(p.classes) });
  }

  setIntake(id: string, f: { inspection: InspectionState; mediaCheck: MediaCheckState; declaredValue?: number; declaredCurrency?: string; intakeCondition?: string }): void {
    this.db
      .prepare(
        `UPDATE parcels SET inspection = @inspection, media_check = @mediaCheck, declared_value = @declaredValue,
           declared_currency = @declaredCurrency, intake_condition = @intakeCondition WHERE id = @id`,
      )
      .run({ id, inspection: f.inspection, mediaCheck: f.mediaCheck, declaredValue: f.declaredValue ?? null, declaredCurrency: f.declaredCurrency ?? null, intakeCondition: f.intakeCondition ?? null });
  }

  rules(id: string): ParcelRules | undefined {
    return this.db.prepare(`SELECT ${RULE_COLUMNS} FROM parcels WHERE id = ?`).get(id) as ParcelRules | undefined;
  }

  setInspection(id: string, state: InspectionState, reason: string | null): void {
    this.db.prepare('UPDATE parcels SET inspection = ?, inspection_reason = ? WHERE id = ?').run(state, reason, id);
  }

  setMediaCheck(id: string, state: MediaCheckState): void {
    this.db.prepare('UPDATE parcels SET media_check = ? WHERE id = ?').run(state, id);
  }

  /** A held parcel gets its door: it becomes a normal deposit waiting for the door to close. */
  assignDoor(id: string, doorId: string): void {
    this.db.prepare("UPDATE parcels SET door_id = ?, status = 'awaiting_close' WHERE id = ? AND status = 'held'").run(doorId, id);
  }

  /** A deposit whose door failed goes back to the counter instead of being lost. */
  backToCounter(id: string): void {
    this.db.prepare("UPDATE parcels SET door_id = NULL, status = 'held' WHERE id = ?").run(id);
  }

  setSchedule(id: string, s: { nextReminderAt: string | null; escalateAt: string | null; expiresAt: string | null }): void {
    this.db.prepare('UPDATE parcels SET next_reminder_at = ?, escalate_at = ?, expires_at = ? WHERE id = ?').run(s.nextReminderAt, s.escalateAt, s.expiresAt, id);
  }

  dueReminders(now: string): string[] {
    return this.ids("SELECT id FROM parcels WHERE status = 'stored' AND expired_at IS NULL AND next_reminder_at IS NOT NULL AND next_reminder_at <= ? ORDER BY next_reminder_at", now);
  }

  dueEscalations(now: string): string[] {
    return this.ids("SELECT id FROM parcels WHERE status = 'stored' AND escalated_at IS NULL AND escalate_at IS NOT NULL AND escalate_at <= ? ORDER BY escalate_at", now);
  }

  dueExpiries(now: string): string[] {
    return this.ids("SELECT id FROM parcels WHERE status = 'stored' AND expired_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at", now);
  }

  recordReminder(id: string, nextAt: string | null): void {
    this.db.prepare('UPDATE parcels SET reminders_sent = reminders_sent + 1, next_reminder_at = ? WHERE id = ?').run(nextAt, id);
  }

  postponeReminder(id: string, nextAt: string): void {
    this.db.prepare('UPDATE parcels SET next_reminder_at = ? WHERE id = ?').run(nextAt, id);
  }

  postponeExpiry(id: string, expiresAt: string): void {
    this.db.prepare('UPDATE parcels SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }

  markEscalated(id: string, at: string): void {
    this.db.prepare('UPDATE parcels SET escalated_at = ? WHERE id = ?').run(at, id);
  }

  markExpired(id: string, at: string): void {
    this.db.prepare('UPDATE parcels SET expired_at = ?, next_reminder_at = NULL WHERE id = ?').run(at, id);
  }

  markReturned(id: string, at: string): void {
    this.db.prepare("UPDATE parcels SET status = 'returned', returned_at = ? WHERE id = ? AND status = 'stored'").run(at, id);
  }

  setPickupCondition(id: string, condition: PickupCondition): void {
    this.db.prepare('UPDATE parcels SET pickup_condition = ? WHERE id = ?').run(condition, id);
  }

  /** Parcels at the counter waiting for a gate or a door, oldest first. */
  heldIds(): string[] {
    return this.ids("SELECT id FROM parcels WHERE status = 'held' ORDER BY deposited_at");
  }

  /** The clerk's "return to mailroom" list: expired parcels still in their doors. */
  returnListIds(): string[] {
    return this.ids("SELECT id FROM parcels WHERE status = 'stored' AND expired_at IS NOT NULL ORDER BY expired_at");
  }

  addReceipt(r: Omit<Receipt, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO receipts (parcel_id, kind, collector_id, signature, pickup_condition, at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(r.parcelId, r.kind, r.collectorId, r.signature, r.pickupCondition, r.at).lastInsertRowid,
    );
  }

  receipts(parcelId: string): Receipt[] {
    return this.db
      .prepare('SELECT id, parcel_id AS parcelId, kind, collector_id AS collectorId, signature, pickup_condition AS pickupCondition, at FROM receipts WHERE parcel_id = ? ORDER BY id')
      .all(parcelId) as Receipt[];
  }

  addClaim(c: { parcelId: string; kind: 'damaged' | 'lost'; note: string; reportedBy: string; at: string }): number {
    return Number(this.db.prepare('INSERT INTO claims (parcel_id, kind, note, reported_by, at) VALUES (?, ?, ?, ?, ?)').run(c.parcelId, c.kind, c.note, c.reportedBy, c.at).lastInsertRowid);
  }

  claims(): Claim[] {
    return this.db
      .prepare(
        `SELECT c.id, c.parcel_id AS parcelId, c.kind, c.note, c.reported_by AS reportedBy, c.at, p.tracking, p.carrier,
           p.recipient_id AS recipientId, p.declared_value AS declaredValue, p.declared_currency AS declaredCurrency,
           p.intake_condition AS intakeCondition, p.pickup_condition AS pickupCondition
         FROM claims c JOIN parcels p ON p.id = c.parcel_id ORDER BY c.id`,
      )
      .all() as Claim[];
  }

  preferences(recipientId: string): RecipientPreferences {
    const row = this.db
      .prepare('SELECT channel, locale, hold_until AS holdUntil, allow_confidential_delegation AS allow FROM recipient_preferences WHERE recipient_id = ?')
      .get(recipientId) as { channel: string | null; locale: Locale | null; holdUntil: string | null; allow: number } | undefined;
    return { recipientId, channel: row?.channel ?? null, locale: row?.locale ?? null, holdUntil: row?.holdUntil ?? null, allowConfidentialDelegation: row?.allow === 1 };
  }

  setPreferences(p: RecipientPreferences, now: string): void {
    this.db
      .prepare(
        `INSERT INTO recipient_preferences (recipient_id, channel, locale, hold_until, allow_confidential_delegation, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(recipient_id) DO UPDATE SET channel = excluded.channel, locale = excluded.locale, hold_until = excluded.hold_until,
           allow_confidential_delegation = excluded.allow_confidential_delegation, updated_at = excluded.updated_at`,
      )
      .run(p.recipientId, p.channel, p.locale, p.holdUntil, p.allowConfidentialDelegation ? 1 : 0, now);
  }

  enqueueNotification(m: { event: string; recipientId: string; channel: string; parcelId: string | null; payload: Record<string, unknown>; sealedSecret?: string }, now: string): void {
    this.db
      .prepare('INSERT INTO outbox (created_at, event, recipient_id, channel, payload, sealed_secret, next_attempt_at, parcel_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(now, m.event, m.recipientId, m.channel, JSON.stringify(m.payload), m.sealedSecret ?? null, now, m.parcelId);
  }

  /** The messages about one parcel and how their delivery went (no payloads, no codes). */
  notificationsOf(parcelId: string): { id: number; event: string; recipientId: string; channel: string; createdAt: string; deliveredAt: string | null; deadAt: string | null; attempts: number }[] {
    return this.db
      .prepare(
        `SELECT id, event, recipient_id AS recipientId, channel, created_at AS createdAt, delivered_at AS deliveredAt, dead_at AS deadAt, attempts
         FROM outbox WHERE parcel_id = ? ORDER BY id`,
      )
      .all(parcelId) as { id: number; event: string; recipientId: string; channel: string; createdAt: string; deliveredAt: string | null; deadAt: string | null; attempts: number }[];
  }

  deadLetters(limit = 500): DeadLetter[] {
    return this.db
      .prepare(
        `SELECT id, created_at AS createdAt, event, recipient_id AS recipientId, channel, parcel_id AS parcelId, attempts,
           last_error AS lastError, dead_at AS deadAt FROM outbox WHERE dead_at IS NOT NULL ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as DeadLetter[];
  }

  /** Gives a dead message a fresh set of attempts; false when there is no such dead message. */
  retryDead(id: number, now: string): boolean {
    return this.db.prepare('UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = ? WHERE id = ? AND dead_at IS NOT NULL').run(now, id).changes === 1;
  }

  /** Every parcel that can count in [from, to): deposited before `to`, not collected before `from`, not a cancelled deposit (re-deposited as a new parcel). */
  *statsParcels(from: string, to: string): Generator<StatsParcel> {
    const rows = this.db
      .prepare(
        `SELECT p.deposited_at AS depositedAt, p.stored_at AS storedAt, p.collected_at AS collectedAt, p.status,
           p.returned_at AS leftDoorAt,
           p.expired_at AS expiredAt, coalesce(r.department, '') AS department, p.carrier, p.classes, d.size AS doorSize
         FROM parcels p LEFT JOIN recipients r ON r.id = p.recipient_id LEFT JOIN doors d ON d.id = p.door_id
         WHERE p.deposited_at < @to AND (p.collected_at IS NULL OR p.collected_at >= @from) AND p.status != 'cancelled'`,
      )
      .iterate({ from, to }) as Iterable<{ depositedAt: string; storedAt: string | null; collectedAt: string | null; leftDoorAt: string | null; expiredAt: string | null; department: string; carrier: string | null; classes: string; doorSize: DoorSize | null }>;
    for (const r of rows) yield { ...r, classes: JSON.parse(r.classes) as ItemClass[] };
  }

  private ids(sql: string, ...params: unknown[]): string[] {
    return (this.db.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id);
  }
}
