import type { Db } from './database.ts';

export interface BadgeKeyDigest {
  digest: string;
  keyWidth: number;
  enrolledWidth: number;
}

export interface StoredCredential {
  id: number;
  kind: 'pickup_code' | 'badge';
  digest: string;
  recipientId: string | null;
  parcelId: string | null;
  expiresAt: string | null;
  usedAt: string | null;
}

interface CredentialRow {
  id: number;
  kind: 'pickup_code' | 'badge';
  digest: string;
  recipient_id: string | null;
  parcel_id: string | null;
  expires_at: string | null;
  used_at: string | null;
}

const toCredential = (r: CredentialRow): StoredCredential => ({
  id: r.id,
  kind: r.kind,
  digest: r.digest,
  recipientId: r.recipient_id,
  parcelId: r.parcel_id,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

/** Only digests live here: never a plain code or badge number. */
export class CredentialsRepo {
  constructor(private readonly db: Db) {}

  /** Returns false when an unused code with the same digest exists (the caller draws another code). */
  tryAddPickupCode(digest: string, parcelId: string, recipientId: string, now: string, expiresAt: string): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO credentials (kind, digest, recipient_id, parcel_id, created_at, expires_at)
         VALUES ('pickup_code', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(digest, recipientId, parcelId, now, expiresAt);
    return result.changes === 1;
  }

  /** Unused codes first, then the newest used one, so a reused code is reported as used. */
  findPickupCode(digest: string): StoredCredential | undefined {
    const row = this.db
      .prepare(
        "SELECT * FROM credentials WHERE kind = 'pickup_code' AND digest = ? ORDER BY used_at IS NOT NULL, id DESC LIMIT 1",
      )
      .get(digest) as CredentialRow | undefined;
    return row && toCredential(row);
  }

  markUsed(id: number, at: string | null): void {
    this.db.prepare('UPDATE credentials SET used_at = ? WHERE id = ?').run(at, id);
  }

  /** Retires the unused code of a parcel (it was collected another way, or cancelled). */
  retireCodesOfParcel(parcelId: string, at: string): void {
    this.db.prepare("UPDATE credentials SET used_at = ? WHERE kind = 'pickup_code' AND parcel_id = ? AND used_at IS NULL").run(at, parcelId);
  }

  replaceBadges(recipientId: string, keys: BadgeKeyDigest[], now: string): void {
    this.db.prepare("DELETE FROM credentials WHERE kind = 'badge' AND recipient_id = ?").run(recipientId);
    const insert = this.db.prepare(
      "INSERT INTO credentials (kind, digest, recipient_id, key_width, enrolled_width, created_at) VALUES ('badge', ?, ?, ?, ?, ?)",
    );
    for (const k of keys) insert.run(k.digest, recipientId, k.keyWidth, k.enrolledWidth, now);
  }

  badgeKeysOf(recipientId: string): BadgeKeyDigest[] {
    return this.db
      .prepare(
        "SELECT digest, key_width AS keyWidth, enrolled_width AS enrolledWidth FROM credentials WHERE kind = 'badge' AND recipient_id = ? ORDER BY id",
      )
      .all(recipientId) as BadgeKeyDigest[];
  }

  /** Enrolments holding a badge key with this digest. */
  badgeHolders(digest: string): { recipientId: string; enrolledWidth: number }[] {
    return this.db
      .prepare("SELECT recipient_id AS recipientId, enrolled_width AS enrolledWidth FROM credentials WHERE kind = 'badge' AND digest = ?")
      .all(digest) as { recipientId: string; enrolledWidth: number }[];
  }
}
