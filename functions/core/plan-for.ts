import { type CalendarRegistry, resolveCalendar } from './calendar-references.js';
import { compile, forOffice, type Plan } from './compile.js';
import type { WorkingDays } from './working-days.js';

/** The compiled plan of one calendar and year, optionally narrowed to one office. */
export function planFor(registry: CalendarRegistry, workingDays: WorkingDays, request: { calendar: string; year: number; office?: string | undefined }): Plan {
  const plan = compile(resolveCalendar(request.calendar, registry, request.year), request.year, workingDays);
  return request.office === undefined ? plan : forOffice(plan, request.office);
}
