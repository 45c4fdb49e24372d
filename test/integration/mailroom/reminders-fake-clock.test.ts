import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/controller-process.ts';
import { FakeClock, startFakeClockWall } from './in-process.ts';

// Saturday 2025-03-08 17:00 in New York; the clocks spring forward the next night.
const clock = new FakeClock(Date.parse('2025-03-08T22:00:00Z'));
let t: Awaited<ReturnType<typeof startFakeClockWall>>;

beforeAll(async () => {
  t = await startFakeClockWall(clock, {
    rules: {
      inspectedAtIntake: true,
      businessHours: { timeZone: 'America/New_York', workingDays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00', holidays: [] },
      reminders: { enabled: true, at: '09:00', everyBusinessDays: 1, max: 2 },
      expiry: { afterBusinessDays: 5 },
      express: { escalateAfterHours: 2 },
    },
  });
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

async function storeParcel(tracking: string, recipientId: string, classes: string[] = []) {
  const parcel = await t.wall.deposit.deposit({ tracking, recipientId, classes: classes as never, actor: 'clerk:test' });
  await t.closeDoor(parcel.doorId!);
  await waitFor(() => t.wall.store.parcels.get(parcel.id)!.status === 'stored', 'stored');
  return t.wall.store.parcels.get(parcel.id)!;
}

const eventsOf = (id: string) => t.wall.store.parcels.events(id).map((e) => e.type);

describe('scheduler under a fake clock', () => {
  let express: Awaited<ReturnType<typeof storeParcel>>;
  let onHold: Awaited<ReturnType<typeof storeParcel>>;

  it('escalates an uncollected express item to the department representative at exactly N hours, once', async () => {
    express = await storeParcel('EXPRESS-1', 'E1005', ['express']);
    t.wall.store.mailroom.setPreferences({ recipientId: 'E1012', channel: null, locale: null, holdUntil: '2025-03-17T00:00:00.000Z', allowConfidentialDelegation: false }, clock.now().toISOString());
    onHold = await storeParcel('HOLD-1', 'E1012');

    clock.set('2025-03-08T23:59:59Z');
    expect(t.wall.mailroom.scheduler.tick().escalated).toEqual([]);
    clock.set('2025-03-09T00:00:00Z');
    expect(t.wall.mailroom.scheduler.tick().escalated).toEqual([express.id]);
    expect(t.wall.mailroom.scheduler.tick().escalated).toEqual([]);

    const escalations = t.outbox().filter((m) => m.event === 'parcel.escalated');
    // E1006 represents HR (collects for dept:HR); he gets one message, the recipient none.
    expect(escalations.map((m) => [m.recipientId, m.createdAt])).toEqual([['E1006', '2025-03-09T00:00:00.000Z']]);
    const escalated = t.wall.store.parcels.events(express.id).find((e) => e.type === 'escalated')!;
    expect(escalated.detail).toEqual({ to: ['E1006'] });
  });

  it('reminds on the next business day at 09:00 local — 2025-03-10 13:00Z after the DST change', async () => {
    expect(t.wall.store.mailroom.rules(express.id)!.nextReminderAt).toBe('2025-03-10T13:00:00.000Z');
    clock.set('2025-03-10T12:59:59Z');
    expect(t.wall.mailroom.scheduler.tick().reminded).toEqual([]);
    clock.set('2025-03-10T13:00:00Z');
    const report = t.wall.mailroom.scheduler.tick();
    expect(report.reminded).toEqual([express.id]);
    expect(report.postponed).toEqual([onHold.id]);
    const reminders = t.outbox().filter((m) => m.event === 'parcel.reminder');
    expect(reminders.map((m) => [m.recipientId, m.createdAt, m.parcelId])).toEqual([['E1005', '2025-03-10T13:00:00.000Z', express.id]]);
    expect(t.wall.store.mailroom.rules(express.id)!.nextReminderAt).toBe('2025-03-11T13:00:00.000Z');
    expect(eventsOf(express.id)).toContain('reminded');
    // the vacationer's reminder waits for the first business day after the hold ends
    expect(t.wall.store.mailroom.rules(onHold.id)!.nextReminderAt).toBe('2025-03-17T13:00:00.000Z'); // hold ends Sun 20:00 local → Mon 09:00
  });

  it('stops after the configured number of reminders', async () => {
    clock.set('2025-03-11T13:00:00Z');
    expect(t.wall.mailroom.scheduler.tick().reminded).toEqual([express.id]);
    expect(t.wall.store.mailroom.rules(express.id)).toMatchObject({ remindersSent: 2, nextReminderAt: null });
    clock.set('2025-03-12T13:00:00Z');
    expect(t.wall.mailroom.scheduler.tick().reminded).toEqual([]);
  });

  it('expires after five business days onto the return list; the code then refuses and the clerk empties the door', async () => {
    clock.set('2025-03-14T20:59:59Z');
    expect(t.wall.mailroom.scheduler.tick().expired).toEqual([]);
    clock.set('2025-03-14T21:00:00Z'); // Friday 17:00 EDT
    const report = t.wall.mailroom.scheduler.tick();
    expect(report.expired).toEqual([express.id]);
    expect(report.postponed).toContain(onHold.id);

    const session = await t.app.request('/api/clerk/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '1234' }) });
    const { token } = (await session.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const list = (await (await t.app.request('/api/mailroom/returns', { headers: auth })).json()) as { parcels: { id: string; door: string }[] };
    expect(list.parcels.map((p) => [p.id, p.door])).toEqual([[express.id, express.doorId]]);

    const badge = await t.wall.pickup.pickupByBadge('5DE569C17F', 'test').catch((e: Error) => e);
    expect((badge as { code?: string }).code).toBe('nothing_to_collect');

    const back = await t.app.request(`/api/mailroom/parcels/${express.id}/return`, { method: 'POST', headers: auth });
    expect(back.status).toBe(200);
    expect(((await back.json()) as { status: string }).status).toBe('returned');
    expect(t.wall.store.doors.occupiedIds().has(express.doorId!)).toBe(false);
    expect(eventsOf(express.id)).toEqual(expect.arrayContaining(['stored', 'escalated', 'reminded', 'expired', 'returned', 'door_opened']));
    expect(t.outbox().filter((m) => m.event === 'parcel.expired').map((m) => m.recipientId)).toEqual(['E1005']);
  });
});
