/**
 * Which civil dates are working days in mainland China: weekends and statutory holidays are not,
 * make-up working days (调休上班, usually a Saturday or Sunday) are.
 *
 * This class holds the data of the years it was given and nothing else, so the functions that only ask
 * "is today a working day" (the sweep, the digest) read it from the calendar's record and never bundle
 * the holiday data. Where the data comes from is `bundledWorkingDays` (bundled-working-days.ts): the
 * `chinese-days` package plus the notices an administrator committed. For a year the data does not
 * cover we fall back to Monday–Friday and say so: callers mark such dates provisional.
 */
import { addDays, type CivilDate, weekday, yearOf } from './civil-date.js';

interface YearData {
  /** Non-working days that would otherwise be working days (holidays), with their names. */
  readonly holidays: ReadonlyMap<CivilDate, string>;
  /** Weekend days that are working days (调休上班), with the holiday they make up for. */
  readonly workdays: ReadonlyMap<CivilDate, string>;
  readonly source: string;
}

/** One year of working-day data as stored with a plan and a calendar record (plain JSON). */
export interface WorkingDayYear {
  year: number;
  holidays: Record<CivilDate, string>;
  workdays: Record<CivilDate, string>;
  source: string;
}

export interface DayInfo {
  date: CivilDate;
  working: boolean;
  /** The holiday's name, or the holiday a make-up working day belongs to. */
  name?: string;
  /** True when the year has no holiday data and Monday–Friday was assumed. */
  provisional: boolean;
}

export class WorkingDays {
  constructor(private readonly years: ReadonlyMap<number, YearData>) {}

  /** The years as stored (see `yearTable`); an empty list means Monday–Friday, provisional. */
  static fromTable(table: readonly WorkingDayYear[]): WorkingDays {
    return new WorkingDays(new Map(table.map((y) => [y.year, { holidays: new Map(Object.entries(y.holidays)), workdays: new Map(Object.entries(y.workdays)), source: y.source }] as const)));
  }

  /** One year's data as plain JSON, or null when the year is not covered. */
  yearTable(year: number): WorkingDayYear | null {
    const data = this.years.get(year);
    if (!data) return null;
    return { year, holidays: Object.fromEntries(data.holidays), workdays: Object.fromEntries(data.workdays), source: data.source };
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  sourceOf(year: number): string | undefined {
    return this.years.get(year)?.source;
  }

  info(date: CivilDate): DayInfo {
    const data = this.years.get(yearOf(date));
    const workdayFor = data?.workdays.get(date);
    if (workdayFor !== undefined) return { date, working: true, name: workdayFor, provisional: false };
    const holiday = data?.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, name: holiday, provisional: false };
    const day = weekday(date);
    return { date, working: day !== 0 && day !== 6, provisional: data === undefined };
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.info(date).working;
  }

  /** The date itself if it is a working day, else the closest working day before it. */
  onOrBefore(date: CivilDate): CivilDate {
    let current = date;
    while (!this.isWorkingDay(current)) current = addDays(current, -1);
    return current;
  }

  /** The date itself if it is a working day, else the closest working day after it. */
  onOrAfter(date: CivilDate): CivilDate {
    let current = date;
    while (!this.isWorkingDay(current)) current = addDays(current, 1);
    return current;
  }
}
