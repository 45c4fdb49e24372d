import type { LockerwallConfig } from '../../../config/schema.ts';
import { computeStats, type MailroomStats, type StatsGrouping } from '../domain/statistics.ts';
import type { DoorSize } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { toCsv, type CsvCell } from './csv-export.ts';

/** Volumes, dwell times, utilisation and busiest hours for the admin screens. */
export class MailroomStatistics {
  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
  ) {}

  compute(from: Date, to: Date, groupBy: StatsGrouping): MailroomStats {
    const doorsBySize: Partial<Record<DoorSize, number>> = {};
    for (const d of this.config.doors) doorsBySize[d.size] = (doorsBySize[d.size] ?? 0) + 1;
    return computeStats(this.store.mailroom.statsParcels(from.toISOString(), to.toISOString()), {
      from,
      to,
      groupBy,
      timeZone: this.config.rules.businessHours.timeZone,
      doorsBySize,
    });
  }
}

/** Long format, one figure per line: section,key,metric,value — easy to pivot in a spreadsheet. */
export function statsCsv(s: MailroomStats): string {
  const rows: CsvCell[][] = [];
  for (const p of s.periods) {
    rows.push([`period_${s.groupBy}`, p.period, 'received', p.received]);
    rows.push([`period_${s.groupBy}`, p.period, 'collected', p.collected]);
    rows.push([`period_${s.groupBy}`, p.period, 'overdue', p.overdue]);
  }
  for (const [section, list] of [['department', s.byDepartment], ['carrier', s.byCarrier], ['class', s.byClass]] as const)
    for (const r of list) {
      rows.push([section, r.key, 'received', r.received]);
      rows.push([section, r.key, 'collected', r.collected]);
    }
  rows.push(['dwell', 'all', 'count', s.dwellMinutes.count]);
  rows.push(['dwell', 'all', 'median_minutes', s.dwellMinutes.median]);
  rows.push(['dwell', 'all', 'p90_minutes', s.dwellMinutes.p90]);
  for (const u of s.doorUtilisation) rows.push(['door_utilisation', u.size, 'share', u.utilisation.toFixed(6)]);
  rows.push(['overdue', 'all', 'count', s.overdue]);
  for (const h of [...s.busiestHours].sort((a, b) => a.hour - b.hour)) rows.push(['hour_of_day', String(h.hour).padStart(2, '0'), 'received', h.received]);
  return toCsv(['section', 'key', 'metric', 'value'], rows);
}
