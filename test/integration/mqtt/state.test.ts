import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimBoard } from '../../../controller/src/hardware/sim-board.ts';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.ts';
import { depositAndStore, viaApp, waitUntil } from './support/mailroom.ts';
import { observe, type MqttObserver } from './support/mqtt-observer.ts';
import { removeDir, startInProcessWall, type InProcessWall } from './support/in-process-wall.ts';

const BASE = 'lockerwall/wall-1';
const DOOR_IDS = Array.from({ length: 24 }, (_, i) => String(i + 1));

describe('MQTT state on a real mosquitto', () => {
  let broker: Mosquitto;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  afterAll(async () => {
    await broker?.dispose();
  });

  async function wallOn(mqtt: Record<string, unknown> = {}, options: { dataDir?: string; config?: Record<string, unknown> } = {}): Promise<InProcessWall> {
    const w = await startInProcessWall({ url: broker.url, ...mqtt }, options);
    cleanups.push(() => w.stop());
    if (!options.dataDir) cleanups.push(() => removeDir(w.dataDir));
    return w;
  }
  async function observer(topics = [`${BASE}/#`, 'homeassistant/#']): Promise<MqttObserver> {
    const o = await observe(broker.url, topics);
    cleanups.push(() => o.close());
    return o;
  }
  const clearBroker = async () => {
    // Retained messages of an earlier test would satisfy the next one: wipe them.
    const o = await observe(broker.url, ['#']);
    await new Promise((r) => setTimeout(r, 300));
    for (const topic of new Set(o.messages.filter((m) => m.retain).map((m) => m.topic))) await o.publish(topic, '', { retain: true });
    await o.close();
  };

  it('publishes retained state for every door and the summary within 1 s of start', async () => {
    await clearBroker();
    const o = await observer();
    const w = await wallOn();
    const complete = () =>
      o.latestJson(`${BASE}/status`)?.state === 'online' &&
      o.latestJson(`${BASE}/summary`)?.total === 24 &&
      DOOR_IDS.every((id) => o.latestJson(`${BASE}/doors/${id}`)?.door === id);
    await waitUntil('status, 24 doors and the summary', complete, 10_000);
    const firstAt = (topic: string) => o.messages.find((m) => m.topic === topic)!.at;
    const lastNeeded = Math.max(...[`${BASE}/status`, `${BASE}/summary`, ...DOOR_IDS.map((id) => `${BASE}/doors/${id}`)].map(firstAt));
    const elapsed = lastNeeded - w.mqttStartedAt;
    console.log(`[mqtt] full retained state observed ${elapsed} ms after startMqtt`);
    expect(elapsed).toBeLessThan(1_000);
    expect(o.latestJson(`${BASE}/doors/12`)).toEqual({ door: '12', open: false, locked: true, occupied: false, size: 'XL', fault: null, enabled: true });
    expect(o.latestJson(`${BASE}/boards/A/status`)).toEqual({ state: 'online' });

    // and it is retained: a client connecting later gets all of it at once
    const late = await observer([`${BASE}/#`]);
    await waitUntil('retained copies for a late subscriber', () => DOOR_IDS.every((id) => late.latest(`${BASE}/doors/${id}`)?.retain));
    expect(late.latest(`${BASE}/summary`)?.retain).toBe(true);
    expect(late.latestJson(`${BASE}/status`)).toEqual({ state: 'online' });
  });

  it('a door opened in the simulator changes its retained state and raises door events', async () => {
    await clearBroker();
    const w = await wallOn();
    const o = await observer();
    await waitUntil('door 3 state', () => o.latestJson(`${BASE}/doors/3`));
    const http = viaApp(w.app);
    expect((await http('/api/sim/doors/3/open', { method: 'POST' })).status).toBe(200);
    await waitUntil('door 3 open', () => o.latestJson(`${BASE}/doors/3`)?.open === true);
    expect(o.latestJson(`${BASE}/doors/3`)).toMatchObject({ open: true, locked: false });
    await waitUntil('summary counts the open door', () => o.latestJson(`${BASE}/summary`)?.open === 1);
    const events = () => o.messages.filter((m) => m.topic === `${BASE}/events`).map((m) => JSON.parse(m.text));
    await waitUntil('door_opened and door_forced', () => events().some((e) => e.type === 'door_opened') && events().some((e) => e.alarm === 'door_forced'));
    expect(events().find((e) => e.type === 'door_opened')).toMatchObject({ door: '3' });
    expect(o.messages.filter((m) => m.topic === `${BASE}/events`).every((m) => !m.retain)).toBe(true);

    const late = await observer([`${BASE}/doors/3`]);
    await waitUntil('retained open state for a late subscriber', () => late.latest(`${BASE}/doors/3`));
    expect(late.latest(`${BASE}/doors/3`)).toMatchObject({ retain: true });
    expect(late.latestJson(`${BASE}/doors/3`)?.open).toBe(true);

    await http('/api/sim/doors/3/close', { method: 'POST' });
    await waitUntil('door 3 closed', () => o.latestJson(`${BASE}/doors/3`)?.open === false);
    await waitUntil('door_closed event', () => events().some((e) => e.type === 'door_closed' && e.door === '3'));
  });

  it('reports deposit, occupancy and pickup with opaque ids only: no tracking number, code, name or e-mail on any topic', async () => {
    await clearBroker();
    const w = await wallOn();
    const o = await observer(['#']);
    const http = viaApp(w.app);
    const tracking = '1Z999AA10123456784';
    const parcel = await depositAndStore(http, w.dataDir, tracking);
    await waitUntil('occupied door', () => o.latestJson(`${BASE}/doors/${parcel.door}`)?.occupied === true);
    await waitUntil('summary counts it', () => o.latestJson(`${BASE}/summary`)?.occupied === 1);
    const pickup = await http('/api/pickup', { body: { code: parcel.code } });
    expect(pickup.status).toBe(200);
    await http(`/api/sim/doors/${parcel.door}/close`, { method: 'POST' });
    await waitUntil('door free again', () => o.latestJson(`${BASE}/doors/${parcel.door}`)?.occupied === false && o.latestJson(`${BASE}/doors/${parcel.door}`)?.open === false);
    const events = o.messages.filter((m) => m.topic === `${BASE}/events`).map((m) => JSON.parse(m.text));
    expect(events.filter((e) => e.type === 'deposit').map((e) => e.status)).toEqual(['awaiting_close', 'stored']);
    expect(events.filter((e) => e.type === 'pickup').map((e) => e.status)).toEqual(['pickup_open', 'collected']);
    expect(events.filter((e) => e.parcel !== undefined).every((e) => e.parcel === parcel.id)).toBe(true);

    const everything = o.messages.map((m) => m.text).join('\n');
    for (const secret of [tracking, parcel.code, 'E1003', '李娜', 'Li Na', 'li.na@'])
      expect(everything.includes(secret), `"${secret}" must not appear on MQTT`).toBe(false);
  });

  it('answers a status request with the full state and echoes the transaction', async () => {
    await clearBroker();
    await wallOn();
    const o = await observer();
    await waitUntil('state', () => o.latestJson(`${BASE}/summary`));
    await o.publish(`${BASE}/request/status`, { transaction: 'dash-1' });
    const response = await waitUntil('status response', () => o.latestJson<any>(`${BASE}/response/status`));
    expect(response).toMatchObject({ status: 'ok', transaction: 'dash-1', data: { status: 'online', wallId: 'wall-1', remoteCommands: false } });
    expect(response.data.doors).toHaveLength(24);
    expect(response.data.summary.total).toBe(24);
  });

  it('withdraws the retained state and Home Assistant entities of a door that left the config', async () => {
    await clearBroker();
    const first = await wallOn();
    const o = await observer();
    await waitUntil('door 24 announced', () => o.latestJson(`${BASE}/doors/24`));
    await first.stop();

    const base = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../../../config/default.json', import.meta.url), 'utf8'));
    const doors = (base.doors as { id: string }[]).filter((d) => d.id !== '24');
    await wallOn({}, { dataDir: first.dataDir, config: { doors } });
    await waitUntil('door 24 cleared', () => o.latest(`${BASE}/doors/24`)?.text === '');
    const discoveryTopic = 'homeassistant/device/lockerwall_wall-1/config';
    const discoveries = () => o.messages.filter((m) => m.topic === discoveryTopic && m.text).map((m) => JSON.parse(m.text));
    // HA's documented removal: the component with only its platform, then the payload without it.
    const stub = await waitUntil('removal stub', () => discoveries().find((d) => Object.keys(d.components.door_24 ?? {}).length === 1));
    expect(stub.components.door_24).toEqual({ platform: 'binary_sensor' });
    expect(stub.components.door_24_occupancy).toEqual({ platform: 'binary_sensor' });
    expect(stub.components.door_23).toMatchObject({ platform: 'binary_sensor', device_class: 'door' });
    await waitUntil('clean discovery last', () => {
      const last = discoveries().at(-1);
      return last && !('door_24' in last.components) && 'door_23' in last.components;
    });
    const late = await observer([`${BASE}/doors/+`]);
    await waitUntil('23 retained doors', () => new Set(late.messages.map((m) => m.topic)).size === 23);
    expect(late.latest(`${BASE}/doors/24`)).toBeUndefined();
    await removeDir(first.dataDir);
  });

  it('reports a board going offline (retained per board, with an event and an alarm) and back online', async () => {
    await clearBroker();
    const w = await wallOn();
    const o = await observer();
    await waitUntil('board B online', () => o.latestJson(`${BASE}/boards/B/status`)?.state === 'online');
    // Test probe into the simulated hardware: the board drops off the bus.
    const board = (w.wall.wall as unknown as { boards: Map<string, SimBoard> }).boards.get('B')!;
    board.setOnline(false);
    await waitUntil('board B offline', () => o.latestJson(`${BASE}/boards/B/status`)?.state === 'offline');
    const events = () => o.messages.filter((m) => m.topic === `${BASE}/events`).map((m) => JSON.parse(m.text));
    await waitUntil('board_offline event and alarm', () => events().some((e) => e.type === 'board_offline' && e.board === 'B') && events().some((e) => e.alarm === 'board_offline'));
    const late = await observer([`${BASE}/boards/+/status`]);
    await waitUntil('retained board states', () => late.latest(`${BASE}/boards/B/status`) && late.latest(`${BASE}/boards/A/status`));
    expect(late.latestJson(`${BASE}/boards/B/status`)?.state).toBe('offline');
    expect(late.latestJson(`${BASE}/boards/A/status`)?.state).toBe('online');
    board.setOnline(true);
    await waitUntil('board B online again', () => o.latestJson(`${BASE}/boards/B/status`)?.state === 'online');
    await waitUntil('board_online event', () => events().some((e) => e.type === 'board_online' && e.board === 'B'));
  });

  it('raises a code-guessing alarm on events when wrong codes pile up at the kiosk', async () => {
    await clearBroker();
    const w = await wallOn();
    const o = await observer([`${BASE}/events`]);
    const http = viaApp(w.app);
    for (let i = 0; i < 8; i++) await http('/api/pickup', { body: { code: String(10_000_000 + i * 7919) } });
    const alarm = await waitUntil('code_guessing alarm', () =>
      o.messages.map((m) => JSON.parse(m.text)).find((e) => e.type === 'alarm' && e.alarm === 'code_guessing'),
    );
    expect(alarm.message).not.toMatch(/\d{8}/);
  });

  it('publishes offline on a clean shutdown', async () => {
    await clearBroker();
    const w = await wallOn();
    const o = await observer([`${BASE}/status`]);
    await waitUntil('online', () => o.latestJson(`${BASE}/status`)?.state === 'online');
    await w.stop();
    await waitUntil('offline', () => o.latestJson(`${BASE}/status`)?.state === 'offline');
  });
});
