import type { DoorSize } from '../domain/types.ts';
import type { AlarmType } from '../services/event-bus.ts';

/**
 * The MQTT contract: every topic under `<topicPrefix>/<wallId>/`, its direction, retain flag, QoS and
 * payload type. Publisher, request handler, discovery and docs/mqtt.md all follow this one map.
 * Payloads carry opaque ids only: no names, e-mail addresses, tracking numbers or codes.
 */

export interface AvailabilityPayload {
  state: 'online' | 'offline';
}

export interface BoardStatusPayload {
  state: 'online' | 'offline';
  reason?: string;
}

export interface DoorPayload {
  door: string;
  open: boolean;
  locked: boolean;
  occupied: boolean;
  size: DoorSize;
  fault: string | null;
  enabled: boolean;
}

export interface SizeCounts {
  total: number;
  free: number;
  occupied: number;
}

export interface SummaryPayload {
  total: number;
  free: number;
  occupied: number;
  open: number;
  disabled: number;
  faults: number;
  /** ids of doors with a fault, so a dashboard can point at them. */
  faultDoors: string[];
  bySize: Record<DoorSize, SizeCounts>;
}

export type MqttAlarmType = AlarmType | 'parcel_quarantined' | 'storage' | 'remote_command_refused';

/** Not retained. `at` is an ISO-8601 time. */
export type EventPayload =
  | { type: 'deposit'; event: string; parcel: string; door: string | null; status: string; at: string }
  | { type: 'pickup'; event: string; parcel: string; door: string | null; status: string; at: string }
  /** other parcel milestones: received, inspection_cleared, quarantined, expired, returned, … */
  | { type: 'parcel'; event: string; parcel: string; door: string | null; status: string; at: string }
  | { type: 'door_opened' | 'door_closed'; door: string; at: string }
  | { type: 'board_online' | 'board_offline'; board: string; reason?: string; at: string }
  | { type: 'remote_open'; request: 'open' | 'identify'; door: string; requestId: string; occupied: boolean; at: string }
  | { type: 'alarm'; alarm: MqttAlarmType; door?: string; board?: string; message: string; at: string };

/** Every `type` on `events` and every `alarm` value, for docs and tests. */
export const EVENT_TYPES = ['deposit', 'pickup', 'parcel', 'door_opened', 'door_closed', 'board_online', 'board_offline', 'remote_open', 'alarm'] as const satisfies readonly EventPayload['type'][];
export const ALARM_TYPES = [
  'door_forced', 'door_held_open', 'door_failed', 'board_offline', 'code_guessing', 'unknown_door_outcome', 'parcel_quarantined',
  'storage', 'audit_discrepancy', 'door_reported', 'outgoing_exception', 'outgoing_late', 'remote_command_refused',
] as const satisfies readonly MqttAlarmType[];

export const REQUEST_NAMES = ['status', 'identify', 'open'] as const;
export type RequestName = (typeof REQUEST_NAMES)[number];

/** A signed command (`identify`, `open`); see signed-request.ts for the signature. */
export interface SignedDoorRequest {
  door: string;
  requestId: string;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds; at most 30 s after issuedAt. */
  expiresAt: number;
  /** hex HMAC-SHA256 over the canonical string. */
  signature: string;
  transaction?: string;
}

export interface StatusRequest {
  transaction?: string;
}

export interface StatusData {
  status: AvailabilityPayload['state'];
  wallId: string;
  doors: DoorPayload[];
  summary: SummaryPayload;
  boards: Record<string, BoardStatusPayload>;
  remoteCommands: boolean;
}

export interface ResponsePayload<T = unknown> {
  status: 'ok' | 'error';
  data: T | null;
  error?: { code: string; message: string };
  transaction?: string;
}

