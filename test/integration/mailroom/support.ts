import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT, waitFor, type RunningController } from '../../support/controller-process.ts';

/** The demo wall's doors from config/default.json, with owners added (arrays replace, they do not merge). */
export function doorsWithOwners(owners: Record<string, string>) {
  const config = JSON.parse(readFileSync(join(REPO_ROOT, 'config/default.json'), 'utf8')) as { doors: Record<string, unknown>[] };
  return config.doors.map((d) => (owners[d.id as string] ? { ...d, owner: owners[d.id as string] } : d));
}

export async function closeDoor(wall: RunningController, door: string) {
  expect((await wall.api(`/api/sim/doors/${door}/close`, { method: 'POST' })).status).toBe(200);
}

export async function parcelStatus(wall: RunningController, token: string, id: string, status: string) {
  return waitFor(async () => {
    const p = (await wall.api(`/api/mailroom/parcels/${id}`, { token })).body;
    return p.status === status && p;
  }, `parcel ${id} ${status}`);
}

export async function codeFor(wall: RunningController, parcelId: string): Promise<string> {
  const note = await waitFor(async () => (await wall.readNotifications()).find((n) => n.parcelId === parcelId && n.event === 'parcel.stored'), `code for ${parcelId}`);
  return note.pickupCode as string;
}

/** Intake → inspection cleared → door → closed: returns the stored parcel's id and door. */
export async function storeThroughCounter(wall: RunningController, token: string, body: Record<string, unknown>) {
  const held = await wall.api('/api/mailroom/parcels', { body, token });
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  expect(held.body).toMatchObject({ status: 'held', door: null });
  const id = held.body.id as string;
  expect((await wall.api(`/api/mailroom/parcels/${id}/inspection`, { body: { result: 'cleared' }, token })).status).toBe(200);
  if ((body.classes as string[] | undefined)?.includes('media'))
    expect((await wall.api(`/api/mailroom/parcels/${id}/media-clean`, { method: 'POST', token })).status).toBe(200);
  const placed = await wall.api(`/api/mailroom/parcels/${id}/deposit`, { method: 'POST', token });
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  const door = placed.body.door as string;
  await waitFor(async () => (await wall.api('/api/doors')).body.doors.find((d: { door: string }) => d.door === door).open, `door ${door} open`);
  await closeDoor(wall, door);
  await parcelStatus(wall, token, id, 'stored');
  return { id, door };
}

export async function doorOpen(wall: RunningController, door: string): Promise<boolean> {
  return (await wall.api('/api/doors')).body.doors.find((d: { door: string }) => d.door === door).open as boolean;
}

/** A signature the kiosk canvas would record: a wave 200 px wide. */
export const SIGNATURE = { strokes: [Array.from({ length: 24 }, (_, i) => [10 + i * 8, 40 + Math.round(15 * Math.sin(i / 2)), i * 20])] };
