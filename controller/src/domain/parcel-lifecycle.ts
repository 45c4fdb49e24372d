import { DomainError, type ParcelStatus } from './types.ts';

const ALLOWED: Record<ParcelStatus, readonly ParcelStatus[]> = {
  awaiting_close: ['stored', 'cancelled'],
  stored: ['pickup_open'],
  pickup_open: ['collected', 'stored'],
  collected: [],
  cancelled: [],
};

export function canTransition(from: ParcelStatus, to: ParcelStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertTransition(parcelId: string, from: ParcelStatus, to: ParcelStatus): void {
  if (!canTransition(from, to))
    throw new DomainError('invalid_state', `Parcel ${parcelId} is ${from} and cannot become ${to}.`, 409);
}
