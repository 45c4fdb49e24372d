import { randomInt } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { scheduleFor, type ScheduleRules } from '../domain/parcel-schedule.ts';
import { drawPickupCode } from '../domain/pickup-code.ts';
import type { Clock, Parcel } from '../domain/types.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';
import type { WallEventBus } from './event-bus.ts';
import type { Notifications } from './notifications.ts';
import type { Wall } from './wall.ts';

const randomUint32 = () => randomInt(0, 2 ** 32 - 1) >>> 0;

export function scheduleRules(config: LockerwallConfig): ScheduleRules {
  return { calendar: config.rules.businessHours, reminders: config.rules.reminders, expiry: config.rules.expiry, express: config.rules.express };
}

/**
 * What a door closing means for the parcel inside: a deposit becomes `stored` (code issued, recipient
 * notified, reminders scheduled), a pickup becomes `collected` (and when someone collected for the
 * recipient, both hear of it). Each step is one committed transaction before anyone is told.
 */
export class ParcelCustody {
  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly wall: Wall,
    private readonly secrets: SecretKeeper,
    private readonly notifications: Notifications,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
  ) {
    wall.onDoorTransition((doorId, open) => {
      if (!open) this.onDoorClosed(doorId);
    });
  }

  onDoorClosed(doorId: string): void {
    const parcel = this.store.parcels.activeInDoor(doorId);
    if (parcel?.status === 'awaiting_close') this.store_(parcel);
    else if (parcel?.status === 'pickup_open') this.collect(parcel);
  }

  private store_(parcel: Parcel): void {
    const now = this.clock.now();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + this.config.pickup.codeTtlHours * 3_600_000).toISOString();
    const schedule = scheduleFor(now, parcel.classes, scheduleRules(this.config));
    this.store.transaction(() => {
      let code: string;
      do code = drawPickupCode(randomUint32);
      while (!this.store.credentials.tryAddPickupCode(this.secrets.pickupCodeDigest(code), parcel.id, parcel.recipientId, at, expiresAt));
      this.store.parcels.setStatus(parcel.id, 'stored', at);
      this.store.mailroom.setSchedule(parcel.id, schedule);
      this.store.parcels.addEvent({ parcelId: parcel.id, at, type: 'stored', actor: 'door-sensor', doorId: parcel.doorId, detail: {} });
      this.store.parcels.addEvent({ parcelId: parcel.id, at, type: 'code_issued', actor: 'system', doorId: parcel.doorId, detail: { expiresAt } });
      this.notifications.notify(
        'parcel.stored',
        [parcel.recipientId],
        { parcelId: parcel.id, door: parcel.doorId, tracking: parcel.tracking, carrier: parcel.carrier, expiresAt, storedAt: at, classes: parcel.classes },
        at,
        { parcelId: parcel.id, pickupCode: code },
      );
      this.store.parcels.addEvent({ parcelId: parcel.id, at, type: 'notified', actor: 'system', doorId: null, detail: { event: 'parcel.stored' } });
    });
    this.bus.emit('parcel', { id: parcel.id, status: 'stored', door: parcel.doorId, event: 'deposit' });
  }

  private collect(parcel: Parcel): void {
    const at = this.clock.now().toISOString();
    const collector = parcel.collectedBy && parcel.collectedBy !== parcel.recipientId ? this.store.recipients.get(parcel.collectedBy) : undefined;
    this.store.transaction(() => {
      this.store.parcels.setStatus(parcel.id, 'collected', at);
      this.store.credentials.retireCodesOfParcel(parcel.id, at);
      this.store.parcels.addEvent({
        parcelId: parcel.id,
        at,
        type: 'collected',
        actor: 'door-sensor',
        doorId: parcel.doorId,
        detail: collector ? { collectedBy: collector.id, collectedFor: parcel.recipientId } : {},
      });
      if (collector) {
        const recipient = this.store.recipients.get(parcel.recipientId);
        const base = { parcelId: parcel.id, door: parcel.doorId, tracking: parcel.tracking, collectedAt: at };
        this.notifications.notify('parcel.collected_for_you', [parcel.recipientId], { ...base, byName: collector.name, collectedBy: collector.id }, at, { parcelId: parcel.id });
        this.notifications.notify('parcel.collected_by_you', [collector.id], { ...base, forName: recipient?.name ?? parcel.recipientId, collectedFor: parcel.recipientId }, at, { parcelId: parcel.id });
        this.store.parcels.addEvent({
          parcelId: parcel.id,
          at,
          type: 'notified',
          actor: 'system',
          doorId: null,
          detail: { event: 'parcel.collected', to: [parcel.recipientId, collector.id] },
        });
      }
    });
    this.bus.emit('parcel', { id: parcel.id, status: 'collected', door: parcel.doorId, event: 'pickup' });
  }
}
