import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../controller/src/store/database.ts';
import { MIGRATIONS } from '../../../controller/src/store/migrations.ts';
import { Store } from '../../../controller/src/store/store.ts';

describe('migration 2 (mailroom rules) on a foundation database', () => {
  it('keeps every parcel, event and code, keeps the hash chain valid and the constraints in force', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    const v1 = new Store(db);
    v1.recipients.upsert({ id: 'E1', name: 'A', nameLatin: 'A', email: '', department: 'Legal', locale: 'en', role: 'employee', collectsFor: [], needsAccessibleDoor: false, active: true }, 't');
    db.exec("INSERT INTO doors (id, size, board, channel, col, row, updated_at) VALUES ('1','S','A',1,0,0,'t'), ('2','S','A',2,0,1,'t')");
    v1.parcels.insert({ id: 'P1', tracking: 'T1', carrier: null, rawScan: null, recipientId: 'E1', doorId: '1', size: 'S', classes: ['registered'], depositedBy: 'c', at: '2025-01-01T00:00:00Z' });
    v1.parcels.addEvent({ parcelId: 'P1', at: '2025-01-01T00:00:00Z', type: 'deposited', actor: 'c', doorId: '1', detail: { a: 1 } });
    v1.parcels.addEvent({ parcelId: 'P1', at: '2025-01-01T00:01:00Z', type: 'stored', actor: 'door', doorId: '1', detail: {} });
    v1.credentials.tryAddPickupCode('digest-1', 'P1', 'E1', 't', '2099-01-01T00:00:00Z');

    expect(migrate(db)).toBe(MIGRATIONS.length - 1);
    const store = new Store(db);
    expect(store.parcels.get('P1')).toMatchObject({ tracking: 'T1', doorId: '1', classes: ['registered'], status: 'awaiting_close' });
    expect(store.parcels.events('P1').map((e) => e.type)).toEqual(['deposited', 'stored']);
    expect(store.parcels.verifyLog()).toMatchObject({ ok: true, checked: 2 });
    expect(store.credentials.findPickupCode('digest-1')?.parcelId).toBe('P1');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(store.mailroom.rules('P1')).toMatchObject({ inspection: 'not_required', mediaCheck: 'not_required', remindersSent: 0 });

    // the log is still append-only, foreign keys still point at the rebuilt parcels table, one active parcel per door
    expect(() => db.exec("DELETE FROM parcel_events WHERE seq = 1")).toThrow(/append-only/);
    expect(() => store.credentials.tryAddPickupCode('digest-2', 'NOPE', 'E1', 't', '2099-01-01T00:00:00Z')).toThrow(/FOREIGN KEY/);
    expect(() => store.parcels.insert({ id: 'P2', tracking: 'T2', carrier: null, rawScan: null, recipientId: 'E1', doorId: '1', size: 'S', classes: [], depositedBy: 'c', at: 't' })).toThrow(/UNIQUE/);

    // a held parcel has no door, and any number of them can wait at the counter
    store.mailroom.insertHeld({ id: 'H1', tracking: 'H1', carrier: null, rawScan: null, recipientId: 'E1', size: 'S', classes: [], depositedBy: 'c', at: 't' });
    store.mailroom.insertHeld({ id: 'H2', tracking: 'H2', carrier: null, rawScan: null, recipientId: 'E1', size: 'S', classes: [], depositedBy: 'c', at: 't' });
    expect(store.mailroom.heldIds()).toEqual(['H1', 'H2']);
    expect(() => db.exec("UPDATE parcels SET status = 'lost' WHERE id = 'H1'")).toThrow(/CHECK/);
  });
});
