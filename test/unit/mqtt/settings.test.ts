import { describe, expect, it } from 'vitest';
import { readMqttSettings } from '../../../controller/src/mqtt/settings.ts';

const mqtt = (extra: Record<string, unknown> = {}) =>
  ({ wallId: 'wall-7', mqtt: { url: '', port: 1883, host: '127.0.0.1', topicPrefix: 'lockerwall', discovery: true, ...extra } }) as never;

describe('MQTT settings', () => {
  it('defaults: remote commands off, a client id unique to the wall, TLS verification on', () => {
    const s = readMqttSettings(mqtt());
    expect(s.remoteCommands.enabled).toBe(false);
    expect(s.clientId).toBe('lockerwall-wall-7');
    expect(s.tls.rejectUnauthorized).toBe(true);
    expect(s.discoveryPrefix).toBe('homeassistant');
  });

  it('refuses to enable remote commands without a long key, naming the setting', () => {
    expect(() => readMqttSettings(mqtt({ remoteCommands: { enabled: true } }))).toThrow(/mqtt\.remoteCommands\.key/);
    expect(() => readMqttSettings(mqtt({ remoteCommands: { enabled: true, key: 'short' } }))).toThrow(/32 characters/);
    expect(readMqttSettings(mqtt({ remoteCommands: { enabled: true, key: 'k'.repeat(32) } })).remoteCommands.enabled).toBe(true);
  });

  it('ignores values of the wrong type instead of crashing', () => {
    const s = readMqttSettings(mqtt({ port: 'x', tls: 'yes', remoteCommands: [], clientId: 5 }));
    expect(s.port).toBe(1883);
    expect(s.clientId).toBe('lockerwall-wall-7');
    expect(s.remoteCommands.enabled).toBe(false);
  });
});
