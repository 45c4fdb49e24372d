import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../controller/src/services/csv.ts';
import { Store } from '../../../controller/src/store/store.ts';
import { REPO_ROOT, startController, type RunningController } from '../../support/controller-process.ts';

const TZ = 'America/New_York';
const N = 50_000;
const CARRIERS = ['ups', 'fedex', 'dhl', 'sf-express', 'usps', null] as const;
const CLASS_SETS: string[][] = [[], [], [], [], ['express'], ['registered'], ['insured'], ['registered', 'confidential'], ['media']];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  id: string;
  recipientId: string;
  department: string;
  carrier: string | null;
  classes: string[];
  door: string;
  doorSize: string;
  status: 'collected' | 'returned' | 'cancelled';
  deposited: number;
  stored: number | null;
  collected: number | null;
  expired: number | null;
  returned: number | null;
}

// Local wall-clock parts straight from Intl, one call per instant (no offset tricks).
const localFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' });
function local(ms: number) {
  const p = Object.fromEntries(localFormat.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), date: `${p.year}-${p.month}-${p.day}`, month: `${p.year}-${p.month}` };
}
function isoWeek(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow);
  const weekYear = date.getUTCFullYear();
  const dayOfYear = Math.round((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000) + 1;
  return `${weekYear}-W${String(Math.ceil(dayOfYear / 7)).padStart(2, '0')}`;
}
const nearestRank = (sorted: number[], p: number) => sorted[Math.ceil(p * sorted.length) - 1]!;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

let wall: RunningController;
let admin: string;
let parcels: Generated[];
let doorsBySize: Record<string, number>;
const want: Partial<Record<'day' | 'week' | 'month', ReturnType<typeof expected>>> = {};
// 2025 in New York: local midnight to local midnight.
const FROM = Date.parse('2025-01-01T05:00:00Z');
const TO = Date.parse('2026-01-01T05:00:00Z');

beforeAll(async () => {
  const first = await startController({ config: { rules: { businessHours: { timeZone: TZ } } } });
  const dataDir = first.dataDir;
  await first.stop();

  const directory = parseCsv(readFileSync(join(REPO_ROOT, 'config/examples/directory.csv'), 'utf8')).slice(1);
  const people = directory.map((r) => ({ id: r.fields[0]!, department: r.fields[4]! }));
  const doors = (JSON.parse(readFileSync(join(REPO_ROOT, 'config/default.json'), 'utf8')) as { doors: { id: string; size: string }[] }).doors;
  doorsBySize = {};
  for (const d of doors) doorsBySize[d.size] = (doorsBySize[d.size] ?? 0) + 1;

  const rng = mulberry32(20250308);
  const start = Date.parse('2024-12-10T00:00:00Z');
  const span = Date.parse('2026-01-20T00:00:00Z') - start;
  parcels = Array.from({ length: N }, (_, i): Generated => {
    const person = people[Math.floor(rng() * people.length)]!;
    const door = doors[Math.floor(rng() * doors.length)]!;
    const deposited = start + Math.floor(rng() * span);
    const roll = rng();
    const status = roll < 0.03 ? 'cancelled' : roll < 0.09 ? 'returned' : 'collected';
    const stored = status === 'cancelled' ? null : deposited + 5_000 + Math.floor(rng() * 120_000);
    const collected = status === 'collected' ? stored! + Math.floor(-Math.log(1 - rng()) * 20 * 3_600_000) : null;
    const expired = status === 'returned' ? stored! + 5 * 86_400_000 : null;
    const returned = status === 'returned' ? expired! + Math.floor(rng() * 86_400_000) : null;
    return {
      id: `PGEN${String(i).padStart(6, '0')}`,
      recipientId: person.id,
      department: person.department,
      carrier: CARRIERS[Math.floor(rng() * CARRIERS.length)]!,
      classes: CLASS_SETS[Math.floor(rng() * CLASS_SETS.length)]!,
      door: door.id,
      doorSize: door.size,
      status,
      deposited,
      stored,
      collected,
      expired,
      returned,
    };
  });

  const store = Store.open(join(dataDir, 'lockerwall.sqlite'));
  const insert = store.db.prepare(
    `INSERT INTO parcels (id, tracking, carrier, recipient_id, door_id, size, classes, status, deposited_by, deposited_at, stored_at, collected_at, collected_by, expired_at, returned_at)
     VALUES (?, ?, ?, ?, ?, 'S', ?, ?, 'clerk:gen', ?, ?, ?, ?, ?, ?)`,
  );
  store.transaction(() => {
    for (const p of parcels)
      insert.run(p.id, `GEN${p.id}`, p.carrier, p.recipientId, p.door, JSON.stringify(p.classes), p.status, iso(p.deposited), iso(p.stored), iso(p.collected), p.collected ? p.recipientId : null, iso(p.expired), iso(p.returned));
  });
  store.close();

  // Computed before the controller starts: long CPU pauses between requests let idle keep-alive sockets expire.
  for (const g of ['month', 'week', 'day'] as const) want[g] = expected(g);
  wall = await startController({ dataDir, config: { rules: { businessHours: { timeZone: TZ } } } });
  admin = (await api('/api/clerk/session', { body: { pin: '9876' } })).body.token;
}, 180_000);

