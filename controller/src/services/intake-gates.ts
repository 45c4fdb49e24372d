import { DomainError, type Clock, type Parcel } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { WallEventBus } from './event-bus.ts';

/**
 * The intake gates of a held parcel: security inspection (cleared or quarantined with a reason) and
 * the IT media scan. A parcel gets a door only when both are open (DepositService.depositHeld).
 */
export class IntakeGates {
  constructor(
    private readonly store: Store,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
  ) {}

  clear(parcelId: string, actor: string, note?: string): Parcel {
    const parcel = this.held(parcelId);
    const gates = this.store.mailroom.rules(parcelId)!;
    if (gates.inspection === 'cleared' || gates.inspection === 'not_required')
      throw new DomainError('invalid_state', `Parcel ${parcelId} needs no inspection clearance (${gates.inspection}).`, 409);
    const at = this.clock.now().toISOString();
    this.store.transaction(() => {
      this.store.mailroom.setInspection(parcelId, 'cleared', note ?? null);
      this.store.parcels.addEvent({ parcelId, at, type: 'inspection_cleared', actor, doorId: null, detail: { ...(note ? { note } : {}), was: gates.inspection } });
    });
    this.bus.emit('parcel', { id: parcelId, status: parcel.status, door: null, event: 'inspection_cleared' });
    return this.store.parcels.get(parcelId)!;
  }

  /** Quarantine raises a facilities alarm that names only the opaque parcel id. */
  quarantine(parcelId: string, reason: string, actor: string): Parcel {
    const parcel = this.held(parcelId);
    const gates = this.store.mailroom.rules(parcelId)!;
    if (gates.inspection === 'quarantined') throw new DomainError('invalid_state', `Parcel ${parcelId} is already quarantined.`, 409);
    const at = this.clock.now().toISOString();
    this.store.transaction(() => {
      this.store.mailroom.setInspection(parcelId, 'quarantined', reason);
      this.store.parcels.addEvent({ parcelId, at, type: 'quarantined', actor, doorId: null, detail: { reason } });
    });
    this.bus.emit('parcel', { id: parcelId, status: parcel.status, door: null, event: 'quarantined' });
    this.bus.emit('alarm', { type: 'parcel_quarantined', message: `Parcel ${parcelId} was quarantined at intake — follow the security procedure.`, at });
    return this.store.parcels.get(parcelId)!;
  }

  markMediaClean(parcelId: string, actor: string): Parcel {
    const parcel = this.held(parcelId);
    const gates = this.store.mailroom.rules(parcelId)!;
    if (gates.mediaCheck !== 'pending') throw new DomainError('invalid_state', `Parcel ${parcelId} is not waiting for a media check.`, 409);
    const at = this.clock.now().toISOString();
    this.store.transaction(() => {
      this.store.mailroom.setMediaCheck(parcelId, 'clean');
      this.store.parcels.addEvent({ parcelId, at, type: 'media_clean', actor, doorId: null, detail: {} });
    });
    this.bus.emit('parcel', { id: parcelId, status: parcel.status, door: null, event: 'media_clean' });
    return this.store.parcels.get(parcelId)!;
  }

  private held(parcelId: string): Parcel {
    const parcel = this.store.parcels.get(parcelId);
    if (!parcel) throw new DomainError('unknown_parcel', `No parcel ${parcelId}.`, 404);
    if (parcel.status !== 'held') throw new DomainError('invalid_state', `Parcel ${parcelId} is ${parcel.status}, not held at the counter.`, 409);
    return parcel;
  }
}
