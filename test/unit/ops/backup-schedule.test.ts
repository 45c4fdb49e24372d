import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, DATABASE_FILE, listBackups } from '../../../controller/src/ops/backup.ts';
import { BackupSchedule } from '../../../controller/src/ops/backup-schedule.ts';
import { loadOrCreateInstallSecret } from '../../../controller/src/security/install-secret.ts';
import { openDatabase, type Db } from '../../../controller/src/store/database.ts';

let root: string;
let dataDir: string;
let db: Db;
let schedule: BackupSchedule | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lw-schedule-'));
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  loadOrCreateInstallSecret(dataDir);
  db = openDatabase({ path: join(dataDir, DATABASE_FILE) });
});
afterEach(async () => {
  await schedule?.stop();
  schedule = undefined;
  db.close();
  await rm(root, { recursive: true, force: true });
});

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('BackupSchedule', () => {
  it('backs up every interval and keeps only the newest N', { timeout: 60_000 }, async () => {
    const written: string[] = [];
    schedule = new BackupSchedule({
      db,
      dataDir,
      intervalHours: 0.05 / 3600, // 50 ms
      keep: 2,
      log: (level, msg, extra) => level === 'info' && written.push(String(extra.backup)),
    });
    await schedule.start();
    await waitUntil('five backups', () => written.length >= 5);
    await schedule.stop();
    const kept = await listBackups(join(dataDir, 'backups'));
    expect(kept).toHaveLength(2);
    expect(kept.map((n) => join(dataDir, 'backups', n))).toEqual(written.slice(-2));
  });

  it('after a restart, waits one interval from the newest backup instead of taking another at once', async () => {
    const backupRoot = join(root, 'elsewhere');
    const now = new Date('2026-12-03T12:00:00Z');
    await createBackup({ db, dataDir, backupRoot, now: new Date(now.getTime() - 30 * 60_000) });
    schedule = new BackupSchedule({ db, dataDir, backupRoot, intervalHours: 1, keep: 3, now: () => now });
    await schedule.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(await listBackups(backupRoot)).toHaveLength(1);
  });

  it('takes the first backup at once when the newest is older than one interval', { timeout: 30_000 }, async () => {
    const backupRoot = join(root, 'elsewhere');
    await createBackup({ db, dataDir, backupRoot, now: new Date(Date.now() - 2 * 3_600_000) });
    schedule = new BackupSchedule({ db, dataDir, backupRoot, intervalHours: 1, keep: 3 });
    await schedule.start();
    await waitUntil('a catch-up backup', async () => (await listBackups(backupRoot)).length === 2);
  });

  it('logs a failed backup and keeps the older ones', async () => {
    const errors: string[] = [];
    const backupRoot = join(root, 'backups');
    await createBackup({ db, dataDir, backupRoot });
    await rm(join(dataDir, 'install-secret.key'));
    schedule = new BackupSchedule({ db, dataDir, backupRoot, intervalHours: 1, keep: 1, log: (level, msg) => level === 'error' && errors.push(msg) });
    expect(await schedule.runNow()).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(await listBackups(backupRoot)).toHaveLength(1);
  });

  it('rejects settings that make no sense', () => {
    expect(() => new BackupSchedule({ db, dataDir, intervalHours: 0, keep: 1 })).toThrow(/more than 0 hours/);
    expect(() => new BackupSchedule({ db, dataDir, intervalHours: 24, keep: 0 })).toThrow(/at least 1/);
  });
});
