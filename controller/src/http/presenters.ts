import type { Parcel, ParcelEvent } from '../domain/types.ts';
import type { DoorView } from '../services/event-bus.ts';

export function presentDoor(d: DoorView) {
  return {
    door: d.id,
    size: d.size,
    open: d.open,
    locked: d.locked,
    occupied: d.occupied,
    fault: d.fault,
    enabled: d.enabled,
    column: d.column,
    row: d.row,
    accessible: d.accessible,
    secure: d.secure,
  };
}

export function presentParcel(p: Parcel, events?: ParcelEvent[]) {
  return {
    id: p.id,
    tracking: p.tracking,
    carrier: p.carrier,
    recipientId: p.recipientId,
    door: p.doorId,
    size: p.size,
    classes: p.classes,
    status: p.status,
    depositedAt: p.depositedAt,
    storedAt: p.storedAt,
    collectedAt: p.collectedAt,
    collectedBy: p.collectedBy,
    ...(events ? { events: events.map(({ seq, at, type, actor, doorId, detail }) => ({ seq, at, type, actor, door: doorId, detail })) } : {}),
  };
}
