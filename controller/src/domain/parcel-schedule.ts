import { businessDaysAfter, nextBusinessDayAt, type BusinessCalendar } from './business-calendar.ts';
import { classRules } from './item-classes.ts';
import type { ItemClass } from './types.ts';

export interface ScheduleRules {
  calendar: BusinessCalendar;
  reminders: { enabled: boolean; at: string; everyBusinessDays: number; max: number };
  expiry: { afterBusinessDays: number };
  express: { escalateAfterHours: number };
}

export interface ParcelSchedule {
  nextReminderAt: string | null;
  escalateAt: string | null;
  expiresAt: string | null;
}

/** When a parcel stored at `storedAt` is first reminded, escalated and sent back to the counter. */
export function scheduleFor(storedAt: Date, classes: readonly ItemClass[], rules: ScheduleRules): ParcelSchedule {
  const { calendar } = rules;
  return {
    nextReminderAt: rules.reminders.enabled && rules.reminders.max > 0 ? nextBusinessDayAt(storedAt, rules.reminders.at, calendar).toISOString() : null,
    escalateAt: classRules(classes).escalates ? new Date(storedAt.getTime() + rules.express.escalateAfterHours * 3_600_000).toISOString() : null,
    expiresAt: businessDaysAfter(storedAt, rules.expiry.afterBusinessDays, calendar.close, calendar).toISOString(),
  };
}

/** The reminder after the `sent`-th one, or null when the last allowed one went out. */
export function nextReminderAfter(previous: Date, sent: number, rules: ScheduleRules): string | null {
  if (sent >= rules.reminders.max) return null;
  return businessDaysAfter(previous, rules.reminders.everyBusinessDays, rules.reminders.at, rules.calendar).toISOString();
}
