import type { WallTopics } from './topics.ts';

/**
 * Home Assistant device-based discovery (one retained message per wall on
 * `<discoveryPrefix>/device/<objectId>/config`), as documented at
 * https://www.home-assistant.io/integrations/mqtt/#device-discovery-payload
 */

export interface DiscoveryDoor {
  id: string;
  board: string;
}

export interface DiscoveryInput {
  wallId: string;
  wallName: string;
  version: string;
  discoveryPrefix: string;
  topics: WallTopics;
  doors: readonly DiscoveryDoor[];
  /** the lock entity exists only when signed remote commands are enabled. */
  lockEntities: boolean;
  /** component ids announced last time; those missing now are removed explicitly. */
  previousComponents: readonly string[];
}

export type DiscoveryComponent = Record<string, unknown> & { platform: 'binary_sensor' | 'lock' };

export interface DiscoveryPayload {
  device: { identifiers: string[]; name: string; manufacturer: string; model: string; sw_version: string };
  origin: { name: string; sw_version: string };
  availability: { topic: string; value_template: string; payload_available: string; payload_not_available: string }[];
  availability_mode: 'all';
  qos: 1;
  components: Record<string, DiscoveryComponent | { platform: string }>;
}

/** HA object ids allow only [a-zA-Z0-9_-]; wall ids already match, door ids too (config schema). */
export function discoveryObjectId(wallId: string): string {
  return `lockerwall_${wallId}`;
}

export function discoveryTopic(discoveryPrefix: string, wallId: string): string {
  return `${discoveryPrefix}/device/${discoveryObjectId(wallId)}/config`;
}

function availability(topic: string) {
  return { topic, value_template: '{{ value_json.state }}', payload_available: 'online', payload_not_available: 'offline' };
}

export function doorComponents(input: Pick<DiscoveryInput, 'wallId' | 'topics' | 'lockEntities'>, door: DiscoveryDoor): Record<string, DiscoveryComponent> {
  const uid = `${discoveryObjectId(input.wallId)}_door_${door.id}`;
  const state_topic = input.topics.door(door.id);
  // Per door, the board's availability joins the wall's (availability_mode "all"): a door on an
  // offline board shows as unavailable rather than as a stale "closed".
  const doorAvailability = [availability(input.topics.status), availability(input.topics.boardStatus(door.board))];
  const components: Record<string, DiscoveryComponent> = {
    [`door_${door.id}`]: {
      platform: 'binary_sensor',
      name: `Door ${door.id}`,
      unique_id: `${uid}_open`,
      device_class: 'door',
      state_topic,
      value_template: "{{ 'ON' if value_json.open else 'OFF' }}",
      payload_on: 'ON',
      payload_off: 'OFF',
      availability: doorAvailability,
      availability_mode: 'all',
    },
    [`door_${door.id}_occupancy`]: {
      platform: 'binary_sensor',
      name: `Door ${door.id} occupied`,
      unique_id: `${uid}_occupied`,
      device_class: 'occupancy',
      state_topic,
      value_template: "{{ 'ON' if value_json.occupied else 'OFF' }}",
      payload_on: 'ON',
      payload_off: 'OFF',
      availability: doorAvailability,
      availability_mode: 'all',
    },
  };
  if (input.lockEntities)
    components[`door_${door.id}_lock`] = {
      platform: 'lock',
      name: `Door ${door.id} lock`,
      unique_id: `${uid}_lock`,
      state_topic,
      value_template: "{{ 'LOCKED' if value_json.locked else 'UNLOCKED' }}",
      state_locked: 'LOCKED',
      state_unlocked: 'UNLOCKED',
      // Home Assistant cannot compute the HMAC: a command from the entity itself is refused (and
      // raises an alarm) unless a signing bridge rewrites it — see docs/mqtt.md.
      command_topic: input.topics.request('open'),
      command_template: `{"door":"${door.id}","action":"{{ value }}"}`,
      payload_lock: 'LOCK',
      payload_unlock: 'UNLOCK',
      payload_open: 'OPEN',
      optimistic: false,
      availability: doorAvailability,
      availability_mode: 'all',
    };
  return components;
}

/** The discovery message for the current config, with explicit removals for components that left it. */
export function discoveryPayload(input: DiscoveryInput): DiscoveryPayload {
  const components: DiscoveryPayload['components'] = {};
  for (const door of input.doors) Object.assign(components, doorComponents(input, door));
  for (const id of input.previousComponents)
    if (!(id in components)) components[id] = { platform: id.endsWith('_lock') ? 'lock' : 'binary_sensor' };
  return {
    device: {
      identifiers: [discoveryObjectId(input.wallId)],
      name: input.wallName,
      manufacturer: 'Lockerwall',
      model: 'Parcel locker wall',
      sw_version: input.version,
    },
    origin: { name: 'lockerwall', sw_version: input.version },
    availability: [availability(input.topics.status)],
    availability_mode: 'all',
    qos: 1,
    components,
  };
}

/** Component ids that are real entities (not removal stubs), to remember for next time. */
export function liveComponentIds(payload: DiscoveryPayload): string[] {
  return Object.entries(payload.components)
    .filter(([, c]) => Object.keys(c).length > 1)
    .map(([id]) => id);
}
