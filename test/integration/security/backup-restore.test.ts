import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand } from '../../../controller/src/ops/commands.ts';
import { startController, type RunningController } from '../../support/controller-process.ts';

describe('backup and restore around the real controller', () => {
  const running: RunningController[] = [];
  const folders: string[] = [];
  afterAll(async () => {
    for (const c of running) await c.stop();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('backs up while it runs, refuses to restore under it, and a restored wall on a new machine honours the old code', { timeout: 120_000 }, async () => {
    const first = await startController();
    running.push(first);
    folders.push(first.dataDir);
    const backupRoot = await mkdtemp(join(tmpdir(), 'lw-backups-'));
    folders.push(backupRoot);
    const lines: string[] = [];
    const ctx = (dataDir: string) => ({ dataDir, backupRoot, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) });

    const session = await first.api('/api/clerk/session', { body: { pin: '1234' } });
    const deposit = await first.api('/api/parcels', { body: { tracking: 'LWRESTORE01', recipientId: 'E1003' }, token: session.body.token });
    expect(deposit.status).toBe(201);
    await first.api(`/api/sim/doors/${deposit.body.door}/close`, { method: 'POST' });
    let code: string | undefined;
    for (const deadline = Date.now() + 20_000; !code && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100)))
      code = (await first.readNotifications()).find((m) => m.parcelId === deposit.body.id)?.pickupCode;
    expect(code).toMatch(/^\d{8}$/);

    expect(await backupCommand([], ctx(first.dataDir)), lines.join('\n')).toBe(0);
    const backupDir = lines.at(-1)!.match(/backup written: (\S+)/)![1]!;

    expect(await restoreCommand([backupDir], ctx(first.dataDir))).toBe(4);
    expect(lines.at(-1)).toMatch(/A running controller holds .* stop it first/);
    expect((await first.api('/api/health')).status).toBe(200);
    await first.stop();

    const fresh = await mkdtemp(join(tmpdir(), 'lw-new-machine-'));
    folders.push(fresh);
    expect(await restoreCommand([backupDir], ctx(fresh)), lines.join('\n')).toBe(0);
    const second = await startController({ dataDir: fresh });
    running.push(second);
    const parcel = await second.api(`/api/parcels/${deposit.body.id}`, { token: (await second.api('/api/clerk/session', { body: { pin: '1234' } })).body.token });
    expect(parcel.body.status).toBe('stored');
    // The code only matches if the install secret came back with the database.
    const pickup = await second.api('/api/pickup', { body: { code } });
    expect(pickup.status, JSON.stringify(pickup.body)).toBe(200);
    expect(pickup.body.doors).toEqual([deposit.body.door]);
  });
});
