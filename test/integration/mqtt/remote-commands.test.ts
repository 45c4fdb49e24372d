import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../../controller/src/mqtt/signed-request.ts';
import type { SimBoard } from '../../../controller/src/hardware/sim-board.ts';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.ts';
import { waitUntil } from './support/mailroom.ts';
import { observe, type MqttObserver } from './support/mqtt-observer.ts';
import { removeDir, startInProcessWall, TEST_KEY, type InProcessWall } from './support/in-process-wall.ts';

const BASE = 'lockerwall/wall-1';
const REMOTE = { remoteCommands: { enabled: true, key: TEST_KEY, maxSkewSeconds: 5 } };

/** Test probe into the simulated hardware: the lock pulses the boards really received. */
function pulsesOf(w: InProcessWall, doorId: string): number {
  const door = w.wall.config.doors.find((d) => d.id === doorId)!;
  const boards = (w.wall.wall as unknown as { boards: Map<string, SimBoard> }).boards;
  return boards.get(door.board)!.pulses.filter((p) => p.channel === door.channel).length;
}

function signedOpen(door: string, options: { name?: string; key?: string; issuedAt?: number; lifetime?: number; transaction?: string } = {}) {
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const r = { door, requestId: randomUUID(), issuedAt, expiresAt: issuedAt + (options.lifetime ?? 20) };
  return { ...r, signature: signRequest(options.key ?? TEST_KEY, options.name ?? 'open', 'wall-1', r), transaction: options.transaction ?? `tx-${r.requestId.slice(0, 8)}` };
}

