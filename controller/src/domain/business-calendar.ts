/**
 * Business days and hours in the mailroom's own time zone, DST-safe through the Intl API: local wall
 * times are turned into instants by asking Intl for the zone's offset, never by adding 24 h.
 */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  workingDays: readonly number[];
  /** local "HH:MM". */
  open: string;
  close: string;
  /** local dates "YYYY-MM-DD". */
  holidays: readonly string[];
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalTime extends LocalDate {
  hour: number;
  minute: number;
  /** ISO weekday 1..7. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when it is not an IANA zone Intl knows. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The zone's offset from UTC in ms at `instant` (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export function localTime(instant: Date | number, timeZone: string): LocalTime {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const shifted = new Date(ms + zoneOffsetMs(ms, timeZone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: ((shifted.getUTCDay() + 6) % 7) + 1,
  };
}

/**
 * The instant a local wall time names. In the spring-forward gap (02:30 that never happens) the
 * clock time is read with the offset before the change, landing after the gap, as calendars do.
 */
export function zonedInstant(date: LocalDate, hhmm: string, timeZone: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(date.year, date.month - 1, date.day, h, m);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return new Date(zoneOffsetMs(second, timeZone) === zoneOffsetMs(first, timeZone) ? second : Math.max(first, second));
}

export function dateKey(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function isoWeekday(d: LocalDate): number {
  return ((new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7) + 1;
}

export function isBusinessDay(d: LocalDate, cal: BusinessCalendar): boolean {
  return cal.workingDays.includes(isoWeekday(d)) && !cal.holidays.includes(dateKey(d));
}

/** The `n`-th business day after the local date of `from` (n ≥ 1), at local `hhmm`. */
export function businessDaysAfter(from: Date, n: number, hhmm: string, cal: BusinessCalendar): Date {
  if (cal.workingDays.length === 0) throw new RangeError('the mailroom has no working days');
  let d: LocalDate = localTime(from, cal.timeZone);
  let left = Math.max(1, n);
  while (left > 0) {
    d = addDays(d, 1);
    if (isBusinessDay(d, cal)) left--;
  }
  return zonedInstant(d, hhmm, cal.timeZone);
}

/** "Remind next business day at 09:00": the first business day after the deposit's local date. */
export function nextBusinessDayAt(from: Date, hhmm: string, cal: BusinessCalendar): Date {
  return businessDaysAfter(from, 1, hhmm, cal);
}
