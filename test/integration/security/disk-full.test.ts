import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clerkToken, startTestWall, type TestWall } from './support/in-process-wall.ts';

/**
 * A full disk, made real for SQLite without mounting anything: max_page_count caps the database at its
 * current size, so the next page it needs fails with SQLITE_FULL exactly as on a full file system.
 */
function fillTheDisk(t: TestWall): void {
  const db = t.wall.store.db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

describe('with the disk full', () => {
  let t: TestWall;
  let token: string;

  beforeEach(async () => {
    t = await startTestWall({ doors: 300, inMemoryDisk: true });
    token = await clerkToken(t);
  });
  afterEach(async () => {
    await t.stop();
  });

  async function deposit(tracking: string) {
    return t.app.request('/api/parcels', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ tracking, recipientId: 'E1003' }),
    });
  }

  it('refuses a new deposit with a clear 507 and opens no door', async () => {
    // Enough deposits that the next one needs a fresh page of the parcels table or its indexes.
    for (let i = 0; i < 20; i++) {
      const res = await deposit(`LWFULL${String(i).padStart(4, '0')}`);
      expect(res.status).toBe(201);
      await t.closeDoor(((await res.json()) as { door: string }).door);
    }
    fillTheDisk(t);
    let res: Response | undefined;
    let pulsesBefore = 0;
    let parcelsBefore = 0;
    // Pages have spare room for a few rows; keep depositing until the database really needs a new page.
    for (let i = 0; i < 200; i++) {
      pulsesBefore = t.pulseCount();
      parcelsBefore = t.wall.store.parcels.list({ limit: 1000 }).length;
      res = await deposit(`LWFULLX${String(i).padStart(4, '0')}${'Y'.repeat(20)}`);
      if (res.status !== 201) break;
      await t.closeDoor(((await res.json()) as { door: string }).door);
    }
    expect(res!.status).toBe(507);
    const body = (await res!.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('storage_full');
    expect(body.error.message).toMatch(/disk is full/i);
    // The refused deposit left no record and energised no lock.
    expect(t.pulseCount()).toBe(pulsesBefore);
    expect(t.wall.store.parcels.list({ limit: 1000 })).toHaveLength(parcelsBefore);
  });

  it('at the edge of a full disk, never opens a door and then answers with an error', { timeout: 120_000 }, async () => {
    const db = t.wall.store.db;
    const broken: string[] = [];
    for (let i = 0; i < 150; i++) {
      // A little room or none: the deposit's own transaction may fit while the writes after the pulse do not.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + (i % 3)}`);
      const pulsesBefore = t.pulseCount();
      const res = await deposit(`LWEDGE${String(i).padStart(5, '0')}`);
      const body = await res.text();
      const pulsed = t.pulseCount() - pulsesBefore;
      db.pragma('max_page_count = 1073741823');
      if (res.status !== 201 && pulsed > 0) broken.push(`deposit ${i}: ${res.status} ${body.slice(0, 160)} — but the lock was pulsed`);
      for (const d of t.config.doors) await t.closeDoor(d.id);
    }
    expect(broken).toEqual([]);
  });
});
