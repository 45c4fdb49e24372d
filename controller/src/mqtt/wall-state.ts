import { SIZE_ORDER } from '../domain/types.ts';
import type { DoorView } from '../services/event-bus.ts';
import type { DoorPayload, SizeCounts, SummaryPayload } from './topics.ts';

/** What `doors/<door>` carries: state only, never who or what is inside. */
export function doorPayload(view: DoorView): DoorPayload {
  return {
    door: view.id,
    open: view.open,
    locked: view.locked,
    occupied: view.occupied,
    size: view.size,
    fault: view.fault,
    enabled: view.enabled,
  };
}

/** A door is free when a clerk could put a parcel in it now: enabled, empty and without a fault. */
export function isFree(door: DoorPayload): boolean {
  return door.enabled && !door.occupied && door.fault === null;
}

export function summaryPayload(doors: readonly DoorPayload[]): SummaryPayload {
  const bySize = Object.fromEntries(SIZE_ORDER.map((s) => [s, { total: 0, free: 0, occupied: 0 }])) as Record<
    DoorPayload['size'],
    SizeCounts
  >;
  const summary: SummaryPayload = { total: 0, free: 0, occupied: 0, open: 0, disabled: 0, faults: 0, faultDoors: [], bySize };
  for (const d of doors) {
    const size = bySize[d.size];
    summary.total++;
    size.total++;
    if (isFree(d)) {
      summary.free++;
      size.free++;
    }
    if (d.occupied) {
      summary.occupied++;
      size.occupied++;
    }
    if (d.open) summary.open++;
    if (!d.enabled) summary.disabled++;
    if (d.fault !== null) {
      summary.faults++;
      summary.faultDoors.push(d.door);
    }
  }
  return summary;
}
