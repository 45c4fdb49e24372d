import { DomainError, type Clock, type Parcel } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { WallEventBus } from './event-bus.ts';
import type { Wall } from './wall.ts';

/** The clerk's "return to mailroom" list: expired parcels, and emptying their doors. */
export class Returns {
  constructor(
    private readonly store: Store,
    private readonly wall: Wall,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
  ) {}

  list(): Parcel[] {
    return this.store.mailroom.returnListIds().map((id) => this.store.parcels.get(id)!);
  }

  /** Opens the door for the clerk (journalled first) and takes the parcel back to the counter. */
  async takeBack(parcelId: string, actor: string): Promise<Parcel> {
    const parcel = this.store.parcels.get(parcelId);
    if (!parcel) throw new DomainError('unknown_parcel', `No parcel ${parcelId}.`, 404);
    if (parcel.status !== 'stored' || !parcel.doorId) throw new DomainError('invalid_state', `Parcel ${parcelId} is ${parcel.status}; only a stored parcel can be taken back.`, 409);
    const at = this.clock.now().toISOString();
    const intent = this.store.transaction(() => {
      this.store.credentials.retireCodesOfParcel(parcelId, at);
      this.store.mailroom.markReturned(parcelId, at);
      this.store.parcels.addEvent({ parcelId, at, type: 'returned', actor, doorId: parcel.doorId, detail: { expired: Boolean(this.store.mailroom.rules(parcelId)?.expiredAt) } });
      return this.wall.recordOpenIntent(parcel.doorId!, 'return', actor, parcelId);
    });
    try {
      await this.wall.executeOpen(intent);
      this.store.parcels.addEvent({ parcelId, at: this.clock.now().toISOString(), type: 'door_opened', actor, doorId: parcel.doorId, detail: { reason: 'return' } });
    } catch (error) {
      // The parcel is already off the wall's books; the clerk opens the door with the service key.
      this.store.transaction(() => {
        this.store.parcels.addEvent({ parcelId, at: this.clock.now().toISOString(), type: 'door_failed', actor: 'system', doorId: parcel.doorId, detail: { error: (error as Error).message } });
        this.store.doors.setFault(parcel.doorId!, 'did_not_open', this.clock.now().toISOString());
      });
      throw new DomainError('door_failed', `Door ${parcel.doorId} did not open — use the service key to take parcel ${parcelId} out.`, 503, { door: parcel.doorId });
    } finally {
      this.wall.publishDoor(parcel.doorId);
    }
    this.bus.emit('parcel', { id: parcelId, status: 'returned', door: parcel.doorId, event: 'returned' });
    return this.store.parcels.get(parcelId)!;
  }
}
