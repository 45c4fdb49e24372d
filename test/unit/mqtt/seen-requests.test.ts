import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeenRequests } from '../../../controller/src/mqtt/seen-requests.ts';

describe('seen request ids', () => {
  it('says yes once per request id, also after the database is reopened', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-seen-'));
    try {
      const path = join(dir, 'db.sqlite');
      const db = new Database(path);
      const seen = new SeenRequests(db);
      expect(seen.remember('req-1', 'open', '12', 100, 'now')).toBe(true);
      expect(seen.remember('req-1', 'open', '12', 100, 'now')).toBe(false);
      expect(seen.remember('req-2', 'open', '12', 100, 'now')).toBe(true);
      db.close();
      const again = new SeenRequests(new Database(path));
      expect(again.remember('req-1', 'open', '12', 100, 'later')).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('forgets only ids whose requests have expired', () => {
    const seen = new SeenRequests(new Database(':memory:'));
    seen.remember('old', 'open', '1', 100, 'x');
    seen.remember('new', 'open', '1', 200, 'x');
    expect(seen.forgetExpired(150)).toBe(1);
    expect(seen.remember('new', 'open', '1', 200, 'x')).toBe(false);
  });
});
