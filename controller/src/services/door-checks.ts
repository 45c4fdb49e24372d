import type { Clock } from '../domain/types.ts';
import { DomainError } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { WallEventBus } from './event-bus.ts';
import type { Wall } from './wall.ts';

export type AuditResult = 'present' | 'missing' | 'unexpected_item';

/**
 * Doors opened by staff rather than for a parcel: the guided audit (open each occupied door and confirm
 * what is inside), an installer's identify pulse, and an employee reporting a door that did not open.
 */
export class DoorChecks {
  constructor(
    private readonly store: Store,
    private readonly wall: Wall,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
  ) {}

  /** Doors holding a parcel, in wall order: the audit's route. */
  auditPlan(): { door: string; parcelId: string; tracking: string; recipientId: string; status: string }[] {
    return this.store.doors
      .list()
      .map((d) => ({ door: d, parcel: this.store.parcels.activeInDoor(d.id) }))
      .filter((x) => x.parcel)
      .map(({ door, parcel }) => ({ door: door.id, parcelId: parcel!.id, tracking: parcel!.tracking, recipientId: parcel!.recipientId, status: parcel!.status }));
  }

  /** Opens a door for staff, through the door journal like every other open. */
  async openForCheck(doorId: string, actor: string, reason: 'audit' | 'identify' | 'service'): Promise<{ door: string; parcelId: string | null }> {
    const parcel = this.store.parcels.activeInDoor(doorId);
    const intent = this.store.transaction(() => {
      const intent = this.wall.recordOpenIntent(doorId, reason, actor, parcel?.id ?? null);
      if (parcel)
        this.store.parcels.addEvent({ parcelId: parcel.id, at: this.clock.now().toISOString(), type: 'door_opened_by_staff', actor, doorId, detail: { reason } });
      return intent;
    });
    await this.wall.executeOpen(intent);
    this.wall.publishDoor(doorId);
    return { door: doorId, parcelId: parcel?.id ?? null };
  }

  /** What the auditor found behind the door; a missing parcel or an unexpected item raises an alarm. */
  recordAudit(doorId: string, actor: string, result: AuditResult, note?: string): { door: string; parcelId: string | null; result: AuditResult } {
    if (!this.store.doors.get(doorId)) throw new DomainError('unknown_door', `There is no door ${doorId}.`, 404);
    const parcel = this.store.parcels.activeInDoor(doorId);
    const at = this.clock.now().toISOString();
    if (result === 'present' && !parcel)
      throw new DomainError('nothing_expected', `Door ${doorId} should be empty — record "unexpected_item" if something is inside.`, 409);
    if (parcel)
      this.store.parcels.addEvent({ parcelId: parcel.id, at, type: result === 'present' ? 'audit_confirmed' : `audit_${result}`, actor, doorId, detail: note ? { note } : {} });
    if (result !== 'present')
      this.bus.emit('alarm', {
        type: 'audit_discrepancy',
        door: doorId,
        message: result === 'missing' ? `Audit: the parcel in door ${doorId} is missing.` : `Audit: door ${doorId} holds an item the wall does not know.`,
        at,
      });
    return { door: doorId, parcelId: parcel?.id ?? null, result };
  }

  /** An employee says a door did not open: the clerk is alerted and the parcel's timeline records it. */
  reportDidNotOpen(doorIds: string[], reporter: string): { reported: string[] } {
    const at = this.clock.now().toISOString();
    const reported: string[] = [];
    for (const doorId of [...new Set(doorIds)]) {
      const parcel = this.store.parcels.activeInDoor(doorId);
      if (!parcel || parcel.status !== 'pickup_open') continue;
      this.store.parcels.addEvent({ parcelId: parcel.id, at, type: 'reported_did_not_open', actor: reporter, doorId, detail: {} });
      this.bus.emit('alarm', { type: 'door_reported', door: doorId, message: `Someone reports door ${doorId} did not open — check it.`, at });
      reported.push(doorId);
    }
    if (reported.length === 0) throw new DomainError('nothing_to_report', 'None of those doors was opened for a pickup just now.', 409);
    return { reported };
  }
}
