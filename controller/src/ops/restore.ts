import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SECRET_FILE } from '../security/install-secret.ts';
import { MIGRATIONS } from '../store/migrations.ts';
import { DATABASE_FILE, MANIFEST_FILE, integrityOf, sha256File, type BackupManifest } from './backup.ts';

/** A restore that was not done, and why, in words the operator can act on. Nothing was changed. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export interface RestoreOptions {
  /** a backup folder made by createBackup (or the CLI `backup` command). */
  backupDir: string;
  dataDir: string;
  now?: Date;
}

export interface RestoreResult {
  restoredFrom: string;
  schemaVersion: number;
  /** where the replaced database and secret were moved, so the restore can be undone by hand. */
  previousSavedIn: string | null;
}

/**
 * Refuses when another connection — a running controller — has the database open. Every WAL-mode
 * connection holds a shared lock as long as it is open, so an exclusive lock can only be had when no
 * controller is running; SQLite's locks work across processes and between connections of one process.
 * On success the WAL is checkpointed into the main file, so the files can be moved safely.
 */
export function assertNoControllerHolds(dbPath: string): void {
  if (!existsSync(dbPath)) return;
  const db = new Database(dbPath, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new RestoreRefused(
        `A running controller holds ${dbPath} — stop it first (sudo systemctl stop lockerwall), then run restore again. Nothing was changed.`,
      );
    throw error;
  } finally {
    db.close();
  }
}

async function readManifest(backupDir: string): Promise<BackupManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(backupDir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RestoreRefused(`${join(backupDir, MANIFEST_FILE)} is unreadable (${(error as Error).message}). Nothing was changed.`);
  }
}

/** Checks everything about a backup that can be checked without touching the live data. */
export async function verifyBackup(backupDir: string): Promise<{ schemaVersion: number }> {
  const dbPath = join(backupDir, DATABASE_FILE);
  const secretPath = join(backupDir, SECRET_FILE);
  if (!existsSync(dbPath)) throw new RestoreRefused(`${backupDir} holds no ${DATABASE_FILE}: is it a Lockerwall backup folder? Nothing was changed.`);
  if (!existsSync(secretPath))
    throw new RestoreRefused(`${backupDir} holds no ${SECRET_FILE}; without it no stored code or badge would match. Nothing was changed.`);
  if (!/^[0-9a-f]{64}\s*$/.test(await readFile(secretPath, 'utf8')))
    throw new RestoreRefused(`${secretPath} is damaged (expected 64 hex digits). Nothing was changed.`);
  const manifest = await readManifest(backupDir);
  if (manifest && manifest.sha256 !== (await sha256File(dbPath)))
    throw new RestoreRefused(`${dbPath} does not match the checksum in its manifest: the backup was altered or damaged. Nothing was changed.`);
  let check: { verdict: string; schemaVersion: number };
  try {
    check = integrityOf(dbPath, { readonly: true });
  } catch (error) {
    throw new RestoreRefused(`${dbPath} is not a readable SQLite database (${(error as Error).message}). Nothing was changed.`);
  }
  if (check.verdict !== 'ok') throw new RestoreRefused(`${dbPath} failed its integrity check (${check.verdict}); pick another backup. Nothing was changed.`);
  if (check.schemaVersion > MIGRATIONS.length)
    throw new RestoreRefused(
      `${dbPath} comes from a newer controller (schema ${check.schemaVersion}, this one knows ${MIGRATIONS.length}); upgrade the controller first. Nothing was changed.`,
    );
  return { schemaVersion: check.schemaVersion };
}

/**
 * Replaces the wall's database and install secret with a backup. Verifies the backup first and
 * refuses while a controller holds the database; the replaced files are kept in
 * `<dataDir>/pre-restore-<time>/`. The controller upgrades an older schema when it next starts.
 *
 * @example
 * await restoreBackup({ backupDir: '/var/backups/lockerwall/lockerwall-2026-12-03T13-15-00-123Z', dataDir: '/var/lib/lockerwall' });
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { schemaVersion } = await verifyBackup(options.backupDir);
  const livePath = join(options.dataDir, DATABASE_FILE);
  assertNoControllerHolds(livePath);

  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const incoming = `${livePath}.restoring`;
  await copyFile(join(options.backupDir, DATABASE_FILE), incoming);
  await chmod(incoming, 0o600);
  const incomingSecret = join(options.dataDir, `${SECRET_FILE}.restoring`);
  await copyFile(join(options.backupDir, SECRET_FILE), incomingSecret);
  await chmod(incomingSecret, 0o600);

  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const aside = join(options.dataDir, `pre-restore-${stamp}`);
  const existing = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, SECRET_FILE].filter((f) => existsSync(join(options.dataDir, f)));
  if (existing.length > 0) {
    await mkdir(aside, { mode: 0o700 });
    for (const file of existing) await rename(join(options.dataDir, file), join(aside, file));
  }
  await rename(incoming, livePath);
  await rename(incomingSecret, join(options.dataDir, SECRET_FILE));
  const after = integrityOf(livePath);
  if (after.verdict !== 'ok') throw new Error(`the restored database failed its integrity check (${after.verdict}); the previous files are in ${aside}`);
  return { restoredFrom: basename(options.backupDir), schemaVersion, previousSavedIn: existing.length > 0 ? aside : null };
}
