/**
 * The store at scale: 1,000,000 historical parcels and 10,000,000 custody events (10,000 / 100,000
 * with --quick), generated straight into SQLite at schema version 1 in one transaction, then:
 * migration to the current schema, pickup lookups by code and by badge, a year of statistics and the
 * database size. Everything lives in a temp dir that is removed after.
 *   node --import tsx bench/sqlite-scale.ts [--quick] [--parcels=1000000] [--events=10000000]
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config/load.ts';
import { SecretKeeper } from '../controller/src/security/digests.ts';
import { migrate, openDatabase, schemaVersion } from '../controller/src/store/database.ts';
import { eventHash, GENESIS_HASH } from '../controller/src/store/event-chain.ts';
import { MIGRATIONS } from '../controller/src/store/migrations.ts';
import { Store } from '../controller/src/store/store.ts';
import { REPO_ROOT } from './support/controller.ts';
import { heading, ms, msSince, now, quick, summarise, table, verdict } from './support/stats.ts';

const LOOKUP_BUDGET_MS = 1;
const YEAR_STATS_BUDGET_MS = 200;
const YEARS_OF_HISTORY = 4;
const RECIPIENTS = 2000;
const DOORS = 200;
const CARRIERS = ['UPS', 'FedEx', 'DHL', 'USPS', 'SF Express', 'China Post', 'JD Logistics', null];
const DEPARTMENTS = ['Finance', 'R&D', 'Legal', 'HR', 'Sales', 'Marketing', 'IT', 'Facilities', 'Operations', 'Executive', 'Support', 'Design'];
/** a collected parcel's custody log, as the services write it (10 rows). */
const LIFE = ['deposited', 'door_opened', 'stored', 'code_issued', 'notified', 'reminder_sent', 'pickup_requested', 'door_opened', 'collected', 'notified'];
const SIZES = ['S', 'S', 'S', 'M', 'M', 'L', 'XL'];

/** the controller's id shape: "P" and 10 random Crockford base32 characters. */
function parcelId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return 'P' + [...randomBytes(10)].map((b) => alphabet[b % 32]).join('');
}

const iso = (ms: number) => new Date(ms).toISOString();
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

interface Generated {
  seconds: number;
  codes: { code: string; parcelId: string }[];
  recipients: string[];
}

