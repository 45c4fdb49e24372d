import { expect } from 'vitest';
import { waitFor, type RunningController } from './controller-process.ts';

export async function clerkToken(wall: RunningController): Promise<string> {
  const session = await wall.api('/api/clerk/session', { body: { pin: '1234' } });
  expect(session.status).toBe(200);
  return session.body.token as string;
}

export async function doorState(wall: RunningController, door: string): Promise<{ door: string; open: boolean; occupied: boolean }> {
  const { body } = await wall.api('/api/doors');
  return body.doors.find((d: { door: string }) => d.door === door);
}

/**
 * The foundation flow: deposit for a recipient, close the door by hand, read the code from the
 * notification file, collect with it, close the door; returns the collected parcel with its timeline.
 */
export async function depositAndCollectWithCode(wall: RunningController, token: string, deposit: Record<string, unknown>) {
  const created = await wall.api('/api/parcels', { body: deposit, token });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { id, door } = created.body;
  await waitFor(async () => (await doorState(wall, door)).open, `door ${door} reported open`);

  expect((await wall.api(`/api/sim/doors/${door}/close`, { method: 'POST' })).status).toBe(200);
  await waitFor(async () => (await wall.api(`/api/parcels/${id}`, { token })).body.status === 'stored', 'parcel stored');
  const note = await waitFor(async () => (await wall.readNotifications()).find((n) => n.parcelId === id), `notification for ${id}`);
  expect(note).toMatchObject({ event: 'parcel.stored', recipientId: deposit.recipientId, door });
  expect(note.pickupCode).toMatch(/^\d{8}$/);

  const pickup = await wall.api('/api/pickup', { body: { code: note.pickupCode } });
  expect(pickup.status, JSON.stringify(pickup.body)).toBe(200);
  expect(pickup.body).toMatchObject({ doors: [door], parcels: [id] });
  await waitFor(async () => (await doorState(wall, door)).open, `door ${door} open for pickup`);
  await wall.api(`/api/sim/doors/${door}/close`, { method: 'POST' });

  const parcel = await waitFor(async () => {
    const p = (await wall.api(`/api/parcels/${id}`, { token })).body;
    return p.status === 'collected' && p;
  }, 'parcel collected');
  expect(parcel.events.map((e: { type: string }) => e.type)).toEqual([
    'deposited',
    'door_opened',
    'stored',
    'code_issued',
    'notified',
    'pickup_requested',
    'door_opened',
    'collected',
  ]);
  return { parcel, code: note.pickupCode as string, door: door as string };
}
