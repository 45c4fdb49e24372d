import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../../controller/src/ops/backup.ts';
import type { StatFs } from '../../../controller/src/ops/disk-guard.ts';
import { opsSettings, startOps, type RunningOps } from '../../../controller/src/ops/start-ops.ts';
import { clerkToken, startTestWall, type TestWall } from '../../integration/security/support/in-process-wall.ts';
import { parsePrometheusText, sampleValue } from './prometheus-text.ts';

const MB = 1_048_576;

describe('startOps around a composed wall', () => {
  let t: TestWall;
  let ops: RunningOps | undefined;
  let freeBytes: number;
  const statfs: StatFs = () => ({ bavail: freeBytes / 4096, blocks: (1024 * MB) / 4096, bsize: 4096 });

  beforeEach(async () => {
    freeBytes = 500 * MB;
    t = await startTestWall({ doors: 24, inMemoryDisk: true });
  });
  afterEach(async () => {
    await ops?.stop();
    ops = undefined;
    await t?.stop();
  });

  async function deposit(app: { request: (p: string, i: RequestInit) => Response | Promise<Response> }, token: string, tracking: string) {
    return app.request('/api/parcels', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ tracking, recipientId: 'E1003' }),
    });
  }

  it('refuses deposits with 507 and opens no door while the disk is nearly full, and resumes when space is back', async () => {
    const running = (ops = await startOps(t.wall, t.log, { env: {}, statfs }));
    const app = running.withMetrics(t.app);
    const token = await clerkToken(t);
    expect((await deposit(app, token, 'LWOPS0001')).status).toBe(201);

    freeBytes = 12 * MB;
    const pulses = t.pulseCount();
    const refused = await deposit(app, token, 'LWOPS0002');
    expect(refused.status).toBe(507);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/12 MB free, 50 MB needed.*no door was opened/);
    expect(t.pulseCount()).toBe(pulses);
    expect(t.wall.store.parcels.list({ tracking: 'LWOPS0002' })).toHaveLength(0);

    freeBytes = 51 * MB;
    expect((await deposit(app, token, 'LWOPS0002')).status).toBe(201);
    expect(t.pulseCount()).toBe(pulses + 1);
  });

  it('serves /metrics in front of the wall app and counts its answers', async () => {
    const running = (ops = await startOps(t.wall, t.log, { env: {}, statfs }));
    const app = running.withMetrics(t.app);
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/nope')).status).toBe(404);
    const { samples } = parsePrometheusText(await (await app.request('/metrics')).text());
    expect(sampleValue(samples, 'lockerwall_http_responses_total', { class: '2xx' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_http_responses_total', { class: '4xx' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_doors', { state: 'total' })).toBe(24);
  });

  it('takes the first periodic backup at start when none exists, and is quiet without systemd', async () => {
    const running = (ops = await startOps(t.wall, t.log, { env: {}, statfs }));
    expect(running.watchdog.active).toBe(false);
    const root = running.backups!.backupRoot;
    const deadline = Date.now() + 20_000;
    while ((await listBackups(root)).length === 0) {
      if (Date.now() > deadline) throw new Error('no backup was taken');
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('fills in defaults for settings the config does not have', () => {
    expect(opsSettings(t.config)).toEqual({ backup: { dir: '', intervalHours: 24, keep: 14 }, minFreeDiskMb: 50 });
  });
});
