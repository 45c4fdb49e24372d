import { describe, expect, it } from 'vitest';
import { computeStats, isoWeekLabel, nearestRank } from '../../../controller/src/domain/statistics.ts';

describe('statistics helpers', () => {
  it('labels ISO weeks by the Thursday rule', () => {
    expect(isoWeekLabel(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeekLabel(new Date('2025-01-05T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeekLabel(new Date('2025-01-06T00:00:00Z'))).toBe('2025-W02');
    expect(isoWeekLabel(new Date('2021-01-03T00:00:00Z'))).toBe('2020-W53');
  });

  it('takes nearest-rank percentiles', () => {
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([], 0.5)).toBeNull();
  });

  it('counts a deposit on its local day, not the UTC day', () => {
    const stats = computeStats(
      [{ depositedAt: '2025-03-01T03:00:00Z', storedAt: null, collectedAt: null, leftDoorAt: null, expiredAt: null, department: 'Legal', carrier: 'ups', classes: [], doorSize: null }],
      { from: new Date('2025-02-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z'), groupBy: 'day', timeZone: 'America/New_York', doorsBySize: {} },
    );
    expect(stats.periods).toEqual([{ period: '2025-02-28', received: 1, collected: 0, overdue: 0 }]);
    expect(stats.byClass).toEqual([{ key: 'standard', received: 1, collected: 0 }]);
    expect(stats.busiestHours[0]).toEqual({ hour: 22, received: 1 });
  });
});
