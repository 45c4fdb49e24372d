import mqtt from 'mqtt';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, type RunningController } from '../../support/controller-process.ts';

/** Every way E1003's card (em4100 4B00423C15) is written by readers, HR exports or our own match keys. */
const BADGE_FORMS = ['4B00423C15', '4b00423c15', '0004340757', '4340757', '066,15381', '66,15381', '322126887957', '00423C15', '423C15'];
/** The only files allowed to hold a code in plain text: the demo mail stand-in and the test's own config. */
const ALLOWED_PLAIN = new Set(['notifications.jsonl', 'test-config.json']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Names every (place, secret) pair where a secret occurs as bytes, in UTF-8 or UTF-16LE. */
function leaks(places: Map<string, Buffer>, secrets: string[]): string[] {
  const found: string[] = [];
  for (const [place, bytes] of places)
    for (const secret of secrets)
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) found.push(`${secret} in ${place}`);
  return found;
}

describe('pickup codes and badge numbers never appear in plain text', () => {
  let c: RunningController;
  let broker: mqtt.MqttClient | undefined;
  const mqttMessages: string[] = [];
  const httpBodies: string[] = [];
  const codes: string[] = [];
  let token: string;

  async function call(path: string, body?: unknown, auth = false) {
    const res = await c.api(path, { ...(body === undefined ? { method: 'POST' } : { body }), ...(auth ? { token } : {}) });
    httpBodies.push(`${path} ${JSON.stringify(res.body)}`);
    return res;
  }

  async function get(path: string) {
    const res = await c.api(path, { token });
    httpBodies.push(`${path} ${JSON.stringify(res.body)}`);
    return res;
  }

  /** Deposits for E1003, closes the door by hand, and returns the code from the delivered message. */
  async function depositAndStore(tracking: string): Promise<{ door: string; code: string }> {
    const deposit = await call('/api/parcels', { tracking, recipientId: 'E1003' }, true);
    expect(deposit.status).toBe(201);
    await call(`/api/sim/doors/${deposit.body.door}/close`);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const message = (await c.readNotifications()).find((m) => m.parcelId === deposit.body.id && m.pickupCode);
      if (message) {
        codes.push(message.pickupCode);
        return { door: deposit.body.door, code: message.pickupCode };
      }
      if (Date.now() > deadline) throw new Error(`no notification for ${tracking}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function pickUp(body: Record<string, string>): Promise<string[]> {
    const res = await call('/api/pickup', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const door of res.body.doors as string[]) await call(`/api/sim/doors/${door}/close`);
    return res.body.doors;
  }

  beforeAll(async () => {
    c = await startController({ env: { LOCKERWALL_LOG_LEVEL: 'trace' } });
    try {
      broker = await mqtt.connectAsync(`mqtt://127.0.0.1:${c.mqttPort}`, { connectTimeout: 5_000, reconnectPeriod: 0 });
      broker.on('message', (topic, payload) => mqttMessages.push(`${topic} ${payload.toString('utf8')}`));
      await broker.subscribeAsync('#');
    } catch {
      broker = undefined; // this build does not start a broker yet; the other places are still checked
    }
    const session = await call('/api/clerk/session', { pin: '1234' });
    expect(session.status).toBe(200);
    token = session.body.token;

    const first = await depositAndStore('LWSECRET0001');
    expect(await pickUp({ code: first.code })).toEqual([first.door]);
    expect((await call('/api/pickup', { code: first.code })).status).toBe(410);
    for (const [i, badge] of ['0004340757', '066,15381', '4B00423C15'].entries()) {
      const stored = await depositAndStore(`LWSECRET010${i}`);
      expect(await pickUp({ badge })).toEqual([stored.door]);
    }
    await call('/api/clerk/session', { badge: '4B00423C15' }); // not a clerk: refused, but it went through sign-in
    await call('/api/pickup', { badge: '4B00423C16' }); // an unknown card
    const waiting = await depositAndStore('LWSECRET0200'); // stays in the wall, its code unused
    await get('/api/parcels?recipientId=E1003');
    await get(`/api/doors`);
    expect(waiting.code).toMatch(/^\d{8}$/);
  }, 120_000);

  afterAll(async () => {
    await broker?.endAsync();
    await c?.stop();
    if (c) await rm(c.dataDir, { recursive: true, force: true });
  });

  function dataFiles(): Map<string, Buffer> {
    return new Map(filesUnder(c.dataDir).filter((f) => !ALLOWED_PLAIN.has(relative(c.dataDir, f))).map((f) => [relative(c.dataDir, f), readFileSync(f)]));
  }

  it('really delivered the codes, and the scan would see them (a control)', () => {
    expect(codes).toHaveLength(5);
    const mail = readFileSync(join(c.dataDir, 'notifications.jsonl'));
    expect(leaks(new Map([['notifications.jsonl', mail]]), codes)).toHaveLength(5);
    expect(leaks(new Map([['x', Buffer.from(`..${BADGE_FORMS[2]}..`)]]), BADGE_FORMS)).not.toHaveLength(0);
  });

  it('not in the database files, the WAL included, while the controller runs', () => {
    const files = dataFiles();
    expect([...files.keys()]).toEqual(expect.arrayContaining(['lockerwall.sqlite', 'lockerwall.sqlite-wal']));
    expect(files.get('lockerwall.sqlite-wal')!.length).toBeGreaterThan(0);
    expect(leaks(files, [...codes, ...BADGE_FORMS])).toEqual([]);
  });

  it('not in the logs, at trace level', () => {
    expect(c.output().length).toBeGreaterThan(0);
    expect(leaks(new Map([['controller output', Buffer.from(c.output())]]), [...codes, ...BADGE_FORMS])).toEqual([]);
  });

  it('not in HTTP answers (clerk views included)', () => {
    expect(leaks(new Map(httpBodies.map((b, i) => [`response ${i}: ${b.slice(0, 60)}`, Buffer.from(b)])), [...codes, ...BADGE_FORMS])).toEqual([]);
  });

  it('not on MQTT', () => {
    if (!broker) return void console.warn('no MQTT broker answered on the controller port: MQTT not checked');
    expect(leaks(new Map(mqttMessages.map((m, i) => [`mqtt ${i}: ${m.slice(0, 60)}`, Buffer.from(m)])), [...codes, ...BADGE_FORMS])).toEqual([]);
  });

  it('not in the database files after a clean shutdown', async () => {
    await c.stop();
    expect(leaks(dataFiles(), [...codes, ...BADGE_FORMS])).toEqual([]);
  });
});
