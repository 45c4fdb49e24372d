import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, waitFor, type RunningController } from '../support/controller-process.ts';
import { clerkToken, doorState } from '../support/flows.ts';

let wall: RunningController;
let clerk: string;
let admin: string;

beforeAll(async () => {
  wall = await startController();
  clerk = await clerkToken(wall);
  admin = (await wall.api('/api/clerk/session', { body: { pin: '9876' } })).body.token;
});

afterAll(async () => {
  await wall?.stop();
});

async function storedParcel(tracking: string) {
  const created = await wall.api('/api/parcels', { body: { tracking, recipientId: 'E1012' }, token: clerk });
  await wall.api(`/api/sim/doors/${created.body.door}/close`, { method: 'POST' });
  await waitFor(async () => (await wall.api(`/api/parcels/${created.body.id}`, { token: clerk })).body.status === 'stored', 'stored');
  return created.body as { id: string; door: string };
}

describe('guided audit', () => {
  it('opens each occupied door in turn and records what the auditor found', async () => {
    const a = await storedParcel('AUDIT-1');
    const b = await storedParcel('AUDIT-2');
    const plan = (await wall.api('/api/admin/audit', { token: admin })).body.doors as { door: string; parcelId: string }[];
    expect(plan.map((p) => p.parcelId)).toEqual(expect.arrayContaining([a.id, b.id]));

    const opened = await wall.api(`/api/admin/doors/${a.door}/open`, { body: { reason: 'audit' }, token: admin });
    expect(opened.body).toEqual({ door: a.door, parcelId: a.id });
    expect((await doorState(wall, a.door)).open).toBe(true);
    expect((await wall.api(`/api/admin/audit/${a.door}`, { body: { result: 'present' }, token: admin })).status).toBe(200);
    await wall.api(`/api/sim/doors/${a.door}/close`, { method: 'POST' });
    // closing an audited door does not collect the parcel
    expect((await wall.api(`/api/parcels/${a.id}`, { token: clerk })).body.status).toBe('stored');

    await wall.api(`/api/admin/doors/${b.door}/open`, { body: { reason: 'audit' }, token: admin });
    expect((await wall.api(`/api/admin/audit/${b.door}`, { body: { result: 'missing', note: 'empty shelf' }, token: admin })).status).toBe(200);
    await wall.api(`/api/sim/doors/${b.door}/close`, { method: 'POST' });
    const timeline = (await wall.api(`/api/parcels/${b.id}`, { token: clerk })).body.events.map((e: { type: string; actor: string }) => [e.type, e.actor]);
    expect(timeline).toContainEqual(['door_opened_by_staff', 'admin:demo-admin']);
    expect(timeline).toContainEqual(['audit_missing', 'admin:demo-admin']);
  });

  it('is for admins only, and refuses "present" for an empty door', async () => {
    expect((await wall.api('/api/admin/doors/1/open', { body: { reason: 'audit' }, token: clerk })).status).toBe(403);
    const empty = (await wall.api('/api/doors')).body.doors.find((d: { occupied: boolean; open: boolean }) => !d.occupied && !d.open).door;
    const r = await wall.api(`/api/admin/audit/${empty}`, { body: { result: 'present' }, token: admin });
    expect(r.status).toBe(409);
  });
});

describe('"my door did not open"', () => {
  it('records the report on the parcel and refuses doors that were not opened for a pickup', async () => {
    const p = await storedParcel('REPORT-1');
    const note = await waitFor(async () => (await wall.readNotifications()).find((n) => n.parcelId === p.id), 'code');
    await wall.api('/api/pickup', { body: { code: note.pickupCode } });
    const report = await wall.api('/api/pickup/report', { body: { doors: [p.door], problem: 'did_not_open' } });
    expect(report.body).toEqual({ reported: [p.door] });
    const events = (await wall.api(`/api/parcels/${p.id}`, { token: clerk })).body.events.map((e: { type: string }) => e.type);
    expect(events).toContain('reported_did_not_open');
    expect((await wall.api('/api/pickup/report', { body: { doors: ['2'], problem: 'did_not_open' } })).status).toBe(409);
  });
});

describe('start-up guards', () => {
  it('refuses a second controller on the same data folder, and a busy HTTP port, with a clear message', async () => {
    const second = startController({ dataDir: wall.dataDir });
    await expect(second).rejects.toThrow(/in use by another controller/);
    const port = new URL(wall.baseUrl).port;
    const other = startController({ env: { LOCKERWALL_HTTP_PORT: port } });
    await expect(other).rejects.toThrow(/LOCKERWALL_HTTP_PORT/);
  });

  it('sends badge taps only to the kiosk on the controller itself', async () => {
    // the event stream of a remote client must not carry one-time tap ids
    const { isLoopback } = await import('../../controller/src/http/kiosk.ts');
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('192.168.1.20')).toBe(false);
    expect(isLoopback('::ffff:10.0.0.5')).toBe(false);
  });
});
