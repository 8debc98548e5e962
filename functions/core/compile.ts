/**
 * The compiler: (resolved calendar, year) → occurrences. Pure and deterministic: all arithmetic is on
 * civil dates, so the output is identical whatever the host `TZ`.
 */
import rrule from 'rrule';
import type { ResolvedCalendar } from './calendar-references.js';
import type { Evidence, QuotaPeriod, Schedule, ScheduleKind, ShiftDue, Task } from './calendar-schema.js';
import { addDays, type CivilDate, civilDate, fromUtcMs, lastDayOfMonth, monthDayIn, toUtcMs, yearOf } from './civil-date.js';
import { CalendarYearError, UnknownOfficeError } from './errors.js';
import type { WorkingDays, WorkingDayYear } from './working-days.js';

type EvidenceRequirement = { kind: Evidence['kind']; count: number; note?: string | undefined };

export interface Occurrence {
  /** Stable across runs: calendar/task/office/period. */
  id: string;
  calendar: string;
  task: string;
  title: string;
  kind: ScheduleKind;
  office: string;
  officeName: string;
  /** `2025`, `2025-H2`, `2025-Q3`, `2025-07`, or a date for rrule tasks. */
  period: string;
  opens: CivilDate;
  /** After any shift off a non-working day. */
  due: CivilDate;
  /** Minimum count for quotas; null otherwise. */
  quota: number | null;
  /** Working days on which the owner is reminded, ascending, none after `due`. */
  reminders: CivilDate[];
  /** The working day on which the owner is told to prepare a window or observance before it opens; null for none. */
  prepareOn: CivilDate | null;
  graceDays: number;
  /** The last day before the occurrence counts as overdue (due + grace). */
  overdueAfter: CivilDate;
  evidence: EvidenceRequirement[];
  legalBasis: string[];
  source: string;
  description?: string;
  assignment?: string;
  provisional: boolean;
  provisionalReasons: string[];
}

export interface Plan {
  calendar: string;
  title: string;
  organisation: string;
  timeZone: string;
  year: number;
  policyOffice: string | null;
  offices: { id: string; name: string; emails: string[]; headEmail?: string | undefined }[];
  occurrences: Occurrence[];
  /** Tasks renamed in this calendar (`renamedFrom`): their occurrences carry the old ones' progress on. */
  renames?: { from: string; to: string }[];
  /** The bureau's plan for this year, layered onto its standing calendar; null when none is committed. */
  layer?: { id: string; title: string } | null;
  /**
   * The working days of this year and the next (where the data covers them), stored with the calendar:
   * the sweep and the digest decide "is today a working day" from the same data the plan was compiled with.
   */
  workingDays?: WorkingDayYear[];
}

/** One dated slot of a task, before it is given to its owner offices. */
interface Slot {
  period: string;
  opens: CivilDate;
  due: CivilDate;
  quota: number | null;
  provisionalReasons: string[];
}

/** Office id used when previewing an abstract calendar, which has no offices of its own. */
export const EVERY_OFFICE = '*';

export function compile(calendar: ResolvedCalendar, year: number, workingDays: WorkingDays): Plan {
  checkYear(calendar, year);
  const tasksById = new Map(calendar.tasks.map((task) => [task.id, task]));
  const occurrences: Occurrence[] = [];

  for (const task of calendar.tasks) {
    const slots = slotsOf(task, year, tasksById, workingDays);
    for (const office of ownersOf(task, calendar)) {
      for (const slot of slots) occurrences.push(occurrence(calendar, task, office, slot, workingDays));
    }
  }
  occurrences.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    calendar: calendar.id,
    title: calendar.title,
    organisation: calendar.organisation.name,
    timeZone: calendar.organisation.timeZone,
    year,
    policyOffice: calendar.policyOffice ?? null,
    offices: calendar.offices.map(({ id, name, emails, headEmail }) => ({ id, name, emails, headEmail })),
    occurrences,
    renames: calendar.tasks.flatMap((task) => (task.renamedFrom ?? []).map((from) => ({ from, to: task.id }))),
    layer: calendar.plan ? { id: calendar.plan.id, title: calendar.plan.title } : null,
    workingDays: [year, year + 1].flatMap((y) => workingDays.yearTable(y) ?? []),
  };
}

/** Only the occurrences of one office; an unknown office id is an error, not an empty list. */
export function forOffice(plan: Plan, officeId: string): Plan {
  if (!plan.offices.some((office) => office.id === officeId)) {
    throw new UnknownOfficeError(
      plan.calendar,
      officeId,
      plan.offices.map((o) => o.id),
    );
  }
  return { ...plan, occurrences: plan.occurrences.filter((o) => o.office === officeId) };
}

