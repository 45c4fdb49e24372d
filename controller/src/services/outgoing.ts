import { randomBytes } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { chooseDoor } from '../domain/allocation.ts';
import {
  acceptsCarrierStatus,
  checkDispatchTracking,
  isLate,
  localDate,
  suggestCarrier,
  type Addressee,
  type CarrierSuggestion,
  type OutgoingItem,
  type OutgoingService,
} from '../domain/outgoing.ts';
import type { TrackingUpdate } from '../domain/outgoing-tracking-push.ts';
import { DomainError, type Clock, type DoorSize, type Recipient } from '../domain/types.ts';
import type { ScanResult } from '../readers/scan/types.ts';
import type { Store } from '../store/store.ts';
import type { AlarmType, WallEventBus } from './event-bus.ts';
import type { Notifications } from './notifications.ts';
import type { Wall } from './wall.ts';

export interface DropOffRequest {
  sender: Recipient;
  addressee: Addressee;
  service: OutgoingService;
  declaredValue?: number;
  declaredCurrency?: string;
  size?: DoorSize;
}

export interface DispatchRequest {
  /** the scan normaliser's reading of the carrier label; null for a standard letter without a number. */
  scan: ScanResult | null;
  carrier?: string;
  product?: string;
  postage: { amount: number; currency: string };
  expectedDeliveryDate: string;
  actor: string;
}

/** Crockford base32 with an O prefix: opaque on MQTT and in logs, never a person or a number. */
export function newOutgoingId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return 'O' + [...randomBytes(10)].map((b) => alphabet[b % 32]).join('');
}

/**
 * Outgoing mail at the wall: an employee drops an item into a free door, the clerk collects and
 * dispatches it with the carrier's label, tracking pushes follow it to delivery. Every step is one
 * committed transaction (state + timeline + outbox) before anyone is told.
 */
