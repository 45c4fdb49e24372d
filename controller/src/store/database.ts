import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** `:memory:` for unit tests. */
  path: string;
  readonly?: boolean;
}

/** Opens the store with the durability settings a locker wall needs and applies pending migrations. */
export function openDatabase({ path, readonly = false }: OpenDatabaseOptions): Db {
  const db = new Database(path, { readonly, fileMustExist: readonly });
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: a committed deposit survives a power cut, not just a process crash.
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!readonly) migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): number {
  const from = schemaVersion(db);
  if (from > MIGRATIONS.length)
    throw new Error(`database schema version ${from} is newer than this controller (${MIGRATIONS.length}); upgrade the controller`);
  for (let version = from; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length - from;
}