describe('signed remote commands over a real mosquitto', () => {
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

  async function wallOn(mqtt: Record<string, unknown> = REMOTE, dataDir?: string): Promise<InProcessWall> {
    const w = await startInProcessWall({ url: broker.url, ...mqtt }, { dataDir });
    cleanups.push(() => w.stop());
    return w;
  }
  async function observer(): Promise<MqttObserver> {
    const o = await observe(broker.url, [`${BASE}/response/+`, `${BASE}/events`, `${BASE}/doors/+`, 'homeassistant/#']);
    cleanups.push(() => o.close());
    return o;
  }
  const responses = (o: MqttObserver, name = 'open') => o.messages.filter((m) => m.topic === `${BASE}/response/${name}`).map((m) => JSON.parse(m.text));
  const refusalAlarms = (o: MqttObserver) =>
    o.messages.filter((m) => m.topic === `${BASE}/events`).map((m) => JSON.parse(m.text)).filter((e) => e.alarm === 'remote_command_refused');

  it('1,000 replayed copies of one signed open request open the door exactly once', async () => {
    const w = await wallOn();
    cleanups.push(() => removeDir(w.dataDir));
    const o = await observer();
    await waitUntil('door 5 state', () => o.latestJson(`${BASE}/doors/5`));
    const request = signedOpen('5');
    await Promise.all(Array.from({ length: 1000 }, () => o.publish(`${BASE}/request/open`, request)));
    await waitUntil('1,000 answers', () => responses(o).length >= 1000, 60_000);
    expect(pulsesOf(w, '5')).toBe(1);
    const answers = responses(o);
    expect(answers.filter((a) => a.status === 'ok')).toEqual([{ status: 'ok', data: { door: '5', opened: true, occupied: false }, transaction: request.transaction }]);
    const refused = answers.filter((a) => a.status === 'error');
    expect(refused).toHaveLength(999);
    expect(refused.every((a) => a.error.code === 'duplicate' && a.transaction === request.transaction)).toBe(true);
    await waitUntil('an alarm per refusal', () => refusalAlarms(o).length === 999, 20_000);
    await waitUntil('door 5 reported open', () => o.latestJson(`${BASE}/doors/5`)?.open === true);
    // the journal holds one decision for it, made by MQTT
    const intents = w.wall.store.db.prepare("SELECT reason, actor FROM door_operations WHERE door_id = '5'").all();
    expect(intents).toEqual([{ reason: 'remote_open', actor: 'mqtt' }]);
  }, 120_000);

  it('a retained open request opens nothing after a restart, is answered with an error and cleared from the broker', async () => {
    const first = await wallOn();
    const o = await observer();
    await waitUntil('door 6 state', () => o.latestJson(`${BASE}/doors/6`));
    await first.stop();
    await o.publish(`${BASE}/request/open`, signedOpen('6', { transaction: 'retained-1' }), { retain: true });

    const second = await wallOn(REMOTE, first.dataDir);
    cleanups.push(() => removeDir(first.dataDir));
    const answer = await waitUntil('refusal', () => responses(o).find((a) => a.transaction === 'retained-1'));
    expect(answer).toMatchObject({ status: 'error', data: null, error: { code: 'retained' } });
    await waitUntil('alarm', () => refusalAlarms(o).some((a) => a.door === '6' && /retained/.test(a.message)));
    expect(pulsesOf(second, '6')).toBe(0);
    expect(o.latestJson(`${BASE}/doors/6`)?.open).toBe(false);

    const late = await observe(broker.url, [`${BASE}/request/#`]);
    cleanups.push(() => late.close());
    await new Promise((r) => setTimeout(r, 500)); // a retained message would arrive right after SUBACK
    expect(late.messages.filter((m) => m.text !== '')).toEqual([]);
  });

  it('a request published with the retain flag while the controller is connected opens nothing (MQTT 5 retain-as-published)', async () => {
    const w = await wallOn();
    cleanups.push(() => removeDir(w.dataDir));
    const o = await observer();
    await waitUntil('door 11 state', () => o.latestJson(`${BASE}/doors/11`));
    await o.publish(`${BASE}/request/open`, signedOpen('11', { transaction: 'live-retained' }), { retain: true });
    const answer = await waitUntil('refusal', () => responses(o).find((a) => a.transaction === 'live-retained'));
    expect(answer).toMatchObject({ status: 'error', error: { code: 'retained' } });
    expect(pulsesOf(w, '11')).toBe(0);
    const late = await observe(broker.url, [`${BASE}/request/#`]);
    cleanups.push(() => late.close());
    await new Promise((r) => setTimeout(r, 500));
    expect(late.messages.filter((m) => m.text !== '')).toEqual([]);
  });

  it('expired, wrongly signed, too long-lived and unsigned requests open nothing, and each gets an error response', async () => {
    const w = await wallOn();
    cleanups.push(() => removeDir(w.dataDir));
    const o = await observer();
    await waitUntil('door 7 state', () => o.latestJson(`${BASE}/doors/7`));
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      ['expired', signedOpen('7', { issuedAt: now - 120, transaction: 'expired' })],
      ['bad_signature', signedOpen('7', { key: 'not-the-key-not-the-key-not-the-key!', transaction: 'wrong-key' })],
      ['bad_signature', { ...signedOpen('7', { transaction: 'other-door' }), door: '8' }],
      ['lifetime_too_long', signedOpen('7', { lifetime: 300, transaction: 'long' })],
      ['malformed', { door: '7', action: 'OPEN', transaction: 'unsigned' }],
    ] as const;
    for (const [, request] of bad) await o.publish(`${BASE}/request/open`, request);
    await waitUntil('five answers', () => responses(o).length === bad.length);
    for (const [code, request] of bad)
      expect(responses(o).find((a) => a.transaction === request.transaction), request.transaction).toMatchObject({ status: 'error', data: null, error: { code } });
    await waitUntil('five alarms', () => refusalAlarms(o).length === bad.length);
    expect(pulsesOf(w, '7') + pulsesOf(w, '8')).toBe(0);
  });

  it('identify pulses an empty door once through the journal; the lock entity is announced only with remote commands on', async () => {
    const w = await wallOn();
    cleanups.push(() => removeDir(w.dataDir));
    const o = await observer();
    const discovery = await waitUntil('discovery', () => o.latestJson('homeassistant/device/lockerwall_wall-1/config'));
    expect(discovery.components.door_9_lock).toMatchObject({ platform: 'lock', command_topic: `${BASE}/request/open` });
    await o.publish(`${BASE}/request/identify`, signedOpen('9', { name: 'identify', transaction: 'installer' }));
    const answer = await waitUntil('identify answer', () => responses(o, 'identify')[0]);
    expect(answer).toMatchObject({ status: 'ok', data: { door: '9', opened: true }, transaction: 'installer' });
    expect(pulsesOf(w, '9')).toBe(1);
  });

  it('with remote commands off (the default) a correctly signed open is refused and no lock entity exists', async () => {
    const w = await wallOn({});
    cleanups.push(() => removeDir(w.dataDir));
    const o = await observer();
    const discovery = await waitUntil('discovery', () => o.latestJson('homeassistant/device/lockerwall_wall-1/config'));
    expect(Object.values(discovery.components as Record<string, { platform: string }>).some((c) => c.platform === 'lock')).toBe(false);
    await o.publish(`${BASE}/request/open`, signedOpen('10', { transaction: 'off' }));
    const answer = await waitUntil('answer', () => responses(o).find((a) => a.transaction === 'off'));
    expect(answer).toMatchObject({ status: 'error', error: { code: 'remote_commands_disabled' } });
    expect(pulsesOf(w, '10')).toBe(0);
  });
});
