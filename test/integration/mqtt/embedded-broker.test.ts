import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../../controller/src/mqtt/embedded-broker.ts';
import { waitUntil } from './support/mailroom.ts';
import { observe } from './support/mqtt-observer.ts';
import { removeDir, startInProcessWall, TEST_KEY } from './support/in-process-wall.ts';
import { signRequest } from '../../../controller/src/mqtt/signed-request.ts';
import type { SimBoard } from '../../../controller/src/hardware/sim-board.ts';

const BASE = 'lockerwall/wall-1';

describe('embedded broker (aedes), the default without mqtt.url', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });

  it('starts when mqtt.url is empty and carries the retained wall state', async () => {
    const w = await startInProcessWall({ url: '', port: 0, host: '127.0.0.1' });
    cleanups.push(() => removeDir(w.dataDir), () => w.stop());
    expect(w.mqtt.brokerPort).toBeGreaterThan(0);
    const url = `mqtt://127.0.0.1:${w.mqtt.brokerPort}`;
    await waitUntil('controller connected to its own broker', () => w.mqtt.connected());
    const o = await observe(url, [`${BASE}/#`, 'homeassistant/#']);
    cleanups.push(() => o.close());
    await waitUntil('retained state', () => o.latestJson(`${BASE}/summary`)?.total === 24 && o.latestJson(`${BASE}/doors/24`));
    expect(o.latest(`${BASE}/doors/24`)?.retain).toBe(true);
    expect(o.latestJson(`${BASE}/status`)).toEqual({ state: 'online' });
    expect(o.latestJson('homeassistant/device/lockerwall_wall-1/config')?.components.door_1.device_class).toBe('door');

    await o.publish(`${BASE}/request/status`, { transaction: 'e1' });
    await waitUntil('status answer', () => o.latestJson(`${BASE}/response/status`)?.transaction === 'e1');
  });

  it('lets no other client overwrite the wall state, but accepts requests', async () => {
    const w = await startInProcessWall({ url: '', port: 0 });
    cleanups.push(() => removeDir(w.dataDir), () => w.stop());
    const url = `mqtt://127.0.0.1:${w.mqtt.brokerPort}`;
    await waitUntil('connected', () => w.mqtt.connected());
    const o = await observe(url, [`${BASE}/doors/1`, `${BASE}/response/status`]);
    cleanups.push(() => o.close());
    await waitUntil('door 1', () => o.latestJson(`${BASE}/doors/1`));
    const intruder = await observe(url, []);
    cleanups.push(() => intruder.close());
    intruder.publish(`${BASE}/doors/1`, { door: '1', open: true }, { retain: true, qos: 0 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    expect(o.latestJson(`${BASE}/doors/1`)?.open).toBe(false);
    const fresh = await observe(url, [`${BASE}/doors/1`]);
    cleanups.push(() => fresh.close());
    await waitUntil('retained door 1', () => fresh.latest(`${BASE}/doors/1`));
    expect(fresh.latestJson(`${BASE}/doors/1`)?.open).toBe(false);
  });

  it('asks for the configured user name and password', async () => {
    const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, username: 'wall', password: 'pw-123', controllerClientId: 'c', base: BASE });
    cleanups.push(() => broker.close());
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const attempt = (password?: string) =>
      new Promise<string>((resolve) => {
        const client = mqtt.connect(url, { username: 'wall', password, reconnectPeriod: 0, connectTimeout: 5_000 });
        client.once('connect', () => client.end(true, {}, () => resolve('connected')));
        client.once('error', (e) => client.end(true, {}, () => resolve(e.message)));
      });
    expect(await attempt('pw-123')).toBe('connected');
    expect(await attempt('wrong')).toMatch(/Bad username or password|Not authorized/i);
  });

  it('explains a port already in use', async () => {
    const first = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, controllerClientId: 'c', base: BASE });
    cleanups.push(() => first.close());
    await expect(startEmbeddedBroker({ host: '127.0.0.1', port: first.port, controllerClientId: 'c', base: BASE })).rejects.toThrow(/in use.*LOCKERWALL_MQTT_PORT/);
  });

  it('refuses retained requests at the broker, so they never reach the controller', async () => {
    const w = await startInProcessWall({ url: '', port: 0, remoteCommands: { enabled: true, key: TEST_KEY } });
    cleanups.push(() => removeDir(w.dataDir), () => w.stop());
    const url = `mqtt://127.0.0.1:${w.mqtt.brokerPort}`;
    await waitUntil('connected', () => w.mqtt.connected());
    const o = await observe(url, [`${BASE}/response/open`]);
    cleanups.push(() => o.close());
    const issuedAt = Math.floor(Date.now() / 1000);
    const r = { door: '2', requestId: 'retained-on-aedes-1', issuedAt, expiresAt: issuedAt + 20 };
    const request = { ...r, signature: signRequest(TEST_KEY, 'open', 'wall-1', r), transaction: 'aedes-retained' };
    o.publish(`${BASE}/request/open`, request, { retain: true }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const boards = (w.wall.wall as unknown as { boards: Map<string, SimBoard> }).boards;
    expect(boards.get('A')!.pulses).toEqual([]);
    // the same request without the flag is accepted: the broker refused only the retained copy
    const live = await observe(url, [`${BASE}/response/open`]);
    cleanups.push(() => live.close());
    await live.publish(`${BASE}/request/open`, { ...request, transaction: 'aedes-live' });
    await waitUntil('answer', () => live.messages.find((m) => JSON.parse(m.text).transaction === 'aedes-live'));
    expect(boards.get('A')!.pulses.map((p) => p.channel)).toEqual([2]);
  });
});
