/**
 * Home Assistant's documented MQTT discovery options (https://www.home-assistant.io/integrations/mqtt/,
 * binary_sensor.mqtt, lock.mqtt, binary_sensor device classes), transcribed for field-by-field checks.
 */
export const BINARY_SENSOR_DEVICE_CLASSES = [
  'battery', 'battery_charging', 'carbon_monoxide', 'cold', 'connectivity', 'door', 'garage_door', 'gas', 'heat', 'light',
  'lock', 'moisture', 'motion', 'moving', 'occupancy', 'opening', 'plug', 'power', 'presence', 'problem', 'running',
  'safety', 'smoke', 'sound', 'tamper', 'update', 'vibration', 'window',
];

const ENTITY_COMMON = [
  'platform', 'availability', 'availability_mode', 'availability_template', 'availability_topic', 'device', 'enabled_by_default',
  'encoding', 'entity_category', 'entity_picture', 'icon', 'json_attributes_template', 'json_attributes_topic', 'name', 'object_id',
  'default_entity_id', 'payload_available', 'payload_not_available', 'qos', 'unique_id', 'value_template',
];

export const PLATFORM_KEYS: Record<string, { allowed: string[]; required: string[] }> = {
  binary_sensor: {
    allowed: [...ENTITY_COMMON, 'device_class', 'expire_after', 'force_update', 'off_delay', 'payload_off', 'payload_on', 'state_topic'],
    required: ['platform', 'unique_id', 'state_topic'],
  },
  lock: {
    allowed: [
      ...ENTITY_COMMON, 'code_format', 'command_template', 'command_topic', 'optimistic', 'payload_lock', 'payload_open', 'payload_reset',
      'payload_unlock', 'retain', 'state_jammed', 'state_locked', 'state_locking', 'state_open', 'state_opening', 'state_topic',
      'state_unlocked', 'state_unlocking',
    ],
    required: ['platform', 'unique_id', 'command_topic'],
  },
};

/** Shared options allowed at the root of a device discovery payload. */
export const DEVICE_DISCOVERY_ROOT = {
  allowed: ['device', 'origin', 'components', 'availability', 'availability_mode', 'availability_template', 'availability_topic', 'payload_available', 'payload_not_available', 'command_topic', 'state_topic', 'qos', 'encoding'],
  required: ['device', 'origin', 'components'],
};

export const DEVICE_KEYS = ['configuration_url', 'connections', 'identifiers', 'manufacturer', 'model', 'model_id', 'name', 'hw_version', 'sw_version', 'suggested_area', 'serial_number', 'via_device'];
export const ORIGIN_KEYS = ['name', 'sw_version', 'support_url'];
export const AVAILABILITY_KEYS = ['topic', 'payload_available', 'payload_not_available', 'value_template'];
export const AVAILABILITY_MODES = ['all', 'any', 'latest'];
/** HA: discovery ids only consist of [a-zA-Z0-9_-]. */
export const DISCOVERY_ID = /^[a-zA-Z0-9_-]+$/;
