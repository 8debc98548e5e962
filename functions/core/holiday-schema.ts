/**
 * A year of Chinese statutory holidays and make-up working days (调休上班), as published by the
 * State Council. Administrators add one under `calendars/holidays/` when the bundled data lacks a year.
 */
import { z } from 'zod';
import { CivilDateString } from './calendar-schema.js';
import { weekday, yearOf } from './civil-date.js';

export const HolidayYearSchema = z
  .object({
    year: z.int().min(2000).max(2100),
    notice: z.object({
      title: z.string().min(1),
      url: z.url(),
      publishedOn: CivilDateString,
    }),
    holidays: z.array(z.object({ name: z.string().min(1), from: CivilDateString, to: CivilDateString })).min(1),
    workdays: z.array(z.object({ date: CivilDateString, for: z.string().min(1) })).default([]),
  })
  .superRefine((notice, ctx) => {
    notice.holidays.forEach((holiday, index) => {
      if (holiday.from > holiday.to) {
        ctx.addIssue({ code: 'custom', path: ['holidays', index, 'to'], message: `"to" (${holiday.to}) is before "from" (${holiday.from})` });
      }
      for (const field of ['from', 'to'] as const) {
        if (yearOf(holiday[field]) !== notice.year) {
          ctx.addIssue({ code: 'custom', path: ['holidays', index, field], message: `${holiday[field]} is not in ${notice.year}` });
        }
      }
    });
    notice.workdays.forEach((workday, index) => {
      if (yearOf(workday.date) !== notice.year) {
        ctx.addIssue({ code: 'custom', path: ['workdays', index, 'date'], message: `${workday.date} is not in ${notice.year}` });
      } else if (![0, 6].includes(weekday(workday.date))) {
        ctx.addIssue({ code: 'custom', path: ['workdays', index, 'date'], message: `${workday.date} is a weekday; a make-up working day (调休) is a Saturday or Sunday` });
      }
    });
  });

export type HolidayYear = z.infer<typeof HolidayYearSchema>;
export type HolidayYearInput = z.input<typeof HolidayYearSchema>;

export function defineHolidayYear(notice: HolidayYearInput): HolidayYearInput {
  return notice;
}
