import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, startController, waitFor } from '../../support/controller-process.ts';
import { clerkToken } from '../../support/flows.ts';

const run = promisify(execFile);
const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'controller/src/cli.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, LOCKERWALL_DATA_DIR: dataDir } });
const directory = join(REPO_ROOT, 'config/examples/directory.csv');

describe('API tokens with scopes', () => {
  it('lets a read-only integration read parcels but not deposit, and stops working once revoked', async () => {
    const wall = await startController();
    try {
      const { stdout } = await cli(wall.dataDir, 'create-token', 'facilities-dashboard', 'clerk:read');
      const token = stdout.trim();
      expect(token).toMatch(/^lwt_/);
      expect((await wall.api('/api/parcels?status=stored', { token })).status).toBe(200);
      const write = await wall.api('/api/parcels', { body: { tracking: 'TOKEN-1', recipientId: 'E1003' }, token });
      expect(write.status).toBe(403);
      expect(write.body.error.message).toMatch(/clerk:write/);
      expect((await wall.api('/api/admin/doors/1', { method: 'PATCH', body: { enabled: false }, token })).status).toBe(403);
      await cli(wall.dataDir, 'revoke-token', 'facilities-dashboard');
      expect((await wall.api('/api/parcels?status=stored', { token })).status).toBe(401);
      const db = readFileSync(join(wall.dataDir, 'lockerwall.sqlite'));
      expect(db.includes(Buffer.from(token))).toBe(false);
    } finally {
      await wall.stop();
    }
  });

  it('refuses unknown scopes', async () => {
    const wall = await startController();
    await wall.stop();
    await expect(cli(wall.dataDir, 'create-token', 'x', 'root')).rejects.toThrow(/Scopes must be/);
  });
});

describe('rotate-secret', () => {
  it('re-issues the codes of stored parcels, keeps badges working and kills the old codes', async () => {
    let wall = await startController();
    const token = await clerkToken(wall);
    const created = await wall.api('/api/parcels', { body: { tracking: 'ROTATE-1', recipientId: 'E1003' }, token });
    await wall.api(`/api/sim/doors/${created.body.door}/close`, { method: 'POST' });
    const first = await waitFor(async () => (await wall.readNotifications()).find((n) => n.parcelId === created.body.id), 'code');
    const running = await cli(wall.dataDir, 'rotate-secret', directory).catch((e) => e);
    expect(running.code).toBe(4);
    await wall.stop();

    const { stdout } = await cli(wall.dataDir, 'rotate-secret', directory);
    expect(stdout).toMatch(/1 codes re-issued/);
    wall = await startController({ dataDir: wall.dataDir });
    try {
      const reissued = await waitFor(async () => (await wall.readNotifications()).find((n) => n.event === 'parcel.code_reissued' && n.parcelId === created.body.id), 'new code');
      expect(reissued.pickupCode).not.toBe(first.pickupCode);
      expect((await wall.api('/api/pickup', { body: { code: first.pickupCode } })).status).toBe(401);
      const badge = await wall.api('/api/pickup', { body: { badge: '066,15381' } });
      expect(badge.status, JSON.stringify(badge.body)).toBe(200);
      expect(badge.body.parcels).toEqual([created.body.id]);
    } finally {
      await wall.stop();
    }
  });
});
