import type { LockerwallConfig } from '../../../config/schema.ts';
import { computeOutgoingStats, departmentsSideBySide, type OutgoingStats } from '../domain/outgoing-statistics.ts';
import type { Store } from '../store/store.ts';
import { toCsv, type CsvCell } from './csv-export.ts';

/** Received parcels per department over a range, from the incoming side's statistics. */
export type ReceivedByDepartment = (from: Date, to: Date) => readonly { key: string; received: number }[];

/** The outgoing side of the mailroom statistics, and departments compared by what they send and receive. */
export class OutgoingStatistics {
  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly received: ReceivedByDepartment,
  ) {}

  compute(from: Date, to: Date): OutgoingStats {
    return computeOutgoingStats(this.store.outgoing.dispatchedBetween(from.toISOString(), to.toISOString()), {
      from,
      to,
      timeZone: this.config.rules.businessHours.timeZone,
    });
  }

  departments(from: Date, to: Date) {
    return { from: from.toISOString(), to: to.toISOString(), departments: departmentsSideBySide(this.compute(from, to).byDepartment, this.received(from, to)) };
  }
}

/** Long format like the incoming statistics CSV: section,key,metric,value. */
export function outgoingStatsCsv(s: OutgoingStats): string {
  const rows: CsvCell[][] = [['total', 'all', 'sent', s.sent]];
  for (const d of s.byDepartment) rows.push(['department', d.department, 'sent', d.sent]);
  for (const c of s.byCarrierAndService) rows.push(['carrier_service', `${c.carrier}/${c.service}`, 'sent', c.sent]);
  for (const p of s.postageByDepartmentMonth) rows.push(['postage', `${p.department}/${p.month}`, p.currency, p.postage]);
  for (const o of s.onTimeByCarrier) {
    rows.push(['on_time', o.carrier, 'delivered', o.delivered]);
    rows.push(['on_time', o.carrier, 'on_time', o.onTime]);
    if (o.rate !== null) rows.push(['on_time', o.carrier, 'rate', o.rate.toFixed(4)]);
  }
  return toCsv(['section', 'key', 'metric', 'value'], rows);
}
