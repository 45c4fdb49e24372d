import { DomainError, SIZE_ORDER, type DoorSize, type DoorState } from './types.ts';

export interface AllocationRequest {
  size: DoorSize;
  needsAccessibleDoor: boolean;
  needsSecureDoor: boolean;
  /** doors reserved for this recipient or their department come first (personal boxes). */
  preferredDoorIds?: readonly string[];
}

const sizeRank = (size: DoorSize) => SIZE_ORDER.indexOf(size);

/**
 * Best fit: the smallest free, enabled, fault-free door at least as large as the parcel; an accessible
 * door when the recipient needs one; a secure door when the item requires one. Ties go to a preferred
 * door, then to non-accessible doors (keeping accessible ones for those who need them), then by label.
 */
export function chooseDoor(doors: readonly DoorState[], occupied: ReadonlySet<string>, request: AllocationRequest): DoorState {
  const preferred = new Set(request.preferredDoorIds ?? []);
  const candidates = doors.filter(
    (d) =>
      d.enabled &&
      !d.fault &&
      !d.open &&
      !occupied.has(d.id) &&
      sizeRank(d.size) >= sizeRank(request.size) &&
      (!request.needsAccessibleDoor || d.accessible) &&
      (!request.needsSecureDoor || d.secure),
  );
  if (candidates.length === 0) {
    const what = [
      `size ${request.size} or larger`,
      request.needsAccessibleDoor ? 'accessible' : '',
      request.needsSecureDoor ? 'secure' : '',
    ]
      .filter(Boolean)
      .join(', ');
    throw new DomainError('no_free_door', `No free door (${what}) — the wall is full for this parcel; keep it at the counter.`, 409, {
      size: request.size,
      accessible: request.needsAccessibleDoor,
      secure: request.needsSecureDoor,
    });
  }
  const score = (d: DoorState) => [
    preferred.has(d.id) ? 0 : 1,
    sizeRank(d.size),
    !request.needsAccessibleDoor && d.accessible ? 1 : 0,
    !request.needsSecureDoor && d.secure ? 1 : 0,
  ];
  return [...candidates].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
    return a.id.localeCompare(b.id, 'en', { numeric: true });
  })[0]!;
}