function checkYear(calendar: ResolvedCalendar, year: number): void {
  const range = calendar.years;
  if (!range) return;
  const to = range.to ?? Number.POSITIVE_INFINITY;
  if (year < range.from || year > to) {
    throw new CalendarYearError(calendar.id, year, range.to === undefined ? `${range.from} onwards` : range.from === range.to ? `${range.from} only` : `${range.from}–${range.to}`);
  }
}

function ownersOf(task: Task, calendar: ResolvedCalendar): { id: string; name: string }[] {
  if (calendar.offices.length === 0) return [{ id: EVERY_OFFICE, name: '各处室' }];
  if (task.owners === 'all') return calendar.offices;
  const ids = task.owners === 'policy' ? [calendar.policyOffice ?? ''] : task.owners;
  return ids.map((id) => {
    const office = calendar.offices.find((o) => o.id === id);
    if (!office)
      throw new UnknownOfficeError(
        calendar.id,
        id,
        calendar.offices.map((o) => o.id),
      );
    return office;
  });
}

function occurrence(calendar: ResolvedCalendar, task: Task, office: { id: string; name: string }, slot: Slot, workingDays: WorkingDays): Occurrence {
  const shift: ShiftDue = task.shiftDue ?? calendar.defaults.shiftDue;
  const due = shiftDue(slot.due, shift, workingDays);
  const opens = earlier(slot.opens, due);
  // A target is progress to show, not a duty to chase: no reminders.
  const leads = task.schedule.kind === 'target' ? [] : (task.reminders ?? calendar.defaults.reminders);
  // A reminder that lands on a weekend or holiday moves to the working day before, so it is never after due.
  const reminders = [...new Set(leads.map((lead) => workingDays.onOrBefore(addDays(due, -lead))))].sort();
  const prepareDays = task.schedule.kind === 'window' || task.schedule.kind === 'fixed' ? (task.prepareDays ?? calendar.defaults.prepareDays) : 0;
  const prepareOn = prepareDays > 0 ? workingDaysBefore(opens, prepareDays, workingDays) : null;
  const graceDays = task.graceDays ?? calendar.defaults.graceDays;

  const reasons = [...slot.provisionalReasons];
  if (task.provisional) reasons.push('task not confirmed');
  const uncovered = [...new Set([opens, due, ...reminders, ...(prepareOn ? [prepareOn] : [])].map(yearOf))].filter((y) => !workingDays.covers(y)).sort();
  for (const y of uncovered) reasons.push(`no holiday data for ${y}: Monday–Friday assumed`);

  return {
    id: `${calendar.id}/${task.id}/${office.id}/${slot.period}`,
    calendar: calendar.id,
    task: task.id,
    title: task.title,
    kind: task.schedule.kind,
    office: office.id,
    officeName: office.name,
    period: slot.period,
    opens,
    due,
    quota: slot.quota,
    reminders,
    prepareOn,
    graceDays,
    overdueAfter: addDays(due, graceDays),
    evidence: task.evidence.map(({ kind, count, note }) => ({ kind, count, ...(note ? { note } : {}) })),
    legalBasis: task.legalBasis,
    source: task.source,
    ...(task.description ? { description: task.description } : {}),
    ...(task.assignment ? { assignment: task.assignment } : {}),
    provisional: reasons.length > 0,
    provisionalReasons: reasons,
  };
}

/** The working day `count` working days before `date` (10 working days before a week that opens on Monday: two weeks before). */
function workingDaysBefore(date: CivilDate, count: number, workingDays: WorkingDays): CivilDate {
  let day = date;
  for (let left = count; left > 0; left -= 1) day = workingDays.onOrBefore(addDays(day, -1));
  return day;
}

function shiftDue(due: CivilDate, shift: ShiftDue, workingDays: WorkingDays): CivilDate {
  if (shift === 'previous-working-day') return workingDays.onOrBefore(due);
  if (shift === 'next-working-day') return workingDays.onOrAfter(due);
  return due;
}

function slotsOf(task: Task, year: number, tasksById: ReadonlyMap<string, Task>, workingDays: WorkingDays): Slot[] {
  return scheduleSlots(task.schedule, year, tasksById, workingDays, new Set([task.id]));
}

