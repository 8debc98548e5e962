/**
 * Compiles every schedulable calendar for every year it applies to: what `cdk synth` ships to the
 * materialise function, and what local mode, `fazhi sync` and the simulation materialise.
 */
import type { CalendarRegistry } from './calendar-references.js';
import type { Calendar } from './calendar-schema.js';
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

/** Pure: catalog + clock → plans, or throws listing every problem as `file: path: message`. */
export function compilePlans(catalog: CompilableCatalog, now: Date, only?: { calendar?: string | undefined; year?: number | undefined }): CompiledPlans {
  if (catalog.problems.length > 0) {
    throw new CalendarCompilationError(`${catalog.problems.length} problem(s) in calendars:\n${catalog.problems.map(formatProblem).join('\n')}`);
  }
  const plans: Plan[] = [];
  const failures: string[] = [];
  const entries = [...catalog.registry.values()].sort((a, b) => a.calendar.id.localeCompare(b.calendar.id));
  for (const { file, calendar } of entries) {
    // Abstract calendars (national observances) are bases to extend, not plans with offices.
    if (calendar.abstract || (only?.calendar !== undefined && calendar.id !== only.calendar)) continue;
    for (const year of only?.year !== undefined ? [only.year] : yearsToCompile(calendar, now)) {
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
 * The years a calendar is compiled for: its `years` range; an open range (`to` absent) runs to next year;
 * no range at all means this year and next. "This year" is the year in the calendar's own time zone.
 */
export function yearsToCompile(calendar: Pick<Calendar, 'years' | 'organisation'>, now: Date): number[] {
  // Why the plan's zone: on 31 December after 16:00 UTC it is already next year in Asia/Shanghai.
  const current = Number(new Intl.DateTimeFormat('en-CA', { timeZone: calendar.organisation.timeZone, year: 'numeric' }).format(now));
  const from = calendar.years?.from ?? current;
  const to = calendar.years?.to ?? current + 1;
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}
