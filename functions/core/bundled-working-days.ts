/**
 * The working days the compiler plans with: the bundled `chinese-days` package (maintained, updated
 * after each State Council notice) plus any holiday years an administrator committed under
 * `calendars/holidays/` (these win for their year). Only the compiler's side imports this (the data is
 * 43 KB of a bundle); the sweep and the digest read the years stored with each calendar.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type CivilDate, eachDay, yearOf } from './civil-date.js';
import type { HolidayYear } from './holiday-schema.js';
import { WorkingDays } from './working-days.js';

const BUNDLED_SOURCE = 'npm chinese-days';

/** The bundled data, overridden year by year by the given notices. */
export function bundledWorkingDays(notices: readonly HolidayYear[] = []): WorkingDays {
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

/** chinese-days labels look like "Spring Festival,春节,4": keep the Chinese name. */
function chineseName(label: string): string {
  return label.split(',')[1] ?? label;
}