/** Topic builders for one wall. Ids are validated by the config schema ([A-Za-z0-9_-]), never `+`/`#`. */
export function wallTopics(prefix: string, wallId: string) {
  const base = `${prefix}/${wallId}`;
  return {
    base,
    status: `${base}/status`,
    boardStatus: (board: string) => `${base}/boards/${board}/status`,
    door: (door: string) => `${base}/doors/${door}`,
    summary: `${base}/summary`,
    events: `${base}/events`,
    request: (name: string) => `${base}/request/${name}`,
    requestWildcard: `${base}/request/+`,
    response: (name: string) => `${base}/response/${name}`,
  };
}

export type WallTopics = ReturnType<typeof wallTopics>;

export interface TopicContractEntry {
  /** relative to `<topicPrefix>/<wallId>/`, or absolute when it starts with `homeassistant/`. */
  topic: string;
  direction: 'controller → broker' | 'client → controller';
  retained: boolean;
  qos: 0 | 1;
  description: string;
  example: unknown;
}

const exampleDoor: DoorPayload = { door: '12', open: false, locked: true, occupied: true, size: 'M', fault: null, enabled: true };

/** The documented contract; docs/mqtt.md lists exactly these topics (a test keeps them in step). */
export const TOPIC_CONTRACT: readonly TopicContractEntry[] = [
  { topic: 'status', direction: 'controller → broker', retained: true, qos: 1, description: 'Wall availability; also the Last Will (offline).', example: { state: 'online' } },
  { topic: 'boards/<board>/status', direction: 'controller → broker', retained: true, qos: 1, description: 'Availability of one lock board.', example: { state: 'offline', reason: 'no answer to PING' } },
  { topic: 'doors/<door>', direction: 'controller → broker', retained: true, qos: 1, description: 'State of one door.', example: exampleDoor },
  {
    topic: 'summary',
    direction: 'controller → broker',
    retained: true,
    qos: 1,
    description: 'Free and occupied doors by size, open doors, faults.',
    example: {
      total: 24, free: 20, occupied: 3, open: 1, disabled: 0, faults: 1, faultDoors: ['7'],
      bySize: { S: { total: 8, free: 7, occupied: 1 }, M: { total: 8, free: 6, occupied: 1 }, L: { total: 4, free: 3, occupied: 1 }, XL: { total: 4, free: 4, occupied: 0 } },
    },
  },
  { topic: 'events', direction: 'controller → broker', retained: false, qos: 0, description: 'Deposits, pickups, door changes, board changes, alarms.', example: { type: 'alarm', alarm: 'door_forced', door: '12', message: 'Door 12 was opened without a command.', at: '2026-12-03T09:15:00.000Z' } },
  { topic: 'request/status', direction: 'client → controller', retained: false, qos: 1, description: 'Ask for the full state.', example: { transaction: 'dash-1' } },
  { topic: 'request/identify', direction: 'client → controller', retained: false, qos: 1, description: 'Pulse one empty door so an installer can find it (signed; remote commands must be enabled).', example: { door: '12', requestId: '5f0c7c1e-1d7e-4b7a-9d1e-0c0f3b1f9a11', issuedAt: 1796287200, expiresAt: 1796287220, signature: '<hex HMAC-SHA256>', transaction: 'inst-7' } },
  { topic: 'request/open', direction: 'client → controller', retained: false, qos: 1, description: 'Open one door remotely (signed; off by default).', example: { door: '12', requestId: '8d7c2b8e-3a51-4c55-8f3e-1c2b3a4d5e6f', issuedAt: 1796287200, expiresAt: 1796287220, signature: '<hex HMAC-SHA256>', transaction: 'fm-42' } },
  { topic: 'response/<name>', direction: 'controller → broker', retained: false, qos: 1, description: 'Answer to request/<name>, with the caller\'s transaction echoed.', example: { status: 'error', data: null, error: { code: 'expired', message: 'The request expired at 2026-12-03T09:20:20.000Z — sign a new one.' }, transaction: 'fm-42' } },
  { topic: 'homeassistant/device/<wallId>/config', direction: 'controller → broker', retained: true, qos: 1, description: 'Home Assistant device discovery (when mqtt.discovery is on).', example: '(see the Home Assistant section)' },
];
