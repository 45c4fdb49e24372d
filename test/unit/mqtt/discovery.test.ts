import { describe, expect, it } from 'vitest';
import { discoveryPayload, discoveryTopic, liveComponentIds, type DiscoveryInput } from '../../../controller/src/mqtt/discovery.ts';
import { wallTopics } from '../../../controller/src/mqtt/topics.ts';
import {
  AVAILABILITY_KEYS, AVAILABILITY_MODES, BINARY_SENSOR_DEVICE_CLASSES, DEVICE_DISCOVERY_ROOT, DEVICE_KEYS, DISCOVERY_ID, ORIGIN_KEYS, PLATFORM_KEYS,
} from './ha-schema.ts';

const topics = wallTopics('lockerwall', 'wall-1');
const input = (over: Partial<DiscoveryInput> = {}): DiscoveryInput => ({
  wallId: 'wall-1', wallName: 'Mailroom wall', version: '0.1.0', discoveryPrefix: 'homeassistant', topics,
  doors: [{ id: '1', board: 'A' }, { id: '12', board: 'B' }], lockEntities: false, previousComponents: [], ...over,
});

function checkAvailability(list: unknown, where: string) {
  expect(Array.isArray(list), where).toBe(true);
  for (const a of list as Record<string, unknown>[]) {
    expect(Object.keys(a).filter((k) => !AVAILABILITY_KEYS.includes(k)), `${where}: unknown availability keys`).toEqual([]);
    expect(typeof a.topic, where).toBe('string');
    expect(a.payload_available).toBe('online');
    expect(a.payload_not_available).toBe('offline');
    // our status payload is JSON {"state": "online"|"offline"}
    expect(a.value_template).toBe('{{ value_json.state }}');
  }
}

/** Checks one payload against HA's documented device-discovery schema; returns the components. */
function checkAgainstHaSchema(payload: Record<string, any>) {
  expect(Object.keys(payload).filter((k) => !DEVICE_DISCOVERY_ROOT.allowed.includes(k)), 'unknown root keys').toEqual([]);
  for (const k of DEVICE_DISCOVERY_ROOT.required) expect(payload, `root needs ${k}`).toHaveProperty(k);
  expect(Object.keys(payload.device).filter((k) => !DEVICE_KEYS.includes(k)), 'unknown device keys').toEqual([]);
  expect(payload.device.identifiers.length).toBeGreaterThan(0);
  expect(typeof payload.device.name).toBe('string');
  expect(Object.keys(payload.origin).filter((k) => !ORIGIN_KEYS.includes(k)), 'unknown origin keys').toEqual([]);
  expect(typeof payload.origin.name).toBe('string');
  checkAvailability(payload.availability, 'root');
  expect(AVAILABILITY_MODES).toContain(payload.availability_mode);
  expect([0, 1, 2]).toContain(payload.qos);
  const uniqueIds = new Set<string>();
  for (const [id, c] of Object.entries(payload.components as Record<string, Record<string, any>>)) {
    expect(id, 'component id').toMatch(DISCOVERY_ID);
    const schema = PLATFORM_KEYS[c.platform];
    expect(schema, `${id}: platform ${c.platform}`).toBeDefined();
    if (Object.keys(c).length === 1) continue; // a removal stub: only the platform, as HA documents
    expect(Object.keys(c).filter((k) => !schema!.allowed.includes(k)), `${id}: keys HA does not document`).toEqual([]);
    for (const k of schema!.required) expect(c, `${id} needs ${k}`).toHaveProperty(k);
    if (c.device_class !== undefined) expect(BINARY_SENSOR_DEVICE_CLASSES, `${id}: device_class`).toContain(c.device_class);
    checkAvailability(c.availability, id);
    expect(AVAILABILITY_MODES).toContain(c.availability_mode);
    expect(uniqueIds.has(c.unique_id), `${id}: unique_id repeated`).toBe(false);
    uniqueIds.add(c.unique_id);
  }
  return payload.components as Record<string, Record<string, any>>;
}

describe('Home Assistant device discovery', () => {
  it('publishes on homeassistant/device/<object id>/config', () => {
    expect(discoveryTopic('homeassistant', 'wall-1')).toBe('homeassistant/device/lockerwall_wall-1/config');
    expect(discoveryTopic('homeassistant', 'wall-1').split('/')[2]).toMatch(DISCOVERY_ID);
  });

  it('announces per door a door sensor and an occupancy sensor, field by field as HA documents them', () => {
    const components = checkAgainstHaSchema(JSON.parse(JSON.stringify(discoveryPayload(input()))));
    expect(Object.keys(components).sort()).toEqual(['door_1', 'door_12', 'door_12_occupancy', 'door_1_occupancy']);
    const door = components.door_12!;
    expect(door).toMatchObject({ platform: 'binary_sensor', device_class: 'door', state_topic: 'lockerwall/wall-1/doors/12', payload_on: 'ON', payload_off: 'OFF' });
    expect(components.door_12_occupancy).toMatchObject({ platform: 'binary_sensor', device_class: 'occupancy', state_topic: 'lockerwall/wall-1/doors/12' });
    // availability: the wall's status and the door's own board
    expect(door.availability.map((a: { topic: string }) => a.topic)).toEqual(['lockerwall/wall-1/status', 'lockerwall/wall-1/boards/B/status']);
    expect(door.availability_mode).toBe('all');
  });

  it('renders the state from our door payload the way the templates expect', () => {
    const c = discoveryPayload(input()).components as Record<string, Record<string, string>>;
    expect(c.door_1!.value_template).toBe("{{ 'ON' if value_json.open else 'OFF' }}");
    expect(c.door_1_occupancy!.value_template).toBe("{{ 'ON' if value_json.occupied else 'OFF' }}");
  });

  it('adds a lock entity only when remote commands are enabled', () => {
    expect(Object.values(discoveryPayload(input()).components).some((c) => c.platform === 'lock')).toBe(false);
    const components = checkAgainstHaSchema(JSON.parse(JSON.stringify(discoveryPayload(input({ lockEntities: true })))));
    expect(components.door_12_lock).toMatchObject({
      platform: 'lock', command_topic: 'lockerwall/wall-1/request/open', state_topic: 'lockerwall/wall-1/doors/12',
      state_locked: 'LOCKED', state_unlocked: 'UNLOCKED', optimistic: false,
    });
  });

  it('removes the entities of a door that left the config, and of locks once remote commands are off', () => {
    const before = discoveryPayload(input({ lockEntities: true }));
    const after = discoveryPayload(input({ doors: [{ id: '1', board: 'A' }], previousComponents: liveComponentIds(before) }));
    checkAgainstHaSchema(JSON.parse(JSON.stringify(after)));
    expect(after.components.door_12).toEqual({ platform: 'binary_sensor' });
    expect(after.components.door_12_occupancy).toEqual({ platform: 'binary_sensor' });
    expect(after.components.door_12_lock).toEqual({ platform: 'lock' });
    expect(after.components.door_1_lock).toEqual({ platform: 'lock' });
    expect(liveComponentIds(after).sort()).toEqual(['door_1', 'door_1_occupancy']);
  });
});
