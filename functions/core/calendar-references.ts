/**
 * Checks that need more than one calendar: parents, offices and task references, and the merge of
 * a calendar with the calendars it extends.
 */
import type { Calendar, Task } from './calendar-schema.js';
import { CalendarValidationError, UnknownCalendarError, type Problem } from './errors.js';

export interface CalendarEntry {
  file: string;
  calendar: Calendar;
}

export type CalendarRegistry = ReadonlyMap<string, CalendarEntry>;

/** A calendar with its inherited tasks merged in (parents first; a same-id task replaces the parent's). */
export interface ResolvedCalendar extends Calendar {
  /** For each task id, the calendar that defined it. */
  taskOrigin: ReadonlyMap<string, string>;
}

export function resolveCalendar(id: string, registry: CalendarRegistry): ResolvedCalendar {
  const entry = registry.get(id);
  if (!entry) throw new UnknownCalendarError(id, [...registry.keys()].sort());
  const problems = checkCalendar(entry, registry);
  if (problems.length > 0) throw new CalendarValidationError(problems);
  return merge(id, registry, []);
}

/** Every cross-reference problem of every calendar in the registry. */
export function checkRegistry(registry: CalendarRegistry): Problem[] {
  return [...registry.values()].flatMap((entry) => checkCalendar(entry, registry));
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

  const officeIds = new Set<string>();
  calendar.offices.forEach((office, index) => {
    if (officeIds.has(office.id)) report(['offices', index, 'id'], `duplicate office id "${office.id}"`);
    officeIds.add(office.id);
  });
  const knownOffices = [...officeIds].join(', ') || '(none)';
  if (calendar.policyOffice !== undefined && !officeIds.has(calendar.policyOffice)) {
    report(['policyOffice'], `unknown office "${calendar.policyOffice}" (offices: ${knownOffices})`);
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
  if (cycle || calendar.extends.some((parent) => !registry.has(parent))) return problems;

  const inherited = new Map(calendar.extends.flatMap((parent) => merge(parent, registry, []).tasks.map((t) => [t.id, t] as const)));
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
  for (const parent of calendar.extends) {
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
  for (const parent of entry.calendar.extends) {
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
