import { OUTGOING_SERVICES, type OutgoingService } from '../../../config/schema.ts';
import type { ScanResult } from '../readers/scan/types.ts';
import { dateKey, localTime } from './business-calendar.ts';
import { DomainError } from './types.ts';

export { OUTGOING_SERVICES, type OutgoingService };

/**
 * Outgoing item lifecycle:
 *   awaiting_close (door open for the drop-off) ──door closed──▶ awaiting_dispatch
 *   awaiting_dispatch ──clerk opens the door and takes it──▶ collected ──label scanned──▶ dispatched
 *   dispatched / in_transit / exception ──carrier pushes──▶ in_transit | exception | delivered | returned
 *   awaiting_close / awaiting_dispatch / collected ──clerk hands it back or the door failed──▶ cancelled
 */
export const OUTGOING_STATUSES = [
  'awaiting_close',
  'awaiting_dispatch',
  'collected',
  'dispatched',
  'in_transit',
  'exception',
  'delivered',
  'returned',
  'cancelled',
] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];

/** Statuses in which the item lies in its door. */
export const IN_DOOR_STATUSES: readonly OutgoingStatus[] = ['awaiting_close', 'awaiting_dispatch'];
/** Statuses a carrier push may move on from. */
export const ON_THE_WAY_STATUSES: readonly OutgoingStatus[] = ['dispatched', 'in_transit', 'exception'];

/** What a tracking aggregator can tell us, in our words. */
export type CarrierStatus = 'in_transit' | 'exception' | 'delivered' | 'returned';

export interface Addressee {
  name: string;
  organisation?: string;
  addressLines?: string[];
  city: string;
  postcode?: string;
  /** ISO 3166 alpha-2, upper case. */
  country: string;
}

export interface OutgoingItem {
  id: string;
  senderId: string;
  department: string;
  addressee: Addressee;
  service: OutgoingService;
  declaredValue: number | null;
  declaredCurrency: string | null;
  doorId: string | null;
  status: OutgoingStatus;
  droppedOffAt: string;
  closedAt: string | null;
  collectedAt: string | null;
  dispatchedAt: string | null;
  carrier: string | null;
  product: string | null;
  tracking: string | null;
  postage: number | null;
  postageCurrency: string | null;
  /** local date (YYYY-MM-DD) in the mailroom's time zone. */
  expectedDeliveryDate: string | null;
  deliveredAt: string | null;
  /** an open alarm the mailroom should look at: `exception` or `late`. */
  alert: 'exception' | 'late' | null;
}

export interface OutgoingEvent {
  seq: number;
  itemId: string;
  at: string;
  type: string;
  actor: string;
  doorId: string | null;
  detail: Record<string, unknown>;
}

export interface CarrierRule {
  service?: OutgoingService;
  destination: 'domestic' | 'international' | 'any';
  countries: string[];
  carrier: string;
  product: string;
}

export interface CarrierSuggestion {
  carrier: string;
  product: string;
  destination: 'domestic' | 'international';
}

/** The first rule that matches the service and the destination; none when no rule does. */
export function suggestCarrier(rules: readonly CarrierRule[], service: OutgoingService, country: string, homeCountry: string): CarrierSuggestion | null {
  const destination = country.toUpperCase() === homeCountry.toUpperCase() ? 'domestic' : 'international';
  const rule = rules.find(
    (r) =>
      (r.service === undefined || r.service === service) &&
      (r.destination === 'any' || r.destination === destination) &&
      (r.countries.length === 0 || r.countries.map((c) => c.toUpperCase()).includes(country.toUpperCase())),
  );
  return rule ? { carrier: rule.carrier, product: rule.product, destination } : null;
}

/** Carriers whose numbers are courier (express) numbers. */
const COURIERS = new Set(['ups', 'fedex', 'dhl', 'sf-express', 'ems', 'usps', 'ontrac']);

export interface DispatchTracking {
  tracking: string | null;
  carrier: string | null;
}

function isCourierNumber(r: Extract<ScanResult, { status: 'ok' }>): boolean {
  return COURIERS.has(r.carrier) || (r.carrier === 'upu' && r.service === 'express');
}

/**
 * Whether the label the clerk scanned fits the service the sender paid for: registered post needs a
 * UPU S10 registered number (R…), insured an S10 insured number (V…) or a courier number, express a
 * courier number (or an EMS S10 E…); a standard letter needs no number. Throws what the clerk must fix.
 */
export function checkDispatchTracking(service: OutgoingService, scan: ScanResult | null): DispatchTracking {
  if (!scan || scan.status === 'empty') {
    if (service === 'standard_letter') return { tracking: null, carrier: null };
    throw new DomainError('tracking_required', `A ${serviceLabel(service)} item needs its tracking number: scan the carrier's label.`, 422);
  }
  if (scan.status === 'invalid')
    throw new DomainError('invalid_tracking', `${scan.message} Nothing was dispatched.`, 422, { reason: scan.reason, carrier: scan.carrier ?? null });
  if (scan.status === 'ambiguous')
    throw new DomainError('ambiguous_tracking', 'This label reads as more than one tracking number — give the carrier too.', 422, { candidates: scan.candidates });
  if (scan.status === 'unknown') {
    if (service === 'standard_letter') return { tracking: scan.rawVisible.trim().toUpperCase(), carrier: null };
    throw new DomainError('unknown_tracking', `${scan.message} A ${serviceLabel(service)} item needs a number the scan normaliser recognises.`, 422);
  }
  const ok = scan;
  const s10 = ok.carrier === 'upu';
  const fits =
    service === 'standard_letter' ||
    (service === 'registered' && s10 && ok.service === 'registered') ||
    (service === 'insured' && ((s10 && ok.service === 'insured') || isCourierNumber(ok))) ||
    (service === 'express' && isCourierNumber(ok));
  if (!fits)
    throw new DomainError('tracking_kind_mismatch', `${ok.tracking} is ${describe(ok)}, but a ${serviceLabel(service)} item needs ${needs(service)}.`, 422, {
      tracking: ok.tracking,
      carrier: ok.carrier,
    });
  return { tracking: ok.tracking, carrier: ok.carrier };
}

function describe(r: Extract<ScanResult, { status: 'ok' }>): string {
  return r.carrier === 'upu' ? `a UPU S10 ${r.service ?? ''} number` : `a ${r.carrier} number`;
}

function needs(service: OutgoingService): string {
  if (service === 'registered') return 'a UPU S10 registered number (R…, e.g. RR123456785CN)';
  if (service === 'insured') return 'a UPU S10 insured number (V…) or a courier number';
  return 'a courier number (UPS, FedEx, DHL, SF Express, EMS)';
}

export function serviceLabel(service: OutgoingService): string {
  return service === 'standard_letter' ? 'standard letter' : service;
}

/** The local calendar date of an instant in the mailroom's time zone. */
export function localDate(at: Date | string, timeZone: string): string {
  return dateKey(localTime(typeof at === 'string' ? new Date(at) : at, timeZone));
}

/** Delivered after the expected local date (or, undelivered, the date has passed). */
export function isLate(expectedDeliveryDate: string | null, deliveredAtOrNow: Date | string, timeZone: string): boolean {
  return expectedDeliveryDate !== null && localDate(deliveredAtOrNow, timeZone) > expectedDeliveryDate;
}

/** May a carrier status be applied to an item in this status? Repeats add to the timeline only. */
export function acceptsCarrierStatus(current: OutgoingStatus): boolean {
  return ON_THE_WAY_STATUSES.includes(current);
}
