import type { LockerwallConfig } from '../../../config/schema.ts';
import { nextBusinessDayAt } from '../domain/business-calendar.ts';
import { nextReminderAfter } from '../domain/parcel-schedule.ts';
import type { Clock, Parcel } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { WallEventBus } from './event-bus.ts';
import type { Notifications } from './notifications.ts';
import { scheduleRules } from './parcel-custody.ts';

export interface TickReport {
  reminded: string[];
  escalated: string[];
  expired: string[];
  postponed: string[];
}

/**
 * Reminders after business hours, express escalation and expiry, driven by an injected clock: each
 * `tick()` does what is due at `clock.now()`, so a fake clock replays a week in a test. A recipient on
 * hold (vacation) gets no reminders and their parcels do not expire until the hold ends.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly notifications: Notifications,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
    /** messages were queued: the composition kicks the outbox worker. */
    private readonly onQueued: () => void = () => {},
  ) {}

  start(intervalMs = this.config.rules.schedulerIntervalSeconds * 1000): void {
    this.timer = setInterval(() => this.tickSafely(), intervalMs);
    this.timer.unref();
    this.tickSafely();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tickSafely(): void {
    try {
      this.tick();
    } catch {
      /* the next tick retries; a failed tick committed nothing */
    }
  }

  tick(): TickReport {
    const now = this.clock.now();
    const at = now.toISOString();
    const report: TickReport = { reminded: [], escalated: [], expired: [], postponed: [] };
    for (const id of this.store.mailroom.dueEscalations(at)) if (this.escalate(id, at)) report.escalated.push(id);
    for (const id of this.store.mailroom.dueExpiries(at)) (this.expire(id, now) ? report.expired : report.postponed).push(id);
    for (const id of this.store.mailroom.dueReminders(at)) (this.remind(id, now) ? report.reminded : report.postponed).push(id);
    if (report.reminded.length + report.escalated.length + report.expired.length > 0) this.onQueued();
    for (const id of report.expired) this.bus.emit('parcel', { id, status: 'stored', door: this.store.parcels.get(id)?.doorId ?? null, event: 'expired' });
    return report;
  }

  private holdEnd(recipientId: string, now: Date): Date | null {
    const until = this.store.mailroom.preferences(recipientId).holdUntil;
    return until && Date.parse(until) > now.getTime() ? new Date(until) : null;
  }

  private remind(id: string, now: Date): boolean {
    const parcel = this.store.parcels.get(id)!;
    const rules = scheduleRules(this.config);
    const at = now.toISOString();
    const hold = this.holdEnd(parcel.recipientId, now);
    if (hold) {
      this.store.mailroom.postponeReminder(id, nextBusinessDayAt(hold, rules.reminders.at, rules.calendar).toISOString());
      return false;
    }
    const sent = this.store.mailroom.rules(id)!.remindersSent + 1;
    this.store.transaction(() => {
      this.store.mailroom.recordReminder(id, nextReminderAfter(now, sent, rules));
      this.notifications.notify('parcel.reminder', [parcel.recipientId], this.payload(parcel), at, { parcelId: id });
      this.store.parcels.addEvent({ parcelId: id, at, type: 'reminded', actor: 'scheduler', doorId: parcel.doorId, detail: { reminder: sent } });
    });
    return true;
  }

  /** Express items: the recipient's delegates and department representatives hear of it once. */
  private escalate(id: string, at: string): boolean {
    const parcel = this.store.parcels.get(id)!;
    const recipient = this.store.recipients.get(parcel.recipientId);
    const to = recipient ? this.store.recipients.collectorsFor(recipient).map((c) => c.id) : [];
    this.store.transaction(() => {
      this.store.mailroom.markEscalated(id, at);
      const notified = to.length ? this.notifications.notify('parcel.escalated', to, { ...this.payload(parcel), forName: recipient?.name ?? '' }, at, { parcelId: id }) : [];
      this.store.parcels.addEvent({ parcelId: id, at, type: 'escalated', actor: 'scheduler', doorId: parcel.doorId, detail: { to: notified } });
    });
    return true;
  }

  /** Expiry puts the parcel on the clerk's return list; the door stays occupied until a clerk empties it. */
  private expire(id: string, now: Date): boolean {
    const parcel = this.store.parcels.get(id)!;
    const at = now.toISOString();
    const hold = this.holdEnd(parcel.recipientId, now);
    if (hold) {
      const { calendar } = scheduleRules(this.config);
      this.store.mailroom.postponeExpiry(id, nextBusinessDayAt(hold, calendar.close, calendar).toISOString());
      return false;
    }
    this.store.transaction(() => {
      this.store.mailroom.markExpired(id, at);
      this.notifications.notify('parcel.expired', [parcel.recipientId], this.payload(parcel), at, { parcelId: id });
      this.store.parcels.addEvent({ parcelId: id, at, type: 'expired', actor: 'scheduler', doorId: parcel.doorId, detail: { returnList: true } });
    });
    return true;
  }

  private payload(parcel: Parcel): Record<string, unknown> {
    return { parcelId: parcel.id, door: parcel.doorId, tracking: parcel.tracking, carrier: parcel.carrier, storedAt: parcel.storedAt };
  }
}
