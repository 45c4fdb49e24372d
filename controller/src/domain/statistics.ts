import { zoneOffsetMs } from './business-calendar.ts';
import type { DoorSize, ItemClass } from './types.ts';

export type StatsGrouping = 'day' | 'week' | 'month';

/** One parcel as statistics see it: times are ISO instants. */
export interface StatsParcel {
  depositedAt: string;
  storedAt: string | null;
  collectedAt: string | null;
  /** when it left its door another way (returned to the mailroom, cancelled). */
  leftDoorAt: string | null;
  expiredAt: string | null;
  department: string;
  carrier: string | null;
  classes: readonly ItemClass[];
  doorSize: DoorSize | null;
}

export interface StatsQuery {
  from: Date;
  to: Date;
  groupBy: StatsGrouping;
  timeZone: string;
  /** doors of each size on the wall, for utilisation. */
  doorsBySize: Partial<Record<DoorSize, number>>;
}

export interface CountRow {
  key: string;
  received: number;
  collected: number;
}

export interface MailroomStats {
  from: string;
  to: string;
  groupBy: StatsGrouping;
  timeZone: string;
  periods: { period: string; received: number; collected: number; overdue: number }[];
  byDepartment: CountRow[];
  byCarrier: CountRow[];
  byClass: CountRow[];
  /** deposit → pickup of the parcels collected in the range; nearest-rank percentiles. */
  dwellMinutes: { count: number; median: number | null; p90: number | null };
  /** share of door-time occupied per door size over the range (0..1). */
  doorUtilisation: { size: DoorSize; doors: number; utilisation: number }[];
  overdue: number;
  /** deposits by local hour of day, 0..23. */
  busiestHours: { hour: number; received: number }[];
}

/** The nearest-rank percentile (p in (0, 1]) of sorted values. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** A local clock reading cache: offsets change on whole UTC hours or not at all in practice. */
function localClock(timeZone: string) {
  const offsets = new Map<number, number>();
  return (ms: number): Date => {
    const hourKey = Math.floor(ms / 3_600_000);
    let off = offsets.get(hourKey);
    if (off === undefined) {
      off = zoneOffsetMs(ms, timeZone);
      offsets.set(hourKey, off);
    }
    return new Date(ms + off);
  };
}

/** ISO 8601 week label "2025-W02" of a local calendar date (Thursday rule). */
export function isoWeekLabel(local: Date): string {
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const thursday = new Date(day + (3 - ((local.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodLabel(local: Date, groupBy: StatsGrouping): string {
  const iso = local.toISOString();
  if (groupBy === 'day') return iso.slice(0, 10);
  if (groupBy === 'month') return iso.slice(0, 7);
  return isoWeekLabel(local);
}

function bump(map: Map<string, CountRow>, key: string, field: 'received' | 'collected'): void {
  let row = map.get(key);
  if (!row) map.set(key, (row = { key, received: 0, collected: 0 }));
  row[field]++;
}

const sortRows = (m: Map<string, CountRow>) => [...m.values()].sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));

/**
 * Mailroom volumes over [from, to): received counts by deposit time, collected by pickup time,
 * overdue by the time the parcel expired; periods and hours in the mailroom's local time.
 */
export function computeStats(parcels: Iterable<StatsParcel>, q: StatsQuery): MailroomStats {
  const from = q.from.getTime();
  const to = q.to.getTime();
  const inRange = (ms: number) => ms >= from && ms < to;
  const local = localClock(q.timeZone);
  const periods = new Map<string, { period: string; received: number; collected: number; overdue: number }>();
  const period = (ms: number) => {
    const label = periodLabel(local(ms), q.groupBy);
    let p = periods.get(label);
    if (!p) periods.set(label, (p = { period: label, received: 0, collected: 0, overdue: 0 }));
    return p;
  };
  const departments = new Map<string, CountRow>();
  const carriers = new Map<string, CountRow>();
  const classes = new Map<string, CountRow>();
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, received: 0 }));
  const dwell: number[] = [];
  const occupiedMs = new Map<DoorSize, number>();
  let overdue = 0;

  for (const p of parcels) {
    const deposited = Date.parse(p.depositedAt);
    const collected = p.collectedAt ? Date.parse(p.collectedAt) : null;
    const keys = { dept: p.department || '(none)', carrier: p.carrier ?? '(unknown)', classes: p.classes.length ? p.classes : (['standard'] as const) };
    if (inRange(deposited)) {
      period(deposited).received++;
      bump(departments, keys.dept, 'received');
      bump(carriers, keys.carrier, 'received');
      for (const c of keys.classes) bump(classes, c, 'received');
      hours[local(deposited).getUTCHours()]!.received++;
    }
    if (collected !== null && inRange(collected)) {
      period(collected).collected++;
      bump(departments, keys.dept, 'collected');
      bump(carriers, keys.carrier, 'collected');
      for (const c of keys.classes) bump(classes, c, 'collected');
      dwell.push((collected - deposited) / 60_000);
    }
    if (p.expiredAt && inRange(Date.parse(p.expiredAt))) {
      period(Date.parse(p.expiredAt)).overdue++;
      overdue++;
    }
    if (p.doorSize && p.storedAt) {
      const start = Math.max(from, Date.parse(p.storedAt));
      const leftAt = collected ?? (p.leftDoorAt ? Date.parse(p.leftDoorAt) : to);
      const end = Math.min(to, leftAt);
      if (end > start) occupiedMs.set(p.doorSize, (occupiedMs.get(p.doorSize) ?? 0) + end - start);
    }
  }
  dwell.sort((a, b) => a - b);
  const span = Math.max(1, to - from);
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    groupBy: q.groupBy,
    timeZone: q.timeZone,
    periods: [...periods.values()].sort((a, b) => a.period.localeCompare(b.period)),
    byDepartment: sortRows(departments),
    byCarrier: sortRows(carriers),
    byClass: sortRows(classes),
    dwellMinutes: { count: dwell.length, median: nearestRank(dwell, 0.5), p90: nearestRank(dwell, 0.9) },
    doorUtilisation: (Object.entries(q.doorsBySize) as [DoorSize, number][])
      .filter(([, n]) => n > 0)
      .map(([size, doors]) => ({ size, doors, utilisation: (occupiedMs.get(size) ?? 0) / (doors * span) })),
    overdue,
    busiestHours: [...hours].sort((a, b) => b.received - a.received || a.hour - b.hour),
  };
}
