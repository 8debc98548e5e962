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
  return `${year >= 1000 ? year : String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function parts(date: CivilDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
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
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) * DAY_MS;
}

export function fromUtcMs(ms: number): CivilDate {
  return civilFromDays(Math.floor(ms / DAY_MS));
}

/*
 * Days since 1970-01-01 and back, in integer arithmetic (H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms"): no Date object and no formatting, as the compiler turns dates over by the thousand.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return civilDate(month <= 2 ? yearOfEra + era * 400 + 1 : yearOfEra + era * 400, month, day);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

export function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((Math.floor(toUtcMs(date) / DAY_MS) + 4) % 7) + 7) % 7;
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

/** Why not padStart: the compiler formats dates by the thousand, and this is the cheaper form. */
function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
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
