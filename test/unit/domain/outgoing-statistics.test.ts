import { describe, expect, it } from 'vitest';
import type { OutgoingItem } from '../../../controller/src/domain/outgoing.ts';
import { computeOutgoingStats, departmentsSideBySide } from '../../../controller/src/domain/outgoing-statistics.ts';

function sent(extra: Partial<OutgoingItem>): OutgoingItem {
  return {
    id: 'O1',
    senderId: 'E1',
    department: 'Legal',
    addressee: { name: 'A', city: 'B', country: 'DE' },
    service: 'registered',
    declaredValue: null,
    declaredCurrency: null,
    doorId: '1',
    status: 'dispatched',
    droppedOffAt: '2026-01-30T08:00:00Z',
    closedAt: null,
    collectedAt: null,
    dispatchedAt: '2026-01-31T20:00:00Z',
    carrier: 'china-post',
    product: null,
    tracking: null,
    postage: 10,
    postageCurrency: 'CNY',
    expectedDeliveryDate: '2026-02-10',
    deliveredAt: null,
    alert: null,
    ...extra,
  };
}

describe('computeOutgoingStats', () => {
  const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z'), timeZone: 'Asia/Shanghai' };

  it('counts sent items per department and per carrier and service', () => {
    const s = computeOutgoingStats([sent({}), sent({ department: 'R&D', service: 'express', carrier: 'dhl' }), sent({})], range);
    expect(s.sent).toBe(3);
    expect(s.byDepartment).toEqual([{ department: 'Legal', sent: 2 }, { department: 'R&D', sent: 1 }]);
    expect(s.byCarrierAndService).toEqual([{ carrier: 'china-post', service: 'registered', sent: 2 }, { carrier: 'dhl', service: 'express', sent: 1 }]);
  });

  it('sums postage per department and local month, per currency', () => {
    // 31 Jan 20:00 UTC is 1 February in Shanghai.
    const s = computeOutgoingStats([sent({ postage: 10.1 }), sent({ postage: 0.2 }), sent({ dispatchedAt: '2026-01-10T02:00:00Z', postage: 5 }), sent({ postage: 3, postageCurrency: 'EUR' })], range);
    expect(s.postageByDepartmentMonth).toEqual([
      { department: 'Legal', month: '2026-01', currency: 'CNY', postage: 5 },
      { department: 'Legal', month: '2026-02', currency: 'CNY', postage: 10.3 },
      { department: 'Legal', month: '2026-02', currency: 'EUR', postage: 3 },
    ]);
  });

  it('rates on-time delivery per carrier against the expected date', () => {
    const s = computeOutgoingStats(
      [
        sent({ deliveredAt: '2026-02-10T15:00:00Z' }), // 23:00 in Shanghai: on time
        sent({ deliveredAt: '2026-02-10T17:00:00Z' }), // 01:00 on the 11th: late
        sent({}),
      ],
      range,
    );
    expect(s.onTimeByCarrier).toEqual([{ carrier: 'china-post', delivered: 2, onTime: 1, rate: 0.5 }]);
  });
});

describe('departmentsSideBySide', () => {
  it('joins departments from both sides', () => {
    expect(departmentsSideBySide([{ department: 'Legal', sent: 2 }], [{ key: 'Legal', received: 5 }, { key: 'Sales', received: 1 }])).toEqual([
      { department: 'Legal', sent: 2, received: 5 },
      { department: 'Sales', sent: 0, received: 1 },
    ]);
  });
});
