import { DomainError, type ParcelStatus } from './types.ts';

const ALLOWED: Record<ParcelStatus, readonly ParcelStatus[]> = {
  held: ['awaiting_close', 'cancelled'],
  awaiting_close: ['stored', 'cancelled', 'held'],
  stored: ['pickup_open', 'returned'],
  pickup_open: ['collected', 'stored'],
  collected: [],
  cancelled: [],
  returned: [],
};

export function canTransition(from: ParcelStatus, to: ParcelStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertTransition(parcelId: string, from: ParcelStatus, to: ParcelStatus): void {
  if (!canTransition(from, to))
    throw new DomainError('invalid_state', `Parcel ${parcelId} is ${from} and cannot become ${to}.`, 409);
}