/** Every call here is safe to repeat; one retry covers a keep-alive socket the server closed on a loaded machine. */
async function api(path: string, init?: Parameters<RunningController['api']>[1]) {
  try {
    return await wall.api(path, init);
  } catch {
    return wall.api(path, init);
  }
}

afterAll(async () => {
  await wall?.stop();
});

/** The expected figures, computed from the generated list alone. */
function expected(groupBy: 'day' | 'week' | 'month') {
  const inRange = (ms: number | null): ms is number => ms !== null && ms >= FROM && ms < TO;
  const label = (ms: number) => {
    const l = local(ms);
    return groupBy === 'day' ? l.date : groupBy === 'month' ? l.month : isoWeek(l.y, l.m, l.d);
  };
  const periods = new Map<string, { period: string; received: number; collected: number; overdue: number }>();
  const period = (ms: number) => {
    const k = label(ms);
    if (!periods.has(k)) periods.set(k, { period: k, received: 0, collected: 0, overdue: 0 });
    return periods.get(k)!;
  };
  const count = (m: Map<string, { received: number; collected: number }>, k: string, f: 'received' | 'collected') => {
    if (!m.has(k)) m.set(k, { received: 0, collected: 0 });
    m.get(k)![f]++;
  };
  const dept = new Map<string, { received: number; collected: number }>();
  const carrier = new Map<string, { received: number; collected: number }>();
  const klass = new Map<string, { received: number; collected: number }>();
  const hours = new Array<number>(24).fill(0);
  const dwell: number[] = [];
  const occupied: Record<string, number> = {};
  let overdue = 0;
  for (const p of parcels) {
    if (p.status === 'cancelled') continue;
    const classes = p.classes.length ? p.classes : ['standard'];
    const carrierKey = p.carrier ?? '(unknown)';
    if (inRange(p.deposited)) {
      period(p.deposited).received++;
      count(dept, p.department, 'received');
      count(carrier, carrierKey, 'received');
      classes.forEach((c) => count(klass, c, 'received'));
      hours[local(p.deposited).h]!++;
    }
    if (inRange(p.collected)) {
      period(p.collected).collected++;
      count(dept, p.department, 'collected');
      count(carrier, carrierKey, 'collected');
      classes.forEach((c) => count(klass, c, 'collected'));
      dwell.push((p.collected - p.deposited) / 60_000);
    }
    if (inRange(p.expired)) {
      period(p.expired).overdue++;
      overdue++;
    }
    const begin = Math.max(FROM, p.stored!);
    const end = Math.min(TO, p.collected ?? p.returned ?? TO);
    if (end > begin) occupied[p.doorSize] = (occupied[p.doorSize] ?? 0) + (end - begin);
  }
  dwell.sort((a, b) => a - b);
  const asObject = (m: Map<string, { received: number; collected: number }>) => Object.fromEntries([...m].map(([k, v]) => [k, v]));
  return {
    periods: [...periods.values()].sort((a, b) => a.period.localeCompare(b.period)),
    dept: asObject(dept),
    carrier: asObject(carrier),
    klass: asObject(klass),
    hours,
    dwell: { count: dwell.length, median: nearestRank(dwell, 0.5), p90: nearestRank(dwell, 0.9) },
    utilisation: Object.fromEntries(Object.entries(occupied).map(([size, ms]) => [size, ms / (doorsBySize[size]! * (TO - FROM))])),
    overdue,
  };
}

