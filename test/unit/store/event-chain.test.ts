import { describe, expect, it } from 'vitest';
import { Store } from '../../../controller/src/store/store.ts';

function seeded() {
  const store = Store.open(':memory:');
  const at = '2026-12-01T09:00:00.000Z';
  store.recipients.upsert({ id: 'E1', name: 'A', nameLatin: 'A', email: '', department: 'X', locale: 'en', role: 'employee', collectsFor: [], needsAccessibleDoor: false, active: true }, at);
  store.doors.syncWithConfig([{ id: '1', size: 'S', board: 'A', channel: 1, column: 0, row: 0, accessible: false, secure: false }], at);
  store.parcels.insert({ id: 'P1', tracking: 'T1', carrier: null, rawScan: null, recipientId: 'E1', doorId: '1', size: 'S', classes: [], depositedBy: 'clerk', at });
  for (const type of ['deposited', 'door_opened', 'stored', 'code_issued', 'collected'])
    store.parcels.addEvent({ parcelId: 'P1', at, type, actor: 'test', doorId: '1', detail: { n: type.length } });
  return store;
}

describe('custody log hash chain', () => {
  it('verifies an untouched log', () => {
    expect(seeded().parcels.verifyLog()).toEqual({ ok: true, checked: 5 });
  });

  it('refuses updates and deletes', () => {
    const store = seeded();
    expect(() => store.db.prepare("UPDATE parcel_events SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM parcel_events WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('finds the first broken link after one byte of a row changes', () => {
    const store = seeded();
    store.db.exec('DROP TRIGGER parcel_events_append_only_update');
    store.db.prepare("UPDATE parcel_events SET actor = 'tesT' WHERE seq = 3").run();
    expect(store.parcels.verifyLog()).toMatchObject({ ok: false, firstBrokenSeq: 3, checked: 2 });
  });

  it('finds a deleted row', () => {
    const store = seeded();
    store.db.exec('DROP TRIGGER parcel_events_append_only_delete');
    store.db.prepare('DELETE FROM parcel_events WHERE seq = 4').run();
    expect(store.parcels.verifyLog()).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });
});
