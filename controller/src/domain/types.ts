import type { DoorSize } from '../../../config/schema.ts';

export type { DoorSize };

export const SIZE_ORDER: readonly DoorSize[] = ['S', 'M', 'L', 'XL'];

export type Role = 'employee' | 'clerk' | 'admin';
export type Locale = 'zh-CN' | 'zh-TW' | 'en';

export interface Recipient {
  id: string;
  name: string;
  nameLatin: string;
  email: string;
  department: string;
  locale: Locale;
  role: Role;
  /** employee ids and `dept:<Department>` entries this person may collect for. */
  collectsFor: string[];
  needsAccessibleDoor: boolean;
  active: boolean;
}

/**
 * Parcel lifecycle:
 *   awaiting_close ──door closed──▶ stored ──code/badge──▶ pickup_open ──door closed──▶ collected
 *   awaiting_close ──door failed to open / clerk cancels──▶ cancelled
 *   held (at the counter, no door: inspection or media gate) ──cleared──▶ awaiting_close
 *   stored ──expired, clerk empties the door──▶ returned (back at the counter)
 */
export type ParcelStatus = 'held' | 'awaiting_close' | 'stored' | 'pickup_open' | 'collected' | 'cancelled' | 'returned';

export const ACTIVE_PARCEL_STATUSES: readonly ParcelStatus[] = ['awaiting_close', 'stored', 'pickup_open'];

export type ItemClass = 'standard' | 'registered' | 'insured' | 'express' | 'confidential' | 'media';

export interface Parcel {
  id: string;
  tracking: string;
  carrier: string | null;
  rawScan: string | null;
  recipientId: string;
  doorId: string | null;
  size: DoorSize;
  classes: ItemClass[];
  status: ParcelStatus;
  depositedAt: string;
  storedAt: string | null;
  collectedAt: string | null;
  collectedBy: string | null;
}

export interface DoorState {
  id: string;
  size: DoorSize;
  board: string;
  channel: number;
  column: number;
  row: number;
  accessible: boolean;
  secure: boolean;
  enabled: boolean;
  open: boolean;
  locked: boolean;
  fault: string | null;
}

export interface ParcelEvent {
  seq: number;
  parcelId: string;
  at: string;
  type: string;
  actor: string;
  doorId: string | null;
  detail: Record<string, unknown>;
}

/** A user-facing refusal: the HTTP layer maps `status` and shows `code` + `message`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 503 | 507 = 409,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
