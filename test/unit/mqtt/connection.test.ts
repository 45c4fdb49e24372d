import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, redactUrl, RECONNECT_MAX_MS } from '../../../controller/src/mqtt/connection.ts';

describe('reconnect backoff', () => {
  it('starts near 1 s, doubles, and never exceeds 60 s, with jitter in the upper half', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(500);
    expect(reconnectDelayMs(0, () => 1)).toBe(1000);
    expect(reconnectDelayMs(1, () => 1)).toBe(2000);
    expect(reconnectDelayMs(5, () => 1)).toBe(32_000);
    for (const attempt of [6, 7, 20, 1000]) {
      expect(reconnectDelayMs(attempt, () => 1)).toBe(RECONNECT_MAX_MS);
      expect(reconnectDelayMs(attempt, () => 0)).toBe(RECONNECT_MAX_MS / 2);
    }
  });

  it('spreads walls apart: different random draws give different delays', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.95].map((r) => reconnectDelayMs(4, () => r)));
    expect(delays.size).toBe(4);
  });

  it('never logs a password from the broker URL', () => {
    expect(redactUrl('mqtts://wall:s3cret@broker.example:8883')).toBe('mqtts://wall:***@broker.example:8883');
    expect(redactUrl('mqtt://broker:1883')).toBe('mqtt://broker:1883');
  });
});
