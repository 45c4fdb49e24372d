import { randomBytes } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { chooseDoor } from '../domain/allocation.ts';
import { classRules } from '../domain/item-classes.ts';
import { DomainError, SIZE_ORDER, type Clock, type DoorSize, type DoorState, type ItemClass, type Parcel, type Recipient } from '../domain/types.ts';
import type { InspectionState, MediaCheckState } from '../store/mailroom-repo.ts';
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
  /** insured items: the declared value and the condition seen at intake. */
  declaredValue?: number;
  declaredCurrency?: string;
  condition?: string;
  actor: string;
}

/** Crockford base32, time-free: ids are opaque on MQTT and in logs. */
export function newParcelId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return 'P' + [...randomBytes(10)].map((b) => alphabet[b % 32]).join('');
}

/** Doors this recipient's mail may use: shared doors and their own or their department's boxes. */
export function doorsFor(recipient: Recipient, doors: readonly DoorState[], owners: ReadonlyMap<string, string>): { usable: DoorState[]; preferred: string[] } {
  const mine = (owner: string) => owner === recipient.id || owner === `dept:${recipient.department}`;
  const usable = doors.filter((d) => {
    const owner = owners.get(d.id);
    return owner === undefined || mine(owner);
  });
  return { usable, preferred: usable.filter((d) => owners.has(d.id)).map((d) => d.id) };
}

/**
 * A clerk deposits a parcel. When an intake gate is closed (security inspection, IT media scan) the
 * parcel is recorded as `held` at the counter with no door; otherwise, and once the gates are open,
 * the best-fitting free door opens and waits for the door to close.
 */