const wantFor = (g: 'day' | 'week' | 'month') => want[g]!;
const byKey = (rows: { key: string; received: number; collected: number }[]) => Object.fromEntries(rows.map((r) => [r.key, { received: r.received, collected: r.collected }]));

describe('statistics over a generated year of 50,000 parcels', () => {
  for (const groupBy of ['month', 'week', 'day'] as const) {
    it(`matches an independent computation, grouped by ${groupBy}`, async () => {
      const r = await api(`/api/admin/stats?from=2025-01-01&to=2026-01-01&groupBy=${groupBy}`, { token: admin });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      const want = wantFor(groupBy);
      expect(r.body.from).toBe(new Date(FROM).toISOString());
      expect(r.body.periods).toEqual(want.periods);
      expect(byKey(r.body.byDepartment)).toEqual(want.dept);
      expect(byKey(r.body.byCarrier)).toEqual(want.carrier);
      expect(byKey(r.body.byClass)).toEqual(want.klass);
      expect(r.body.dwellMinutes).toEqual(want.dwell);
      expect(r.body.overdue).toBe(want.overdue);
      const hours = new Array<number>(24).fill(0);
      for (const h of r.body.busiestHours) hours[h.hour] = h.received;
      expect(hours).toEqual(want.hours);
      expect(r.body.busiestHours[0].received).toBe(Math.max(...want.hours));
      for (const u of r.body.doorUtilisation) expect(u.utilisation).toBeCloseTo(want.utilisation[u.size]!, 9);
      expect(r.body.doorUtilisation.map((u: { size: string }) => u.size).sort()).toEqual(Object.keys(doorsBySize).sort());
    });
  }

  it('serves the same figures as CSV', async () => {
    const url = `${wall.baseUrl}/api/admin/stats?from=2025-01-01&to=2026-01-01&groupBy=month&format=csv`;
    const init = { headers: { authorization: `Bearer ${admin}` } };
    const response = await fetch(url, init).catch(() => fetch(url, init));
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await response.text()).map((r) => r.fields);
    expect(rows[0]).toEqual(['section', 'key', 'metric', 'value']);
    const want = wantFor('month');
    const received = rows.filter((r) => r[0] === 'period_month' && r[2] === 'received');
    expect(received.map((r) => [r[1], Number(r[3])])).toEqual(want.periods.map((p) => [p.period, p.received]));
    expect(Number(rows.find((r) => r[0] === 'dwell' && r[2] === 'p90_minutes')![3])).toBe(want.dwell.p90);
  });

  it('refuses clerks and bad parameters', async () => {
    const clerk = (await api('/api/clerk/session', { body: { pin: '1234' } })).body.token;
    expect((await api('/api/admin/stats', { token: clerk })).status).toBe(403);
    expect((await api('/api/admin/stats?groupBy=year', { token: admin })).status).toBe(422);
    expect((await api('/api/admin/stats?from=2026-01-01&to=2025-01-01', { token: admin })).status).toBe(422);
    expect((await api('/api/admin/stats?from=yesterday', { token: admin })).status).toBe(422);
  });
});
