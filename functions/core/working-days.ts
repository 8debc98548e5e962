/**
 * Which civil dates are working days in mainland China: weekends and statutory holidays are not,
 * make-up working days (调休上班, usually a Saturday or Sunday) are.
 *
 * Data: the bundled `chinese-days` package (maintained, updated after each State Council notice) plus
 * any holiday years an administrator committed under `calendars/holidays/` (these win for their year).
 * For a year neither covers we fall back to Monday–Friday and say so: callers mark such dates provisional.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, type CivilDate, eachDay, weekday, yearOf } from './civil-date.js';
import type { HolidayYear } from './holiday-schema.js';

interface YearData {
  /** Non-working days that would otherwise be working days (holidays), with their names. */
  readonly holidays: ReadonlyMap<CivilDate, string>;
  /** Weekend days that are working days (调休上班), with the holiday they make up for. */
  readonly workdays: ReadonlyMap<CivilDate, string>;
  readonly source: string;
}

export interface DayInfo {
  date: CivilDate;
  working: boolean;
  /** The holiday's name, or the holiday a make-up working day belongs to. */
  name?: string;
  /** True when the year has no holiday data and Monday–Friday was assumed. */
  provisional: boolean;
}

const BUNDLED_SOURCE = 'npm chinese-days';

export class WorkingDays {
  private constructor(private readonly years: ReadonlyMap<number, YearData>) {}

  /** The bundled data, overridden year by year by the given notices. */
  static create(notices: readonly HolidayYear[] = []): WorkingDays {
    const years = new Map<number, { holidays: Map<CivilDate, string>; workdays: Map<CivilDate, string>; source: string }>();
    const yearData = (year: number) => {
      let data = years.get(year);
      if (!data) years.set(year, (data = { holidays: new Map(), workdays: new Map(), source: BUNDLED_SOURCE }));
      return data;
    };
    for (const [date, label] of Object.entries(chineseDays.holidays as Record<string, string>)) {
      yearData(yearOf(date)).holidays.set(date, chineseName(label));
    }
    for (const [date, label] of Object.entries(chineseDays.workdays as Record<string, string>)) {
      yearData(yearOf(date)).workdays.set(date, chineseName(label));
    }
    for (const notice of notices) {
      const holidays = new Map<CivilDate, string>();
      for (const holiday of notice.holidays) {
        for (const date of eachDay(holiday.from, holiday.to)) holidays.set(date, holiday.name);
      }
      const workdays = new Map(notice.workdays.map((w) => [w.date, w.for] as const));
      years.set(notice.year, { holidays, workdays, source: notice.notice.url });
    }
    return new WorkingDays(years);
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

/** chinese-days labels look like "Spring Festival,春节,4": keep the Chinese name. */
function chineseName(label: string): string {
  return label.split(',')[1] ?? label;
}
