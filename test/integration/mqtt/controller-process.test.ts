import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, type RunningController } from '../../support/controller-process.ts';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.ts';
import { waitUntil } from './support/mailroom.ts';
import { observe, type MqttObserver } from './support/mqtt-observer.ts';
import { removeDir } from './support/in-process-wall.ts';

const BASE = 'lockerwall/wall-1';
const DOOR_IDS = Array.from({ length: 24 }, (_, i) => String(i + 1));

describe('the real controller process on a real mosquitto', () => {
  let broker: Mosquitto;
  let observer: MqttObserver;
  const controllers: RunningController[] = [];

  beforeAll(async () => {
    const main = await readFile(new URL('../../../controller/src/main.ts', import.meta.url), 'utf8');
    if (!main.includes('startMqtt'))
      throw new Error('controller/src/main.ts does not start MQTT yet: add the startMqtt lines described in docs/mqtt.md ("Wiring").');
    broker = await startMosquitto();
    observer = await observe(broker.url, [`${BASE}/#`]);
  });
  afterAll(async () => {
    await observer?.close();
    for (const c of controllers) await c.stop();
    if (controllers[0]) await removeDir(controllers[0].dataDir);
    await broker?.dispose();
  });

  const since = (t: number, topic: string) => observer.messages.filter((m) => m.at >= t && m.topic === topic);
  const fullStateSince = (t: number) =>
    since(t, `${BASE}/status`).some((m) => JSON.parse(m.text).state === 'online') &&
    since(t, `${BASE}/summary`).length > 0 &&
    DOOR_IDS.every((id) => since(t, `${BASE}/doors/${id}`).length > 0);

  it('publishes state, goes offline on SIGKILL (Last Will) and republishes everything on restart', async () => {
    const env = { LOCKERWALL_MQTT_URL: broker.url };
    const t0 = Date.now();
    const first = await startController({ env });
    controllers.push(first);
    await waitUntil('online and the full state', () => fullStateSince(t0), 15_000);

    const opened = await first.api('/api/sim/doors/4/open', { method: 'POST' });
    expect(opened.status).toBe(200);
    await waitUntil('door 4 open', () => observer.latestJson(`${BASE}/doors/4`)?.open === true);

    const killedAt = Date.now();
    await first.kill();
    await waitUntil('the broker publishes the Last Will', () => since(killedAt, `${BASE}/status`).some((m) => JSON.parse(m.text).state === 'offline'), 15_000);
    expect(observer.latestJson(`${BASE}/status`)).toEqual({ state: 'offline' });

    const restartedAt = Date.now();
    const second = await startController({ env, dataDir: first.dataDir });
    controllers.push(second);
    await waitUntil('online and the full state again', () => fullStateSince(restartedAt), 15_000);
    expect(observer.latestJson(`${BASE}/status`)).toEqual({ state: 'online' });

    // A clean stop says offline itself.
    const stoppedAt = Date.now();
    await second.stop();
    await waitUntil('offline on SIGTERM', () => since(stoppedAt, `${BASE}/status`).some((m) => JSON.parse(m.text).state === 'offline'));
  }, 120_000);
});
