import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, waitFor, type RunningController } from '../support/controller-process.ts';
import { depositAndCollectWithCode } from '../support/flows.ts';

let wall: RunningController;
let token: string;

async function doorState(door: string) {
  const { body } = await wall.api('/api/doors');
  return (body.doors as { door: string; open: boolean; occupied: boolean }[]).find((d) => d.door === door)!;
}

async function deposit(body: Record<string, unknown>) {
  return wall.api('/api/parcels', { body, token });
}

async function codeFor(parcelId: string): Promise<string> {
  const note = await waitFor(async () => (await wall.readNotifications()).find((n) => n.parcelId === parcelId), `notification for ${parcelId}`);
  return note.pickupCode as string;
}

async function parcelCount(): Promise<number> {
  const all = await Promise.all(['awaiting_close', 'stored', 'pickup_open', 'collected', 'cancelled'].map((s) => wall.api(`/api/parcels?status=${s}`, { token })));
  return all.reduce((n, r) => n + r.body.parcels.length, 0);
}

beforeAll(async () => {
  wall = await startController();
  const session = await wall.api('/api/clerk/session', { body: { pin: '1234' } });
  expect(session.status).toBe(200);
  token = session.body.token;
});

afterAll(async () => {
  await wall?.stop();
});

describe('deposit → notify → pickup on the real controller process', () => {
  it('stores a parcel for E1003, notifies her with a code, and releases it to that code', async () => {
    const { parcel, code, door } = await depositAndCollectWithCode(wall, token, { scan: '1Z999AA10123456784\r\n', recipientId: 'E1003', size: 'M' });
    expect(parcel.tracking).toBe('1Z999AA10123456784');
    expect(parcel.carrier).toBe('ups');
    for (const e of parcel.events) {
      expect(e.actor).toBeTruthy();
      expect(Date.parse(e.at)).not.toBeNaN();
    }
    expect(parcel.events[0]).toMatchObject({ actor: 'clerk:demo-clerk', door });
    expect((await doorState(door)).occupied).toBe(false);

    const again = await wall.api('/api/pickup', { body: { code } });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('code_used');
  });

  it("opens every door holding E1003's parcels when she taps badge 4B00423C15", async () => {
    const first = await deposit({ tracking: 'BADGE-TEST-1', recipientId: 'E1003' });
    const second = await deposit({ tracking: 'BADGE-TEST-2', recipientId: 'E1003', size: 'L' });
    const other = await deposit({ tracking: 'BADGE-TEST-3', recipientId: 'E1012' });
    for (const p of [first, second, other]) {
      expect(p.status).toBe(201);
      await wall.api(`/api/sim/doors/${p.body.door}/close`, { method: 'POST' });
    }
    await waitFor(async () => (await wall.api(`/api/parcels/${other.body.id}`, { token })).body.status === 'stored', 'stored');

    const pickup = await wall.api('/api/pickup', { body: { badge: '4B00423C15' } });
    expect(pickup.status).toBe(200);
    expect([...pickup.body.doors].sort()).toEqual([first.body.door, second.body.door].sort());
    expect((await doorState(other.body.door)).open).toBe(false);
    for (const door of pickup.body.doors) await wall.api(`/api/sim/doors/${door}/close`, { method: 'POST' });
    for (const p of [first, second])
      await waitFor(async () => (await wall.api(`/api/parcels/${p.body.id}`, { token })).body.status === 'collected', 'collected');
    const timeline = (await wall.api(`/api/parcels/${first.body.id}`, { token })).body.events;
    expect(timeline.find((e: { type: string }) => e.type === 'pickup_requested').actor).toMatch(/^badge:E1003@/);
  });

  it('opens nothing for a wrong code and says so', async () => {
    const before = (await wall.api('/api/doors')).body.doors.filter((d: { open: boolean }) => d.open).length;
    const wrong = await wall.api('/api/pickup', { body: { code: '00000000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_code');
    const after = (await wall.api('/api/doors')).body.doors.filter((d: { open: boolean }) => d.open).length;
    expect(after).toBe(before);
  });

  it('refuses an unknown badge without opening anything', async () => {
    const r = await wall.api('/api/pickup', { body: { badge: '0102030405' } });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('unknown_badge');
  });
});

describe('bad input gets a clear 4xx and writes nothing', () => {
  it('refuses an unknown recipient', async () => {
    const before = await parcelCount();
    const r = await deposit({ tracking: 'NOBODY-1', recipientId: 'E9999' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('unknown_recipient');
    expect(await parcelCount()).toBe(before);
  });

  it('refuses the same scan deposited twice within a minute', async () => {
    const first = await deposit({ scan: 'TBA302829471000\r\n', recipientId: 'E1012' });
    expect(first.status).toBe(201);
    const before = await parcelCount();
    const second = await deposit({ scan: 'TBA302829471000\r\n', recipientId: 'E1012' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('duplicate_scan');
    expect(await parcelCount()).toBe(before);
    await wall.api(`/api/sim/doors/${first.body.door}/close`, { method: 'POST' });
  });

  it('refuses a parcel when no door of a fitting size is free', async () => {
    const xl = (await wall.api('/api/doors')).body.doors.filter((d: { size: string; occupied: boolean }) => d.size === 'XL' && !d.occupied);
    for (const [i] of xl.entries()) {
      const r = await deposit({ tracking: `XL-FILL-${i}`, recipientId: 'E1015', size: 'XL' });
      expect(r.status).toBe(201);
      await wall.api(`/api/sim/doors/${r.body.door}/close`, { method: 'POST' });
    }
    const before = await parcelCount();
    const full = await deposit({ tracking: 'XL-ONE-TOO-MANY', recipientId: 'E1015', size: 'XL' });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('no_free_door');
    expect(await parcelCount()).toBe(before);
  });

  it('answers malformed JSON, wrong fields and oversized bodies with 4xx JSON errors', async () => {
    const malformed = await wall.api('/api/pickup', { body: '{"code": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    const wrongType = await wall.api('/api/parcels', { body: { tracking: 12, recipientId: 'E1003' }, token });
    expect(wrongType.status).toBe(422);
    const badSize = await wall.api('/api/parcels', { body: { tracking: 'SIZE-1', recipientId: 'E1003', size: 'XXL' }, token });
    expect(badSize.status).toBe(422);
    const huge = await wall.api('/api/pickup', { body: JSON.stringify({ code: 'x'.repeat(100_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('body_too_large');
    const unauth = await wall.api('/api/parcels', { body: { tracking: 'X-1', recipientId: 'E1003' } });
    expect(unauth.status).toBe(401);
    // fetch may not set Host, so ask as a DNS-rebinding page would, with node:http.
    const reboundStatus = await new Promise<number>((resolve, reject) => {
      const req = request(`${wall.baseUrl}/api/doors`, { headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(reboundStatus).toBe(421);
  });
});

describe('code expiry', () => {
  it('refuses an expired code and keeps the parcel stored', async () => {
    const short = await startController({ config: { pickup: { codeTtlHours: 0.0005 } } });
    try {
      const { body: s } = await short.api('/api/clerk/session', { body: { pin: '1234' } });
      const created = await short.api('/api/parcels', { body: { tracking: 'EXPIRE-1', recipientId: 'E1003' }, token: s.token });
      await short.api(`/api/sim/doors/${created.body.door}/close`, { method: 'POST' });
      const note = await waitFor(async () => (await short.readNotifications()).find((n) => n.parcelId === created.body.id), 'notification');
      await new Promise((r) => setTimeout(r, 2_000));
      const r = await short.api('/api/pickup', { body: { code: note.pickupCode } });
      expect(r.status).toBe(410);
      expect(r.body.error.code).toBe('code_expired');
      expect((await short.api(`/api/parcels/${created.body.id}`, { token: s.token })).body.status).toBe('stored');
    } finally {
      await short.stop();
    }
  });
});
