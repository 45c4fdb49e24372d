import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SECRET_FILE } from '../security/install-secret.ts';
import type { Db } from '../store/database.ts';

export const DATABASE_FILE = 'lockerwall.sqlite';
export const MANIFEST_FILE = 'manifest.json';
const BACKUP_NAME = /^lockerwall-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d+)?$/;

export interface BackupManifest {
  format: 1;
  createdAt: string;
  schemaVersion: number;
  database: string;
  sha256: string;
  secret: string;
}

export interface BackupResult {
  /** folder holding the snapshot: lockerwall.sqlite, install-secret.key, manifest.json */
  dir: string;
  name: string;
  manifest: BackupManifest;
  bytes: number;
}

export interface BackupOptions {
  /** the live connection; SQLite's online backup copies it while deposits go on. */
  db: Db;
  /** holds install-secret.key, which keys every stored code and badge digest. */
  dataDir: string;
  /** where snapshot folders go; best on another disk than dataDir. */
  backupRoot: string;
  now?: Date;
}

/** `lockerwall-2026-12-03T13-15-00-123Z`: sorts by name in time order and is safe in any file system. */
export function backupName(at: Date): string {
  return `lockerwall-${at.toISOString().replace(/[:.]/g, '-')}`;
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Opens a snapshot file on its own and returns PRAGMA integrity_check's verdict ('ok' when sound). */
export function integrityOf(path: string, options: { readonly?: boolean } = {}): { verdict: string; schemaVersion: number } {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return { verdict: rows.map((r) => r.integrity_check).join('; '), schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Takes a consistent snapshot of the live database with SQLite's online backup (the wall keeps
 * working meanwhile) together with the install secret, checks it, and only then gives it its final
 * name — a folder that exists under its final name is a complete, verified backup.
 *
 * @example
 * const { dir } = await createBackup({ db: wall.store.db, dataDir, backupRoot: join(dataDir, 'backups') });
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const at = options.now ?? new Date();
  await mkdir(options.backupRoot, { recursive: true, mode: 0o700 });
  const taken = new Set(await readdir(options.backupRoot));
  let name = backupName(at);
  for (let n = 2; taken.has(name); n++) name = `${backupName(at)}-${n}`;
  const partial = join(options.backupRoot, `.${name}.partial`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { mode: 0o700 });
  try {
    const dbPath = join(partial, DATABASE_FILE);
    await options.db.backup(dbPath);
    // A snapshot is one self-contained file: no -wal beside it to lose when it is copied around.
    const snapshot = new Database(dbPath);
    snapshot.pragma('journal_mode = DELETE');
    snapshot.close();
    const { verdict, schemaVersion } = integrityOf(dbPath);
    if (verdict !== 'ok') throw new Error(`the snapshot failed its integrity check (${verdict}); the live database may be damaged — run \`lockerwall verify-log\` and check the disk`);
    await chmod(dbPath, 0o600);

    const secretPath = join(partial, SECRET_FILE);
    try {
      await copyFile(join(options.dataDir, SECRET_FILE), secretPath);
    } catch (error) {
      throw new Error(`cannot copy ${SECRET_FILE} from ${options.dataDir} (${(error as Error).message}); without it a backup cannot match any code or badge`);
    }
    await chmod(secretPath, 0o600);

    const manifest: BackupManifest = { format: 1, createdAt: at.toISOString(), schemaVersion, database: DATABASE_FILE, sha256: await sha256File(dbPath), secret: SECRET_FILE };
    await writeFile(join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    for (const file of [DATABASE_FILE, SECRET_FILE, MANIFEST_FILE]) await fsyncPath(join(partial, file));
    const dir = join(options.backupRoot, name);
    await rename(partial, dir);
    await fsyncPath(options.backupRoot);
    const bytes = (await readFile(join(dir, DATABASE_FILE))).length;
    return { dir, name, manifest, bytes };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Complete backups under `backupRoot`, oldest first. Half-written `.partial` folders are not listed. */
export async function listBackups(backupRoot: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(backupRoot);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((n) => BACKUP_NAME.test(n)).sort();
}

/** Deletes the oldest backups so that `keep` remain; returns the names removed. */
export async function pruneBackups(backupRoot: string, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be a whole number of at least 1 (got ${keep})`);
  const names = await listBackups(backupRoot);
  const doomed = names.slice(0, Math.max(0, names.length - keep));
  for (const name of doomed) await rm(join(backupRoot, name), { recursive: true, force: true });
  return doomed;
}
