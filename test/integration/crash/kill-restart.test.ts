import Database from 'better-sqlite3';
import { openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opToken } from '../../../controller/src/hardware/lwp/op-token.ts';
import { startSimulatedLwpBus, type SimulatedLwpBus } from '../../../controller/src/hardware/lwp/pty-simulator.ts';
import { startController, waitFor, type RunningController } from '../../support/controller-process.ts';

/**
 * The crash harness: deposit/pickup cycles over real PTYs to the board simulator, with SIGKILL of the
 * controller at random points. The simulator and socat live in this process, so the pulse log spans
 * every restart: it is what the lock coils physically did.
 */
const CYCLES = Number(process.env.LOCKERWALL_CRASH_CYCLES ?? 1000);

let seed = 20261203;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

interface Attempt {
  tracking: string;
  acknowledgedId?: string;
}

describe('SIGKILL at random points never loses a parcel or pulses a lock twice', () => {
  let bus: SimulatedLwpBus;
  let wall: RunningController | undefined;
  const heldOpen: number[] = [];

  afterAll(async () => {
    await wall?.kill();
    heldOpen.forEach((fd) => closeSync(fd));
    await bus?.stop();
  });

  it(`survives ${CYCLES} deposit/pickup cycles with kills`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lockerwall-crash-'));
    const pulseLog = join(dataDir, 'pulses.jsonl');
    bus = await startSimulatedLwpBus(
      [
        { id: 'A', channels: 12 },
        { id: 'B', channels: 12 },
      ],
      { pulseLog, autoCloseMs: 40 },
    );
    // Keep the controller's end of each PTY open here too, so socat keeps relaying while the controller is dead.
    for (const path of bus.paths.values()) heldOpen.push(openSync(path, 'r+'));
    const config = {
      hardware: { driver: 'lwp', pulseMs: 50, closeTimeoutMs: 600000 },
      boards: [
        { id: 'A', channels: 12, port: bus.paths.get('A'), options: {} },
        { id: 'B', channels: 12, port: bus.paths.get('B'), options: {} },
      ],
    };

    const attempts: Attempt[] = [];
    let completedCycles = 0;
    let restarts = 0;
    let flaggedUnknown = 0;
    let swept = 0;
    const dbPath = join(dataDir, 'lockerwall.sqlite');
    const pulses = () =>
      existsSync(pulseLog) ? readFileSync(pulseLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { op: string; boardId: string; channel: number }) : [];

    const checkInvariants = () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db.prepare("SELECT id, tracking, status FROM parcels").all() as { id: string; tracking: string; status: string }[];
        const byTracking = new Map<string, number>();
        for (const r of rows) byTracking.set(r.tracking, (byTracking.get(r.tracking) ?? 0) + 1);
        for (const a of attempts) {
          expect(byTracking.get(a.tracking) ?? 0, `parcel ${a.tracking} duplicated`).toBeLessThanOrEqual(1);
          if (a.acknowledgedId) expect(rows.some((r) => r.id === a.acknowledgedId), `acknowledged parcel ${a.acknowledgedId} lost`).toBe(true);
        }
        const intents = db.prepare('SELECT id, outcome FROM door_operations').all() as { id: string; outcome: string | null }[];
        const tokens = new Map(intents.map((i) => [opToken(i.id), i]));
        const seen = new Map<string, number>();
        for (const p of pulses()) {
          seen.set(p.op, (seen.get(p.op) ?? 0) + 1);
          expect(tokens.has(p.op), `pulse ${p.op} on ${p.boardId}/${p.channel} has no journalled intent`).toBe(true);
        }
        for (const [op, n] of seen) expect(n, `intent ${op} pulsed ${n} times`).toBe(1);
        expect(db.prepare('SELECT count(*) AS n FROM parcel_events').get()).toBeTruthy();
      } finally {
        db.close();
      }
    };

    const start = async () => {
      const pulsesBefore = pulses().length;
      wall = await startController({ dataDir, config, startTimeoutMs: 60_000 });
      const admin = (await wall.api('/api/clerk/session', { body: { pin: '9876' } })).body.token as string;
      // Boot never pulses a relay.
      expect(pulses().length).toBe(pulsesBefore);
      // Every intent left without an outcome by the kill is now flagged on its door; the clerk checks and clears it.
      const db = new Database(dbPath, { readonly: true });
      const unknown = db.prepare("SELECT DISTINCT door_id AS door FROM door_operations WHERE outcome = 'unknown' AND error LIKE 'controller stopped%'").all() as { door: string }[];
      db.close();
      const doors = (await wall.api('/api/doors')).body.doors as { door: string; fault: string | null }[];
      for (const { door } of unknown) {
        const d = doors.find((x) => x.door === door)!;
        if (d.fault === 'unknown_outcome') {
          flaggedUnknown++;
          await wall.api(`/api/admin/doors/${door}`, { method: 'PATCH', body: { clearFault: true }, token: admin });
        }
      }
      for (const d of doors) if (d.fault && d.fault !== 'unknown_outcome') await wall.api(`/api/admin/doors/${d.door}`, { method: 'PATCH', body: { clearFault: true }, token: admin });
      return (await wall.api('/api/clerk/session', { body: { pin: '1234' } })).body.token as string;
    };

    let token = await start();
    let untilKill = 5 + Math.floor(random() * 40);

    const cycle = async (n: number) => {
      const attempt: Attempt = { tracking: `CRASH-${n}` };
      attempts.push(attempt);
      const created = await wall!.api('/api/parcels', { body: { tracking: attempt.tracking, recipientId: 'E1003' }, token });
      if (created.status === 409 && created.body.error.code === 'no_free_door') {
        // Cycles cut short by a kill leave parcels stored; E1003 collects them all with her badge.
        const sweep = await wall!.api('/api/pickup', { body: { badge: '4B00423C15' } });
        for (const id of sweep.body.parcels ?? [])
          await waitFor(async () => (await wall!.api(`/api/parcels/${id}`, { token })).body.status === 'collected', 'swept', 20_000);
        swept += sweep.body.parcels?.length ?? 0;
        return;
      }
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      attempt.acknowledgedId = created.body.id;
      const note = await waitFor(async () => (await wall!.readNotifications()).find((x) => x.parcelId === created.body.id), 'code', 20_000).catch(async (error) => {
        const parcel = (await wall!.api(`/api/parcels/${created.body.id}`, { token })).body;
        throw new Error(`${(error as Error).message} in cycle ${n}: ${JSON.stringify(parcel)} doors: ${JSON.stringify((await wall!.api('/api/doors')).body.doors.filter((d: { door: string }) => d.door === parcel.door))}`);
      });
      const pickup = await wall!.api('/api/pickup', { body: { code: note.pickupCode } });
      expect(pickup.status, JSON.stringify(pickup.body)).toBe(200);
      await waitFor(async () => (await wall!.api(`/api/parcels/${created.body.id}`, { token })).body.status === 'collected', 'collected', 20_000);
    };

    for (let n = 0; n < CYCLES; n++) {
      if (--untilKill > 0) {
        await cycle(n);
        completedCycles++;
        continue;
      }
      // Kill somewhere inside a cycle: the request is in flight, the door may be mid-pulse.
      const inFlight = cycle(n).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 60)));
      await wall!.kill();
      await inFlight;
      checkInvariants();
      restarts++;
      token = await start();
      untilKill = 5 + Math.floor(random() * 40);
    }
    await wall!.stop();
    checkInvariants();
    console.log(`crash harness: ${CYCLES} cycles, ${completedCycles} completed without a kill, ${restarts} SIGKILLs, ${flaggedUnknown} unknown outcomes flagged, ${swept} parcels swept by badge, ${pulses().length} pulses`);
    expect(restarts).toBeGreaterThan(CYCLES / 50);
  }, 1_800_000);
});
