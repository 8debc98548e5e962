/**
 * Compiling every bureau calendar for a year, against the naive peer: each task of each office kept as
 * an RRULE and expanded with the `rrule` package for the year (the same dates, none of the working-day
 * shifts, reminders or checks the compiler adds). Both repeated until each has run a second.
 */
import { performance } from 'node:perf_hooks';
import rrule from 'rrule';
import { loadCatalog } from '../../functions/adapters/calendar-files.js';
import { type ResolvedCalendar, resolveCalendar } from '../../functions/core/calendar-references.js';
import type { Schedule } from '../../functions/core/calendar-schema.js';
import { compile } from '../../functions/core/compile.js';
import { atMost, type Figure, reported } from './figures.js';

const YEAR = 2025;

/** The RRULE a peer would store for a schedule: the same dates in the year, as a recurrence. */
function equivalentRule(schedule: Schedule): rrule.RRule {
  const start = new Date(Date.UTC(YEAR, 0, 1));
  const once = (monthDay: string) => new rrule.RRule({ freq: rrule.Frequency.YEARLY, dtstart: new Date(Date.UTC(YEAR, Number(monthDay.slice(0, 2)) - 1, Number(monthDay.slice(3, 5)))), count: 1 });
  const every = (months: number) =>
    new rrule.RRule({ freq: rrule.Frequency.MONTHLY, interval: months, bymonthday: -1, dtstart: new Date(Date.UTC(YEAR, months - 1, 1)), until: new Date(Date.UTC(YEAR, 11, 31)) });
  const perPeriod = { month: 1, quarter: 3, 'half-year': 6, year: 12 } as const;
  switch (schedule.kind) {
    case 'fixed':
      return once(schedule.date);
    case 'window':
      return once(schedule.closes);
    case 'deadline':
    case 'annual':
      return once(schedule.due);
    case 'quota':
    case 'target':
      return every(perPeriod[schedule.per]);
    case 'rrule':
      return new rrule.RRule({ ...rrule.RRule.parseString(schedule.rule.replace(/^RRULE:/i, '')), dtstart: start, until: new Date(Date.UTC(YEAR, 11, 31)) });
    case 'after':
      return once('12-31');
  }
}

function ownersOf(calendar: ResolvedCalendar, owners: ResolvedCalendar['tasks'][number]['owners']): number {
  if (owners === 'all') return calendar.offices.length;
  if (owners === 'policy') return 1;
  return owners.length;
}

function timed(work: () => number): { perRound: number; count: number } {
  let rounds = 0;
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    count = work();
    rounds += 1;
  }
  return { perRound: (performance.now() - started) / rounds, count };
}

export async function compileFigures(): Promise<Figure[]> {
  const catalog = await loadCatalog();
  const calendars = [...catalog.registry.values()]
    .filter((e) => !e.calendar.abstract && !e.calendar.planOf && (!e.calendar.years || (e.calendar.years.from <= YEAR && (e.calendar.years.to ?? 9999) >= YEAR)))
    .map((e) => resolveCalendar(e.calendar.id, catalog.registry, YEAR));
  const ours = timed(() => calendars.reduce((sum, calendar) => sum + compile(calendar, YEAR, catalog.workingDays).occurrences.length, 0));
  const rules = calendars.flatMap((calendar) => calendar.tasks.flatMap((task) => Array.from({ length: ownersOf(calendar, task.owners) }, () => task.schedule)));
  const peer = timed(() => rules.reduce((sum, schedule) => sum + equivalentRule(schedule).all().length, 0));
  return [
    reported(
      `compile: ${calendars.length} bureau calendars for ${YEAR}`,
      ours.perRound,
      'ms',
      `${ours.count.toLocaleString('en')} occurrences (${Math.round(ours.count / (ours.perRound / 1000)).toLocaleString('en')}/s)`,
    ),
    reported('compile peer: the same tasks × offices as raw rrule expansions', peer.perRound, 'ms', `${peer.count.toLocaleString('en')} dates from ${rules.length} rules`),
    atMost('compile vs raw rrule (ratio)', ours.perRound / peer.perRound, '×', 1),
  ];
}
