import type Database from 'better-sqlite3';

/**
 * What this wall last announced on MQTT (door ids with retained state, discovery component ids), so
 * that doors removed from the config can be withdrawn after a restart. Owns its table.
 */
export class DiscoveryMemory {
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS mqtt_announced (wall_id TEXT NOT NULL, kind TEXT NOT NULL, ids TEXT NOT NULL, PRIMARY KEY (wall_id, kind))');
    this.read = db.prepare('SELECT ids FROM mqtt_announced WHERE wall_id = ? AND kind = ?');
    this.write = db.prepare(
      'INSERT INTO mqtt_announced (wall_id, kind, ids) VALUES (?, ?, ?) ON CONFLICT(wall_id, kind) DO UPDATE SET ids = excluded.ids',
    );
  }

  get(wallId: string, kind: 'doors' | 'components'): string[] {
    const row = this.read.get(wallId, kind) as { ids: string } | undefined;
    if (!row) return [];
    try {
      const ids: unknown = JSON.parse(row.ids);
      return Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [];
    } catch {
      return [];
    }
  }

  set(wallId: string, kind: 'doors' | 'components', ids: readonly string[]): void {
    this.write.run(wallId, kind, JSON.stringify([...ids]));
  }
}
