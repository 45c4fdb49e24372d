import type { Locale, Recipient, Role } from '../domain/types.ts';
import type { Db } from './database.ts';

interface RecipientRow {
  id: string;
  name: string;
  name_latin: string;
  email: string;
  department: string;
  locale: string;
  role: string;
  collects_for: string;
  needs_accessible_door: number;
  active: number;
}

function toRecipient(row: RecipientRow): Recipient {
  return {
    id: row.id,
    name: row.name,
    nameLatin: row.name_latin,
    email: row.email,
    department: row.department,
    locale: row.locale as Locale,
    role: row.role as Role,
    collectsFor: JSON.parse(row.collects_for) as string[],
    needsAccessibleDoor: row.needs_accessible_door === 1,
    active: row.active === 1,
  };
}

export class RecipientsRepo {
  constructor(private readonly db: Db) {}

  get(id: string): Recipient | undefined {
    const row = this.db.prepare('SELECT * FROM recipients WHERE id = ?').get(id) as RecipientRow | undefined;
    return row && toRecipient(row);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM recipients').get() as { n: number }).n;
  }

  /** Inserts or updates; returns whether the row was added, changed or already identical. */
  upsert(r: Recipient, now: string): 'added' | 'updated' | 'unchanged' {
    const existing = this.get(r.id);
    if (existing && JSON.stringify(existing) === JSON.stringify(r)) return 'unchanged';
    this.db
      .prepare(
        `INSERT INTO recipients (id, name, name_latin, email, department, locale, role, collects_for, needs_accessible_door, active, updated_at)
         VALUES (@id, @name, @nameLatin, @email, @department, @locale, @role, @collectsFor, @needs, @active, @now)
         ON CONFLICT(id) DO UPDATE SET name=excluded.name, name_latin=excluded.name_latin, email=excluded.email,
           department=excluded.department, locale=excluded.locale, role=excluded.role, collects_for=excluded.collects_for,
           needs_accessible_door=excluded.needs_accessible_door, active=excluded.active, updated_at=excluded.updated_at`,
      )
      .run({
        ...r,
        collectsFor: JSON.stringify(r.collectsFor),
        needs: r.needsAccessibleDoor ? 1 : 0,
        active: r.active ? 1 : 0,
        now,
      });
    return existing ? 'updated' : 'added';
  }

  /** Case-insensitive search over id, Chinese name, Latin name and email. */
  search(query: string, limit = 20): Recipient[] {
    const q = query.trim();
    if (!q) return [];
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(
        `SELECT * FROM recipients WHERE active = 1 AND (
           id LIKE @like ESCAPE '\\' OR name LIKE @like ESCAPE '\\' OR name_latin LIKE @like ESCAPE '\\'
           OR email LIKE @like ESCAPE '\\' OR replace(name_latin, ' ', '') LIKE @compact ESCAPE '\\')
         ORDER BY (id = @exact) DESC, name_latin, id LIMIT @limit`,
      )
      .all({ like, compact: like.replace(/ /g, ''), exact: q.toUpperCase(), limit }) as RecipientRow[];
    return rows.map(toRecipient);
  }

  /** People who may collect for `recipient`: named delegates and their department's representatives. */
  collectorsFor(recipient: Recipient): Recipient[] {
    const rows = this.db.prepare("SELECT * FROM recipients WHERE active = 1 AND collects_for != '[]'").all() as RecipientRow[];
    return rows
      .map(toRecipient)
      .filter((c) => c.id !== recipient.id && c.collectsFor.some((e) => e === recipient.id || e === `dept:${recipient.department}`));
  }

  /** Everyone `collector` may collect for (themselves excluded). */
  collectedBy(collector: Recipient): Recipient[] {
    const ids = collector.collectsFor.filter((e) => !e.startsWith('dept:'));
    const departments = collector.collectsFor.filter((e) => e.startsWith('dept:')).map((e) => e.slice(5));
    const rows = this.db
      .prepare(
        `SELECT * FROM recipients WHERE active = 1 AND id != ? AND (id IN (SELECT value FROM json_each(?)) OR department IN (SELECT value FROM json_each(?)))`,
      )
      .all(collector.id, JSON.stringify(ids), JSON.stringify(departments)) as RecipientRow[];
    return rows.map(toRecipient);
  }
}
