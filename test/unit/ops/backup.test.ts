import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, DATABASE_FILE, listBackups, MANIFEST_FILE, pruneBackups } from '../../../controller/src/ops/backup.ts';
import { restoreBackup, RestoreRefused } from '../../../controller/src/ops/restore.ts';
import { loadOrCreateInstallSecret, SECRET_FILE } from '../../../controller/src/security/install-secret.ts';
import { openDatabase, type Db } from '../../../controller/src/store/database.ts';

let root: string;
let dataDir: string;
let backupRoot: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lw-backup-'));
  dataDir = join(root, 'data');
  backupRoot = join(root, 'backups');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function openLive(): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  loadOrCreateInstallSecret(dataDir);
  const db = openDatabase({ path: join(dataDir, DATABASE_FILE) });
  db.exec('CREATE TABLE IF NOT EXISTS probe (n INTEGER PRIMARY KEY, label TEXT NOT NULL)');
  return db;
}

const labels = (db: Db) => (db.prepare('SELECT label FROM probe ORDER BY n').all() as { label: string }[]).map((r) => r.label);

function insert(db: Db, ...values: string[]) {
  const stmt = db.prepare('INSERT INTO probe (label) VALUES (?)');
  db.transaction(() => values.forEach((v) => stmt.run(v)))();
}