function scheduleSlots(schedule: Schedule, year: number, tasksById: ReadonlyMap<string, Task>, workingDays: WorkingDays, visiting: Set<string>): Slot[] {
  const y = String(year);
  const single = (opens: CivilDate, due: CivilDate, provisionalReasons: string[] = []): Slot[] => [{ period: y, opens, due, quota: null, provisionalReasons }];
  switch (schedule.kind) {
    case 'fixed': {
      const date = schedule.years?.[y] ?? monthDayIn(year, schedule.date);
      return single(date, date);
    }
    case 'window': {
      const announced = schedule.years?.[y];
      if (announced) return single(announced.opens, announced.closes);
      const reasons = schedule.announced ? [`dates for ${year} not announced yet: default rule used`] : [];
      return single(monthDayIn(year, schedule.opens), monthDayIn(year, schedule.closes), reasons);
    }
    case 'deadline': {
      const override = schedule.years?.[y];
      const due = override?.due ?? monthDayIn(year, schedule.due);
      const opens = override?.opens ?? monthDayIn(year, schedule.opens ?? '01-01');
      // A duty on the year before (the annual report): its period is the year reported on.
      const period = schedule.reportingYear === 'previous' ? String(year - 1) : y;
      return [{ period, opens: earlier(opens, due), due, quota: null, provisionalReasons: [] }];
    }
    case 'quota': {
      const min = schedule.years?.[y]?.min ?? schedule.min;
      return periodsOf(schedule.per, year).map((p) => ({ ...p, quota: min, provisionalReasons: [] }));
    }
    case 'target': {
      const count = schedule.years?.[y]?.count ?? schedule.count;
      return periodsOf(schedule.per, year).map((p) => ({ ...p, quota: count, provisionalReasons: [] }));
    }
    case 'annual':
      return single(monthDayIn(year, schedule.opens), monthDayIn(year, schedule.due));
    case 'rrule':
      return rruleDates(schedule.rule, year, schedule.anchor).map((date) => ({
        period: date,
        opens: addDays(date, -schedule.leadDays),
        due: date,
        quota: null,
        provisionalReasons: [],
      }));
    case 'after': {
      const target = tasksById.get(schedule.task);
      // Validation rejects unknown and circular references; this guards direct use of the compiler.
      if (!target || visiting.has(target.id)) return [];
      const targetProvisional = target.provisional ? [`follows "${target.id}", which is not confirmed`] : [];
      return scheduleSlots(target.schedule, year, tasksById, workingDays, new Set([...visiting, target.id])).map((slot) => {
        const anchor = schedule.anchor === 'opens' ? slot.opens : slot.due;
        return {
          period: slot.period,
          opens: anchor,
          due: addDays(anchor, schedule.withinDays),
          quota: null,
          provisionalReasons: [...slot.provisionalReasons, ...targetProvisional],
        };
      });
    }
  }
}

function periodsOf(per: QuotaPeriod, year: number): { period: string; opens: CivilDate; due: CivilDate }[] {
  const span = (period: string, fromMonth: number, toMonth: number) => ({
    period,
    opens: civilDate(year, fromMonth, 1),
    due: lastDayOfMonth(year, toMonth),
  });
  switch (per) {
    case 'year':
      return [span(String(year), 1, 12)];
    case 'half-year':
      return [span(`${year}-H1`, 1, 6), span(`${year}-H2`, 7, 12)];
    case 'quarter':
      return [1, 2, 3, 4].map((q) => span(`${year}-Q${q}`, q * 3 - 2, q * 3));
    case 'month':
      return Array.from({ length: 12 }, (_, i) => span(`${year}-${String(i + 1).padStart(2, '0')}`, i + 1, i + 1));
  }
}

/**
 * The dates of an RRULE within one year.
 * Why floating UTC: rrule computes in the host zone unless given UTC dates; we treat its UTC dates as
 * civil dates. DTSTART is the rule's anchor when it has one (its rhythm then runs on across years);
 * a rule without one does not depend on its start (validation makes sure), so 1 January serves.
 */
function rruleDates(rule: string, year: number, anchor?: CivilDate): CivilDate[] {
  const options = rrule.RRule.parseString(rule.replace(/^RRULE:/i, ''));
  const start = toUtcMs(civilDate(year, 1, 1));
  const end = toUtcMs(civilDate(year, 12, 31));
  const expanded = new rrule.RRule({ ...options, dtstart: new Date(anchor ? toUtcMs(anchor) : start) });
  return expanded.between(new Date(start), new Date(end), true).map((date) => fromUtcMs(date.getTime()));
}

/** The earlier of two civil dates (they compare as strings; Math.min would not). */
function earlier(a: CivilDate, b: CivilDate): CivilDate {
  return a <= b ? a : b;
}
