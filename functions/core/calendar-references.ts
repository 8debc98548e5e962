/**
 * Checks that need more than one calendar: parents, offices and task references, and the merge of
 * a calendar with the calendars it extends. A bureau's year plan (`planOf`) is layered onto its
 * standing calendar for that year: the result is the bureau (its id, offices, policy office) with the
 * plan's tasks on top.
 */
import type { Calendar, Task } from './calendar-schema.js';
import { CalendarValidationError, CalendarYearError, type Problem, UnknownCalendarError } from './errors.js';

export interface CalendarEntry {
  file: string;
  calendar: Calendar;
}

export type CalendarRegistry = ReadonlyMap<string, CalendarEntry>;

/** A calendar with its inherited tasks merged in (parents first; a same-id task replaces the parent's). */
export interface ResolvedCalendar extends Calendar {
  /** For each task id, the calendar that defined it. */
  taskOrigin: ReadonlyMap<string, string>;
  /** The year plan layered on, when there is one for the year asked. */
  plan?: { id: string; title: string; year: number; document?: Calendar['document'] };
}

/**
 * A calendar ready to compile. For a bureau's standing calendar and a year, the plan of that year (if
 * any) is layered on; a plan's own id resolves to its bureau in its year.
 */
export function resolveCalendar(id: string, registry: CalendarRegistry, year?: number): ResolvedCalendar {
  const entry = registry.get(id);
  if (!entry) throw new UnknownCalendarError(id, [...registry.keys()].sort());
  const problems = checkCalendar(entry, registry);
  if (problems.length > 0) throw new CalendarValidationError(problems);
  const planOf = entry.calendar.planOf;
  if (planOf) {
    if (year !== undefined && year !== planOf.year) throw new CalendarYearError(id, year, `${planOf.year} only`);
    const bureau = resolveCalendar(planOf.calendar, registry);
    const layered = merge(id, registry, []);
    return {
      ...bureau,
      tasks: layered.tasks,
      taskOrigin: layered.taskOrigin,
      plan: { id, title: entry.calendar.title, year: planOf.year, ...(entry.calendar.document ? { document: entry.calendar.document } : {}) },
    };
  }
  const plan = year === undefined ? undefined : planFile(id, year, registry);
  return plan ? resolveCalendar(plan, registry) : merge(id, registry, []);
}

/** The id of the plan of `bureau` for `year`, if one is committed. */
export function planFile(bureau: string, year: number, registry: CalendarRegistry): string | undefined {
  return [...registry.values()].find((e) => e.calendar.planOf?.calendar === bureau && e.calendar.planOf.year === year)?.calendar.id;
}

/** What a calendar builds on: its parents, or for a year's plan, its bureau. */
function parentsOf(calendar: Calendar): string[] {
  return calendar.planOf ? [calendar.planOf.calendar] : calendar.extends;
}

/** Every cross-reference problem of every calendar in the registry. */
export function checkRegistry(registry: CalendarRegistry): Problem[] {
  const problems = [...registry.values()].flatMap((entry) => checkCalendar(entry, registry));
  const plans = new Map<string, string>();
  for (const { file, calendar } of registry.values()) {
    if (!calendar.planOf) continue;
    const key = `${calendar.planOf.calendar}/${calendar.planOf.year}`;
    const other = plans.get(key);
    if (other) problems.push({ file, path: 'planOf', message: `${calendar.planOf.calendar} already has a plan for ${calendar.planOf.year} (${other})` });
    else plans.set(key, calendar.id);
  }
  return problems;
}

