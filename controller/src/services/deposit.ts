import { randomBytes } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { chooseDoor } from '../domain/allocation.ts';
import { DomainError, SIZE_ORDER, type Clock, type DoorSize, type ItemClass, type Parcel } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { WallEventBus } from './event-bus.ts';
import type { TrackingResolver } from './tracking.ts';
import type { Wall } from './wall.ts';

export interface DepositRequest {
  scan?: string;
  tracking?: string;
  /** the carrier the clerk chose for an ambiguous number. */
  carrier?: string;
  recipientId: string;
  size?: DoorSize;
  classes?: ItemClass[];
  actor: string;
}

/** Crockford base32, time-free: ids are opaque on MQTT and in logs. */
export function newParcelId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return 'P' + [...randomBytes(10)].map((b) => alphabet[b % 32]).join('');
}

/** A clerk deposits a parcel: the best-fitting free door opens and waits for the door to close. */
export class DepositService {
  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly wall: Wall,
    private readonly resolveTracking: TrackingResolver,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
  ) {}

  async deposit(request: DepositRequest): Promise<Parcel> {
    const recipient = this.store.recipients.get(request.recipientId);
    if (!recipient || !recipient.active)
      throw new DomainError('unknown_recipient', `No recipient with id "${request.recipientId}" in the directory.`, 404);
    const { tracking, carrier, rawScan, serviceClassHint, labelDetail } = this.resolveTracking(request);
    const size = request.size ?? SIZE_ORDER[0]!;
    // The label's own service (UPU S10 R/V/E) is the default class; a clerk's explicit choice wins.
    const classes = [...new Set(request.classes ?? (serviceClassHint ? [serviceClassHint] : []))];
    const now = this.clock.now();
    const at = now.toISOString();

    const windowStart = new Date(now.getTime() - this.config.deposit.duplicateWindowSeconds * 1000).toISOString();
    const earlier = this.store.parcels.recentWithTracking(tracking, windowStart);
    if (earlier)
      throw new DomainError(
        'duplicate_scan',
        `Parcel ${tracking} was deposited ${Math.round((now.getTime() - Date.parse(earlier.depositedAt)) / 1000)} s ago in door ${earlier.doorId} — scanned twice?`,
        409,
        { parcelId: earlier.id, door: earlier.doorId },
      );

    const id = newParcelId();
    const intent = this.store.transaction(() => {
      const door = chooseDoor(this.store.doors.list(), this.store.doors.occupiedIds(), {
        size,
        needsAccessibleDoor: recipient.needsAccessibleDoor,
        needsSecureDoor: classes.includes('confidential'),
      });
      this.store.parcels.insert({ id, tracking, carrier, rawScan, recipientId: recipient.id, doorId: door.id, size, classes, depositedBy: request.actor, at });
      this.store.parcels.addEvent({
        parcelId: id,
        at,
        type: 'deposited',
        actor: request.actor,
        doorId: door.id,
        detail: { tracking, carrier, ...labelDetail, size, classes, doorSize: door.size, accessible: door.accessible },
      });
      return this.wall.recordOpenIntent(door.id, 'deposit', request.actor, id);
    });

    try {
      await this.wall.executeOpen(intent);
    } catch (error) {
      const failedAt = this.clock.now().toISOString();
      this.store.transaction(() => {
        this.store.parcels.setStatus(id, 'cancelled', failedAt);
        this.store.parcels.addEvent({ parcelId: id, at: failedAt, type: 'door_failed', actor: 'system', doorId: intent.doorId, detail: { error: (error as Error).message } });
        this.store.doors.setFault(intent.doorId, 'did_not_open', failedAt);
      });
      this.wall.publishDoor(intent.doorId);
      this.bus.emit('alarm', { type: 'door_failed', door: intent.doorId, message: (error as Error).message, at: failedAt });
      throw new DomainError('door_failed', `Door ${intent.doorId} did not open and was taken out of service — deposit again for another door.`, 503, {
        door: intent.doorId,
      });
    }
    this.store.parcels.addEvent({ parcelId: id, at: this.clock.now().toISOString(), type: 'door_opened', actor: request.actor, doorId: intent.doorId, detail: { reason: 'deposit' } });
    this.bus.emit('parcel', { id, status: 'awaiting_close', door: intent.doorId, event: 'deposit' });
    this.wall.publishDoor(intent.doorId);
    return this.store.parcels.get(id)!;
  }

  /** The clerk takes a deposit back (door full or broken); optionally takes the door out of service. */
  cancel(parcelId: string, actor: string, outOfService?: { reason: string }): Parcel {
    const parcel = this.store.parcels.get(parcelId);
    if (!parcel) throw new DomainError('unknown_parcel', `No parcel ${parcelId}.`, 404);
    if (parcel.status !== 'awaiting_close')
      throw new DomainError('invalid_state', `Parcel ${parcelId} is ${parcel.status}; only a deposit waiting for its door to close can be cancelled.`, 409);
    const at = this.clock.now().toISOString();
    this.store.transaction(() => {
      this.store.parcels.setStatus(parcelId, 'cancelled', at);
      this.store.parcels.addEvent({ parcelId, at, type: 'deposit_cancelled', actor, doorId: parcel.doorId, detail: outOfService ? { doorOutOfService: outOfService.reason } : {} });
      if (outOfService && parcel.doorId) this.store.doors.setEnabled(parcel.doorId, false, at);
      if (outOfService && parcel.doorId) this.store.doors.setFault(parcel.doorId, outOfService.reason, at);
    });
    if (parcel.doorId) this.wall.publishDoor(parcel.doorId);
    this.bus.emit('parcel', { id: parcelId, status: 'cancelled', door: parcel.doorId, event: 'deposit_cancelled' });
    return this.store.parcels.get(parcelId)!;
  }
}
