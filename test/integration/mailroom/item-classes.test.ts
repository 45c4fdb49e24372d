import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, waitFor, type RunningController } from '../../support/controller-process.ts';
import { clerkToken } from '../../support/flows.ts';
import { closeDoor, codeFor, doorOpen, doorsWithOwners, parcelStatus, SIGNATURE, storeThroughCounter } from './support.ts';

let wall: RunningController;
let token: string;
const SECURE_DOORS = ['19', '20', '21'];

beforeAll(async () => {
  wall = await startController({
    config: { rules: { inspectedAtIntake: false }, doors: doorsWithOwners({ '1': 'E1013', '2': 'dept:Legal' }) },
  });
  token = await clerkToken(wall);
}, 60_000);

afterAll(async () => {
  await wall?.stop();
});

describe('intake gates on the real controller', () => {
  it('holds a parcel at the counter with no door until inspection clears it', async () => {
    const held = await wall.api('/api/parcels', { body: { tracking: 'GATE-INSPECT-1', recipientId: 'E1012' }, token });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'held', door: null });
    const id = held.body.id;
    const early = await wall.api(`/api/mailroom/parcels/${id}/deposit`, { method: 'POST', token });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('inspection_pending');
    expect((await wall.api('/api/mailroom/held', { token })).body.parcels.map((p: { id: string }) => p.id)).toContain(id);

    expect((await wall.api(`/api/mailroom/parcels/${id}/inspection`, { body: { result: 'cleared' }, token })).body.inspection.state).toBe('cleared');
    const placed = await wall.api(`/api/mailroom/parcels/${id}/deposit`, { method: 'POST', token });
    expect(placed.status).toBe(200);
    expect(placed.body.status).toBe('awaiting_close');
    await waitFor(() => doorOpen(wall, placed.body.door), 'door open');
    await closeDoor(wall, placed.body.door);
    const stored = await parcelStatus(wall, token, id, 'stored');
    expect(stored.events.map((e: { type: string }) => e.type).slice(0, 4)).toEqual(['received', 'inspection_cleared', 'deposited', 'door_opened']);
  });

  it('holds media until IT marks it clean, even after inspection', async () => {
    const held = await wall.api('/api/mailroom/parcels', { body: { tracking: 'GATE-MEDIA-1', recipientId: 'E1015', classes: ['media'] }, token });
    const id = held.body.id;
    expect(held.body.mediaCheck).toBe('pending');
    await wall.api(`/api/mailroom/parcels/${id}/inspection`, { body: { result: 'cleared' }, token });
    const refused = await wall.api(`/api/mailroom/parcels/${id}/deposit`, { method: 'POST', token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('media_check_pending');
    expect((await wall.api(`/api/mailroom/parcels/${id}/media-clean`, { method: 'POST', token })).body.mediaCheck).toBe('clean');
    const placed = await wall.api(`/api/mailroom/parcels/${id}/deposit`, { method: 'POST', token });
    expect(placed.status).toBe(200);
    await closeDoor(wall, placed.body.door);
    await parcelStatus(wall, token, id, 'stored');
  });

  it('quarantines with a reason, raises an alarm naming only the opaque id, and never assigns a door', async () => {
    const events = await fetch(`${wall.baseUrl}/api/events`);
    const reader = events.body!.getReader();
    let seen = '';
    const alarm = (async () => {
      const decoder = new TextDecoder();
      while (!seen.includes('parcel_quarantined')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value);
      }
    })();
    const held = await wall.api('/api/mailroom/parcels', { body: { tracking: 'GATE-QUAR-1', recipientId: 'E1003' }, token });
    const id = held.body.id;
    const q = await wall.api(`/api/mailroom/parcels/${id}/inspection`, { body: { result: 'quarantined', reason: 'powder leaking' }, token });
    expect(q.body.inspection).toEqual({ state: 'quarantined', reason: 'powder leaking' });
    await Promise.race([alarm, new Promise((_, reject) => setTimeout(() => reject(new Error(`no alarm on SSE:\n${seen}`)), 10_000))]);
    await reader.cancel();
    const line = seen.split('\n').find((l) => l.includes('parcel_quarantined'))!;
    expect(line).toContain(id);
    for (const secret of ['GATE-QUAR-1', 'E1003', '李娜', 'Li Na', 'powder']) expect(line).not.toContain(secret);
    const refused = await wall.api(`/api/mailroom/parcels/${id}/deposit`, { method: 'POST', token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('inspection_pending');
  });
});

describe('registered mail', () => {
  it('refuses release without proof, refuses a one-dot signature, then records the signature as a receipt', async () => {
    const { id, door } = await storeThroughCounter(wall, token, { tracking: 'REG-SIGN-1', recipientId: 'E1003', classes: ['registered'] });
    const code = await codeFor(wall, id);

    const bare = await wall.api('/api/pickup', { body: { code } });
    expect(bare.status).toBe(403);
    expect(bare.body.error.code).toBe('proof_required');
    expect(bare.body.error.details).toEqual({ parcels: [id], proof: ['signature', 'badge'] });
    const dot = await wall.api('/api/pickup/proof', { body: { code, signature: { strokes: [[[50, 50, 0]]] } } });
    expect(dot.status).toBe(422);
    expect(dot.body.error.code).toBe('signature_too_short');
    expect(await doorOpen(wall, door)).toBe(false);

    const signed = await wall.api('/api/pickup/proof', { body: { code, signature: SIGNATURE } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ doors: [door], parcels: [id] });
    await waitFor(() => doorOpen(wall, door), 'door open');
    await closeDoor(wall, door);
    const parcel = await parcelStatus(wall, token, id, 'collected');
    expect(parcel.receipts).toHaveLength(1);
    expect(parcel.receipts[0]).toMatchObject({ kind: 'signature', collectorId: 'E1003' });
    expect(parcel.notifications).toEqual([expect.objectContaining({ event: 'parcel.stored', recipientId: 'E1003', channel: 'file', deliveredAt: expect.any(String) })]);
    expect(parcel.receipts[0].signature[0]).toHaveLength(24);
    const proofEvent = parcel.events.find((e: { type: string }) => e.type === 'handover_proof');
    expect(proofEvent.detail).toMatchObject({ receiptId: parcel.receipts[0].id, proof: 'signature', collectorId: 'E1003' });

    const svg = await fetch(`${wall.baseUrl}/api/mailroom/parcels/${id}/receipts/${parcel.receipts[0].id}/signature.svg`, { headers: { authorization: `Bearer ${token}` } });
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg [^>]*>.*<path d="M/);

    const csv = await fetch(`${wall.baseUrl}/api/parcels/${id}/timeline.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('parcel,seq,at,type,actor,door,detail');
    expect(lines.map((l) => l.split(',')[3])).toEqual(expect.arrayContaining(['received', 'inspection_cleared', 'deposited', 'stored', 'notified', 'handover_proof', 'collected']));
  });

  it("accepts the recipient's badge as proof with a code, and refuses a stranger's badge", async () => {
    const { id, door } = await storeThroughCounter(wall, token, { tracking: 'REG-BADGE-1', recipientId: 'E1003', classes: ['registered'] });
    const code = await codeFor(wall, id);
    const stranger = await wall.api('/api/pickup/proof', { body: { code, badge: '26AE4B50A2' } });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('badge_not_allowed');
    const ok = await wall.api('/api/pickup/proof', { body: { code, badge: '4B00423C15' } });
    expect(ok.status).toBe(200);
    await closeDoor(wall, door);
    const parcel = await parcelStatus(wall, token, id, 'collected');
    expect(parcel.receipts[0]).toMatchObject({ kind: 'badge', collectorId: 'E1003', signature: null });
  });
});

describe('confidential items and collecting for others', () => {
  it('goes only into a secure door (never the recipient’s own non-secure box) and refuses a code-only pickup', async () => {
    const { id, door } = await storeThroughCounter(wall, token, { tracking: 'CONF-1', recipientId: 'E1013', classes: ['confidential', 'registered'] });
    expect(SECURE_DOORS).toContain(door);
    const code = await codeFor(wall, id);
    const r = await wall.api('/api/pickup', { body: { code } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('badge_required');
    const withSignature = await wall.api('/api/pickup/proof', { body: { code, signature: SIGNATURE } });
    expect(withSignature.body.error.code).toBe('badge_required');
    expect(await doorOpen(wall, door)).toBe(false);

    // E1014 collects for E1013, but not confidential items until E1013 allows it.
    const delegate = await wall.api('/api/pickup', { body: { badge: '154,17220' } });
    expect(delegate.status).toBe(404);
    expect(await doorOpen(wall, door)).toBe(false);

    const prefs = await wall.api('/api/mailroom/recipients/E1013/preferences', { method: 'PUT', body: { allowConfidentialDelegation: true }, token });
    expect(prefs.body.allowConfidentialDelegation).toBe(true);
    const allowed = await wall.api('/api/pickup', { body: { badge: '154,17220' } });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body.doors).toEqual([door]);
    await closeDoor(wall, door);
    const parcel = await parcelStatus(wall, token, id, 'collected');
    expect(parcel.collectedBy).toBe('E1014');
    expect(parcel.receipts[0]).toMatchObject({ kind: 'badge', collectorId: 'E1014' });
    expect(parcel.events.find((e: { type: string }) => e.type === 'pickup_requested').detail).toEqual({ collectedFor: 'E1013', collectedBy: 'E1014' });

    const notes = await waitFor(async () => {
      const all = (await wall.readNotifications()).filter((n) => n.parcelId === id && n.event !== 'parcel.stored');
      return all.length >= 2 && all;
    }, 'both people notified');
    expect(notes.map((n) => [n.event, n.recipientId]).sort()).toEqual([
      ['parcel.collected_by_you', 'E1014'],
      ['parcel.collected_for_you', 'E1013'],
    ]);
  });
});

describe('dedicated doors', () => {
  it("puts a person's and a department's mail into their own boxes first, and nobody else's mail ever", async () => {
    const mine = await storeThroughCounter(wall, token, { tracking: 'OWN-1', recipientId: 'E1013', size: 'S' });
    expect(mine.door).toBe('1');
    const legal = await storeThroughCounter(wall, token, { tracking: 'OWN-2', recipientId: 'E1003', size: 'S' });
    expect(legal.door).toBe('2');
    for (let i = 0; i < 3; i++) {
      const other = await storeThroughCounter(wall, token, { tracking: `OWN-OTHER-${i}`, recipientId: 'E1012', size: 'S' });
      expect(['1', '2']).not.toContain(other.door);
    }
  });
});

describe('insured items', () => {
  it('needs value and condition at intake, a condition at pickup, and opens a claim when damaged', async () => {
    const missing = await wall.api('/api/mailroom/parcels', { body: { tracking: 'INS-0', recipientId: 'E1012', classes: ['insured'] }, token });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('insured_details_required');

    const { id, door } = await storeThroughCounter(wall, token, {
      tracking: 'INS-1',
      recipientId: 'E1012',
      classes: ['insured'],
      declaredValue: 1200,
      declaredCurrency: 'CNY',
      condition: 'intact, sealed',
    });
    const code = await codeFor(wall, id);
    const bare = await wall.api('/api/pickup', { body: { code } });
    expect(bare.status).toBe(403);
    expect(bare.body.error.details).toEqual({ parcels: [id], proof: [], condition: ['intact', 'damaged'] });
    const ok = await wall.api('/api/pickup/proof', { body: { code, condition: 'damaged' } });
    expect(ok.status).toBe(200);
    await closeDoor(wall, door);
    const parcel = await parcelStatus(wall, token, id, 'collected');
    expect(parcel.insurance).toEqual({ declaredValue: 1200, currency: 'CNY', intakeCondition: 'intact, sealed', pickupCondition: 'damaged' });

    const claims = await wall.api('/api/mailroom/claims', { token });
    expect(claims.body.claims).toEqual([expect.objectContaining({ parcelId: id, kind: 'damaged', declaredValue: 1200, tracking: 'INS-1' })]);
    expect(parcel.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['condition_confirmed', 'claim_opened']));

    const lost = await wall.api(`/api/mailroom/parcels/${id}/claims`, { body: { kind: 'lost', note: 'second item missing from the box' }, token });
    expect(lost.status).toBe(201);
    const plain = (await wall.api('/api/parcels?tracking=OWN-OTHER-0', { token })).body.parcels[0];
    const refused = await wall.api(`/api/mailroom/parcels/${plain.id}/claims`, { body: { kind: 'lost' }, token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_insured');
    const csv = await fetch(`${wall.baseUrl}/api/mailroom/claims?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toMatch(/^id,parcelId,kind,/);
    expect(rows[1]).toContain(`${id},damaged`);
    expect(rows[2]).toContain(`${id},lost,second item missing from the box`);
  });
});