/** Writes recipients, doors, parcels, pickup codes and the hash-chained log at schema version 1. */
function generate(db: Database.Database, parcels: number, events: number, secrets: SecretKeeper): Generated {
  const t0 = now();
  db.pragma('journal_mode = OFF'); // a bulk load that is thrown away on failure needs no journal
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000'); // random parcel ids land all over the indexes: keep them in memory while loading
  db.exec(MIGRATIONS[0]!);
  db.pragma('user_version = 1');
  // indexes are built once after the load (a sort) instead of row by row (random B-tree inserts)
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  const end = Date.now();
  const start = end - YEARS_OF_HISTORY * 365 * 86_400_000;
  const step = (end - start) / parcels;
  const perParcel = Math.max(1, Math.round(events / parcels));
  const codes: Generated['codes'] = [];
  const recipients = Array.from({ length: RECIPIENTS }, (_, i) => `E${String(i + 1).padStart(5, '0')}`);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

  db.transaction(() => {
    const insRecipient = db.prepare('INSERT INTO recipients (id, name, name_latin, email, department, locale, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    recipients.forEach((id, i) => insRecipient.run(id, `员工${i}`, `Employee ${i}`, `${id.toLowerCase()}@example.com`, pick(DEPARTMENTS, i), i % 3 ? 'zh-CN' : 'en', iso(start)));
    const insDoor = db.prepare('INSERT INTO doors (id, size, board, channel, col, row, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let d = 0; d < DOORS; d++) insDoor.run(String(d + 1), pick(SIZES, d), `B${Math.floor(d / 48)}`, (d % 48) + 1, Math.floor(d / 10), d % 10, iso(start));
    const insParcel = db.prepare(
      `INSERT INTO parcels (id, tracking, carrier, recipient_id, door_id, size, classes, status, deposited_by, deposited_at, stored_at, collected_at, collected_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'S0001', ?, ?, ?, ?)`,
    );
    const insCode = db.prepare("INSERT INTO credentials (kind, digest, recipient_id, parcel_id, created_at, expires_at, used_at) VALUES ('pickup_code', ?, ?, ?, ?, ?, ?)");
    const insEvent = db.prepare('INSERT INTO parcel_events (seq, parcel_id, at, type, actor, door_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    let prev = GENESIS_HASH;
    let seq = 0;
    const activeFrom = parcels - DOORS; // the newest parcels are still in their doors, one per door
    for (let p = 0; p < parcels; p++) {
      const id = parcelId();
      const recipient = recipients[Math.floor(rand() * RECIPIENTS)]!;
      const active = p >= activeFrom;
      const door = String(active ? p - activeFrom + 1 : 1 + Math.floor(rand() * DOORS));
      const deposited = Math.floor(start + p * step);
      const stored = deposited + 60_000;
      const collected = active ? null : stored + Math.floor(600_000 + rand() * 4 * 86_400_000);
      const classes = p % 50 === 0 ? '["registered"]' : '[]';
      insParcel.run(id, `1Z${String(p).padStart(16, '0')}`, pick(CARRIERS, p), recipient, door, pick(SIZES, p), classes, active ? 'stored' : 'collected', iso(deposited), iso(stored), collected && iso(collected), collected && recipient);
      const code = String(10_000_000 + ((p * 7_919) % 90_000_000));
      insCode.run(secrets.pickupCodeDigest(code), recipient, id, iso(stored), iso(stored + 7 * 86_400_000), collected && iso(collected));
      if (p % Math.max(1, Math.floor(parcels / 2000)) === 0 || active) codes.push({ code, parcelId: id });
      const rows = active ? perParcel / 2 : perParcel;
      for (let e = 0; e < rows; e++) {
        const at = e < 6 ? stored : (collected ?? stored);
        const row = { seq: ++seq, parcel_id: id, at: iso(at), type: LIFE[e % LIFE.length]!, actor: e < 6 ? 'S0001' : 'code@127.0.0.1', door_id: door, detail: '{}' };
        const hash = eventHash(prev, row);
        insEvent.run(row.seq, row.parcel_id, row.at, row.type, row.actor, row.door_id, row.detail, prev, hash);
        prev = hash;
      }
    }
    for (const i of indexes) db.exec(i.sql);
  })();
  return { seconds: msSince(t0) / 1000, codes, recipients };
}

type StatsRunner = (store: Store, from: Date, to: Date) => unknown;

/**
 * A year of statistics the way the controller computes it: the statistics service when it exists,
 * else the store's stats rows folded by the domain's computeStats, else a representative SQL aggregate.
 */
async function statisticsRunner(): Promise<{ how: string; run: StatsRunner }> {
  const service = join(REPO_ROOT, 'controller/src/services/statistics.ts');
  if (existsSync(service)) {
    type Service = new (config: unknown, store: Store) => { compute(from: Date, to: Date, groupBy: string): unknown };
    const { MailroomStatistics } = (await import(pathToFileURL(service).href)) as { MailroomStatistics?: Service };
    if (MailroomStatistics) {
      const defaults = loadConfig({});
      const config = {
        ...defaults,
        doors: Array.from({ length: DOORS }, (_, d) => ({ id: String(d + 1), size: pick(SIZES, d), board: `B${Math.floor(d / 48)}`, channel: (d % 48) + 1, column: Math.floor(d / 10), row: d % 10, accessible: false, secure: false })),
      };
      return {
        how: 'the statistics service (services/statistics.ts MailroomStatistics.compute, by month)',
        run: (store, from, to) => new MailroomStatistics(config, store).compute(from, to, 'month'),
      };
    }
  }
  const domain = join(REPO_ROOT, 'controller/src/domain/statistics.ts');
  if (existsSync(domain)) {
    const { computeStats } = (await import(pathToFileURL(domain).href)) as { computeStats?: (rows: Iterable<unknown>, q: unknown) => unknown };
    if (computeStats)
      return {
        how: 'store.mailroom.statsParcels() folded by domain/statistics.ts computeStats (by month, Asia/Shanghai)',
        run: (store, from, to) => {
          const mailroom = (store as unknown as { mailroom?: { statsParcels?(f: string, t: string): Iterable<unknown> } }).mailroom;
          if (!mailroom?.statsParcels) throw new Error('store.mailroom.statsParcels is missing');
          return computeStats(mailroom.statsParcels(from.toISOString(), to.toISOString()), {
            from,
            to,
            groupBy: 'month',
            timeZone: 'Asia/Shanghai',
            doorsBySize: { S: 86, M: 57, L: 29, XL: 28 },
          });
        },
      };
  }
  return {
    how: 'a representative SQL aggregate (received/collected by month, department and carrier; no statistics module found)',
    run: (store, from, to) =>
      store.db
        .prepare(
          `SELECT substr(p.deposited_at, 1, 7) AS month, r.department, p.carrier, count(*) AS received,
             sum(p.collected_at IS NOT NULL) AS collected,
             avg((julianday(p.collected_at) - julianday(p.deposited_at)) * 1440) AS dwell_minutes
           FROM parcels p JOIN recipients r ON r.id = p.recipient_id
           WHERE p.deposited_at >= ? AND p.deposited_at < ? GROUP BY 1, 2, 3`,
        )
        .all(from.toISOString(), to.toISOString()),
  };
}

function freeGb(dir: string): number {
  const s = statfsSync(dir);
  return (s.bavail * s.bsize) / 1e9;
}

export async function runSqliteScale(): Promise<void> {
  const arg = (name: string) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? NaN);
  let parcels = arg('parcels') || (quick ? 10_000 : 1_000_000);
  let events = arg('events') || parcels * 10;
  heading(`SQLite at scale: ${parcels.toLocaleString('en')} parcels, ${events.toLocaleString('en')} custody events`);
  const base = tmpdir();
  const needGb = (events / 1e6) * 1.2 + 2; // ~0.35 GB per million events, the migration copies it once more, its WAL a third time
  if (freeGb(base) < needGb) {
    const scale = Math.max(0.01, (freeGb(base) - 2) / needGb);
    parcels = Math.floor(parcels * scale);
    events = Math.floor(events * scale);
    console.log(`only ${freeGb(base).toFixed(1)} GB free in ${base}: scaled down to ${parcels} parcels and ${events} events`);
  }
  const dir = mkdtempSync(join(base, 'lockerwall-bench-sqlite-'));
  const path = join(dir, 'lockerwall.sqlite');
  const secrets = new SecretKeeper(randomBytes(32));
  try {
    const raw = new Database(path);
    const gen = generate(raw, parcels, events, secrets);
    const rowsPerS = (parcels * 2 + events) / gen.seconds;
    console.log(`generated at schema v1 in ${gen.seconds.toFixed(1)} s (${Math.round(rowsPerS).toLocaleString('en')} rows/s, one transaction, hash chain computed while inserting)`);

    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    const from = schemaVersion(raw);
    let t0 = now();
    const applied = migrate(raw);
    const migrationS = msSince(t0) / 1000;
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    console.log(`migration v${from} → v${from + applied}: ${applied === 0 ? 'none pending' : `${migrationS.toFixed(1)} s (the controller is down while it runs)`}`);

    t0 = now();
    const store = Store.open(path);
    console.log(`open with the controller's settings (WAL, synchronous=FULL, migrations checked): ${ms(msSince(t0))} ms`);
    try {
      const sizeMb = statSync(path).size / 1048576;
      const pages = (name: string) => store.db.pragma(name, { simple: true }) as number;
      const liveMb = ((pages('page_count') - pages('freelist_count')) * pages('page_size')) / 1048576;
      const lookups: number[] = [];
      const badge: number[] = [];
      for (let round = 0; round < 3; round++)
        for (const [i, c] of gen.codes.entries()) {
          t0 = now();
          const credential = store.credentials.findPickupCode(secrets.pickupCodeDigest(c.code));
          const parcel = credential?.parcelId ? store.parcels.get(credential.parcelId) : undefined;
          if (round > 0) lookups.push(msSince(t0));
          if (parcel?.id !== c.parcelId) throw new Error(`lookup of code for ${c.parcelId} found ${parcel?.id}`);
          if (i % 4 === 0) {
            t0 = now();
            store.parcels.storedFor([gen.recipients[i % gen.recipients.length]!]);
            if (round > 0) badge.push(msSince(t0));
          }
        }
      const code = summarise(lookups);
      const tap = summarise(badge);

      const stats = await statisticsRunner();
      const to = new Date();
      const yearAgo = new Date(to.getTime() - 365 * 86_400_000);
      const statsMs: number[] = [];
      for (let i = 0; i < 3; i++) {
        t0 = now();
        stats.run(store, yearAgo, to);
        statsMs.push(msSince(t0));
      }
      const year = summarise(statsMs);
      const mailroom = (store as unknown as { mailroom?: { statsParcels?(f: string, t: string): Iterable<unknown> } }).mailroom;
      let readOnly = '';
      if (mailroom?.statsParcels) {
        t0 = now();
        let rows = 0;
        for (const _ of mailroom.statsParcels(yearAgo.toISOString(), to.toISOString())) rows++;
        readOnly = `; reading its ${rows.toLocaleString('en')} rows from SQLite alone takes ${ms(msSince(t0), 0)} ms`;
      }

      table([
        ['measure', 'p50 ms', 'p99 / worst ms', 'target', 'verdict'],
        [`pickup lookup by code (HMAC + code + parcel), ${code.n}×`, ms(code.p50, 3), ms(code.p99, 3), `< ${LOOKUP_BUDGET_MS} ms`, verdict(code.p99 < LOOKUP_BUDGET_MS)],
        [`badge lookup (stored parcels of a recipient), ${tap.n}×`, ms(tap.p50, 3), ms(tap.p99, 3), `< ${LOOKUP_BUDGET_MS} ms`, verdict(tap.p99 < LOOKUP_BUDGET_MS)],
        [`a year of statistics, ${year.n}×`, ms(year.p50, 0), ms(year.max, 0), `< ${YEAR_STATS_BUDGET_MS} ms`, verdict(year.p50 < YEAR_STATS_BUDGET_MS)],
      ]);
      console.log(`statistics computed by ${stats.how}${readOnly}`);
      console.log(
        `database size: ${liveMb.toFixed(0)} MB of data and indexes (${((liveMb * 1048576) / Math.max(1, events)).toFixed(0)} bytes per event); the file is ${sizeMb.toFixed(0)} MB, the rest being pages the migration freed (VACUUM returns them)`,
      );
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await runSqliteScale();
