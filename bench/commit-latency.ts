/**
 * The machine's durable SQLite commit: one small INSERT committed with the controller's settings
 * (WAL, synchronous=FULL), so every commit waits for fsync of the WAL. This is the floor under every
 * door decision, since the intent is committed before a lock is energised.
 *   node --import tsx bench/commit-latency.ts [--quick]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { heading, ms, now, msSince, quick, summarise, table, type Summary } from './support/stats.ts';

/** p50/p99 of `commits` single-row durable commits in a fresh database under `dir` (default: the temp dir). */
export function measureDurableCommit(commits = quick ? 200 : 1000, dir = tmpdir()): Summary {
  const folder = mkdtempSync(join(dir, 'lockerwall-bench-commit-'));
  const db = new Database(join(folder, 'commit.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE door_operations (id INTEGER PRIMARY KEY, door_id TEXT NOT NULL, requested_at TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO door_operations (door_id, requested_at) VALUES (?, ?)');
    const samples: number[] = [];
    for (let i = 0; i < commits + 20; i++) {
      const t0 = now();
      db.transaction(() => insert.run(String(i % 1000), new Date().toISOString())).immediate();
      if (i >= 20) samples.push(msSince(t0));
    }
    return summarise(samples);
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  heading('Durable SQLite commit (WAL, synchronous=FULL)');
  const s = measureDurableCommit();
  table([
    ['commits', 'p50 ms', 'p99 ms', 'max ms'],
    [s.n, ms(s.p50, 3), ms(s.p99, 3), ms(s.max, 3)],
  ]);
}
