/**
 * Civil dates ("YYYY-MM-DD" strings) in the plan's own time zone.
 *
 * Why strings and UTC arithmetic: a plan speaks of days, not instants. Doing the arithmetic on
 * Date.UTC values never consults the host time zone, so results are identical under any `TZ`.
 */

export type CivilDate = string;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isCivilDate(value: string): boolean {
  const match = CIVIL_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function parts(date: CivilDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function lastDayOfMonth(year: number, month: number): CivilDate {
  return civilDate(year, month, daysInMonth(year, month));
}

export function toUtcMs(date: CivilDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day);
}

export function fromUtcMs(ms: number): CivilDate {
  const d = new Date(ms);
  return civilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

export function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

/** Every date from `from` to `to`, both included. */
export function* eachDay(from: CivilDate, to: CivilDate): Generator<CivilDate> {
  for (let ms = toUtcMs(from); ms <= toUtcMs(to); ms += DAY_MS) yield fromUtcMs(ms);
}

/**
 * The civil date that an instant falls on in `timeZone`.
 * Why Intl: it is the one place where an instant meets the plan's zone (the edge of the system).
 */
export function civilDateAt(instant: Date, timeZone: string): CivilDate {
  const formatted = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return formatted;
}

/** A "MM-DD" month-day in a given year; a day past the month's end clamps to its last day ("02-29"). */
export function monthDayIn(year: number, monthDay: string): CivilDate {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  return civilDate(year, month, Math.min(day, daysInMonth(year, month)));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * An instant as the wall-clock time of `timeZone`, "YYYY-MM-DD HH:mm".
 * Why: stored instants are UTC; people read the plan's local time (09:30 in Suzhou, not 01:30).
 */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The ISO 8601 week of a date, "2025-W03" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: CivilDate): string {
  const thursday = addDays(date, 3 - ((weekday(date) + 6) % 7));
  const year = yearOf(thursday);
  const week = Math.floor(daysBetween(civilDate(year, 1, 1), thursday) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

/** The year an instant falls in, in `timeZone`. Why the zone: on 31 December after 16:00 UTC it is already next year in Asia/Shanghai. */
export function currentYear(now: Date, timeZone: string): number {
  return Number(civilDateAt(now, timeZone).slice(0, 4));
}
