export type DoorSize = 'S' | 'M' | 'L' | 'XL';

export interface Door {
  door: string;
  size: DoorSize;
  open: boolean;
  locked: boolean;
  occupied: boolean;
  fault: string | null;
  enabled: boolean;
  column: number;
  row: number;
  accessible: boolean;
  secure: boolean;
}

export interface PickupResult {
  doors: string[];
  parcels: string[];
  /** Present after a badge pickup: who collected, and the language they prefer. */
  collector?: { id: string; locale: string };
}

export type StaffRole = 'clerk' | 'admin';

export interface StaffSession {
  token: string;
  role: StaffRole;
  name: string;
  expiresAt: string;
}

export interface Recipient {
  id: string;
  name: string;
  nameLatin: string;
  email: string;
  department: string;
  needsAccessibleDoor: boolean;
}

export interface ParcelEvent {
  at: string;
  type: string;
  actor?: string;
  door?: string | null;
  doorId?: string | null;
}

export interface Parcel {
  id: string;
  door: string | null;
  status: string;
  tracking: string;
  carrier: string | null;
  recipientId: string;
  size?: DoorSize;
  classes?: string[];
  depositedAt?: string;
  storedAt?: string | null;
  events?: ParcelEvent[];
}

export interface DepositRequest {
  scan?: string;
  tracking?: string;
  recipientId: string;
  size?: DoorSize;
  classes?: string[];
  /** insured items */
  declaredValue?: number;
  declaredCurrency?: string;
  condition?: string;
}

export interface ScanInterpretation {
  status: 'ok' | 'ambiguous' | 'invalid' | 'empty' | 'unknown';
  tracking?: string;
  carrier?: string | null;
  service?: string;
  serviceClassHint?: string;
  candidates?: { tracking: string; carrier: string | null }[];
}

export interface ParcelUpdate {
  id: string;
  status: string;
  door: string | null;
}

export interface Alarm {
  type: string;
  door?: string;
  message: string;
}

/** One stop on the guided audit: an occupied door and the parcel the wall believes is inside. */
export interface AuditDoor {
  door: string;
  parcelId: string;
  tracking: string;
  recipientId: string;
  status: string;
}

export type AuditResult = 'present' | 'missing' | 'unexpected_item';
