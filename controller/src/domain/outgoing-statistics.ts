import { isLate, localDate, type OutgoingItem } from './outgoing.ts';

export interface OutgoingStats {
  from: string;
  to: string;
  timeZone: string;
  sent: number;
  byDepartment: { department: string; sent: number }[];
  byCarrierAndService: { carrier: string; service: string; sent: number }[];
  /** postage by department and local month (YYYY-MM), per currency, rounded to cents. */
  postageByDepartmentMonth: { department: string; month: string; currency: string; postage: number }[];
  /** of the items delivered, how many arrived by their expected date; rate null when none delivered. */
  onTimeByCarrier: { carrier: string; delivered: number; onTime: number; rate: number | null }[];
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

const byKey = (a: string, b: string) => a.localeCompare(b, 'en');

/** Figures over the items dispatched in the range: sent, postage, on-time delivery. Pure. */
export function computeOutgoingStats(items: readonly OutgoingItem[], range: { from: Date; to: Date; timeZone: string }): OutgoingStats {
  const departments = new Map<string, number>();
  const carrierService = new Map<string, number>();
  const postage = new Map<string, number>();
  const delivered = new Map<string, number>();
  const onTime = new Map<string, number>();
  for (const item of items) {
    if (!item.dispatchedAt) continue;
    const carrier = item.carrier ?? 'unknown';
    bump(departments, item.department);
    bump(carrierService, JSON.stringify([carrier, item.service]));
    if (item.postage !== null && item.postageCurrency)
      bump(postage, JSON.stringify([item.department, localDate(item.dispatchedAt, range.timeZone).slice(0, 7), item.postageCurrency]), item.postage);
    if (item.deliveredAt) {
      bump(delivered, carrier);
      if (!isLate(item.expectedDeliveryDate, item.deliveredAt, range.timeZone)) bump(onTime, carrier);
    }
  }
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    timeZone: range.timeZone,
    sent: [...departments.values()].reduce((a, b) => a + b, 0),
    byDepartment: [...departments].map(([department, sent]) => ({ department, sent })).sort((a, b) => byKey(a.department, b.department)),
    byCarrierAndService: [...carrierService]
      .map(([k, sent]) => {
        const [carrier, service] = JSON.parse(k) as [string, string];
        return { carrier, service, sent };
      })
      .sort((a, b) => byKey(a.carrier, b.carrier) || byKey(a.service, b.service)),
    postageByDepartmentMonth: [...postage]
      .map(([k, total]) => {
        const [department, month, currency] = JSON.parse(k) as [string, string, string];
        return { department, month, currency, postage: Math.round(total * 100) / 100 };
      })
      .sort((a, b) => byKey(a.department, b.department) || byKey(a.month, b.month) || byKey(a.currency, b.currency)),
    onTimeByCarrier: [...delivered]
      .map(([carrier, count]) => ({ carrier, delivered: count, onTime: onTime.get(carrier) ?? 0, rate: count ? (onTime.get(carrier) ?? 0) / count : null }))
      .sort((a, b) => byKey(a.carrier, b.carrier)),
  };
}

/** Sent and received per department, side by side (departments from either side). */
export function departmentsSideBySide(sent: readonly { department: string; sent: number }[], received: readonly { key: string; received: number }[]) {
  const rows = new Map<string, { department: string; sent: number; received: number }>();
  const row = (department: string) => rows.get(department) ?? rows.set(department, { department, sent: 0, received: 0 }).get(department)!;
  for (const s of sent) row(s.department).sent += s.sent;
  for (const r of received) row(r.key).received += r.received;
  return [...rows.values()].sort((a, b) => byKey(a.department, b.department));
}
