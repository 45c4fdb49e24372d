import type { ApiClient, Credential } from '../../api/client.ts';
import type { DoorSize } from '../../api/types.ts';

/** Outgoing mail over the controller's API (docs/outgoing.md); kept beside the screens that use it so they load lazily. */

export const SERVICES = ['standard_letter', 'registered', 'express', 'insured'] as const;
export type OutgoingService = (typeof SERVICES)[number];

export interface Addressee {
  name: string;
  organisation?: string;
  addressLines?: string[];
  city: string;
  postcode?: string;
  country: string;
}

export interface DropOff {
  service: OutgoingService;
  addressee: Addressee;
  declaredValue?: number;
  declaredCurrency?: string;
  size?: DoorSize;
}

export interface CarrierSuggestion {
  carrier: string;
  product: string;
  destination: 'domestic' | 'international';
}

export interface OutgoingEvent {
  seq: number;
  at: string;
  type: string;
  actor: string;
  doorId: string | null;
  detail: Record<string, unknown>;
}

export interface OutgoingItem {
  id: string;
  status: string;
  service: OutgoingService;
  door: string | null;
  addressee: Addressee;
  sender: { id: string; name?: string; department?: string };
  suggestion: CarrierSuggestion | null;
  declaredValue: number | null;
  declaredCurrency: string | null;
  droppedOffAt: string;
  carrier: string | null;
  tracking: string | null;
  events?: OutgoingEvent[];
}

export interface Dispatch {
  scan?: string;
  tracking?: string;
  carrier?: string;
  product?: string;
  postage: { amount: number; currency: string };
  expectedDeliveryDate: string;
}

/** Kiosk: the badge (typed by a wedge reader) or a serial-reader tap identifies the sender; a free door opens. */
export function dropOff(api: ApiClient, credential: Extract<Credential, { badge: string } | { tap: string }>, item: DropOff) {
  return api.request<{ id: string; door: string; status: string; service: OutgoingService }>('POST', '/api/outgoing', { ...credential, ...item });
}

export function awaitingDispatch(api: ApiClient) {
  return api.request<{ items: OutgoingItem[] }>('GET', '/api/outgoing?status=awaiting_dispatch');
}

export function collect(api: ApiClient, id: string) {
  return api.request<OutgoingItem>('POST', `/api/outgoing/${encodeURIComponent(id)}/collect`);
}

export function dispatch(api: ApiClient, id: string, body: Dispatch) {
  return api.request<OutgoingItem>('POST', `/api/outgoing/${encodeURIComponent(id)}/dispatch`, body);
}