describe('createBackup', () => {
  it('writes a verified, self-contained snapshot with the install secret, readable only by its owner', async () => {
    const db = openLive();
    insert(db, 'parcel 1', 'parcel 2');
    const result = await createBackup({ db, dataDir, backupRoot, now: new Date('2026-12-03T13:15:00.123Z') });
    db.close();

    expect(result.name).toBe('lockerwall-2026-12-03T13-15-00-123Z');
    expect(readdirSync(result.dir).sort()).toEqual([SECRET_FILE, MANIFEST_FILE, DATABASE_FILE].sort());
    expect(readFileSync(join(result.dir, SECRET_FILE), 'utf8')).toBe(readFileSync(join(dataDir, SECRET_FILE), 'utf8'));
    for (const f of [SECRET_FILE, DATABASE_FILE]) expect(statSync(join(result.dir, f)).mode & 0o777).toBe(0o600);
    const manifest = JSON.parse(readFileSync(join(result.dir, MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({ format: 1, createdAt: '2026-12-03T13:15:00.123Z', database: DATABASE_FILE });
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);

    const copy = openDatabase({ path: join(result.dir, DATABASE_FILE), readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(labels(copy)).toEqual(['parcel 1', 'parcel 2']);
    copy.close();
  });

  it('captures rows still only in the WAL of the live database', async () => {
    const db = openLive();
    insert(db, 'in the wal');
    expect(statSync(join(dataDir, `${DATABASE_FILE}-wal`)).size).toBeGreaterThan(0);
    const { dir } = await createBackup({ db, dataDir, backupRoot });
    db.close();
    const copy = openDatabase({ path: join(dir, DATABASE_FILE), readonly: true });
    expect(labels(copy)).toEqual(['in the wal']);
    copy.close();
  });

  it('gives two backups in the same millisecond different names', async () => {
    const db = openLive();
    const now = new Date('2026-12-03T13:15:00.000Z');
    const a = await createBackup({ db, dataDir, backupRoot, now });
    const b = await createBackup({ db, dataDir, backupRoot, now });
    db.close();
    expect(a.name).not.toBe(b.name);
    expect(await listBackups(backupRoot)).toEqual([a.name, b.name]);
  });

  it('leaves nothing under a final name when the secret is missing', async () => {
    const db = openLive();
    await rm(join(dataDir, SECRET_FILE));
    await expect(createBackup({ db, dataDir, backupRoot })).rejects.toThrow(/install-secret\.key/);
    db.close();
    expect(await listBackups(backupRoot)).toEqual([]);
    expect(readdirSync(backupRoot)).toEqual([]);
  });
});

describe('pruneBackups', () => {
  it('keeps the newest N and deletes the rest', async () => {
    const db = openLive();
    const names: string[] = [];
    for (let i = 0; i < 5; i++) names.push((await createBackup({ db, dataDir, backupRoot, now: new Date(Date.UTC(2026, 11, 1 + i)) })).name);
    db.close();
    expect(await pruneBackups(backupRoot, 2)).toEqual(names.slice(0, 3));
    expect(await listBackups(backupRoot)).toEqual(names.slice(3));
  });
});

describe('restoreBackup', () => {
  it('round-trips: the database and the secret are as they were at backup time', async () => {
    const db = openLive();
    insert(db, 'before');
    const { dir } = await createBackup({ db, dataDir, backupRoot });
    insert(db, 'after the backup');
    db.close();
    const secretAtBackup = readFileSync(join(dir, SECRET_FILE), 'utf8');
    writeFileSync(join(dataDir, SECRET_FILE), 'f'.repeat(64) + '\n'); // e.g. a reinstalled machine

    const result = await restoreBackup({ backupDir: dir, dataDir });

    const restored = openDatabase({ path: join(dataDir, DATABASE_FILE) });
    expect(labels(restored)).toEqual(['before']);
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
    expect(readFileSync(join(dataDir, SECRET_FILE), 'utf8')).toBe(secretAtBackup);
    expect(statSync(join(dataDir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    // The replaced files are kept, so an operator can undo the restore by hand.
    const old = openDatabase({ path: join(result.previousSavedIn!, DATABASE_FILE), readonly: true });
    expect(labels(old)).toEqual(['before', 'after the backup']);
    old.close();
  });

  it('restores into an empty data folder (a replacement controller)', async () => {
    const db = openLive();
    insert(db, 'kept');
    const { dir } = await createBackup({ db, dataDir, backupRoot });
    db.close();
    const fresh = join(root, 'new-machine');
    const result = await restoreBackup({ backupDir: dir, dataDir: fresh });
    expect(result.previousSavedIn).toBeNull();
    const restored = openDatabase({ path: join(fresh, DATABASE_FILE) });
    expect(labels(restored)).toEqual(['kept']);
    restored.close();
  });

  it('refuses while a controller in this process holds the database, and changes nothing', async () => {
    const db = openLive();
    insert(db, 'live');
    const { dir } = await createBackup({ db, dataDir, backupRoot });
    insert(db, 'newer');
    await expect(restoreBackup({ backupDir: dir, dataDir })).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup({ backupDir: dir, dataDir })).rejects.toThrow(/stop it first/);
    expect(labels(db)).toEqual(['live', 'newer']);
    expect(readdirSync(dataDir).some((f) => f.startsWith('pre-restore-') || f.endsWith('.restoring'))).toBe(false);
    db.close();
  });

  describe('with a controller process holding the database', () => {
    let holder: ChildProcess | undefined;
    afterEach(() => {
      holder?.kill('SIGKILL');
      holder = undefined;
    });

    it('refuses until that process has stopped', { timeout: 60_000 }, async () => {
      const db = openLive();
      insert(db, 'live');
      const { dir } = await createBackup({ db, dataDir, backupRoot });
      db.close();
      // Another process opens the database the way the controller does, and keeps it open.
      const script = `const D=require('better-sqlite3');const db=new D(process.argv[1]);db.pragma('journal_mode = WAL');db.prepare('SELECT 1').get();console.log('HOLDING');setInterval(()=>{},1000);`;
      holder = spawn(process.execPath, ['-e', script, join(dataDir, DATABASE_FILE)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        holder!.stdout!.on('data', (d: Buffer) => d.toString().includes('HOLDING') && resolve());
        holder!.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      await expect(restoreBackup({ backupDir: dir, dataDir })).rejects.toThrow(RestoreRefused);

      const exited = new Promise((resolve) => holder!.once('exit', resolve));
      holder.kill('SIGTERM');
      await exited;
      holder = undefined;
      await expect(restoreBackup({ backupDir: dir, dataDir })).resolves.toMatchObject({ schemaVersion: expect.any(Number) });
    });
  });

  it('refuses a backup whose database was altered, and changes nothing', async () => {
    const db = openLive();
    insert(db, 'live');
    const { dir } = await createBackup({ db, dataDir, backupRoot });
    db.close();
    const file = join(dir, DATABASE_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(file, bytes);
    await expect(restoreBackup({ backupDir: dir, dataDir })).rejects.toThrow(/checksum/);
    const live = openDatabase({ path: join(dataDir, DATABASE_FILE) });
    expect(labels(live)).toEqual(['live']);
    live.close();
  });

  it('refuses a damaged backup by integrity_check even without a manifest', async () => {
    const db = openLive();
    insert(db, ...Array.from({ length: 2000 }, (_, i) => `parcel ${i} ${'x'.repeat(50)}`));
    db.exec('CREATE INDEX probe_by_label ON probe(label)');
    const { dir } = await createBackup({ db, dataDir, backupRoot });
    db.close();
    await rm(join(dir, MANIFEST_FILE));
    const file = join(dir, DATABASE_FILE);
    const bytes = readFileSync(file);
    // Scribble over the middle of a b-tree page: the file still opens, but the check finds the damage.
    for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + 200 + i] = 0x41;
    writeFileSync(file, bytes);
    await expect(restoreBackup({ backupDir: dir, dataDir })).rejects.toThrow(RestoreRefused);
    expect(readdirSync(dataDir).some((f) => f.startsWith('pre-restore-'))).toBe(false);
  });

  it('refuses a folder without the install secret', async () => {
    const db = openLive();
    const { dir } = await createBackup({ db, dataDir, backupRoot });
    db.close();
    await rm(join(dir, SECRET_FILE));
    await expect(restoreBackup({ backupDir: dir, dataDir })).rejects.toThrow(/install-secret\.key/);
    expect(existsSync(join(dataDir, SECRET_FILE))).toBe(true);
  });
});