export class DepositService {
  private readonly doorOwners: ReadonlyMap<string, string>;

  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly wall: Wall,
    private readonly resolveTracking: TrackingResolver,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
  ) {
    this.doorOwners = new Map(config.doors.filter((d) => d.owner).map((d) => [d.id, d.owner!]));
  }

  async deposit(request: DepositRequest): Promise<Parcel> {
    const recipient = this.store.recipients.get(request.recipientId);
    if (!recipient || !recipient.active)
      throw new DomainError('unknown_recipient', `No recipient with id "${request.recipientId}" in the directory.`, 404);
    const { tracking, carrier, rawScan, serviceClassHint, labelDetail } = this.resolveTracking(request);
    const size = request.size ?? SIZE_ORDER[0]!;
    // The label's own service (UPU S10 R/V/E) is the default class; a clerk's explicit choice wins.
    const classes = [...new Set(request.classes ?? (serviceClassHint ? [serviceClassHint] : []))];
    const rules = classRules(classes);
    if (rules.declaredAtIntake && (request.declaredValue === undefined || !request.condition))
      throw new DomainError('insured_details_required', 'An insured item needs its declared value and its condition at intake (e.g. "intact", "box dented").', 422, {
        fields: ['declaredValue', 'condition'],
      });
    const now = this.clock.now();
    const at = now.toISOString();

    const windowStart = new Date(now.getTime() - this.config.deposit.duplicateWindowSeconds * 1000).toISOString();
    const earlier = this.store.parcels.recentWithTracking(tracking, windowStart);
    if (earlier)
      throw new DomainError(
        'duplicate_scan',
        `Parcel ${tracking} was deposited ${Math.round((now.getTime() - Date.parse(earlier.depositedAt)) / 1000)} s ago${earlier.doorId ? ` in door ${earlier.doorId}` : ' (held at the counter)'} — scanned twice?`,
        409,
        { parcelId: earlier.id, door: earlier.doorId },
      );

    const inspection: InspectionState = this.config.rules.inspectedAtIntake ? 'not_required' : 'pending';
    const mediaCheck: MediaCheckState = rules.mediaGate ? 'pending' : 'not_required';
    const intake = {
      inspection,
      mediaCheck,
      declaredValue: request.declaredValue,
      declaredCurrency: request.declaredCurrency,
      intakeCondition: request.condition,
    };
    const insured = rules.declaredAtIntake ? { declaredValue: request.declaredValue, declaredCurrency: request.declaredCurrency ?? null, condition: request.condition } : {};
    const id = newParcelId();
    const base = { id, tracking, carrier, rawScan, recipientId: recipient.id, size, classes, depositedBy: request.actor, at };

    if (inspection === 'pending' || mediaCheck === 'pending') {
      this.store.transaction(() => {
        this.store.mailroom.insertHeld(base);
        this.store.mailroom.setIntake(id, intake);
        this.store.parcels.addEvent({
          parcelId: id,
          at,
          type: 'received',
          actor: request.actor,
          doorId: null,
          detail: { tracking, carrier, ...labelDetail, size, classes, ...insured, inspection, mediaCheck },
        });
      });
      this.bus.emit('parcel', { id, status: 'held', door: null, event: 'received' });
      return this.store.parcels.get(id)!;
    }

    const intent = this.store.transaction(() => {
      const door = this.chooseDoorFor(recipient, size, classes);
      this.store.parcels.insert({ ...base, doorId: door.id });
      this.store.mailroom.setIntake(id, intake);
      this.store.parcels.addEvent({
        parcelId: id,
        at,
        type: 'deposited',
        actor: request.actor,
        doorId: door.id,
        detail: { tracking, carrier, ...labelDetail, size, classes, ...insured, doorSize: door.size, accessible: door.accessible },
      });
      return this.wall.recordOpenIntent(door.id, 'deposit', request.actor, id);
    });
    await this.openForDeposit(id, intent, request.actor, 'cancel');
    return this.store.parcels.get(id)!;
  }

  /** A held parcel whose gates are open goes into a door; the clerk may give its size again. */
  async depositHeld(parcelId: string, actor: string, size?: DoorSize): Promise<Parcel> {
    const parcel = this.store.parcels.get(parcelId);
    if (!parcel) throw new DomainError('unknown_parcel', `No parcel ${parcelId}.`, 404);
    if (parcel.status !== 'held') throw new DomainError('invalid_state', `Parcel ${parcelId} is ${parcel.status}, not held at the counter.`, 409);
    const gates = this.store.mailroom.rules(parcelId)!;
    if (gates.inspection === 'pending' || gates.inspection === 'quarantined')
      throw new DomainError('inspection_pending', gates.inspection === 'quarantined' ? `Parcel ${parcelId} is quarantined: ${gates.inspectionReason ?? ''}` : `Parcel ${parcelId} has not been cleared by inspection yet.`, 409, {
        inspection: gates.inspection,
      });
    if (gates.mediaCheck === 'pending') throw new DomainError('media_check_pending', `Parcel ${parcelId} holds media: IT must mark it clean before it goes into a door.`, 409);
    const recipient = this.store.recipients.get(parcel.recipientId)!;
    const at = this.clock.now().toISOString();
    const doorSize = size ?? parcel.size;
    const intent = this.store.transaction(() => {
      const door = this.chooseDoorFor(recipient, doorSize, parcel.classes);
      this.store.mailroom.assignDoor(parcelId, door.id);
      this.store.parcels.addEvent({ parcelId, at, type: 'deposited', actor, doorId: door.id, detail: { size: doorSize, doorSize: door.size, accessible: door.accessible, fromCounter: true } });
      return this.wall.recordOpenIntent(door.id, 'deposit', actor, parcelId);
    });
    await this.openForDeposit(parcelId, intent, actor, 'back_to_counter');
    return this.store.parcels.get(parcelId)!;
  }

  /** The clerk takes a deposit back (door full or broken); optionally takes the door out of service. */
  cancel(parcelId: string, actor: string, outOfService?: { reason: string }): Parcel {
    const parcel = this.store.parcels.get(parcelId);
    if (!parcel) throw new DomainError('unknown_parcel', `No parcel ${parcelId}.`, 404);
    if (parcel.status !== 'awaiting_close' && parcel.status !== 'held')
      throw new DomainError('invalid_state', `Parcel ${parcelId} is ${parcel.status}; only a deposit waiting for its door to close, or a parcel held at the counter, can be cancelled.`, 409);
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

  private chooseDoorFor(recipient: Recipient, size: DoorSize, classes: readonly ItemClass[]): DoorState {
    const { usable, preferred } = doorsFor(recipient, this.store.doors.list(), this.doorOwners);
    return chooseDoor(usable, this.store.doors.occupiedIds(), {
      size,
      needsAccessibleDoor: recipient.needsAccessibleDoor,
      needsSecureDoor: classRules(classes).secureDoor,
      preferredDoorIds: preferred,
    });
  }

  private async openForDeposit(id: string, intent: { id: string; doorId: string }, actor: string, onFailure: 'cancel' | 'back_to_counter'): Promise<void> {
    try {
      await this.wall.executeOpen(intent);
    } catch (error) {
      const failedAt = this.clock.now().toISOString();
      this.store.transaction(() => {
        if (onFailure === 'cancel') this.store.parcels.setStatus(id, 'cancelled', failedAt);
        else this.store.mailroom.backToCounter(id);
        this.store.parcels.addEvent({ parcelId: id, at: failedAt, type: 'door_failed', actor: 'system', doorId: intent.doorId, detail: { error: (error as Error).message } });
        this.store.doors.setFault(intent.doorId, 'did_not_open', failedAt);
      });
      this.wall.publishDoor(intent.doorId);
      this.bus.emit('alarm', { type: 'door_failed', door: intent.doorId, message: (error as Error).message, at: failedAt });
      throw new DomainError('door_failed', `Door ${intent.doorId} did not open and was taken out of service — deposit again for another door.`, 503, {
        door: intent.doorId,
      });
    }
    this.wall.afterPulse(() =>
      this.store.parcels.addEvent({ parcelId: id, at: this.clock.now().toISOString(), type: 'door_opened', actor, doorId: intent.doorId, detail: { reason: 'deposit' } }),
    );
    this.bus.emit('parcel', { id, status: 'awaiting_close', door: intent.doorId, event: 'deposit' });
    this.wall.publishDoor(intent.doorId);
  }
}
