import type Database from 'better-sqlite3';

/**
 * Request ids of signed MQTT commands already acted on, so a replayed copy never opens a door twice —
 * also across restarts. Owns its table (created here, not by a migration) to keep the adapter
 * self-contained; rows older than the longest validity window are pruned.
 */
export class SeenRequests {
  private readonly insert: Database.Statement;
  private readonly prune: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS mqtt_seen_requests (
      request_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      door_id TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      seen_at TEXT NOT NULL
    ) WITHOUT ROWID`);
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO mqtt_seen_requests (request_id, name, door_id, expires_at, seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.prune = db.prepare('DELETE FROM mqtt_seen_requests WHERE expires_at < ?');
  }

  /** true the first time an id is seen, false for every later copy. Call inside the open's transaction. */
  remember(requestId: string, name: string, doorId: string, expiresAt: number, seenAt: string): boolean {
    return this.insert.run(requestId, name, doorId, expiresAt, seenAt).changes === 1;
  }

  /** Forgets ids that expired before `beforeUnixSeconds`; those requests are refused as expired anyway. */
  forgetExpired(beforeUnixSeconds: number): number {
    return this.prune.run(beforeUnixSeconds).changes;
  }
}
