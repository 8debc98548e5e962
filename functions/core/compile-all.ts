/**
 * Compiles every schedulable calendar for every year it applies to: what `cdk synth` ships to the
 * materialise function, and what local mode, `fazhi sync` and the simulation materialise.
 */
import type { CalendarRegistry } from './calendar-references.js';
import type { Calendar } from './calendar-schema.js';
import { currentYear } from './civil-date.js';
import type { Plan } from './compile.js';
import { formatProblem, type Problem } from './errors.js';
import type { HolidayYear } from './holiday-schema.js';
import { planFor } from './plan-for.js';
import type { WorkingDays } from './working-days.js';

/** The content of plans.json. */
export interface CompiledPlans {
  generatedAt: string;
  plans: Plan[];
  /** Holiday notices beyond the bundled data, so the deployed sweep knows the same working days. */
  notices: HolidayYear[];
}

export class CalendarCompilationError extends Error {
  override readonly name = 'CalendarCompilationError';
}

export interface CompilableCatalog {
  registry: CalendarRegistry;
  workingDays: WorkingDays;
  notices: HolidayYear[];
  problems: Problem[];
}

/**
 * How many years ahead an open-ended calendar is compiled. The deploy ships these plans and a daily
 * rollover materialises "this year and next" from them, so a stack left alone keeps its reminders
 * coming for this many years without a deploy (and after that, years with no holiday data are only
 * provisional anyway: they are assumed Monday–Friday).
 */
export const YEARS_AHEAD = 5;

/**
 * Pure: catalog + clock → plans, or throws listing every problem as `file: path: message`. A bureau's
 * year plans (`planOf`) are compiled as part of their bureau, never on their own; naming one in `only`
 * compiles its bureau in its year.
 */
export function compilePlans(catalog: CompilableCatalog, now: Date, only?: { calendar?: string | undefined; year?: number | undefined }): CompiledPlans {
  if (catalog.problems.length > 0) {
    throw new CalendarCompilationError(`${catalog.problems.length} problem(s) in calendars:\n${catalog.problems.map(formatProblem).join('\n')}`);
  }
  const plans: Plan[] = [];
  const failures: string[] = [];
  const named = only?.calendar === undefined ? undefined : catalog.registry.get(only.calendar)?.calendar;
  const wanted = named?.planOf ? { calendar: named.planOf.calendar, year: only?.year ?? named.planOf.year } : only;
  const entries = [...catalog.registry.values()].sort((a, b) => a.calendar.id.localeCompare(b.calendar.id));
  for (const { file, calendar } of entries) {
    // Abstract calendars (national observances) are bases to extend; year plans are layers of their bureau.
    if (calendar.abstract || calendar.planOf || (wanted?.calendar !== undefined && calendar.id !== wanted.calendar)) continue;
    for (const year of wanted?.year !== undefined ? [wanted.year] : yearsToCompile(calendar, now)) {
      try {
        plans.push(planFor(catalog.registry, catalog.workingDays, { calendar: calendar.id, year }));
      } catch (error) {
        failures.push(`${file}: years.${year}: ${(error as Error).message}`);
      }
    }
  }
  if (failures.length > 0) throw new CalendarCompilationError(`${failures.length} calendar(s) failed to compile:\n${failures.join('\n')}`);
  return { generatedAt: now.toISOString(), plans, notices: catalog.notices };
}

/**
 * The years a calendar is compiled for: last year (its reports and late items are still being worked
 * on), this year, and up to YEARS_AHEAD years ahead, within its `years` range (no range: every year).
 * "This year" is the year in the calendar's own time zone.
 */
export function yearsToCompile(calendar: Pick<Calendar, 'years' | 'organisation'>, now: Date): number[] {
  const current = currentYear(now, calendar.organisation.timeZone);
  const from = Math.max(calendar.years?.from ?? current - 1, current - 1);
  const to = Math.min(calendar.years?.to ?? current + YEARS_AHEAD, current + YEARS_AHEAD);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}
