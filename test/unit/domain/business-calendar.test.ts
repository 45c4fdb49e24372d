import { describe, expect, it } from 'vitest';
import { businessDaysAfter, localTime, nextBusinessDayAt, zonedInstant, type BusinessCalendar } from '../../../controller/src/domain/business-calendar.ts';

const newYork: BusinessCalendar = { timeZone: 'America/New_York', workingDays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00', holidays: [] };

describe('business calendar', () => {
  it('reminds a Saturday 17:00 New York deposit on Monday 09:00 EDT, across the spring-forward night (13:00Z)', () => {
    const deposited = zonedInstant({ year: 2025, month: 3, day: 8 }, '17:00', 'America/New_York');
    expect(deposited.toISOString()).toBe('2025-03-08T22:00:00.000Z');
    expect(nextBusinessDayAt(deposited, '09:00', newYork).toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });

  it('keeps local 09:00 across the autumn change (EST again: 14:00Z)', () => {
    const friday = zonedInstant({ year: 2025, month: 10, day: 31 }, '12:00', 'America/New_York');
    expect(nextBusinessDayAt(friday, '09:00', newYork).toISOString()).toBe('2025-11-03T14:00:00.000Z');
  });

  it('skips holidays and weekends', () => {
    const cal = { ...newYork, holidays: ['2025-03-10'] };
    const saturday = zonedInstant({ year: 2025, month: 3, day: 8 }, '17:00', 'America/New_York');
    expect(nextBusinessDayAt(saturday, '09:00', cal).toISOString()).toBe('2025-03-11T13:00:00.000Z');
    expect(businessDaysAfter(saturday, 5, '17:00', newYork).toISOString()).toBe('2025-03-14T21:00:00.000Z');
  });

  it('uses the local date, not the UTC date (Shanghai, a 23:30 deposit is already the next day in UTC+8)', () => {
    const shanghai: BusinessCalendar = { ...newYork, timeZone: 'Asia/Shanghai' };
    const thursdayLate = new Date('2025-03-06T15:30:00Z'); // Thu 23:30 in Shanghai
    expect(localTime(thursdayLate, 'Asia/Shanghai')).toMatchObject({ day: 6, hour: 23, minute: 30, weekday: 4 });
    expect(nextBusinessDayAt(thursdayLate, '09:00', shanghai).toISOString()).toBe('2025-03-07T01:00:00.000Z');
  });

  it('moves a wall time in the spring-forward gap past the gap', () => {
    expect(zonedInstant({ year: 2025, month: 3, day: 9 }, '02:30', 'America/New_York').toISOString()).toBe('2025-03-09T07:30:00.000Z');
  });
});