export class OutgoingMail {
  private lateTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly wall: Wall,
    private readonly notifications: Notifications,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
    /** wakes the outbox worker after a message was queued. */
    private readonly kickOutbox: () => void = () => {},
  ) {
    wall.onDoorTransition((doorId, open) => {
      if (!open) this.onDoorClosed(doorId);
    });
  }

  start(): void {
    this.lateTimer = setInterval(() => this.flagLateItems(), this.config.outgoing.lateCheckMinutes * 60_000);
    this.lateTimer.unref();
  }

  stop(): void {
    clearInterval(this.lateTimer);
  }

  suggestion(item: Pick<OutgoingItem, 'service' | 'addressee'>): CarrierSuggestion | null {
    return suggestCarrier(this.config.outgoing.carrierRules, item.service, item.addressee.country, this.config.outgoing.homeCountry);
  }

  async dropOff(request: DropOffRequest): Promise<OutgoingItem> {
    if (request.service === 'insured' && (request.declaredValue === undefined || !request.declaredCurrency))
      throw new DomainError('insured_details_required', 'An insured item needs its declared value and currency (e.g. 2000 CNY).', 422, { fields: ['declaredValue', 'declaredCurrency'] });
    const actor = `badge:${request.sender.id}`;
    const at = this.now();
    const id = newOutgoingId();
    const intent = this.store.transaction(() => {
      const occupied = new Set([...this.store.doors.occupiedIds(), ...this.store.outgoing.occupiedDoorIds()]);
      // Personal and department boxes belong to their owners' incoming mail.
      const owned = new Set(this.config.doors.filter((d) => d.owner).map((d) => d.id));
      const door = chooseDoor(
        this.store.doors.list().filter((d) => !owned.has(d.id)),
        occupied,
        { size: request.size ?? 'S', needsAccessibleDoor: request.sender.needsAccessibleDoor, needsSecureDoor: false },
      );
      this.store.outgoing.insert({
        id,
        senderId: request.sender.id,
        department: request.sender.department,
        addressee: request.addressee,
        service: request.service,
        declaredValue: request.service === 'insured' ? request.declaredValue! : null,
        declaredCurrency: request.service === 'insured' ? request.declaredCurrency! : null,
        doorId: door.id,
        at,
      });
      this.store.outgoing.addEvent({
        itemId: id,
        at,
        type: 'dropped_off',
        actor,
        doorId: door.id,
        detail: { service: request.service, country: request.addressee.country, ...(request.service === 'insured' ? { declaredValue: request.declaredValue, declaredCurrency: request.declaredCurrency } : {}) },
      });
      return this.wall.recordOpenIntent(door.id, 'dropoff', actor, null);
    });
    try {
      await this.wall.executeOpen(intent);
    } catch (error) {
      const failedAt = this.now();
      this.store.transaction(() => {
        this.store.outgoing.setStatus(id, 'cancelled', failedAt);
        this.store.outgoing.addEvent({ itemId: id, at: failedAt, type: 'door_failed', actor: 'system', doorId: intent.doorId, detail: { error: (error as Error).message } });
        this.store.doors.setFault(intent.doorId, 'did_not_open', failedAt);
      });
      this.wall.publishDoor(intent.doorId);
      this.bus.emit('alarm', { type: 'door_failed', door: intent.doorId, message: (error as Error).message, at: failedAt });
      throw new DomainError('door_failed', `Door ${intent.doorId} did not open and was taken out of service — try again for another door.`, 503, { door: intent.doorId });
    }
    this.wall.afterPulse(() => this.store.outgoing.addEvent({ itemId: id, at: this.now(), type: 'door_opened', actor, doorId: intent.doorId, detail: { reason: 'dropoff' } }));
    this.wall.publishDoor(intent.doorId);
    return this.store.outgoing.get(id)!;
  }

  /** The sender closed the door: the item waits for the clerk, and the sender gets a receipt. */
  onDoorClosed(doorId: string): void {
    const item = this.store.outgoing.inDoor(doorId);
    if (item?.status !== 'awaiting_close') return;
    const at = this.now();
    this.store.transaction(() => {
      this.store.outgoing.setStatus(item.id, 'awaiting_dispatch', at);
      this.store.outgoing.addEvent({ itemId: item.id, at, type: 'door_closed', actor: 'door-sensor', doorId, detail: {} });
      this.notifications.notify('outgoing.received', [item.senderId], { outgoingId: item.id, door: doorId, service: item.service, addresseeName: item.addressee.name, country: item.addressee.country, receivedAt: at }, at);
      this.store.outgoing.addEvent({ itemId: item.id, at, type: 'notified', actor: 'system', doorId: null, detail: { event: 'outgoing.received' } });
    });
    this.kickOutbox();
  }

  /** The clerk's "collect outgoing" step: opens the item's door through the journal. */
  async collect(id: string, actor: string): Promise<OutgoingItem> {
    const item = this.require(id);
    if (item.status !== 'awaiting_dispatch')
      throw new DomainError('invalid_state', `Outgoing item ${id} is ${item.status}; only an item waiting for dispatch in its door can be collected.`, 409);
    const at = this.now();
    const intent = this.store.transaction(() => {
      this.store.outgoing.setStatus(id, 'collected', at);
      this.store.outgoing.addEvent({ itemId: id, at, type: 'collected', actor, doorId: item.doorId, detail: {} });
      return this.wall.recordOpenIntent(item.doorId!, 'collect_outgoing', actor, null);
    });
    try {
      await this.wall.executeOpen(intent);
    } catch (error) {
      const failedAt = this.now();
      this.store.transaction(() => {
        this.store.outgoing.setStatus(id, 'awaiting_dispatch', failedAt);
        this.store.outgoing.addEvent({ itemId: id, at: failedAt, type: 'door_failed', actor: 'system', doorId: intent.doorId, detail: { error: (error as Error).message } });
      });
      throw error;
    }
    this.wall.afterPulse(() => this.store.outgoing.addEvent({ itemId: id, at: this.now(), type: 'door_opened', actor, doorId: intent.doorId, detail: { reason: 'collect_outgoing' } }));
    this.wall.publishDoor(intent.doorId);
    return this.store.outgoing.get(id)!;
  }

  /** The clerk records the carrier's label, postage and expected delivery; the sender hears the tracking number. */
  dispatch(id: string, request: DispatchRequest): OutgoingItem {
    const item = this.require(id);
    if (item.status !== 'collected')
      throw new DomainError('invalid_state', item.status === 'awaiting_dispatch' ? `Outgoing item ${id} is still in door ${item.doorId}: collect it first.` : `Outgoing item ${id} is ${item.status}; it cannot be dispatched.`, 409);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(request.expectedDeliveryDate) || Number.isNaN(Date.parse(request.expectedDeliveryDate)))
      throw new DomainError('invalid_field', 'expectedDeliveryDate: a date YYYY-MM-DD', 422, { field: 'expectedDeliveryDate' });
    const at = this.now();
    if (request.expectedDeliveryDate < localDate(at, this.timeZone()))
      throw new DomainError('invalid_field', 'expectedDeliveryDate lies in the past.', 422, { field: 'expectedDeliveryDate' });
    const label = checkDispatchTracking(item.service, request.scan);
    if (label.tracking && this.store.outgoing.byTracking(label.tracking))
      throw new DomainError('duplicate_tracking', `Tracking number ${label.tracking} is already used by another outgoing item — scan this item's own label.`, 409);
    const suggestion = this.suggestion(item);
    const carrier = request.carrier ?? suggestion?.carrier ?? label.carrier;
    if (!carrier) throw new DomainError('carrier_required', 'No carrier rule matches this item: give the carrier.', 422, { field: 'carrier' });
    const product = request.product ?? (carrier === suggestion?.carrier ? suggestion.product : null);
    const overridden = suggestion !== null && carrier !== suggestion.carrier;
    this.store.transaction(() => {
      this.store.outgoing.recordDispatch(id, { carrier, product, tracking: label.tracking, postage: request.postage.amount, postageCurrency: request.postage.currency, expectedDeliveryDate: request.expectedDeliveryDate }, at);
      this.store.outgoing.addEvent({
        itemId: id,
        at,
        type: 'dispatched',
        actor: request.actor,
        doorId: null,
        detail: {
          carrier,
          product,
          tracking: label.tracking,
          labelCarrier: label.carrier,
          postage: request.postage,
          expectedDeliveryDate: request.expectedDeliveryDate,
          ...(overridden ? { suggested: suggestion } : {}),
        },
      });
      this.notifications.notify(
        'outgoing.dispatched',
        [item.senderId],
        { outgoingId: id, tracking: label.tracking, carrier, product, expectedDeliveryDate: request.expectedDeliveryDate, addresseeName: item.addressee.name, country: item.addressee.country },
        at,
      );
      this.store.outgoing.addEvent({ itemId: id, at, type: 'notified', actor: 'system', doorId: null, detail: { event: 'outgoing.dispatched' } });
    });
    this.kickOutbox();
    return this.store.outgoing.get(id)!;
  }

  /** The clerk hands an item back to its sender (or it never went in). */
  cancel(id: string, actor: string, reason: string): OutgoingItem {
    const item = this.require(id);
    if (!['awaiting_close', 'awaiting_dispatch', 'collected'].includes(item.status))
      throw new DomainError('invalid_state', `Outgoing item ${id} is ${item.status}; only an item not yet dispatched can be cancelled.`, 409);
    const at = this.now();
    this.store.transaction(() => {
      this.store.outgoing.setStatus(id, 'cancelled', at);
      this.store.outgoing.addEvent({ itemId: id, at, type: 'cancelled', actor, doorId: item.doorId, detail: { reason } });
    });
    if (item.doorId) this.wall.publishDoor(item.doorId);
    return this.store.outgoing.get(id)!;
  }

  /**
   * A carrier status from an aggregator. Unknown numbers are refused (404) and change nothing; a push
   * for a closed item (delivered, returned) is acknowledged but ignored, since aggregators re-push.
   */
  applyTrackingUpdate(update: TrackingUpdate, provider: string): { item: OutgoingItem; applied: boolean } {
    const item = this.store.outgoing.byTracking(update.tracking);
    if (!item) throw new DomainError('unknown_tracking', `No outgoing item with tracking number ${update.tracking}. Nothing was changed.`, 404);
    if (!acceptsCarrierStatus(item.status)) return { item, applied: false };
    // Aggregators re-push the same report; one timeline entry (and one message) per report is enough.
    const type = `carrier_${update.status ?? 'update'}`;
    if (this.store.outgoing.events(item.id).some((e) => e.type === type && e.detail.at === update.at)) return { item, applied: false };
    const now = this.now();
    const next = update.status ?? item.status;
    const late = update.status === 'delivered' && isLate(item.expectedDeliveryDate, update.at, this.timeZone());
    const alarm: 'exception' | 'late' | null = update.status === 'exception' ? 'exception' : late ? 'late' : null;
    this.store.transaction(() => {
      if (next !== item.status || update.status === 'delivered') this.store.outgoing.setStatus(item.id, next, update.status === 'delivered' ? update.at : now);
      this.store.outgoing.addEvent({ itemId: item.id, at: now, type, actor: `tracking:${provider}`, doorId: null, detail: { ...update.detail, at: update.at } });
      if (alarm) this.store.outgoing.setAlert(item.id, alarm, now);
      else if (update.status === 'in_transit' && item.alert === 'exception') this.store.outgoing.setAlert(item.id, null, now);
      if (update.status === 'delivered' || update.status === 'returned' || update.status === 'exception') {
        this.notifications.notify(`outgoing.${update.status}`, [item.senderId], { outgoingId: item.id, tracking: item.tracking, carrier: item.carrier, at: update.at }, now);
        this.store.outgoing.addEvent({ itemId: item.id, at: now, type: 'notified', actor: 'system', doorId: null, detail: { event: `outgoing.${update.status}` } });
      }
    });
    if (alarm) this.raiseAlarm(item.id, alarm, now);
    this.kickOutbox();
    return { item: this.store.outgoing.get(item.id)!, applied: true };
  }

  /** Items on the way whose expected delivery date has passed get one late alarm each. */
  flagLateItems(): string[] {
    const now = this.now();
    const flagged: string[] = [];
    for (const item of this.store.outgoing.lateCandidates(localDate(now, this.timeZone()))) {
      this.store.transaction(() => {
        this.store.outgoing.setAlert(item.id, 'late', now);
        this.store.outgoing.addEvent({ itemId: item.id, at: now, type: 'late', actor: 'system', doorId: null, detail: { expectedDeliveryDate: item.expectedDeliveryDate } });
      });
      this.raiseAlarm(item.id, 'late', now);
      flagged.push(item.id);
    }
    return flagged;
  }

  /** A lost or damaged registered or insured item: the record the carrier claim is made from. */
  reportClaim(id: string, kind: 'lost' | 'damaged', note: string, actor: string): number {
    const item = this.require(id);
    if (item.service !== 'registered' && item.service !== 'insured')
      throw new DomainError('not_claimable', `Outgoing item ${id} went as ${item.service}; only registered and insured items can be claimed for.`, 409);
    if (!item.dispatchedAt) throw new DomainError('not_claimable', `Outgoing item ${id} was never handed to a carrier.`, 409);
    const at = this.now();
    return this.store.transaction(() => {
      const claimId = this.store.outgoing.addClaim({ itemId: id, kind, note, reportedBy: actor, reportedAt: at });
      this.store.outgoing.addEvent({ itemId: id, at, type: 'claim_reported', actor, doorId: null, detail: { claimId, kind, note } });
      return claimId;
    });
  }

  require(id: string): OutgoingItem {
    const item = this.store.outgoing.get(id);
    if (!item) throw new DomainError('unknown_outgoing', `No outgoing item ${id}.`, 404);
    return item;
  }

  private raiseAlarm(itemId: string, kind: 'exception' | 'late', at: string): void {
    const message = kind === 'late' ? `Outgoing item ${itemId} is late: past its expected delivery date.` : `Outgoing item ${itemId}: the carrier reports an exception.`;
    // 'outgoing_*' alarm types are not yet in the bus's AlarmType union (event-bus.ts belongs to the foundation).
    this.bus.emit('alarm', { type: `outgoing_${kind}` as AlarmType, message, at });
  }

  private timeZone(): string {
    return this.config.rules.businessHours.timeZone;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
