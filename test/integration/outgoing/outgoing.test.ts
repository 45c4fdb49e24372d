import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, waitFor, type RunningController } from '../../support/controller-process.ts';
import { clerkToken, doorState } from '../../support/flows.ts';

const GENERIC_SECRET = 'generic-shared-secret-for-tests';
const KUAIDI100_SALT = 'kuaidi100-salt-for-tests';
const AFTERSHIP_SECRET = 'aftership-webhook-secret-for-tests';
const LI_NA_BADGE = '4B00423C15'; // E1003, Legal

let wall: RunningController;
let token: string;
let adminToken: string;

beforeAll(async () => {
  wall = await startController({
    config: { outgoing: { tracking: { genericSecret: GENERIC_SECRET, kuaidi100Salt: KUAIDI100_SALT, aftershipSecret: AFTERSHIP_SECRET } } },
  });
  token = await clerkToken(wall);
  adminToken = (await wall.api('/api/clerk/session', { body: { pin: '9876' } })).body.token;
}, 60_000);

afterAll(async () => {
  await wall?.stop();
});

/** A date `days` from today (UTC, the demo wall's time zone). */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function item(id: string) {
  const r = await wall.api(`/api/outgoing/${id}`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function push(provider: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${wall.baseUrl}/api/outgoing/tracking/${provider}`, { method: 'POST', body, headers });
  return { status: response.status, body: (await response.json()) as any };
}

function kuaidi100Form(param: unknown, salt = KUAIDI100_SALT): string {
  const json = JSON.stringify(param);
  const sign = createHash('md5').update(json + salt).digest('hex').toUpperCase();
  return new URLSearchParams({ param: json, sign }).toString();
}

function aftershipBody(tracking: string, tag: string): string {
  return JSON.stringify({
    event: 'tracking_update',
    msg: { tracking_number: tracking, slug: 'china-post', tag, subtag: `${tag}_001`, checkpoints: [{ checkpoint_time: new Date().toISOString(), message: 'Delivered, in/at mailbox' }] },
    ts: Math.floor(Date.now() / 1000),
  });
}

async function dropOffAndClose(body: Record<string, unknown>) {
  const dropped = await wall.api('/api/outgoing', { body });
  expect(dropped.status, JSON.stringify(dropped.body)).toBe(201);
  const { id, door } = dropped.body as { id: string; door: string };
  await waitFor(async () => (await doorState(wall, door)).open, `door ${door} open for the drop-off`);
  expect((await wall.api(`/api/sim/doors/${door}/close`, { method: 'POST' })).status).toBe(200);
  await waitFor(async () => (await item(id)).status === 'awaiting_dispatch', 'item awaiting dispatch');
  return { id, door };
}

async function collect(id: string) {
  const collected = await wall.api(`/api/outgoing/${id}/collect`, { method: 'POST', token });
  expect(collected.status, JSON.stringify(collected.body)).toBe(200);
  const door = collected.body.door as string;
  await waitFor(async () => (await doorState(wall, door)).open, `door ${door} open for the clerk`);
  await wall.api(`/api/sim/doors/${door}/close`, { method: 'POST' });
}

describe('outgoing mail through the HTTP API of the real controller', () => {
  let id: string;
  let door: string;

  it('takes a registered letter to an international addressee by badge, and gives a receipt when the door closes', async () => {
    const dropped = await wall.api('/api/outgoing', {
      body: {
        badge: LI_NA_BADGE,
        service: 'registered',
        addressee: { name: 'Dr. Anna Schmidt', organisation: 'Fraunhofer IIS', addressLines: ['Am Wolfsmantel 33'], city: 'Erlangen', postcode: '91058', country: 'de' },
      },
    });
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(201);
    expect(dropped.body).toMatchObject({ status: 'awaiting_close', service: 'registered' });
    expect(JSON.stringify(dropped.body)).not.toContain('Li Na');
    ({ id, door } = dropped.body);
    await waitFor(async () => (await doorState(wall, door)).open, `door ${door} open`);

    // While its door is open the letter is not yet in the mailroom's hands.
    expect((await wall.api(`/api/outgoing/${id}/collect`, { method: 'POST', token })).status).toBe(409);
    expect((await wall.api(`/api/sim/doors/${door}/close`, { method: 'POST' })).status).toBe(200);
    await waitFor(async () => (await item(id)).status === 'awaiting_dispatch', 'awaiting_dispatch');

    const receipt = await waitFor(async () => (await wall.readNotifications()).find((n) => n.event === 'outgoing.received' && n.outgoingId === id), 'drop-off receipt');
    expect(receipt).toMatchObject({ recipientId: 'E1003', door, service: 'registered', country: 'DE' });
  });

  it('lists the letter for the clerk with the carrier the rules suggest', async () => {
    const list = await wall.api('/api/outgoing?status=awaiting_dispatch', { token });
    expect(list.status).toBe(200);
    const listed = list.body.items.find((i: { id: string }) => i.id === id);
    expect(listed).toMatchObject({
      door,
      sender: { id: 'E1003', department: 'Legal' },
      addressee: { name: 'Dr. Anna Schmidt', country: 'DE' },
      suggestion: { carrier: 'china-post', product: 'International registered letter', destination: 'international' },
    });
    expect((await wall.api('/api/outgoing?status=awaiting_dispatch')).status).toBe(401);
  });

  it('refuses to dispatch before the clerk has collected it from its door', async () => {
    const r = await wall.api(`/api/outgoing/${id}/dispatch`, {
      token,
      body: { scan: 'RR123456785CN', postage: { amount: 28.5, currency: 'CNY' }, expectedDeliveryDate: inDays(10) },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('collect it first');
  });

  it('refuses a registered item with a wrong S10 check digit or a number of the wrong kind, changing nothing', async () => {
    await collect(id);
    const before = await item(id);
    expect(before.status).toBe('collected');

    const badDigit = await wall.api(`/api/outgoing/${id}/dispatch`, {
      token,
      body: { scan: 'RB123456786US', postage: { amount: 28.5, currency: 'CNY' }, expectedDeliveryDate: inDays(10) },
    });
    expect(badDigit.status).toBe(422);
    expect(badDigit.body.error.code).toBe('invalid_tracking');
    expect(badDigit.body.error.message).toMatch(/check digit/);

    const express = await wall.api(`/api/outgoing/${id}/dispatch`, {
      token,
      body: { tracking: 'EE123456785CN', postage: { amount: 28.5, currency: 'CNY' }, expectedDeliveryDate: inDays(10) },
    });
    expect(express.status).toBe(422);
    expect(express.body.error.code).toBe('tracking_kind_mismatch');
    expect(express.body.error.message).toContain('registered');

    const none = await wall.api(`/api/outgoing/${id}/dispatch`, { token, body: { postage: { amount: 28.5, currency: 'CNY' }, expectedDeliveryDate: inDays(10) } });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('tracking_required');

    const after = await item(id);
    expect(after.status).toBe('collected');
    expect(after.tracking).toBeNull();
    expect(after.events).toEqual(before.events);
  });

  it('dispatches with a valid S10 number and tells the sender the tracking number', async () => {
    const r = await wall.api(`/api/outgoing/${id}/dispatch`, {
      token,
      body: { scan: 'RR123456785CN\r\n', postage: { amount: 28.5, currency: 'CNY' }, expectedDeliveryDate: inDays(10) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'dispatched', tracking: 'RR123456785CN', carrier: 'china-post', product: 'International registered letter', postage: 28.5, postageCurrency: 'CNY' });
    const note = await waitFor(async () => (await wall.readNotifications()).find((n) => n.event === 'outgoing.dispatched' && n.outgoingId === id), 'dispatch notice');
    expect(note).toMatchObject({ recipientId: 'E1003', tracking: 'RR123456785CN', carrier: 'china-post', expectedDeliveryDate: inDays(10) });
  });

  it('refuses aggregator pushes with a bad secret, an unknown number or a malformed body, changing nothing', async () => {
    const before = await item(id);
    const good = JSON.stringify({ tracking: 'RR123456785CN', status: 'delivered' });
    const refusals = [
      await push('generic', good, { 'content-type': 'application/json', 'x-lockerwall-secret': 'wrong' }),
      await push('generic', good, { 'content-type': 'application/json' }),
      await push('generic', JSON.stringify({ tracking: 'RR999999995CN', status: 'delivered' }), { 'content-type': 'application/json', 'x-lockerwall-secret': GENERIC_SECRET }),
      await push('generic', '{"tracking": "RR123456785CN", ', { 'content-type': 'application/json', 'x-lockerwall-secret': GENERIC_SECRET }),
      await push('generic', JSON.stringify({ tracking: 'RR123456785CN', status: 'teleported' }), { 'content-type': 'application/json', 'x-lockerwall-secret': GENERIC_SECRET }),
      await push('kuaidi100', kuaidi100Form({ status: 'polling', lastResult: { nu: 'RR123456785CN', state: '3', data: [] } }, 'not-the-salt'), { 'content-type': 'application/x-www-form-urlencoded' }),
      await push('kuaidi100', new URLSearchParams({ param: '{not json', sign: createHash('md5').update('{not json' + KUAIDI100_SALT).digest('hex').toUpperCase() }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      await push('aftership', aftershipBody('RR123456785CN', 'Delivered'), { 'content-type': 'application/json', 'aftership-hmac-sha256': 'bm90IHRoZSBzaWduYXR1cmU=' }),
      await push('nosuch', good, { 'content-type': 'application/json' }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 404, 400, 422, 401, 400, 401, 404]);
    for (const r of refusals) expect(r.body.error.message).toBeTruthy();
    const after = await item(id);
    expect(after.status).toBe('dispatched');
    expect(after.events).toEqual(before.events);
  });

  it('follows Kuaidi100 and AfterShip pushes; delivered closes the item and later pushes are ignored', async () => {
    const transit = await push(
      'kuaidi100',
      kuaidi100Form({
        status: 'polling',
        lastResult: { nu: 'RR123456785CN', com: 'youzhengguoji', state: '0', ischeck: '0', data: [{ context: '【上海】已发往 法兰克福', ftime: '2026-01-02 10:00:00' }] },
      }),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(transit.status, JSON.stringify(transit.body)).toBe(200);
    expect(transit.body).toMatchObject({ result: true, returnCode: '200', status: 'in_transit', applied: true });

    const body = aftershipBody('RR123456785CN', 'Delivered');
    const signature = createHmac('sha256', AFTERSHIP_SECRET).update(body).digest('base64');
    const delivered = await push('aftership', body, { 'content-type': 'application/json', 'aftership-hmac-sha256': signature });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', applied: true });

    const again = await push('generic', JSON.stringify({ tracking: 'RR123456785CN', status: 'exception' }), { 'content-type': 'application/json', 'x-lockerwall-secret': GENERIC_SECRET });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'delivered', applied: false });

    const done = await item(id);
    expect(done.status).toBe('delivered');
    expect(done.alert).toBeNull();
    expect(done.events.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
      ['dropped_off', 'badge:E1003'],
      ['door_opened', 'badge:E1003'],
      ['door_closed', 'door-sensor'],
      ['notified', 'system'],
      ['collected', 'clerk:demo-clerk'],
      ['door_opened', 'clerk:demo-clerk'],
      ['dispatched', 'clerk:demo-clerk'],
      ['notified', 'system'],
      ['carrier_in_transit', 'tracking:kuaidi100'],
      ['carrier_delivered', 'tracking:aftership'],
      ['notified', 'system'],
    ]);
  });

  it('records a claim for a damaged registered item, exportable as JSON and CSV', async () => {
    const claim = await wall.api(`/api/outgoing/${id}/claims`, { token, body: { kind: 'damaged', note: 'envelope torn on arrival' } });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    expect(claim.body).toMatchObject({ claim: { kind: 'damaged', itemId: id }, item: { tracking: 'RR123456785CN', carrier: 'china-post', service: 'registered' } });
    const csv = await fetch(`${wall.baseUrl}/api/outgoing/claims?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('declaredValue');
    expect(text).toContain('RR123456785CN');
    expect(text).toContain('envelope torn on arrival');
  });

  it('alerts the mailroom when the carrier reports an exception on an express item', async () => {
    const { id: expressId } = await dropOffAndClose({ badge: LI_NA_BADGE, service: 'express', addressee: { name: 'Chen Jing', city: 'Shenzhen', country: 'CN' } });
    expect((await item(expressId)).suggestion).toMatchObject({ carrier: 'sf-express', destination: 'domestic' });
    await collect(expressId);
    const dispatched = await wall.api(`/api/outgoing/${expressId}/dispatch`, { token, body: { tracking: 'SF1234567890123', postage: { amount: 23, currency: 'CNY' }, expectedDeliveryDate: inDays(2) } });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    const r = await push('generic', JSON.stringify({ tracking: 'SF1234567890123', status: 'exception', detail: 'address unknown' }), { 'content-type': 'application/json', 'x-lockerwall-secret': GENERIC_SECRET });
    expect(r.status).toBe(200);
    const alerts = await wall.api('/api/outgoing?alert=open', { token });
    expect(alerts.body.items.map((i: { id: string; alert: string }) => [i.id, i.alert])).toEqual([[expressId, 'exception']]);
  });

  it('shows departments with sent and received side by side', async () => {
    const parcel = await wall.api('/api/parcels', { token, body: { tracking: '1Z999AA10123456784', recipientId: 'E1003' } });
    expect(parcel.status, JSON.stringify(parcel.body)).toBe(201);
    await wall.api(`/api/sim/doors/${parcel.body.door}/close`, { method: 'POST' });

    const stats = await wall.api('/api/admin/stats/departments', { token: adminToken });
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    expect(stats.body.departments).toContainEqual({ department: 'Legal', sent: 2, received: 1 });
    expect((await wall.api('/api/admin/stats/departments', { token })).status).toBe(403);

    const outgoing = await wall.api('/api/admin/stats/outgoing', { token: adminToken });
    expect(outgoing.body.byCarrierAndService).toEqual([
      { carrier: 'china-post', service: 'registered', sent: 1 },
      { carrier: 'sf-express', service: 'express', sent: 1 },
    ]);
    expect(outgoing.body.onTimeByCarrier).toEqual([{ carrier: 'china-post', delivered: 1, onTime: 1, rate: 1 }]);
    expect(outgoing.body.postageByDepartmentMonth.map((p: { postage: number }) => p.postage).reduce((a: number, b: number) => a + b, 0)).toBe(51.5);
  });
});
