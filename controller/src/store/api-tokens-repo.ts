import type { Db } from './database.ts';

export const API_SCOPES = ['clerk:read', 'clerk:write', 'admin:read', 'admin:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiToken {
  name: string;
  scopes: ApiScope[];
}

/** Integration tokens: only their SHA-256 is stored; a revoked token stays listed for the audit. */
export class ApiTokensRepo {
  constructor(private readonly db: Db) {}

  add(name: string, digest: string, scopes: ApiScope[], now: string): void {
    this.db
      .prepare('INSERT INTO api_tokens (name, token_digest, scopes, created_at) VALUES (?, ?, ?, ?)')
      .run(name, digest, JSON.stringify(scopes), now);
  }

  byDigest(digest: string, now: string): ApiToken | undefined {
    const row = this.db
      .prepare('SELECT name, scopes FROM api_tokens WHERE token_digest = ? AND revoked_at IS NULL')
      .get(digest) as { name: string; scopes: string } | undefined;
    if (!row) return undefined;
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE name = ?').run(now, row.name);
    return { name: row.name, scopes: JSON.parse(row.scopes) as ApiScope[] };
  }

  revoke(name: string, now: string): boolean {
    return this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(now, name).changes === 1;
  }

  list(): { name: string; scopes: ApiScope[]; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[] {
    return (
      this.db.prepare('SELECT name, scopes, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at').all() as {
        name: string;
        scopes: string;
        created_at: string;
        last_used_at: string | null;
        revoked_at: string | null;
      }[]
    ).map((r) => ({ name: r.name, scopes: JSON.parse(r.scopes) as ApiScope[], createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }
}
