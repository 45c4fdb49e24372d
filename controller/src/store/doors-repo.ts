import type { DoorConfig } from '../../../config/schema.ts';
import type { DoorSize, DoorState } from '../domain/types.ts';
import type { Db } from './database.ts';

interface DoorRow {
  id: string;
  size: string;
  board: string;
  channel: number;
  col: number;
  row: number;
  accessible: number;
  secure: number;
  enabled: number;
  open: number;
  locked: number;
  fault: string | null;
}

function toDoor(row: DoorRow): DoorState {
  return {
    id: row.id,
    size: row.size as DoorSize,
    board: row.board,
    channel: row.channel,
    column: row.col,
    row: row.row,
    accessible: row.accessible === 1,
    secure: row.secure === 1,
    enabled: row.enabled === 1,
    open: row.open === 1,
    locked: row.locked === 1,
    fault: row.fault,
  };
}

export class DoorsRepo {
  constructor(private readonly db: Db) {}

  /** Makes the table match the config; doors that left the config are kept (history) but marked. */
  syncWithConfig(doors: DoorConfig[], now: string): { removed: string[] } {
    const upsert = this.db.prepare(
      `INSERT INTO doors (id, size, board, channel, col, row, accessible, secure, in_config, updated_at)
       VALUES (@id, @size, @board, @channel, @column, @row, @accessible, @secure, 1, @now)
       ON CONFLICT(id) DO UPDATE SET size=excluded.size, board=excluded.board, channel=excluded.channel,
         col=excluded.col, row=excluded.row, accessible=excluded.accessible, secure=excluded.secure, in_config=1`,
    );
    for (const d of doors) upsert.run({ ...d, accessible: d.accessible ? 1 : 0, secure: d.secure ? 1 : 0, now });
    const ids = JSON.stringify(doors.map((d) => d.id));
    const removed = this.db
      .prepare('SELECT id FROM doors WHERE in_config = 1 AND id NOT IN (SELECT value FROM json_each(?))')
      .all(ids) as { id: string }[];
    this.db.prepare('UPDATE doors SET in_config = 0 WHERE id NOT IN (SELECT value FROM json_each(?))').run(ids);
    return { removed: removed.map((r) => r.id) };
  }

  list(): DoorState[] {
    return (this.db.prepare('SELECT * FROM doors WHERE in_config = 1 ORDER BY col, row').all() as DoorRow[]).map(toDoor);
  }

  get(id: string): DoorState | undefined {
    const row = this.db.prepare('SELECT * FROM doors WHERE id = ? AND in_config = 1').get(id) as DoorRow | undefined;
    return row && toDoor(row);
  }

  setSensor(id: string, open: boolean, now: string): void {
    this.db.prepare('UPDATE doors SET open = ?, locked = ?, updated_at = ? WHERE id = ?').run(open ? 1 : 0, open ? 0 : 1, now, id);
  }

  setFault(id: string, fault: string | null, now: string): void {
    this.db.prepare('UPDATE doors SET fault = ?, updated_at = ? WHERE id = ?').run(fault, now, id);
  }

  setEnabled(id: string, enabled: boolean, now: string): void {
    this.db.prepare('UPDATE doors SET enabled = ?, updated_at = ? WHERE id = ?').run(enabled ? 1 : 0, now, id);
  }

  /** ids of doors holding an active parcel, incoming or outgoing. */
  occupiedIds(): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT door_id FROM parcels WHERE door_id IS NOT NULL AND status IN ('awaiting_close','stored','pickup_open')
         UNION SELECT door_id FROM outgoing_items WHERE door_id IS NOT NULL AND status IN ('awaiting_close','awaiting_dispatch')`,
      )
      .all() as { door_id: string }[];
    return new Set(rows.map((r) => r.door_id));
  }
}
