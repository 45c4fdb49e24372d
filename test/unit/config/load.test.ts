import { describe, expect, it } from 'vitest';
import { ConfigError, environmentOverrides, loadConfig, mergeConfig, parseConfig } from '../../../config/load.ts';

describe('configuration', () => {
  it('has a valid default: 2 simulated boards and 24 doors of mixed sizes', () => {
    const config = loadConfig({});
    expect(config.boards).toHaveLength(2);
    expect(config.doors).toHaveLength(24);
    expect(new Set(config.doors.map((d) => d.size))).toEqual(new Set(['S', 'M', 'L', 'XL']));
    expect(config.hardware.driver).toBe('sim');
    expect(config.http.port).toBe(8080);
  });

  it('applies the environment overrides of DESIGN.md', () => {
    const config = loadConfig({ LOCKERWALL_HTTP_PORT: '9090', LOCKERWALL_DATA_DIR: '/tmp/x', LOCKERWALL_MQTT_URL: 'mqtt://broker:1883', LOCKERWALL_MQTT_PORT: '1999', LOCKERWALL_HARDWARE: 'lwp' });
    expect(config.http.port).toBe(9090);
    expect(config.dataDir).toBe('/tmp/x');
    expect(config.mqtt.url).toBe('mqtt://broker:1883');
    expect(config.mqtt.port).toBe(1999);
    expect(config.hardware.driver).toBe('lwp');
  });

  it('names the offending setting', () => {
    expect(() => loadConfig({ LOCKERWALL_HTTP_PORT: 'eighty' })).toThrow(/LOCKERWALL_HTTP_PORT/);
    expect(() => loadConfig({ LOCKERWALL_HARDWARE: 'magic' })).toThrow(/hardware\.driver/);
    const base = loadConfig({});
    expect(() => parseConfig({ ...base, doors: [...base.doors, { ...base.doors[0] }] })).toThrow(/doors\[24\]\.id: door "1" is listed twice/);
    expect(() => parseConfig({ ...base, doors: [{ ...base.doors[0], channel: 99 }] })).toThrow(/doors\[0\]\.channel/);
    expect(() => parseConfig({ ...base, doors: [{ ...base.doors[0], size: 'XXL' }] })).toThrow(/doors\[0\]\.size/);
    expect(() => parseConfig({ ...base, unknownSetting: 1 })).toThrow(ConfigError);
  });

  it('merges objects and replaces arrays', () => {
    expect(mergeConfig({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: 3 }, l: [9] })).toEqual({ a: { b: 1, c: 3 }, l: [9] });
    expect(environmentOverrides({})).toEqual({});
  });
});
