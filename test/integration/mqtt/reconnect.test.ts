import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import { afterEach, describe, expect, it } from 'vitest';
import { MqttConnection } from '../../../controller/src/mqtt/connection.ts';
import { readMqttSettings } from '../../../controller/src/mqtt/settings.ts';
import { recordingLogger } from './support/in-process-wall.ts';

describe('reconnecting to a broker that refuses the login', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('backs off instead of hammering it, and logs the cause once', async () => {
    let attempts = 0;
    const at: number[] = [];
    const broker = await Aedes.createBroker({
      authenticate: (_client, _user, _password, done) => {
        attempts++;
        at.push(Date.now());
        done(Object.assign(new Error('bad user name or password'), { returnCode: 4 as const }), null);
      },
    });
    const server = createServer(broker.handle as never);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => broker.close(() => server.close(() => r()))));
    const port = (server.address() as { port: number }).port;

    const settings = readMqttSettings({ wallId: 'wall-1', mqtt: { url: `mqtt://127.0.0.1:${port}`, username: 'wall-1', password: 'wrong' } } as never);
    const { log, lines } = recordingLogger();
    const connection = new MqttConnection(
      settings,
      { url: `mqtt://127.0.0.1:${port}`, protocolVersion: 4, will: { topic: 'lockerwall/wall-1/status', payload: '{"state":"offline"}' }, subscriptions: [] },
      { connected: () => expect.fail('must not connect'), message: () => undefined },
      log,
    );
    connection.start();
    cleanups.push(() => connection.stop());
    await new Promise((r) => setTimeout(r, 6_500));
    // Delays of 0.5–1 s, 1–2 s, 2–4 s, 4–8 s: at most 4 logins in 6.5 s (a fixed 1 s period would make 7).
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    console.log(`[mqtt] ${attempts} login attempts in 6.5 s against a refusing broker, gaps ${gaps.join(', ')} ms`);
    // each wait is at least half of 1 s × 2ⁿ (a slow machine only makes them longer)
    gaps.forEach((gap, n) => expect(gap, `wait before retry ${n + 1}`).toBeGreaterThanOrEqual(500 * 2 ** n - 50));
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(4);
    expect(connection.connected).toBe(false);
    expect(lines.filter((l) => l.level === 'warn' && /MQTT connection problem/.test(l.msg))).toHaveLength(1);
  }, 30_000);

  it('falls back from MQTT 5 to 3.1.1 for a broker that only speaks 3.1.1', async () => {
    const broker = await Aedes.createBroker();
    const server = createServer(broker.handle as never);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => broker.close(() => server.close(() => r()))));
    const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
    const { log, lines } = recordingLogger();
    let connected = 0;
    const connection = new MqttConnection(
      readMqttSettings({ wallId: 'wall-1', mqtt: { url } } as never),
      { url, protocolVersion: 5, will: { topic: 'lockerwall/wall-1/status', payload: '{"state":"offline"}' }, subscriptions: ['lockerwall/wall-1/request/+'] },
      { connected: () => void connected++, message: () => undefined },
      log,
    );
    connection.start();
    cleanups.push(() => connection.stop());
    const deadline = Date.now() + 10_000;
    while (!connection.connected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(connection.connected).toBe(true);
    expect(connection.protocol).toBe(4);
    expect(connected).toBe(1);
    expect(lines.some((l) => /3\.1\.1 only/.test(l.msg))).toBe(true);
  });
});