function checkCalendar(entry: CalendarEntry, registry: CalendarRegistry): Problem[] {
  const { file, calendar } = entry;
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string) => problems.push({ file, path: path.join('.'), message });

  calendar.extends.forEach((parent, index) => {
    if (!registry.has(parent)) report(['extends', index], `unknown calendar "${parent}" (known: ${[...registry.keys()].sort().join(', ')})`);
  });
  const cycle = findCycle(calendar.id, registry, []);
  if (cycle) report(['extends'], `calendars extend each other in a cycle: ${cycle.join(' → ')}`);

  // A year's plan takes its offices from its bureau.
  let offices = calendar.offices;
  let policyOffice = calendar.policyOffice;
  if (calendar.planOf) {
    const bureau = registry.get(calendar.planOf.calendar)?.calendar;
    if (!bureau) {
      report(['planOf', 'calendar'], `unknown calendar "${calendar.planOf.calendar}" (known: ${[...registry.keys()].sort().join(', ')})`);
      return problems;
    }
    if (bureau.abstract || bureau.planOf) {
      report(['planOf', 'calendar'], `"${bureau.id}" is ${bureau.abstract ? 'abstract' : 'itself a plan'}: a plan is layered onto a bureau's standing calendar`);
      return problems;
    }
    const range = bureau.years;
    if (range && (calendar.planOf.year < range.from || calendar.planOf.year > (range.to ?? Number.POSITIVE_INFINITY))) {
      report(['planOf', 'year'], `${bureau.id} applies to ${range.from}–${range.to ?? ''}, not to ${calendar.planOf.year}`);
    }
    offices = bureau.offices;
    policyOffice = bureau.policyOffice;
  }

  const officeIds = new Set<string>();
  if (calendar.planOf) for (const office of offices) officeIds.add(office.id);
  calendar.offices.forEach((office, index) => {
    if (officeIds.has(office.id)) report(['offices', index, 'id'], `duplicate office id "${office.id}"`);
    officeIds.add(office.id);
  });
  const knownOffices = [...officeIds].join(', ') || '(none)';
  if (policyOffice !== undefined && !officeIds.has(policyOffice) && !calendar.planOf) {
    report(['policyOffice'], `unknown office "${policyOffice}" (offices: ${knownOffices})`);
  }

  const ownTaskIds = new Set<string>();
  calendar.tasks.forEach((task, index) => {
    if (ownTaskIds.has(task.id)) report(['tasks', index, 'id'], `duplicate task id "${task.id}"`);
    ownTaskIds.add(task.id);
    if (Array.isArray(task.owners)) {
      if (calendar.abstract) {
        report(['tasks', index, 'owners'], 'an abstract calendar has no offices: use "all" or "policy"');
      } else {
        task.owners.forEach((owner, ownerIndex) => {
          if (!officeIds.has(owner)) report(['tasks', index, 'owners', ownerIndex], `unknown office "${owner}" (offices: ${knownOffices})`);
        });
      }
    }
  });

  // The checks below need the parents; skip them when the parents are broken (reported above).
  if (cycle || parentsOf(calendar).some((parent) => !registry.has(parent))) return problems;

  const inherited = new Map(parentsOf(calendar).flatMap((parent) => merge(parent, registry, []).tasks.map((t) => [t.id, t] as const)));
  calendar.exclude.forEach((taskId, index) => {
    if (!inherited.has(taskId)) report(['exclude', index], `no inherited task "${taskId}" to exclude`);
  });

  const resolved = merge(calendar.id, registry, []);
  const resolvedIds = new Set(resolved.tasks.map((t) => t.id));
  calendar.tasks.forEach((task, index) => {
    (task.renamedFrom ?? []).forEach((old, oldIndex) => {
      // A rename hands the old id's progress over; an old id still in use would be claimed twice.
      if (resolvedIds.has(old)) report(['tasks', index, 'renamedFrom', oldIndex], `"${old}" is still a task of this calendar; renamedFrom names ids no task has any more`);
    });
  });
  if (!calendar.abstract) {
    for (const task of resolved.tasks) {
      if (ownTaskIds.has(task.id) || !Array.isArray(task.owners)) continue;
      for (const owner of task.owners) {
        if (!officeIds.has(owner)) report(['extends'], `inherited task "${task.id}" is owned by office "${owner}", which this calendar does not have`);
      }
    }
  }
  calendar.tasks.forEach((task, index) => {
    if (task.schedule.kind !== 'after') return;
    const target = task.schedule.task;
    if (!resolvedIds.has(target)) {
      report(['tasks', index, 'schedule', 'task'], `unknown task "${target}"`);
    } else if (followsItself(task, resolved.tasks)) {
      report(['tasks', index, 'schedule', 'task'], `task "${task.id}" follows itself through "after" references`);
    }
  });
  return problems;
}

function merge(id: string, registry: CalendarRegistry, seen: string[]): ResolvedCalendar {
  const entry = registry.get(id);
  if (!entry) throw new UnknownCalendarError(id, [...registry.keys()].sort());
  if (seen.includes(id)) throw new CalendarValidationError([{ file: entry.file, path: 'extends', message: `cycle: ${[...seen, id].join(' → ')}` }]);
  const calendar = entry.calendar;
  const tasks = new Map<string, Task>();
  const taskOrigin = new Map<string, string>();
  for (const parent of parentsOf(calendar)) {
    const resolvedParent = merge(parent, registry, [...seen, id]);
    for (const task of resolvedParent.tasks) {
      tasks.set(task.id, task);
      taskOrigin.set(task.id, resolvedParent.taskOrigin.get(task.id) ?? parent);
    }
  }
  for (const taskId of calendar.exclude) {
    tasks.delete(taskId);
    taskOrigin.delete(taskId);
  }
  for (const task of calendar.tasks) {
    tasks.set(task.id, task);
    taskOrigin.set(task.id, id);
  }
  return { ...calendar, tasks: [...tasks.values()], taskOrigin };
}

function findCycle(id: string, registry: CalendarRegistry, path: string[]): string[] | undefined {
  if (path.includes(id)) return [...path.slice(path.indexOf(id)), id];
  const entry = registry.get(id);
  if (!entry) return undefined;
  for (const parent of parentsOf(entry.calendar)) {
    const cycle = findCycle(parent, registry, [...path, id]);
    if (cycle) return cycle;
  }
  return undefined;
}

function followsItself(start: Task, tasks: readonly Task[]): boolean {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const visited = new Set<string>();
  let current: Task | undefined = start;
  while (current && current.schedule.kind === 'after') {
    if (visited.has(current.id)) return true;
    visited.add(current.id);
    current = byId.get(current.schedule.task);
  }
  return false;
}
