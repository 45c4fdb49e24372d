import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createBackup, DATABASE_FILE, listBackups } from './backup.ts';
import { restoreBackup, RestoreRefused } from './restore.ts';

export interface OpsCommandContext {
  dataDir: string;
  /** default `<dataDir>/backups`. */
  backupRoot?: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export const OPS_USAGE = `  backup [--to <folder>]               snapshot the database and install secret (safe while the wall runs)
  backup --list [--to <folder>]        list the backups, oldest first
  restore <backup-folder>              replace the database and secret with a backup (stop the controller first)`;

/** Exit codes: 0 done, 2 usage, 4 refused (nothing changed), 1 failed. */
export async function backupCommand(args: string[], ctx: OpsCommandContext): Promise<number> {
  const out = ctx.out ?? console.log;
  const err = ctx.err ?? console.error;
  const toIndex = args.indexOf('--to');
  if (toIndex >= 0 && !args[toIndex + 1]) {
    err('backup --to needs a folder');
    return 2;
  }
  const backupRoot = resolve(toIndex >= 0 ? args[toIndex + 1]! : (ctx.backupRoot ?? join(ctx.dataDir, 'backups')));
  if (args.includes('--list')) {
    const names = await listBackups(backupRoot);
    if (names.length === 0) out(`no backups in ${backupRoot}`);
    for (const name of names) out(join(backupRoot, name));
    return 0;
  }
  const dbPath = join(resolve(ctx.dataDir), DATABASE_FILE);
  if (!existsSync(dbPath)) {
    err(`no database at ${dbPath}: check LOCKERWALL_DATA_DIR or the dataDir setting`);
    return 2;
  }
  // Read-only: a backup taken beside a running controller must not migrate or write its database.
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const result = await createBackup({ db, dataDir: resolve(ctx.dataDir), backupRoot });
    out(`backup written: ${result.dir} (${result.bytes} bytes, schema ${result.manifest.schemaVersion}, integrity ok)`);
    return 0;
  } catch (error) {
    err(`backup failed: ${(error as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}

export async function restoreCommand(args: string[], ctx: OpsCommandContext): Promise<number> {
  const out = ctx.out ?? console.log;
  const err = ctx.err ?? console.error;
  if (args.length !== 1) {
    err('usage: restore <backup-folder>   (see `backup --list`)');
    return 2;
  }
  try {
    const result = await restoreBackup({ backupDir: resolve(args[0]!), dataDir: resolve(ctx.dataDir) });
    out(`restored ${result.restoredFrom} (schema ${result.schemaVersion}) into ${resolve(ctx.dataDir)}`);
    if (result.previousSavedIn) out(`the replaced files are kept in ${result.previousSavedIn}`);
    out('start the controller again: sudo systemctl start lockerwall');
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) {
      err(error.message);
      return 4;
    }
    err(`restore failed: ${(error as Error).message}`);
    return 1;
  }
}
