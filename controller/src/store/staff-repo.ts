import type { Db } from './database.ts';

export interface StaffMember {
  id: string;
  name: string;
  role: 'clerk' | 'admin';
  pinHash: string | null;
  recipientId: string | null;
}

export interface Session {
  staffId: string;
  role: 'clerk' | 'admin';
  expiresAt: string;
}

export class StaffRepo {
  constructor(private readonly db: Db) {}

  upsert(member: StaffMember, now: string): void {
    this.db
      .prepare(
        `INSERT INTO staff (id, name, role, pin_hash, recipient_id, created_at) VALUES (@id, @name, @role, @pinHash, @recipientId, @now)
         ON CONFLICT(id) DO UPDATE SET name=excluded.name, role=excluded.role,
           pin_hash=coalesce(excluded.pin_hash, staff.pin_hash), recipient_id=excluded.recipient_id, active=1`,
      )
      .run({ ...member, now });
  }

  withPins(): StaffMember[] {
    return this.db
      .prepare('SELECT id, name, role, pin_hash AS pinHash, recipient_id AS recipientId FROM staff WHERE active = 1 AND pin_hash IS NOT NULL')
      .all() as StaffMember[];
  }

  get(id: string): StaffMember | undefined {
    return this.db
      .prepare('SELECT id, name, role, pin_hash AS pinHash, recipient_id AS recipientId FROM staff WHERE id = ? AND active = 1')
      .get(id) as StaffMember | undefined;
  }

  byRecipient(recipientId: string): StaffMember | undefined {
    return this.db
      .prepare('SELECT id, name, role, pin_hash AS pinHash, recipient_id AS recipientId FROM staff WHERE recipient_id = ? AND active = 1')
      .get(recipientId) as StaffMember | undefined;
  }

  addSession(tokenDigest: string, session: Session, now: string): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
    this.db
      .prepare('INSERT INTO sessions (token_digest, staff_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenDigest, session.staffId, session.role, now, session.expiresAt);
  }

  session(tokenDigest: string): Session | undefined {
    return this.db
      .prepare('SELECT staff_id AS staffId, role, expires_at AS expiresAt FROM sessions WHERE token_digest = ?')
      .get(tokenDigest) as Session | undefined;
  }

  extendSession(tokenDigest: string, expiresAt: string): void {
    this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_digest = ?').run(expiresAt, tokenDigest);
  }

  deleteSession(tokenDigest: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_digest = ?').run(tokenDigest);
  }
}
